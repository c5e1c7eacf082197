// The ladder's transitions as pure functions over CaseState. The workflow calls validateEvent in its
// Update validator and applyEvent in the handler; neither reads a clock, so replays agree.
import { isBoundedId, isPercent, MAX_ID_LENGTH } from './case-event-schema';
import { validateCaseEventShape } from './case-event-validation';
import { applyOffset, schoolDayEndsBetween, scheduleDeadline } from './deadlines';
import {
  CONCERN_TRIGGERS,
  type CaseEvent,
  type CaseEventType,
  type CaseState,
  type Deadline,
  type DeadlineKind,
  type EvaluationDecision,
  type Instant,
  type MeetingKind,
  type OpenCaseInput,
  type RejectionCode,
  type Step,
  type Validation,
} from './model';
import { assignServices, REFERRAL_TARGETS_FOR_STEP, SERVICES_ON_REFERRAL } from './partner-assignments';
import { addSeconds, compareInstants, instantToMs, isValidInstant, maxInstant, osloDate } from './oslo-time';
import type { LadderPolicy } from './policy';
import type { SchoolCalendar } from './school-calendar';
import { checklistBlockingEvaluation } from './step-checklist';

/** How far a client's clock may run ahead before an event counts as "in the future". */
export const CLOCK_SKEW_SECONDS = 5 * 60;

/** Events any open case accepts, whatever its step. */
export const GENERIC_EVENT_TYPES = [
  'note-added',
  'owner-reassigned',
  'case-paused',
  'case-resumed',
  'case-closed',
] as const satisfies readonly CaseEventType[];

/** A paused case still takes notes, a new owner, and can be resumed or closed. */
export const EVENTS_ALLOWED_WHILE_PAUSED = [
  'note-added',
  'owner-reassigned',
  'case-resumed',
  'case-closed',
] as const satisfies readonly CaseEventType[];

const STEP_EVENT_TYPES: Record<Step, readonly CaseEventType[]> = {
  1: ['step1-contact'],
  2: ['meeting-held', 'mapping-recorded', 'measure-planned', 'evaluation-recorded'],
  3: [
    'guardian-consent-recorded',
    'referral-sent',
    'meeting-held',
    'mapping-recorded',
    'measure-planned',
    'team-advice-recorded',
    'evaluation-recorded',
  ],
  // A step-4 referral brings a partner (PPT, mobile team, health nurse) into the collaboration.
  4: ['referral-sent', 'meeting-held', 'mapping-recorded', 'measure-planned', 'evaluation-recorded'],
};

/** The meeting each step holds; step 1 is a phone call or talk, recorded as step1-contact. */
export const MEETING_KIND_FOR_STEP: Record<Step, MeetingKind | null> = {
  1: null,
  2: 'step2-meeting',
  3: 'team-around-student-meeting',
  4: 'collaboration-meeting',
};

/** Step 2 decides between closing and step 3; steps 3–4 may loop another 3 weeks; step 4 is the top. */
export const EVALUATION_DECISIONS_FOR_STEP: Record<Step, readonly EvaluationDecision[]> = {
  1: [],
  2: ['close-resolved', 'next-step'],
  3: ['close-resolved', 'continue-period', 'next-step'],
  4: ['close-resolved', 'continue-period'],
};

/** The deadlines a step opens when the case enters it. */
export const DEADLINES_ON_ENTRY: Record<Step, readonly DeadlineKind[]> = {
  1: ['step1-contact'],
  2: ['step2-meeting'],
  3: ['step3-referral', 'step3-meeting'],
  4: ['step4-meeting', 'step4-evaluation'],
};

const EVALUATION_DEADLINE: Record<Step, DeadlineKind | null> = {
  1: null,
  2: 'step2-evaluation',
  3: 'step3-evaluation',
  4: 'step4-evaluation',
};

/** The events a case at this step accepts while open (step events first, then the generic ones). */
export function allowedEventTypes(step: Step): CaseEventType[] {
  return [...STEP_EVENT_TYPES[step], ...GENERIC_EVENT_TYPES];
}

// ---- opening ---------------------------------------------------------------------------------------

