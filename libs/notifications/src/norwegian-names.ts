// Human-readable Norwegian (bokmål) names for what the ladder calls things in code. One place, so every
// notice, digest and timeline reads the same.
import type { DeadlineKind, StaffRole, Step } from '@tiltak/domain';

const STEP_NAMES: Record<Step, string> = {
  1: 'trinn 1: oppklare bekymringen',
  2: 'trinn 2: møte og kartlegging',
  3: 'trinn 3: kompetanseteam og samarbeidsmøte',
  4: 'trinn 4: tverrfaglig samarbeid',
};

const DEADLINE_KIND_NAMES: Record<DeadlineKind, string> = {
  'step1-contact': 'samtale med eleven og kontakt med foresatte (trinn 1)',
  'step2-meeting': 'møte med elev og foresatte (trinn 2)',
  'step2-evaluation': 'evaluering av tiltakene (trinn 2)',
  'step3-referral': 'melding til kompetanseteamet (trinn 3)',
  'step3-meeting': 'samarbeidsmøte med teamet rundt eleven (trinn 3)',
  'step3-evaluation': 'evaluering av tiltakene (trinn 3)',
  'step4-meeting': 'tverrfaglig samarbeidsmøte (trinn 4)',
  'step4-evaluation': 'evaluering av tiltakene (trinn 4)',
};

const ROLE_NAMES: Record<StaffRole, string> = {
  'contact-teacher': 'kontaktlærer',
  'school-leadership': 'skoleledelsen',
  'social-teacher': 'sosiallærer',
  'competence-team': 'kompetanseteamet',
  ppt: 'PP-tjenesten',
  'mobile-team': 'Mobilt team',
  'health-nurse': 'helsesykepleier',
};

/** e.g. 2 → 'trinn 2: møte og kartlegging'. */
export function stepName(step: Step): string {
  return STEP_NAMES[step];
}

/** e.g. 'step2-meeting' → 'møte med elev og foresatte (trinn 2)'. */
export function deadlineKindName(kind: DeadlineKind): string {
  return DEADLINE_KIND_NAMES[kind];
}

/** e.g. 'ppt' → 'PP-tjenesten'. */
export function roleName(role: StaffRole): string {
  return ROLE_NAMES[role];
}

/** 'kontaktlærer, skoleledelsen og PP-tjenesten'. */
export function roleListName(roles: readonly StaffRole[]): string {
  return norwegianList([...new Set(roles)].map(roleName));
}

/** Joins with commas and a final 'og', as Norwegian writes lists. */
export function norwegianList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} og ${items[items.length - 1]}`;
}
