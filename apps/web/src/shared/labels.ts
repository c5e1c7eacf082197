// The product's shared vocabulary in Norwegian bokmål: one place for every enum a person reads.
import type { Schemas } from './api/client';

export type Role = Schemas['StaffResponseDto']['role'];
export type Step = Schemas['CaseResponseDto']['step'];
export type CaseStatus = Schemas['CaseResponseDto']['status'];
export type Trigger = Schemas['CaseResponseDto']['trigger'];
export type DeadlineKind = Schemas['DeadlineDto']['kind'];
export type EventType = Schemas['CaseResponseDto']['allowedEventTypes'][number];

export const roleLabel: Record<Role, string> = {
  'contact-teacher': 'Kontaktlærer',
  'school-leadership': 'Skolens ledelse',
  'social-teacher': 'Sosiallærer',
  'competence-team': 'Kompetanseteam',
  ppt: 'PP-tjenesten',
  'mobile-team': 'Mobilt team',
  'health-nurse': 'Helsesykepleier',
};

export const partnerRoles: readonly Role[] = ['competence-team', 'ppt', 'mobile-team', 'health-nurse'];

export const stepTitle: Record<Step, string> = {
  1: 'Oppklare bekymringen',
  2: 'Møte og kartlegging',
  3: 'Kompetanseteam og samarbeidsmøte',
  4: 'Tverrfaglig samarbeid',
};

export const statusLabel: Record<CaseStatus, string> = {
  open: 'Åpen',
  paused: 'Satt på pause',
  closed: 'Avsluttet',
};

export const triggerLabel: Record<Trigger, string> = {
  'absence-percentage': 'Fravær over grensen',
  'lesson-absence': 'Høyt timefravær',
  'present-not-in-class': 'På skolen, men ikke i timen',
  'repeated-late-arrival': 'Gjentatte forsentkomminger',
};

export const deadlineLabel: Record<DeadlineKind, string> = {
  'step1-contact': 'Samtale med elev og foresatte',
  'step2-meeting': 'Møte med elev og foresatte',
  'step2-evaluation': 'Evaluering av tiltakene',
  'step3-referral': 'Melding til kompetanseteamet',
  'step3-meeting': 'Samarbeidsmøte',
  'step3-evaluation': 'Evaluering av tiltakene',
  'step4-meeting': 'Tverrfaglig samarbeidsmøte',
  'step4-evaluation': 'Evaluering av tiltakene',
};

/** Every event type, the people's and the system's, as the audit trail names it. */
export const eventLabel: Record<string, string> = {
  'case-opened': 'Sak opprettet',
  'step1-contact': 'Samtale med elev og foresatte',
  'meeting-held': 'Møte holdt',
  'mapping-recorded': 'Kartlegging registrert',
  'measure-planned': 'Tiltak avtalt',
  'evaluation-recorded': 'Evaluering registrert',
  'guardian-consent-recorded': 'Samtykke fra foresatte',
  'referral-sent': 'Henvisning sendt',
  'team-advice-recorded': 'Råd fra teamet',
  'note-added': 'Notat',
  'owner-reassigned': 'Ny ansvarlig',
  'case-paused': 'Satt på pause',
  'case-resumed': 'Gjenopptatt',
  'case-closed': 'Avsluttet',
  'reminder-due': 'Påminnelse sendt',
  'deadline-missed': 'Frist oversittet',
  escalated: 'Eskalert',
  'step-entered': 'Nytt trinn',
  'partner-assigned': 'Samarbeidspartner koblet på',
  'notification-sent': 'Varsel sendt',
};

export function eventName(type: string): string {
  return eventLabel[type] ?? type;
}

export const participantLabel: Record<Schemas['MeetingHeldPayloadDto']['participants'][number], string> = {
  ...roleLabel,
  student: 'Eleven',
  guardians: 'Foresatte',
  gp: 'Fastlege',
  bup: '(A)BUP',
  'municipal-psychologist': 'Kommunepsykolog',
  'other-resource': 'Andre ressurser',
};

/** How a student's absence develops: the last four school weeks against the four before. */
export const trendLabel: Record<'rising' | 'falling' | 'stable' | 'unknown', string> = {
  rising: 'Økende',
  falling: 'Synkende',
  stable: 'Stabil',
  unknown: 'Ukjent',
};