/** Checks the input that starts a case; `now` bounds openedAt like any event's occurredAt. */
export function validateOpenCaseInput(input: OpenCaseInput, now: Instant): Validation {
  const errors: string[] = [];
  const known = [
    'caseId',
    'studentId',
    'schoolId',
    'ownerStaffId',
    'trigger',
    'absencePercent',
    'openedAt',
    'detection',
  ];
  if (typeof input !== 'object' || input === null) {
    return reject('INVALID_EVENT', 'The case input must be an object.');
  }
  for (const key of Object.keys(input)) if (!known.includes(key)) errors.push(`${key}: unknown field`);
  for (const key of ['caseId', 'studentId', 'schoolId', 'ownerStaffId'] as const) {
    if (!isBoundedId(input[key])) {
      errors.push(`${key}: must be a non-empty id of at most ${MAX_ID_LENGTH} characters`);
    }
  }
  if (!(CONCERN_TRIGGERS as readonly unknown[]).includes(input.trigger)) {
    errors.push(`trigger: must be one of ${CONCERN_TRIGGERS.join(', ')}`);
  }
  if (input.absencePercent !== null && !isPercent(input.absencePercent)) {
    errors.push('absencePercent: must be null or a number from 0 to 100');
  }
  if (!isValidInstant(input.openedAt)) errors.push('openedAt: must be an ISO-8601 instant');
  if (errors.length > 0) return reject('INVALID_EVENT', errors.join('; '));
  if (isInTheFuture(input.openedAt, now)) {
    return reject('OCCURRED_IN_FUTURE', `openedAt ${input.openedAt} is in the future (now is ${now}).`);
  }
  return { ok: true };
}

/** A new case at step 1, due the same school day it was raised. */
export function openCase(
  input: OpenCaseInput,
  policy: LadderPolicy,
  calendars: readonly SchoolCalendar[],
): CaseState {
  const opened: CaseState = {
    caseId: input.caseId,
    studentId: input.studentId,
    schoolId: input.schoolId,
    ownerStaffId: input.ownerStaffId,
    trigger: input.trigger,
    step: 1,
    status: 'open',
    openedAt: input.openedAt,
    closedAt: null,
    closeReason: null,
    pausedAt: null,
    deadlines: [],
    measures: [],
    assignments: [],
    stepProgress: emptyStepProgress(),
    deadlineSequence: 0,
    // The case-opened system event is the first.
    eventCount: 1,
    lastEventAt: input.openedAt,
    ...(input.detection ? { detection: input.detection } : {}),
  };
  return openDeadlines(opened, DEADLINES_ON_ENTRY[1], input.openedAt, policy, calendars);
}

// ---- validation ------------------------------------------------------------------------------------

/**
 * Whether a recorded event may be applied to the case now, with a typed reason when not. Checks, in
 * order: closed case, shape, time (future beyond clock skew, before the case opened), pause, step,
 * meeting kind and evaluation decision for the step, then prerequisites.
 */
export function validateEvent(state: CaseState, event: CaseEvent, now: Instant): Validation {
  if (state.status === 'closed') {
    return reject('CASE_CLOSED', `Case ${state.caseId} is closed; it accepts no more events.`);
  }
  const shapeErrors = validateCaseEventShape(event);
  if (shapeErrors.length > 0) return reject('INVALID_EVENT', shapeErrors.join('; '));

  if (isInTheFuture(event.occurredAt, now)) {
    return reject('OCCURRED_IN_FUTURE', `occurredAt ${event.occurredAt} is in the future (now is ${now}).`);
  }
  if (compareInstants(event.occurredAt, state.openedAt) < 0) {
    return reject(
      'INVALID_EVENT',
      `occurredAt ${event.occurredAt} is before the case was opened (${state.openedAt}).`,
    );
  }

  const atStatusAndStep = refusalAtStatusAndStep(state, event.type);
  if (atStatusAndStep) return atStatusAndStep;
  return validateAgainstStep(state, event, now);
}

/**
 * The event types the case accepts now, whatever their payload: open, paused or closed, the step's
 * events, and what must come before (consent before the step-3 referral, the referral before the
 * team's advice, the checklist before an evaluation). validateEvent applies the same checks, so a
 * type listed here is refused only for what its payload says (a date, a meeting kind, a decision).
 */
