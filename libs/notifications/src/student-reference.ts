// The one place that decides how much of the student an email reveals. School staff know the student
// and need to recognise the case: class and initials. Partners (PPT, the mobile team, the health nurse)
// work municipality-wide and get only a case reference they can open behind a login. Notes, mapping
// answers and health details never reach an email; no template receives them.
import { createHash } from 'node:crypto';
import type { StaffRole } from '@tiltak/domain';

export type RecipientScope = 'school-staff' | 'partner';

const SCOPE_BY_ROLE: Record<StaffRole, RecipientScope> = {
  'contact-teacher': 'school-staff',
  'school-leadership': 'school-staff',
  'social-teacher': 'school-staff',
  // The competence team sits at the school (kompetanseteam / ressursteam).
  'competence-team': 'school-staff',
  ppt: 'partner',
  'mobile-team': 'partner',
  'health-nurse': 'partner',
};

export function recipientScopeForRole(role: StaffRole): RecipientScope {
  return SCOPE_BY_ROLE[role];
}

/** What the reference may be built from. Names are used for initials only. */
export type { StudentForReference } from '@tiltak/persistence';
import type { StudentForReference } from '@tiltak/persistence';

/** '7B, K.N.' for school staff; 'sak 3F9A-2C1B' for partners (and whenever the student is unknown). */
export function studentReference(scope: RecipientScope, student: StudentForReference): string {
  return studentMention(scope, student).reference;
}

/** How a notice names the student: as a table row and inside a sentence. */
export interface StudentMention {
  /** 'Elev' or 'Saksreferanse'. */
  label: string;
  /** '7B, K.N.' or 'sak 3F9A-2C1B'. */
  reference: string;
  /** 'saken for 7B, K.N.' or 'sak 3F9A-2C1B'. */
  inSentence: string;
}

export function studentMention(scope: RecipientScope, student: StudentForReference): StudentMention {
  const initials = studentInitials(student.givenName, student.familyName);
  const className = student.className?.trim();
  if (scope === 'partner' || (!initials && !className)) {
    const reference = `sak ${caseReference(student.caseId)}`;
    return { label: 'Saksreferanse', reference, inSentence: reference };
  }
  const reference = [className, initials].filter(Boolean).join(', ');
  return { label: 'Elev', reference, inSentence: `saken for ${reference}` };
}

/**
 * A short, stable reference that says nothing about the person: derived from the opaque case id by
 * hashing, so it does not even reveal the id's prefix. Eight hex digits: collisions among a
 * municipality's open cases are vanishingly rare, and the link in the email carries the full id.
 */
export function caseReference(caseId: string): string {
  const hex = createHash('sha256').update(caseId).digest('hex').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}

/** 'Kari Nordmann' → 'K.N.'; the first given name and the first family name only. */
export function studentInitials(givenName: string | null, familyName: string | null): string {
  const first = (name: string | null) => {
    const letter = name
      ?.trim()
      .split(/[\s-]+/)[0]
      ?.charAt(0);
    return letter ? `${letter.toLocaleUpperCase('nb-NO')}.` : '';
  };
  return `${first(givenName)}${first(familyName)}`;
}
