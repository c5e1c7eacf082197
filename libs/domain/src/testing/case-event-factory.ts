// Synthetic cases and events for tests in any project. Everyone here is made up: staff ids such as
// 'staff-kt-1', a student 'student-test-1', no names. Every default passes validateEvent.
import { applyEvent, validateEvent } from '../case-rules';
import type {
  Actor,
  CaseEvent,
  CaseEventPayloads,
  CaseEventType,
  CaseState,
  EvaluationDecision,
  Instant,
  MeetingKind,
  OpenCaseInput,
  ParticipantKind,
  Step,
} from '../model';
import { addDays, addSeconds, osloDate } from '../oslo-time';
import type { LadderPolicy } from '../policy';
import type { SchoolCalendar } from '../school-calendar';

export const TEST_STAFF = {
  contactTeacher: { staffId: 'staff-kt-1', role: 'contact-teacher' },
  otherContactTeacher: { staffId: 'staff-kt-2', role: 'contact-teacher' },
  leadership: { staffId: 'staff-leder-1', role: 'school-leadership' },
  socialTeacher: { staffId: 'staff-sos-1', role: 'social-teacher' },
  competenceTeam: { staffId: 'staff-komp-1', role: 'competence-team' },
  ppt: { staffId: 'staff-ppt-1', role: 'ppt' },
  mobileTeam: { staffId: 'staff-mt-1', role: 'mobile-team' },
  healthNurse: { staffId: 'staff-hs-1', role: 'health-nurse' },
} as const satisfies Record<string, Actor>;

/** Monday 23 November 2026, 10:00 in Oslo: a school day in the example calendar. */
export const TEST_OPENED_AT: Instant = '2026-11-23T09:00:00.000Z';

export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

export interface CaseEventOverrides<T extends CaseEventType> {
  eventId?: string;
  actor?: Actor;
  occurredAt?: Instant;
  payload?: Partial<CaseEventPayloads[T]>;
}

export function buildOpenCaseInput(overrides: Partial<OpenCaseInput> = {}): OpenCaseInput {
  return {
    caseId: 'case-test-1',
    studentId: 'student-test-1',
    schoolId: 'school-test-1',
    ownerStaffId: TEST_STAFF.contactTeacher.staffId,
    trigger: 'absence-percentage',
    absencePercent: 12.5,
    openedAt: TEST_OPENED_AT,
    ...overrides,
  };
}

const MEETING_PARTICIPANTS: Record<MeetingKind, ParticipantKind[]> = {
  'step2-meeting': ['contact-teacher', 'student', 'guardians'],
  'team-around-student-meeting': [
    'contact-teacher',
    'school-leadership',
    'student',
    'guardians',
    'social-teacher',
  ],
  'collaboration-meeting': [
    'contact-teacher',
    'school-leadership',
    'student',
    'guardians',
    'ppt',
    'mobile-team',
  ],
};

const DEFAULT_PAYLOADS: { [T in CaseEventType]: (occurredAt: Instant) => CaseEventPayloads[T] } = {
  'step1-contact': () => ({
    talkedWithStudent: true,
    guardiansContacted: true,
    pattern: {
      weekdays: ['monday'],
      consecutiveDays: false,
      singleDays: true,
      lateArrivals: false,
      leavingEarly: false,
      appointmentsOrAssessmentDays: false,
    },
    guardiansView: 'Foresatte kjenner seg igjen i mønsteret.',
    conclusion: 'concern-remains',
  }),
  'meeting-held': (occurredAt) => ({
    kind: 'step2-meeting',
    heldOn: osloDate(occurredAt),
    participants: MEETING_PARTICIPANTS['step2-meeting'],
    studentParticipation: 'attended',
    nextMeetingOn: addDays(osloDate(occurredAt), 21),
    summary: 'Gikk gjennom skole, hjem, fritid og eleven selv.',
  }),
  'mapping-recorded': () => ({
    areas: {
      school: { riskFactors: ['alone-at-breaks'], summary: 'Lite venner i klassen.' },
      home: { riskFactors: [], summary: 'Gode morgenrutiner.' },
      leisure: { riskFactors: ['screens'], summary: 'Mye skjermtid om kvelden.' },
      student: { riskFactors: ['stomach-ache-or-nausea'], summary: 'Vondt i magen mandager.' },
    },
  }),
  'measure-planned': (occurredAt) => ({
    measureId: `measure-${osloDate(occurredAt)}`,
    what: 'Fast voksen tar imot eleven om morgenen',
    responsible: { kind: 'staff', staffId: TEST_STAFF.contactTeacher.staffId, role: 'contact-teacher' },
    how: 'Møtes ved inngangen kl. 08.15',
    startsOn: osloDate(occurredAt),
    evaluateBy: addDays(osloDate(occurredAt), 21),
    ifNotPossible: 'Sosiallærer tar over',
  }),
  'evaluation-recorded': () => ({
    absencePercent: 8,
    effect: 'improved',
    studentVoice: 'Eleven synes morgenene er lettere.',
    decision: 'close-resolved',
  }),
  'guardian-consent-recorded': () => ({ consentGiven: true }),
  'referral-sent': () => ({ to: 'competence-team' }),
  'team-advice-recorded': () => ({ advice: 'Prøv gradvis økning av tid i klassen.' }),
  'note-added': () => ({ text: 'Ringte foresatte, ingen svar.' }),
  'owner-reassigned': () => ({ newOwnerStaffId: TEST_STAFF.otherContactTeacher.staffId }),
  'case-paused': () => ({ reason: 'hospital-stay', explanation: '' }),
  'case-resumed': () => ({}),
  'case-closed': () => ({ reason: 'moved-school', explanation: '' }),
};