export function acceptedEventTypes(state: CaseState): CaseEventType[] {
  if (state.status === 'closed') return [];
  return allowedEventTypes(state.step).filter(
    (type) => refusalAtStatusAndStep(state, type) === null && prerequisiteRefusal(state, type) === null,
  );
}

/** Pause and step: whether an open or paused case at its step takes this type of event at all. */
function refusalAtStatusAndStep(state: CaseState, type: CaseEventType): Validation | null {
  if (state.status === 'paused') {
    if (!(EVENTS_ALLOWED_WHILE_PAUSED as readonly string[]).includes(type)) {
      return reject(
        'CASE_PAUSED',
        `The case is paused; only ${EVENTS_ALLOWED_WHILE_PAUSED.join(', ')} are accepted until it is resumed.`,
      );
    }
  } else if (type === 'case-resumed') {
    return reject('CASE_NOT_PAUSED', 'The case is not paused, so it cannot be resumed.');
  }
  if (!allowedEventTypes(state.step).includes(type)) {
    return reject('EVENT_NOT_ALLOWED_AT_STEP', `${type} is not part of step ${state.step}.`);
  }
  return null;
}

/** What must be recorded before an event of this type, at the case's step. */
function prerequisiteRefusal(state: CaseState, type: CaseEventType): Validation | null {
  const { step, stepProgress } = state;
  switch (type) {
    case 'referral-sent':
      // The consent given at step 3 covers the collaboration the case then climbs into.
      return step === 3 && stepProgress.consentGiven !== true
        ? reject(
            'PREREQUISITE_MISSING',
            "Record the guardians' consent before referring the case to the competence team.",
          )
        : null;
    case 'team-advice-recorded':
      return stepProgress.referralSent
        ? null
        : reject(
            'PREREQUISITE_MISSING',
            'The competence team advises on a referral; send the referral first.',
          );
    case 'evaluation-recorded': {
      const missing = missingBeforeEvaluation(state);
      return missing.length > 0
        ? reject('PREREQUISITE_MISSING', `Step ${step} cannot be evaluated yet: ${missing.join('; ')}.`)
        : null;
    }
    default:
      return null;
  }
}

function validateAgainstStep(state: CaseState, event: CaseEvent, now: Instant): Validation {
  const { step } = state;
  switch (event.type) {
    case 'meeting-held': {
      const expected = MEETING_KIND_FOR_STEP[step];
      if (event.payload.kind !== expected) {
        return reject(
          'EVENT_NOT_ALLOWED_AT_STEP',
          `Step ${step} holds a ${expected}, not a ${event.payload.kind}.`,
        );
      }
      if (event.payload.heldOn > osloDate(now)) {
        return reject(
          'OCCURRED_IN_FUTURE',
          `heldOn ${event.payload.heldOn} is in the future; record meetings once held.`,
        );
      }
      if (event.payload.heldOn < osloDate(state.openedAt)) {
        return reject('INVALID_EVENT', `heldOn ${event.payload.heldOn} is before the case was opened.`);
      }
      return { ok: true };
    }
    case 'measure-planned':
      if (state.measures.some((measure) => measure.measureId === event.payload.measureId)) {
        return reject(
          'INVALID_EVENT',
          `A measure with id ${event.payload.measureId} already exists on this case.`,
        );
      }
      return { ok: true };
    case 'referral-sent': {
      const targets = REFERRAL_TARGETS_FOR_STEP[step];
      if (!targets.includes(event.payload.to)) {
        return reject(
          'EVENT_NOT_ALLOWED_AT_STEP',
          `A referral at step ${step} goes to ${targets.join(' or ')}, not to ${event.payload.to}.`,
        );
      }
      return prerequisiteRefusal(state, event.type) ?? { ok: true };
    }
    case 'team-advice-recorded':
      return prerequisiteRefusal(state, event.type) ?? { ok: true };
    case 'evaluation-recorded': {
      const decision = event.payload.decision;
      if (!EVALUATION_DECISIONS_FOR_STEP[step].includes(decision)) {
        return reject(
          'EVENT_NOT_ALLOWED_AT_STEP',
          `An evaluation at step ${step} may decide ${EVALUATION_DECISIONS_FOR_STEP[step].join(' or ')}, not ${decision}.`,
        );
      }
      return prerequisiteRefusal(state, event.type) ?? { ok: true };
    }
    case 'owner-reassigned':
      if (event.payload.newOwnerStaffId === state.ownerStaffId) {
        return reject('INVALID_EVENT', `${event.payload.newOwnerStaffId} already owns the case.`);
      }
      return { ok: true };
    case 'case-resumed':
      if (state.pausedAt && compareInstants(event.occurredAt, state.pausedAt) < 0) {
        return reject(
          'INVALID_EVENT',
          `occurredAt ${event.occurredAt} is before the case was paused (${state.pausedAt}).`,
        );
      }
      return { ok: true };
    default:
      return { ok: true };
  }
}

