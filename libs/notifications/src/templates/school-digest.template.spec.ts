import { renderSchoolDigest, type SchoolDigestSummary } from './school-digest.template';

const overdueMeeting = {
  caseId: 'a1a1a1a1-0000-4000-8000-000000000001',
  student: '6A, S.H.',
  step: 2 as const,
  deadlineKind: 'step2-meeting' as const,
  dueAt: '2026-03-27T14:00:00.000Z',
};

const summary: SchoolDigestSummary = {
  schoolId: '0c9d8e7f-1111-4222-8333-444455556666',
  schoolName: 'Fjellvang skole',
  weekKey: '2026-W14',
  generatedAt: '2026-03-30T05:00:00.000Z',
  openByStep: { 1: 2, 2: 5, 3: 1, 4: 0 },
  paused: 1,
  overdue: [overdueMeeting],
  upcoming: [
    {
      caseId: 'a1a1a1a1-0000-4000-8000-000000000002',
      student: '9C, O.B.',
      step: 3,
      deadlineKind: 'step3-evaluation',
      dueAt: '2026-04-02T13:00:00.000Z',
    },
  ],
  upcomingUntil: '2026-04-06T05:00:00.000Z',
};

describe('weekly digest for school leadership', () => {
  const mail = renderSchoolDigest(summary, { publicBaseUrl: 'https://tiltak.example.no' });

  it('names the week and the school', () => {
    expect(mail.subject).toBe('Ukeoversikt uke 14, 2026: bekymringsfullt fravær ved Fjellvang skole');
    expect(mail.text).toContain('ved Fjellvang skole, mandag 30. mars 2026 kl. 07.00');
  });

  it('counts open cases by step', () => {
    expect(mail.text).toContain('Åpne saker: 8');
    expect(mail.text).toContain('Trinn 1: oppklare bekymringen: 2');
    expect(mail.text).toContain('Trinn 2: møte og kartlegging: 5');
    expect(mail.text).toContain('Trinn 3: kompetanseteam og samarbeidsmøte: 1');
    expect(mail.text).toContain('Trinn 4: tverrfaglig samarbeid: 0');
    expect(mail.text).toContain('Satt på pause: 1');
  });

  it('lists overdue and upcoming deadlines in Oslo time, across the summer-time change, with links', () => {
    expect(mail.text).toContain('Passerte frister: 1');
    expect(mail.text).toContain(
      '- 6A, S.H.: møte med elev og foresatte (trinn 2), fristen gikk ut fredag 27. mars 2026 kl. 15.00',
    );
    expect(mail.text).toContain('Frister til og med mandag 6. april 2026: 1');
    expect(mail.text).toContain(
      '- 9C, O.B.: evaluering av tiltakene (trinn 3), frist torsdag 2. april 2026 kl. 15.00',
    );
    expect(mail.html).toContain(
      'href="https://tiltak.example.no/cases/a1a1a1a1-0000-4000-8000-000000000001"',
    );
    expect(mail.text).toContain('https://tiltak.example.no/cases\n');
  });

  it('says so when nothing is overdue or coming', () => {
    const quiet = renderSchoolDigest(
      { ...summary, overdue: [], upcoming: [] },
      { publicBaseUrl: 'https://x.example' },
    );
    expect(quiet.text).toContain('Ingen frister er passert.');
    expect(quiet.text).toContain('Ingen frister i perioden.');
  });

  it('cuts very long lists', () => {
    const many = Array.from({ length: 45 }, (_, i) => ({ ...overdueMeeting, caseId: `c-${i}` }));
    const long = renderSchoolDigest({ ...summary, overdue: many }, { publicBaseUrl: 'https://x.example' });
    expect(long.text).toContain('Passerte frister: 45');
    expect(long.text).toContain('… og 5 til');
  });
});
