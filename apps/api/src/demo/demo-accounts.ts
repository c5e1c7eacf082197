// The people the local OIDC provider (tools/oidc-provider.mjs) offers on its "Velg en demoperson"
// page: one account per sign-in subject of the demo staff, described by their assignments, and one
// person Tiltakstrappa does not know (to show the refusal page). Pure; the provider reads it compiled.
import type { StaffRole } from '@tiltak/domain';
import { ALL_DEMO_STAFF_ROWS, DEMO_SCHOOLS, type DemoStaff } from './demo-data';

export interface DemoSignInAccount {
  /** The OIDC subject (`sub`) the provider issues. */
  subject: string;
  name: string;
  /** What the person does, in Norwegian, e.g. "Kontaktlærer og kompetanseteam, Fjordvik barneskole". */
  description: string;
}

/** A subject no staff row has: signing in as it ends on the Norwegian "no access" page. */
export const DEMO_UNKNOWN_SUBJECT = 'ukjent.person@demo.example.no';

const ROLE_TITLES: Record<StaffRole, string> = {
  'contact-teacher': 'kontaktlærer',
  'school-leadership': 'skoleledelse',
  'social-teacher': 'sosiallærer',
  'competence-team': 'kompetanseteam',
  ppt: 'PP-tjenesten',
  'mobile-team': 'Mobilt team',
  'health-nurse': 'helsesykepleier',
};

const SCHOOL_NAMES = new Map<string, string>(Object.values(DEMO_SCHOOLS).map((s) => [s.id, s.name]));

function schoolPart(rows: readonly DemoStaff[]): string {
  const schoolIds = [...new Set(rows.map((r) => r.schoolId ?? r.servesSchoolIds).flat())];
  const names = schoolIds.map((id) => SCHOOL_NAMES.get(id) ?? id);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} og ${names[names.length - 1]}` : names[0];
  if (!list) return '';
  return rows.every((r) => r.schoolId === null) ? `, kommunen (for ${list})` : `, ${list}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One account per person (rows sharing a subject are one person), in the demo data's order. */
export function demoSignInAccounts(rows: readonly DemoStaff[] = ALL_DEMO_STAFF_ROWS): DemoSignInAccount[] {
  const bySubject = new Map<string, DemoStaff[]>();
  for (const row of rows) bySubject.set(row.oidcSubject, [...(bySubject.get(row.oidcSubject) ?? []), row]);
  const accounts = [...bySubject.entries()].map(([subject, personRows]) => {
    const roles = [...new Set(personRows.map((r) => ROLE_TITLES[r.role]))];
    const roleText =
      roles.length > 1 ? `${roles.slice(0, -1).join(', ')} og ${roles[roles.length - 1]}` : roles[0];
    return {
      subject,
      name: personRows[0]?.displayName ?? subject,
      description: `${capitalised(roleText ?? '')}${schoolPart(personRows)}`,
    };
  });
  accounts.push({
    subject: DEMO_UNKNOWN_SUBJECT,
    name: 'Ukjent Person',
    description: 'Ikke registrert i Tiltakstrappa (viser at innloggingen blir avvist)',
  });
  return accounts;
}