/**
 * What the current step still lacks before its evaluation (empty when it may be evaluated): the
 * checklist's codes (stepChecklist has the Norwegian texts people read).
 */
export function missingBeforeEvaluation(state: CaseState): string[] {
  if (state.step === 1) return ['step 1 has no evaluation'];
  return checklistBlockingEvaluation(state);
}

// ---- transitions -----------------------------------------------------------------------------------

/**
 * The case after an accepted event (call validateEvent first). Deadlines count from the event's
 * occurredAt: the guide's clocks start when the talk or meeting happened, not when someone typed it
 * in, so a late entry can make the next deadline due (or missed) at once.
 */
export function applyEvent(
  state: CaseState,
  event: CaseEvent,
  policy: LadderPolicy,
  calendars: readonly SchoolCalendar[],
): CaseState {
  const at = event.occurredAt;
  const counted: CaseState = {
    ...state,
    eventCount: state.eventCount + 1,
    lastEventAt: maxInstant(state.lastEventAt, at),
  };
  const progress = counted.stepProgress;

  switch (event.type) {
    case 'step1-contact': {
      const contacted = withoutDeadline(counted, 'step1-contact');
      return event.payload.conclusion === 'explained'
        ? close(contacted, at, 'explained')
        : enterStep(contacted, 2, at, policy, calendars);
    }
    case 'meeting-held': {
      const met = { ...counted, stepProgress: { ...progress, meetingHeld: true } };
      switch (event.payload.kind) {
        case 'step2-meeting':
          return openIfAbsent(
            withoutDeadline(met, 'step2-meeting'),
            'step2-evaluation',
            at,
            policy,
            calendars,
          );
        case 'team-around-student-meeting':
          return openIfAbsent(
            withoutDeadline(met, 'step3-meeting'),
            'step3-evaluation',
            at,
            policy,
            calendars,
          );
        case 'collaboration-meeting':
          // At least every three weeks: each meeting sets the clock for the next.
          return openDeadlines(
            withoutDeadline(met, 'step4-meeting'),
            ['step4-meeting'],
            at,
            policy,
            calendars,
          );
      }
      break;
    }
    case 'mapping-recorded':
      return { ...counted, stepProgress: { ...progress, mappingRecorded: true } };
    case 'measure-planned':
      return { ...counted, measures: [...counted.measures, { ...event.payload, step: counted.step }] };
    case 'evaluation-recorded': {
      const evaluated = { ...counted, stepProgress: { ...progress, evaluations: progress.evaluations + 1 } };
      switch (event.payload.decision) {
        case 'close-resolved':
          return close(evaluated, at, 'resolved');
        case 'continue-period': {
          const kind = EVALUATION_DEADLINE[counted.step];
          return kind
            ? openDeadlines(withoutDeadline(evaluated, kind), [kind], at, policy, calendars)
            : evaluated;
        }
        case 'next-step':
          return enterStep(evaluated, (counted.step + 1) as Step, at, policy, calendars);
      }
      break;
    }
    case 'guardian-consent-recorded':
      return { ...counted, stepProgress: { ...progress, consentGiven: event.payload.consentGiven } };
    case 'referral-sent': {
      const assigned = assignServices(
        counted,
        SERVICES_ON_REFERRAL[event.payload.to],
        'referral',
        event.eventId,
        at,
      );
      return withoutDeadline(
        { ...assigned, stepProgress: { ...progress, referralSent: true } },
        'step3-referral',
      );
    }
    case 'team-advice-recorded':
      return { ...counted, stepProgress: { ...progress, teamAdviceRecorded: true } };
    case 'note-added':
      return counted;
    case 'owner-reassigned':
      return { ...counted, ownerStaffId: event.payload.newOwnerStaffId };
    case 'case-paused':
      return { ...counted, status: 'paused', pausedAt: at };
    case 'case-resumed':
      return {
        ...counted,
        status: 'open',
        pausedAt: null,
        deadlines: shiftForPause(counted.deadlines, counted.pausedAt ?? at, at, policy, calendars),
      };
    case 'case-closed':
      return close(counted, at, event.payload.reason);
  }
  return counted;
}

