// Norwegian (bokmål) wording for the printable plan. Staff roles, steps and deadlines come from
// @tiltak/notifications, so the plan, the e-mails and the digest use the same words.
import type {
  AssignmentReason,
  CaseStatus,
  ConcernTrigger,
  EvaluationDecision,
  MappingArea,
  MeetingKind,
  ParticipantKind,
  RiskFactor,
  StudentParticipation,
  Weekday,
} from '@tiltak/domain';
import { roleName } from '@tiltak/notifications';

export const TRIGGER_LABELS: Record<ConcernTrigger, string> = {
  'absence-percentage': 'Fravær over grensen for bekymringsfullt fravær',
  'lesson-absence': 'Høyt timefravær (mønster i fag, timer eller hos lærer)',
  'present-not-in-class': 'Til stede på skolen, men ikke i timene',
  'repeated-late-arrival': 'Gjentakende forsentkomming',
};

export const STATUS_LABELS: Record<CaseStatus, string> = {
  open: 'Åpen',
  paused: 'Satt på pause',
  closed: 'Avsluttet',
};

export const AREA_LABELS: Record<MappingArea, string> = {
  school: 'Skole',
  home: 'Hjem',
  leisure: 'Fritid',
  student: 'Eleven selv',
};

export const RISK_FACTOR_LABELS: Record<RiskFactor, string> = {
  'few-or-no-friends': 'få eller ingen venner',
  'alone-at-breaks': 'alene i friminuttene',
  'too-much-work-pressure': 'for stort arbeidspress',
  'mental-health': 'psykisk helse',
  'friends-not-at-school': 'venner som ikke er på skolen',
  'contact-with-parent-during-school-day': 'kontakt med forelder i skoletiden',
  'poor-relation-to-teacher': 'dårlig relasjon til lærer',
  screens: 'skjerm',
  'learning-difficulties': 'lærevansker',
  'stomach-ache-or-nausea': 'vondt i magen eller kvalme',
  bullying: 'mobbing',
  drugs: 'rusmidler',
  'events-in-family': 'hendelser i familien',
  'difficulty-leaving-home': 'vanskelig å komme seg ut av huset',
  'guardians-distrust-school': 'foresatte har ikke tillit til skolen',
  'unsafe-route-to-school': 'utrygg skolevei',
  diagnosis: 'diagnose',
  'medical-causes': 'medisinske årsaker',
};

const OTHER_PARTICIPANTS: Record<Exclude<ParticipantKind, Parameters<typeof roleName>[0]>, string> = {
  student: 'eleven',
  guardians: 'foresatte',
  gp: 'fastlege',
  bup: '(A)BUP',
  'municipal-psychologist': 'kommunepsykolog',
  'other-resource': 'andre ressurser',
};

export function participantLabel(kind: ParticipantKind): string {
  return kind in OTHER_PARTICIPANTS
    ? OTHER_PARTICIPANTS[kind as keyof typeof OTHER_PARTICIPANTS]
    : roleName(kind as Parameters<typeof roleName>[0]);
}

export const MEETING_LABELS: Record<MeetingKind, string> = {
  'step2-meeting': 'Møte med elev og foresatte',
  'team-around-student-meeting': 'Samarbeidsmøte med teamet rundt eleven',
  'collaboration-meeting': 'Tverrfaglig samarbeidsmøte',
};

export const PARTICIPATION_LABELS: Record<StudentParticipation, string> = {
  attended: 'deltok',
  'view-given-beforehand': 'ga sitt syn før møtet',
  'informed-afterwards': 'informeres etter møtet',
};

export const EFFECT_LABELS = { improved: 'bedre', unchanged: 'uendret', worse: 'verre' } as const;

export const DECISION_LABELS: Record<EvaluationDecision, string> = {
  'close-resolved': 'Saken avsluttes: fraværet er ikke lenger bekymringsfullt',
  'continue-period': 'Tiltakene fortsetter tre nye uker',
  'next-step': 'Saken går videre til neste trinn',
};

export const CONCLUSION_LABELS = {
  explained: 'Fraværet er forklart',
  'concern-remains': 'Bekymringen består',
} as const;

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  monday: 'mandag',
  tuesday: 'tirsdag',
  wednesday: 'onsdag',
  thursday: 'torsdag',
  friday: 'fredag',
};

export const RESPONSIBLE_KIND_LABELS = {
  student: 'Eleven',
  guardians: 'Foresatte',
  staff: 'Ansatt',
} as const;

export const ASSIGNMENT_REASON_LABELS: Record<AssignmentReason, string> = {
  referral: 'henvist',
  escalation: 'kalt inn etter oversittet frist',
};

/** 'PP-tjenesten', 'Kompetanseteamet': a service's name at the start of a line. */
export function serviceLabel(service: Parameters<typeof roleName>[0]): string {
  const name = roleName(service);
  return name.charAt(0).toUpperCase() + name.slice(1);
}
