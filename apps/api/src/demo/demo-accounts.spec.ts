import { DEMO_UNKNOWN_SUBJECT, demoSignInAccounts } from './demo-accounts';
import { ALL_DEMO_STAFF_ROWS, DEMO_EXTRA_ASSIGNMENTS, DEMO_STAFF } from './demo-data';

describe('demo sign-in accounts', () => {
  const accounts = demoSignInAccounts();

  it('has one account per person: rows sharing a subject are one person', () => {
    const subjects = new Set(ALL_DEMO_STAFF_ROWS.map((r) => r.oidcSubject));
    expect(accounts).toHaveLength(subjects.size + 1);
    expect(new Set(accounts.map((a) => a.subject)).size).toBe(accounts.length);
    expect(DEMO_EXTRA_ASSIGNMENTS.fjordvikTeacher5ACompetenceTeam.oidcSubject).toBe(
      DEMO_STAFF.fjordvikTeacher5A.oidcSubject,
    );
  });

  it('describes each person by their assignments in Norwegian', () => {
    const by = (subject: string) => accounts.find((a) => a.subject === subject);
    expect(by(DEMO_STAFF.fjordvikTeacher5A.oidcSubject)).toEqual({
      subject: DEMO_STAFF.fjordvikTeacher5A.oidcSubject,
      name: 'Ingrid Haugen',
      description: 'Kontaktlærer og kompetanseteam, Fjordvik barneskole',
    });
    expect(by(DEMO_STAFF.bakkeliLeader.oidcSubject)?.description).toBe('Skoleledelse, Bakkeli ungdomsskole');
    expect(by(DEMO_STAFF.mobileTeam.oidcSubject)?.description).toBe(
      'Mobilt team, kommunen (for Fjordvik barneskole og Bakkeli ungdomsskole)',
    );
  });

  it('ends with a person Tiltakstrappa does not know', () => {
    expect(accounts.at(-1)).toMatchObject({ subject: DEMO_UNKNOWN_SUBJECT, name: 'Ukjent Person' });
    expect(ALL_DEMO_STAFF_ROWS.some((r) => r.oidcSubject === DEMO_UNKNOWN_SUBJECT)).toBe(false);
  });

  it('gives every staff row a subject, distinct between people', () => {
    const people = new Map<string, string>();
    for (const row of ALL_DEMO_STAFF_ROWS) {
      expect(row.oidcSubject).toMatch(/^[a-z.]+@demo\.example\.no$/);
      expect(people.get(row.oidcSubject) ?? row.displayName).toBe(row.displayName);
      people.set(row.oidcSubject, row.displayName);
    }
  });
});