/**
 * Deadlines after a pause: the clock stops while paused. For school-day rules, every deadline moves by
 * the number of school days that ended during the pause, keeping its time of day (15:00 stays 15:00);
 * for seconds rules (test policies) it moves by the paused duration itself.
 */
export function shiftForPause(
  deadlines: readonly Deadline[],
  pausedAt: Instant,
  resumedAt: Instant,
  policy: LadderPolicy,
  calendars: readonly SchoolCalendar[],
): Deadline[] {
  const pausedSeconds = Math.max(0, (instantToMs(resumedAt) - instantToMs(pausedAt)) / 1000);
  const lostSchoolDays = schoolDayEndsBetween(calendars, pausedAt, resumedAt, policy.schoolDayEndsAt);
  return deadlines.map((deadline) => {
    const shift =
      policy.deadlines[deadline.kind].span.unit === 'seconds'
        ? (instant: Instant) => addSeconds(instant, pausedSeconds)
        : (instant: Instant) =>
            applyOffset(instant, { unit: 'school-days', count: lostSchoolDays }, 'after', calendars);
    return {
      ...deadline,
      remindAt: shift(deadline.remindAt),
      dueAt: shift(deadline.dueAt),
      escalateAt: shift(deadline.escalateAt),
    };
  });
}

function enterStep(
  state: CaseState,
  step: Step,
  at: Instant,
  policy: LadderPolicy,
  calendars: readonly SchoolCalendar[],
): CaseState {
  // Whatever the previous step left open belongs to it, not to the new step.
  const entered: CaseState = { ...state, step, stepProgress: emptyStepProgress(), deadlines: [] };
  return openDeadlines(entered, DEADLINES_ON_ENTRY[step], at, policy, calendars);
}

function close(state: CaseState, at: Instant, reason: string): CaseState {
  return { ...state, status: 'closed', closedAt: at, closeReason: reason, pausedAt: null, deadlines: [] };
}

function openDeadlines(
  state: CaseState,
  kinds: readonly DeadlineKind[],
  from: Instant,
  policy: LadderPolicy,
  calendars: readonly SchoolCalendar[],
): CaseState {
  let sequence = state.deadlineSequence;
  const opened = kinds.map((kind) => scheduleDeadline(kind, ++sequence, from, policy, calendars));
  return { ...state, deadlineSequence: sequence, deadlines: [...state.deadlines, ...opened] };
}

function openIfAbsent(
  state: CaseState,
  kind: DeadlineKind,
  from: Instant,
  policy: LadderPolicy,
  calendars: readonly SchoolCalendar[],
): CaseState {
  return state.deadlines.some((deadline) => deadline.kind === kind)
    ? state
    : openDeadlines(state, [kind], from, policy, calendars);
}

function withoutDeadline(state: CaseState, kind: DeadlineKind): CaseState {
  return { ...state, deadlines: state.deadlines.filter((deadline) => deadline.kind !== kind) };
}

function emptyStepProgress(): CaseState['stepProgress'] {
  return {
    meetingHeld: false,
    mappingRecorded: false,
    consentGiven: null,
    referralSent: false,
    teamAdviceRecorded: false,
    evaluations: 0,
  };
}

function isInTheFuture(instant: Instant, now: Instant): boolean {
  return compareInstants(instant, addSeconds(now, CLOCK_SKEW_SECONDS)) > 0;
}

function reject(code: RejectionCode, message: string): Validation {
  return { ok: false, code, message };
}