/** A valid event of this type; occurredAt defaults to TEST_OPENED_AT, dates in the payload follow it. */
export function buildCaseEvent<T extends CaseEventType>(
  type: T,
  overrides: CaseEventOverrides<T> = {},
): CaseEventOf<T> {
  const occurredAt = overrides.occurredAt ?? TEST_OPENED_AT;
  return {
    type,
    eventId: overrides.eventId ?? `test:${type}:${occurredAt}`,
    actor: overrides.actor ?? TEST_STAFF.contactTeacher,
    occurredAt,
    payload: { ...DEFAULT_PAYLOADS[type](occurredAt), ...overrides.payload },
  } as unknown as CaseEventOf<T>;
}

export function step1Contact(
  conclusion: 'explained' | 'concern-remains',
  occurredAt: Instant,
  overrides: CaseEventOverrides<'step1-contact'> = {},
): CaseEventOf<'step1-contact'> {
  return buildCaseEvent('step1-contact', {
    ...overrides,
    occurredAt,
    payload: { conclusion, ...overrides.payload },
  });
}

/** A meeting of this kind held on the Oslo date of occurredAt, with fitting participants. */
export function meetingHeld(
  kind: MeetingKind,
  occurredAt: Instant,
  overrides: CaseEventOverrides<'meeting-held'> = {},
): CaseEventOf<'meeting-held'> {
  return buildCaseEvent('meeting-held', {
    ...overrides,
    occurredAt,
    payload: { kind, participants: MEETING_PARTICIPANTS[kind], ...overrides.payload },
  });
}

export function measurePlanned(
  measureId: string,
  occurredAt: Instant,
  overrides: CaseEventOverrides<'measure-planned'> = {},
): CaseEventOf<'measure-planned'> {
  return buildCaseEvent('measure-planned', {
    ...overrides,
    occurredAt,
    payload: { measureId, ...overrides.payload },
  });
}

export function evaluationRecorded(
  decision: EvaluationDecision,
  occurredAt: Instant,
  overrides: CaseEventOverrides<'evaluation-recorded'> = {},
): CaseEventOf<'evaluation-recorded'> {
  return buildCaseEvent('evaluation-recorded', {
    ...overrides,
    occurredAt,
    payload: { decision, ...overrides.payload },
  });
}

/**
 * Events that take a case opened at `openedAt` from step 1 to `target`, one hour apart, meeting every
 * prerequisite on the way (meeting and measure at step 2; consent, referral, team meeting and advice
 * at step 3).
 */
export function eventsToReachStep(target: Step, openedAt: Instant = TEST_OPENED_AT): CaseEvent[] {
  let hour = 0;
  const next = () => addSeconds(openedAt, ++hour * 3600);
  const events: CaseEvent[] = [];
  if (target >= 2) events.push(step1Contact('concern-remains', next()));
  if (target >= 3) {
    events.push(meetingHeld('step2-meeting', next()));
    events.push(measurePlanned('measure-step2-1', next()));
    events.push(evaluationRecorded('next-step', next()));
  }
  if (target >= 4) {
    events.push(buildCaseEvent('guardian-consent-recorded', { occurredAt: next() }));
    events.push(buildCaseEvent('referral-sent', { occurredAt: next() }));
    events.push(meetingHeld('team-around-student-meeting', next()));
    events.push(buildCaseEvent('team-advice-recorded', { occurredAt: next() }));
    events.push(evaluationRecorded('next-step', next()));
  }
  return events;
}

/**
 * Validates and applies each event in turn (now = its occurredAt), throwing on the first rejection:
 * a scenario that goes wrong fails loudly at the event that broke it.
 */
export function applyEvents(
  state: CaseState,
  events: readonly CaseEvent[],
  policy: LadderPolicy,
  calendars: readonly SchoolCalendar[],
): CaseState {
  return events.reduce((current, event) => {
    const validation = validateEvent(current, event, event.occurredAt);
    if (!validation.ok) {
      throw new Error(`${event.type} (${event.eventId}) rejected: ${validation.code} ${validation.message}`);
    }
    return applyEvent(current, event, policy, calendars);
  }, state);
}
