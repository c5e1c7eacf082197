// The vocabulary of a concern case (bekymringssak). Types only: the rules live beside them as pure
// functions. Everything here is serialisable (plain JSON) because it travels through Temporal.
import type { AbsenceFigures } from './absence-detection';

/** An instant in UTC as an ISO-8601 string, e.g. `2026-11-26T14:00:00.000Z`. */
export type Instant = string;
/** A calendar date in Europe/Oslo, `YYYY-MM-DD`. */
export type LocalDate = string;

export const STEPS = [1, 2, 3, 4] as const;
/** The four steps of the ladder (tiltakstrappa). */
export type Step = (typeof STEPS)[number];

export const CASE_STATUSES = ['open', 'paused', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STAFF_ROLES = [
  'contact-teacher', // kontaktlærer
  'school-leadership', // skolens ledelse / rektor
  'social-teacher', // sosiallærer
  'competence-team', // kompetanseteam / ressursteam / nærværsteam
  'ppt', // PP-tjenesten
  'mobile-team', // Mobilt team
  'health-nurse', // helsesykepleier
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * The services a case is assigned to rather than reached by school or step: they see a case only once a
 * referral or an escalation has named them (need to know by assignment), and then only at the schools
 * they serve.
 */
export const PARTNER_SERVICES = [
  'competence-team',
  'ppt',
  'mobile-team',
  'health-nurse',
] as const satisfies readonly StaffRole[];
export type PartnerService = (typeof PARTNER_SERVICES)[number];

export function isPartnerService(role: string): role is PartnerService {
  return (PARTNER_SERVICES as readonly string[]).includes(role);
}

/** Who takes part in a meeting: staff roles plus the student and guardians and outside partners. */
export const PARTICIPANT_KINDS = [
  ...STAFF_ROLES,
  'student',
  'guardians',
  'gp', // fastlege
  'bup', // (A)BUP
  'municipal-psychologist',
  'other-resource',
] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

/** The four concern triggers (bekymringsfullt fravær). */
export const CONCERN_TRIGGERS = [
  'absence-percentage', // 10 % or more, measured continuously
  'lesson-absence', // timefravær: patterns by subject, lesson or teacher
  'present-not-in-class',
  'repeated-late-arrival', // gjentakende forsentkomming
] as const;
export type ConcernTrigger = (typeof CONCERN_TRIGGERS)[number];

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Areas of the simplified mapping and the analysis model. */
export const MAPPING_AREAS = ['school', 'home', 'leisure', 'student'] as const;
export type MappingArea = (typeof MAPPING_AREAS)[number];

/** Typical risk factors from the guide's analysis model, as checkboxes (no free-text health data). */
export const RISK_FACTORS = [
  'few-or-no-friends',
  'alone-at-breaks',
  'too-much-work-pressure',
  'mental-health',
  'friends-not-at-school',
  'contact-with-parent-during-school-day',
  'poor-relation-to-teacher',
  'screens',
  'learning-difficulties',
  'stomach-ache-or-nausea',
  'bullying',
  'drugs',
  'events-in-family',
  'difficulty-leaving-home',
  'guardians-distrust-school',
  'unsafe-route-to-school',
  'diagnosis',
  'medical-causes',
] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];

/** The kinds of deadline the ladder sets. */
export const DEADLINE_KINDS = [
  'step1-contact', // talk with student and guardians: same day
  'step2-meeting', // meeting within 1 week
  'step2-evaluation', // measures run 3 weeks, then evaluation
  'step3-referral', // report to the competence team within 1 week (after consent)
  'step3-meeting', // collaboration meeting with the team around the student within 1 week
  'step3-evaluation', // 3-week loop
  'step4-meeting', // interdisciplinary collaboration within 3 weeks, then at least every 3 weeks
  'step4-evaluation', // 3-week loop
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DEADLINE_STATUSES = ['open', 'reminded', 'missed', 'escalated'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export interface Deadline {
  /** Deterministic within a case: `${kind}#${sequence}`. */
  id: string;
  kind: DeadlineKind;
  step: Step;
  dueAt: Instant;
  remindAt: Instant;
  escalateAt: Instant;
  status: DeadlineStatus;
}

export interface Actor {
  staffId: string;
  role: StaffRole;
}

/** A short free text, bounded; never meant for health details (use the structured fields). */
export type BoundedText = string;

/** Why the system opened a case (ADR 0009): prefills the step-1 form. */
export interface CaseDetection {
  /** Every trigger that crossed at once, the case's own first. */
  triggers: ConcernTrigger[];
  /** The absence_signals rows behind it. */
  signalIds: string[];
  figures: AbsenceFigures;
  pattern: AbsencePattern;
}

export interface AbsencePattern {
  weekdays: Weekday[];
  consecutiveDays: boolean;
  singleDays: boolean;
  lateArrivals: boolean;
  leavingEarly: boolean;
  appointmentsOrAssessmentDays: boolean;
}

/** Who carries out a measure: a staff member, or the student / guardians themselves. */
export const RESPONSIBLE_KINDS = ['staff', 'student', 'guardians'] as const;
export type ResponsibleKind = (typeof RESPONSIBLE_KINDS)[number];

export interface MeasureResponsible {
  kind: ResponsibleKind;
  staffId?: string;
  role?: StaffRole;
}

export interface Measure {
  measureId: string;
  what: BoundedText;
  responsible: MeasureResponsible;
  how: BoundedText;
  startsOn: LocalDate;
  evaluateBy: LocalDate;
  ifNotPossible: BoundedText;
  step: Step;
}

// ---- Events people record -------------------------------------------------------------------------
// The payload types below are checked against the schema (case-event-schema.ts), which validates them at
// the API's edge and in the workflow and generates their OpenAPI schemas: the values of every choice are
// listed once, here, and the schema and the types both read them.

/** explained (e.g. illness) closes the case at step 1; concern-remains moves it to step 2. */
export const STEP1_CONCLUSIONS = ['explained', 'concern-remains'] as const;
export type Step1Conclusion = (typeof STEP1_CONCLUSIONS)[number];

export interface Step1ContactPayload {
  talkedWithStudent: boolean;
  guardiansContacted: boolean;
  pattern: AbsencePattern;
  guardiansView: BoundedText;
  conclusion: Step1Conclusion;
}

/**
 * The meeting of each step, named as the guide names them: step 2's meeting with the student and the
 * guardians, step 3's collaboration meeting with the team around the student, step 4's
 * interdisciplinary collaboration meeting. Step 3's was recorded as `team-meeting` before
 * (legacy-events.ts reads it under its current name).
 */
export const MEETING_KINDS = [
  'step2-meeting',
  'team-around-student-meeting',
  'collaboration-meeting',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** A student who does not attend gives their view beforehand and is informed afterwards. */
export const STUDENT_PARTICIPATIONS = ['attended', 'view-given-beforehand', 'informed-afterwards'] as const;
export type StudentParticipation = (typeof STUDENT_PARTICIPATIONS)[number];

export interface MeetingHeldPayload {
  kind: MeetingKind;
  heldOn: LocalDate;
  participants: ParticipantKind[];
  studentParticipation: StudentParticipation;
  /** Every meeting ends by setting the date of the next one. */
  nextMeetingOn: LocalDate;
  summary: BoundedText;
}

export interface MappingAreaRecord {
  riskFactors: RiskFactor[];
  summary: BoundedText;
}
export interface MappingRecordedPayload {
  areas: Record<MappingArea, MappingAreaRecord>;
}

export type MeasurePlannedPayload = Omit<Measure, 'step'>;

export const EVALUATION_DECISIONS = ['close-resolved', 'continue-period', 'next-step'] as const;
export type EvaluationDecision = (typeof EVALUATION_DECISIONS)[number];

export const EVALUATION_EFFECTS = ['improved', 'unchanged', 'worse'] as const;
export type EvaluationEffect = (typeof EVALUATION_EFFECTS)[number];

export interface EvaluationRecordedPayload {
  absencePercent: number;
  effect: EvaluationEffect;
  studentVoice: BoundedText;
  decision: EvaluationDecision;
}

export interface GuardianConsentPayload {
  consentGiven: boolean;
}
export interface ReferralSentPayload {
  /** Step 3: the competence team; step 4: a partner of the interdisciplinary collaboration. */
  to: PartnerService;
}
export interface TeamAdvicePayload {
  advice: BoundedText;
}
export interface NotePayload {
  text: BoundedText;
}
export interface OwnerReassignedPayload {
  newOwnerStaffId: string;
}
export const PAUSE_REASONS = ['hospital-stay', 'long-term-illness', 'other'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export interface CasePausedPayload {
  reason: PauseReason;
  explanation: BoundedText;
}
export type CaseResumedPayload = Record<string, never>;
export const CLOSE_REASONS = ['resolved', 'moved-school', 'other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export interface CaseClosedPayload {
  reason: CloseReason;
  explanation: BoundedText;
}

export interface CaseEventPayloads {
  'step1-contact': Step1ContactPayload;
  'meeting-held': MeetingHeldPayload;
  'mapping-recorded': MappingRecordedPayload;
  'measure-planned': MeasurePlannedPayload;
  'evaluation-recorded': EvaluationRecordedPayload;
  'guardian-consent-recorded': GuardianConsentPayload;
  'referral-sent': ReferralSentPayload;
  'team-advice-recorded': TeamAdvicePayload;
  'note-added': NotePayload;
  'owner-reassigned': OwnerReassignedPayload;
  'case-paused': CasePausedPayload;
  'case-resumed': CaseResumedPayload;
  'case-closed': CaseClosedPayload;
}
export type CaseEventType = keyof CaseEventPayloads;
export const CASE_EVENT_TYPES = [
  'step1-contact',
  'meeting-held',
  'mapping-recorded',
  'measure-planned',
  'evaluation-recorded',
  'guardian-consent-recorded',
  'referral-sent',
  'team-advice-recorded',
  'note-added',
  'owner-reassigned',
  'case-paused',
  'case-resumed',
  'case-closed',
] as const satisfies readonly CaseEventType[];

/** An event a person records on a case. `eventId` is the idempotency key. */
export type CaseEvent = {
  [T in CaseEventType]: {
    type: T;
    eventId: string;
    actor: Actor;
    /** When it happened, as told by the person; never in the future. */
    occurredAt: Instant;
    payload: CaseEventPayloads[T];
  };
}[CaseEventType];

// ---- Events the system records ----------------------------------------------------------------------

export interface SystemEventPayloads {
  'case-opened': {
    trigger: ConcernTrigger;
    absencePercent: number | null;
    ownerStaffId: string;
    /** Present when the system opened the case from absence data: why, with the figures and pattern. */
    detection?: CaseDetection;
    /** Who opened it (absent on cases opened before it was recorded). */
    openedBy?: CaseOpener;
  };
  'step-entered': { step: Step };
  /** `skipped`: not sent, because the deadline had already passed when the reminder fired. */
  'reminder-due': {
    deadlineId: string;
    kind: DeadlineKind;
    dueAt: Instant;
    notifyRoles: StaffRole[];
    skipped?: ReminderSkipReason;
  };
  'deadline-missed': { deadlineId: string; kind: DeadlineKind; dueAt: Instant; notifyRoles: StaffRole[] };
  escalated: { deadlineId: string; kind: DeadlineKind; dueAt: Instant; escalateToRoles: StaffRole[] };
  /** A service now has access to the case; `sourceEventId` is the referral or escalation that named it. */
  'partner-assigned': { service: PartnerService; reason: AssignmentReason; sourceEventId: string };
  /** The case closed: its own timeline entry, after the event that decided it (`causeEventId`). */
  'case-ended': { reason: string; causeEventId: string };
}

/** Why a reminder was recorded but not sent. */
export type ReminderSkipReason = 'deadline-passed';
export type SystemEventType = keyof SystemEventPayloads;

export type SystemEvent = {
  [T in SystemEventType]: {
    type: T;
    /** Deterministic, e.g. `${caseId}:reminder-due:${deadlineId}`, so retries never double it. */
    eventId: string;
    occurredAt: Instant;
    payload: SystemEventPayloads[T];
  };
}[SystemEventType];

export type AssignmentReason = 'referral' | 'escalation';

/** A service assigned to the case, at most one per service; assignments are never withdrawn. */
export interface PartnerAssignment {
  service: PartnerService;
  reason: AssignmentReason;
  /** The referral-sent or escalated event that named the service. */
  sourceEventId: string;
  assignedAt: Instant;
}

// ---- The case --------------------------------------------------------------------------------------

export interface CaseState {
  caseId: string;
  studentId: string;
  schoolId: string;
  ownerStaffId: string;
  trigger: ConcernTrigger;
  step: Step;
  status: CaseStatus;
  openedAt: Instant;
  closedAt: Instant | null;
  closeReason: string | null;
  pausedAt: Instant | null;
  /** Open deadlines only; fulfilled ones are removed. */
  deadlines: Deadline[];
  measures: Measure[];
  /**
   * The services assigned to the case. Absent in states recorded before assignments existed (old
   * histories, carried state): read it through assignmentsOf().
   */
  assignments?: PartnerAssignment[];
  /** What the current step has seen so far (reset when the step changes). */
  stepProgress: {
    meetingHeld: boolean;
    mappingRecorded: boolean;
    consentGiven: boolean | null;
    referralSent: boolean;
    teamAdviceRecorded: boolean;
    evaluations: number;
  };
  /** One counter across every deadline kind: numbers each new deadline's id (`<kind>#<n>`), so ids stay unique and deterministic. */
  deadlineSequence: number;
  /** Count of accepted events, people's and the system's. */
  eventCount: number;
  /** Absent when a person opened the case: the trigger, figures and pattern absence detection found. */
  detection?: CaseDetection;
  lastEventAt: Instant;
}

/** Who opened a case: a person, or the system from absence data (ADR 0009). */
export type CaseOpener = Actor | { system: 'absence-detection'; importId: string | null };

/** The person who opened a case, from its case-opened payload; null when the system did (or unknown). */
export function personWhoOpened(payload: { openedBy?: CaseOpener } | null | undefined): Actor | null {
  const openedBy = payload?.openedBy;
  return openedBy && 'staffId' in openedBy ? { staffId: openedBy.staffId, role: openedBy.role } : null;
}

export interface OpenCaseInput {
  caseId: string;
  studentId: string;
  schoolId: string;
  ownerStaffId: string;
  trigger: ConcernTrigger;
  absencePercent: number | null;
  openedAt: Instant;
  /** Set when absence detection opened the case (the actor is the system). */
  detection?: CaseDetection;
}

export const REJECTION_CODES = [
  'CASE_CLOSED',
  'CASE_PAUSED',
  'CASE_NOT_PAUSED',
  'EVENT_NOT_ALLOWED_AT_STEP',
  'PREREQUISITE_MISSING',
  'INVALID_EVENT',
  'OCCURRED_IN_FUTURE',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export type Validation = { ok: true } | { ok: false; code: RejectionCode; message: string };

/** An event as the case workflow recorded it: with its case, the step it happened at and when. */
export type RecordedEvent = (CaseEvent | (SystemEvent & { actor?: undefined })) & {
  caseId: string;
  step: Step;
  recordedAt: Instant;
};
