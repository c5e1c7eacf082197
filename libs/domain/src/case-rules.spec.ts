import {
  acceptedEventTypes,
  allowedEventTypes,
  applyEvent,
  CLOCK_SKEW_SECONDS,
  MEETING_KIND_FOR_STEP,
  missingBeforeEvaluation,
  openCase,
  validateEvent,
  validateOpenCaseInput,
} from './case-rules';
import { defaultLadderPolicy } from './default-policy';
import {
  CASE_EVENT_TYPES,
  REJECTION_CODES,
  STEPS,
  type CaseEvent,
  type CaseEventType,
  type CaseState,
  type RejectionCode,
  type Step,
} from './model';
import { addSeconds, osloLocalToInstant } from './oslo-time';
import { exampleCalendar2026_2027 } from './school-calendar';
import {
  applyEvents,
  buildCaseEvent,
  buildOpenCaseInput,
  evaluationRecorded,
  eventsToReachStep,
  measurePlanned,
  meetingHeld,
  step1Contact,
  TEST_OPENED_AT,
  TEST_STAFF,
  shortTestPolicy,
  exampleCalendar2025_2026,
} from './testing';

const oslo = (date: string, time: string) => osloLocalToInstant(date, time);
const policy = defaultLadderPolicy();
const calendars = [exampleCalendar2025_2026(), exampleCalendar2026_2027()];

function opened(openedAt = TEST_OPENED_AT): CaseState {
  return openCase(buildOpenCaseInput({ openedAt }), policy, calendars);
}

function atStep(step: Step): CaseState {
  return applyEvents(opened(), eventsToReachStep(step), policy, calendars);
}

/** A case at this step with everything its evaluation needs already recorded. */
function readyForEvaluation(step: Step): CaseState {
  const state = atStep(step);
  const at = (hours: number) => addSeconds(state.lastEventAt, hours * 3600);
  const events: Record<Step, CaseEvent[]> = {
    1: [],
    2: [meetingHeld('step2-meeting', at(1)), measurePlanned('measure-ready-2', at(2))],
    3: [
      buildCaseEvent('guardian-consent-recorded', { occurredAt: at(1) }),
      buildCaseEvent('referral-sent', { occurredAt: at(2) }),
      meetingHeld('team-meeting', at(3)),
      buildCaseEvent('team-advice-recorded', { occurredAt: at(4) }),
    ],
    4: [meetingHeld('collaboration-meeting', at(1))],
  };
  return applyEvents(state, events[step], policy, calendars);
}

/** An event of this type that fits the step (right meeting kind, a decision every step allows). */
function fittingEvent(type: CaseEventType, state: CaseState): CaseEvent {
  const occurredAt = addSeconds(state.lastEventAt, 3600);
  if (type === 'meeting-held')
    return meetingHeld(MEETING_KIND_FOR_STEP[state.step] ?? 'step2-meeting', occurredAt);
  if (type === 'referral-sent' && state.step === 4)
    return buildCaseEvent(type, { occurredAt, payload: { to: 'mobile-team' } });
  return buildCaseEvent(type, { occurredAt });
}

function codeOf(state: CaseState, event: CaseEvent, now = event.occurredAt): RejectionCode | 'ok' {
  const validation = validateEvent(state, event, now);
  return validation.ok ? 'ok' : validation.code;
}

describe('openCase', () => {
  it('opens at step 1 with a contact deadline the same school day', () => {
    const state = opened();
    expect(state).toMatchObject({
      caseId: 'case-test-1',
      studentId: 'student-test-1',
      ownerStaffId: 'staff-kt-1',
      step: 1,
      status: 'open',
      openedAt: TEST_OPENED_AT,
      closedAt: null,
      pausedAt: null,
      measures: [],
      eventCount: 1,
      lastEventAt: TEST_OPENED_AT,
      deadlineSequence: 1,
    });
    expect(state.deadlines).toEqual([
      {
        id: 'step1-contact#1',
        kind: 'step1-contact',
        step: 1,
        dueAt: oslo('2026-11-23', '15:00'),
        remindAt: oslo('2026-11-23', '13:00'),
        escalateAt: oslo('2026-11-24', '15:00'),
        status: 'open',
      },
    ]);
  });

  it('gives a concern raised on Friday evening until Monday afternoon', () => {
    expect(opened(oslo('2026-11-27', '18:30')).deadlines[0]?.dueAt).toBe(oslo('2026-11-30', '15:00'));
  });
});

describe('validateOpenCaseInput', () => {
  const now = oslo('2026-11-23', '10:00');

  it('accepts the factory input', () => {
    expect(validateOpenCaseInput(buildOpenCaseInput(), now)).toEqual({ ok: true });
    expect(validateOpenCaseInput(buildOpenCaseInput({ absencePercent: null }), now)).toEqual({ ok: true });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an empty case id', { caseId: '' }, 'caseId: must be a non-empty id'],
    ['an unknown trigger', { trigger: 'bad-grades' }, 'trigger: must be one of'],
    [
      'an absence above 100 %',
      { absencePercent: 120 },
      'absencePercent: must be null or a number from 0 to 100',
    ],
    ['a bad openedAt', { openedAt: '23.11.2026' }, 'openedAt: must be an ISO-8601 instant'],
    ['an unknown field', { studentName: 'x' }, 'studentName: unknown field'],
  ])('refuses %s', (_label, override, message) => {
    const validation = validateOpenCaseInput({ ...buildOpenCaseInput(), ...override } as never, now);
    expect(validation).toEqual({
      ok: false,
      code: 'INVALID_EVENT',
      message: expect.stringContaining(message),
    });
  });

  it('refuses a case opened in the future', () => {
    expect(
      validateOpenCaseInput(buildOpenCaseInput({ openedAt: oslo('2026-11-23', '10:06') }), now),
    ).toMatchObject({
      ok: false,
      code: 'OCCURRED_IN_FUTURE',
    });
  });
});

describe('which events each step accepts (open case, prerequisites met)', () => {
  const STEP_EVENTS: Record<Step, CaseEventType[]> = {
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
    4: ['referral-sent', 'meeting-held', 'mapping-recorded', 'measure-planned', 'evaluation-recorded'],
  };
  const GENERIC: CaseEventType[] = [
    'note-added',
    'owner-reassigned',
    'case-paused',
    'case-resumed',
    'case-closed',
  ];
  const cases = STEPS.flatMap((step) =>
    CASE_EVENT_TYPES.map((type): [Step, CaseEventType, RejectionCode | 'ok'] => {
      if (type === 'case-resumed') return [step, type, 'CASE_NOT_PAUSED'];
      const allowed = STEP_EVENTS[step].includes(type) || GENERIC.includes(type);
      return [step, type, allowed ? 'ok' : 'EVENT_NOT_ALLOWED_AT_STEP'];
    }),
  );

  it.each(cases)('step %i, %s → %s', (step, type, expected) => {
    const state = readyForEvaluation(step);
    expect(codeOf(state, fittingEvent(type, state))).toBe(expected);
  });

  it('agrees with allowedEventTypes', () => {
    for (const step of STEPS)
      expect(allowedEventTypes(step).sort()).toEqual([...STEP_EVENTS[step], ...GENERIC].sort());
  });
});

describe('a paused case', () => {
  const paused = applyEvents(
    atStep(2),
    [buildCaseEvent('case-paused', { occurredAt: oslo('2026-11-24', '09:00') })],
    policy,
    calendars,
  );

  it.each(CASE_EVENT_TYPES.map((type) => [type]))('%s', (type) => {
    const allowed = ['note-added', 'owner-reassigned', 'case-resumed', 'case-closed'].includes(type);
    const event =
      type === 'meeting-held'
        ? meetingHeld('step2-meeting', oslo('2026-11-25', '10:00'))
        : buildCaseEvent(type, { occurredAt: oslo('2026-11-25', '10:00') });
    expect(codeOf(paused, event)).toBe(allowed ? 'ok' : 'CASE_PAUSED');
  });

  it('cannot be resumed before it was paused', () => {
    expect(codeOf(paused, buildCaseEvent('case-resumed', { occurredAt: oslo('2026-11-24', '08:00') }))).toBe(
      'INVALID_EVENT',
    );
  });
});

describe('a closed case', () => {
  const closed = applyEvents(
    opened(),
    [step1Contact('explained', oslo('2026-11-23', '11:00'))],
    policy,
    calendars,
  );

  it.each(CASE_EVENT_TYPES.map((type) => [type]))('refuses %s', (type) => {
    const validation = validateEvent(
      closed,
      buildCaseEvent(type, { occurredAt: oslo('2026-11-23', '12:00') }),
      oslo('2026-11-23', '12:00'),
    );
    expect(validation).toEqual({
      ok: false,
      code: 'CASE_CLOSED',
      message: 'Case case-test-1 is closed; it accepts no more events.',
    });
  });
});

const REJECTION_SCENARIOS: [RejectionCode, () => [CaseState, CaseEvent, string?]][] = [
  [
    'CASE_CLOSED',
    () => [
      applyEvents(opened(), [step1Contact('explained', oslo('2026-11-23', '11:00'))], policy, calendars),
      buildCaseEvent('note-added', { occurredAt: oslo('2026-11-23', '12:00') }),
    ],
  ],
  [
    'CASE_PAUSED',
    () => [
      applyEvents(
        opened(),
        [buildCaseEvent('case-paused', { occurredAt: oslo('2026-11-23', '11:00') })],
        policy,
        calendars,
      ),
      step1Contact('concern-remains', oslo('2026-11-23', '12:00')),
    ],
  ],
  [
    'CASE_NOT_PAUSED',
    () => [opened(), buildCaseEvent('case-resumed', { occurredAt: oslo('2026-11-23', '11:00') })],
  ],
  ['EVENT_NOT_ALLOWED_AT_STEP', () => [opened(), meetingHeld('step2-meeting', oslo('2026-11-23', '11:00'))]],
  [
    'PREREQUISITE_MISSING',
    () => [atStep(3), buildCaseEvent('referral-sent', { occurredAt: oslo('2026-11-24', '11:00') })],
  ],
  [
    'INVALID_EVENT',
    () => [
      opened(),
      buildCaseEvent('note-added', { occurredAt: oslo('2026-11-23', '11:00'), payload: { text: '' } }),
    ],
  ],
  [
    'OCCURRED_IN_FUTURE',
    () => [
      opened(),
      buildCaseEvent('note-added', { occurredAt: oslo('2026-11-23', '11:06') }),
      oslo('2026-11-23', '11:00'),
    ],
  ],
];

describe('validateEvent', () => {
  it.each(REJECTION_SCENARIOS)('can answer %s', (code, scenario) => {
    const [state, event, now] = scenario();
    const validation = validateEvent(state, event, now ?? event.occurredAt);
    expect(validation).toMatchObject({ ok: false, code });
    expect(validation.ok || validation.message.length > 10).toBe(true);
  });

  it('has a scenario above for every rejection code', () => {
    expect(REJECTION_SCENARIOS.map(([code]) => code).sort()).toEqual([...REJECTION_CODES].sort());
  });

  describe('time', () => {
    const now = oslo('2026-11-23', '11:00');

    it(`allows ${CLOCK_SKEW_SECONDS / 60} minutes of clock skew and no more`, () => {
      expect(
        codeOf(
          opened(),
          buildCaseEvent('note-added', { occurredAt: addSeconds(now, CLOCK_SKEW_SECONDS) }),
          now,
        ),
      ).toBe('ok');
      expect(
        codeOf(
          opened(),
          buildCaseEvent('note-added', { occurredAt: addSeconds(now, CLOCK_SKEW_SECONDS + 1) }),
          now,
        ),
      ).toBe('OCCURRED_IN_FUTURE');
    });

    it('refuses an event from before the case was opened', () => {
      const validation = validateEvent(
        opened(),
        buildCaseEvent('note-added', { occurredAt: oslo('2026-11-23', '09:59') }),
        now,
      );
      expect(validation).toEqual({
        ok: false,
        code: 'INVALID_EVENT',
        message: `occurredAt ${oslo('2026-11-23', '09:59')} is before the case was opened (${TEST_OPENED_AT}).`,
      });
    });

    it('refuses a meeting dated after today', () => {
      const event = meetingHeld('step2-meeting', oslo('2026-11-24', '23:50'), {
        payload: { heldOn: '2026-11-25' },
      });
      expect(codeOf(atStep(2), event)).toBe('OCCURRED_IN_FUTURE');
    });

    it('refuses a meeting dated before the case was opened', () => {
      const event = meetingHeld('step2-meeting', oslo('2026-11-24', '10:00'), {
        payload: { heldOn: '2026-11-20' },
      });
      expect(codeOf(atStep(2), event)).toBe('INVALID_EVENT');
    });
  });

  it('reports the shape problems in the message', () => {
    const event = buildCaseEvent('evaluation-recorded', {
      occurredAt: oslo('2026-11-24', '10:00'),
      payload: { absencePercent: 140 },
    });
    expect(validateEvent(readyForEvaluation(2), event, event.occurredAt)).toEqual({
      ok: false,
      code: 'INVALID_EVENT',
      message: 'payload.absencePercent: must be a number from 0 to 100, got 140',
    });
  });

  describe('meeting kind must match the step', () => {
    it.each([
      [2, 'team-meeting'],
      [2, 'collaboration-meeting'],
      [3, 'step2-meeting'],
      [3, 'collaboration-meeting'],
      [4, 'step2-meeting'],
      [4, 'team-meeting'],
    ] as const)('step %i refuses a %s', (step, kind) => {
      const state = atStep(step);
      const validation = validateEvent(
        state,
        meetingHeld(kind, addSeconds(state.lastEventAt, 60)),
        addSeconds(state.lastEventAt, 60),
      );
      expect(validation).toMatchObject({
        ok: false,
        code: 'EVENT_NOT_ALLOWED_AT_STEP',
        message: expect.stringContaining(kind),
      });
    });
  });

  describe('evaluation decisions by step', () => {
    it.each([
      [2, 'close-resolved', 'ok'],
      [2, 'next-step', 'ok'],
      [2, 'continue-period', 'EVENT_NOT_ALLOWED_AT_STEP'],
      [3, 'close-resolved', 'ok'],
      [3, 'continue-period', 'ok'],
      [3, 'next-step', 'ok'],
      [4, 'close-resolved', 'ok'],
      [4, 'continue-period', 'ok'],
      [4, 'next-step', 'EVENT_NOT_ALLOWED_AT_STEP'],
    ] as const)('step %i, %s → %s', (step, decision, expected) => {
      const state = readyForEvaluation(step);
      expect(codeOf(state, evaluationRecorded(decision, addSeconds(state.lastEventAt, 60)))).toBe(expected);
    });
  });

  describe('prerequisites', () => {
    const later = (state: CaseState) => addSeconds(state.lastEventAt, 3600);
    const expectMissing = (state: CaseState, event: CaseEvent, message: string) =>
      expect(validateEvent(state, event, event.occurredAt)).toEqual({
        ok: false,
        code: 'PREREQUISITE_MISSING',
        message: expect.stringContaining(message),
      });

    it('a referral needs the guardians’ consent', () => {
      const state = atStep(3);
      expectMissing(
        state,
        buildCaseEvent('referral-sent', { occurredAt: later(state) }),
        "Record the guardians' consent",
      );
      const refused = applyEvents(
        state,
        [
          buildCaseEvent('guardian-consent-recorded', {
            occurredAt: later(state),
            payload: { consentGiven: false },
          }),
        ],
        policy,
        calendars,
      );
      expectMissing(
        refused,
        buildCaseEvent('referral-sent', { occurredAt: later(refused) }),
        "Record the guardians' consent",
      );
    });

    it('team advice needs the referral', () => {
      const state = atStep(3);
      expectMissing(
        state,
        buildCaseEvent('team-advice-recorded', { occurredAt: later(state) }),
        'send the referral first',
      );
    });

    it('step 2 is evaluated after the meeting and at least one measure', () => {
      const state = atStep(2);
      expectMissing(state, evaluationRecorded('next-step', later(state)), 'step2-meeting; step2-measure');
      const met = applyEvents(state, [meetingHeld('step2-meeting', later(state))], policy, calendars);
      expectMissing(
        met,
        evaluationRecorded('next-step', later(met)),
        'Step 2 cannot be evaluated yet: step2-measure.',
      );
    });

    it('step 3 is evaluated after referral, team meeting and team advice', () => {
      const state = atStep(3);
      expect(missingBeforeEvaluation(state)).toEqual([
        'step3-referral',
        'step3-team-meeting',
        'step3-team-advice',
      ]);
      const almost = applyEvents(
        state,
        [
          buildCaseEvent('guardian-consent-recorded', { occurredAt: later(state) }),
          buildCaseEvent('referral-sent', { occurredAt: addSeconds(later(state), 60) }),
          meetingHeld('team-meeting', addSeconds(later(state), 120)),
        ],
        policy,
        calendars,
      );
      expectMissing(almost, evaluationRecorded('next-step', later(almost)), 'step3-team-advice');
    });

    it('step 4 is evaluated after a collaboration meeting', () => {
      const state = atStep(4);
      expectMissing(state, evaluationRecorded('close-resolved', later(state)), 'step4-collaboration-meeting');
    });
  });

  it('refuses a measure id the case already has', () => {
    const state = readyForEvaluation(2);
    expect(codeOf(state, measurePlanned('measure-ready-2', addSeconds(state.lastEventAt, 60)))).toBe(
      'INVALID_EVENT',
    );
  });

  it('refuses to reassign the case to its owner', () => {
    const event = buildCaseEvent('owner-reassigned', {
      occurredAt: oslo('2026-11-23', '11:00'),
      payload: { newOwnerStaffId: 'staff-kt-1' },
    });
    expect(codeOf(opened(), event)).toBe('INVALID_EVENT');
  });
});

describe('applyEvent', () => {
  it('closes the case at step 1 when the absence is explained', () => {
    const state = applyEvent(
      opened(),
      step1Contact('explained', oslo('2026-11-23', '12:00')),
      policy,
      calendars,
    );
    expect(state).toMatchObject({
      step: 1,
      status: 'closed',
      closedAt: oslo('2026-11-23', '12:00'),
      closeReason: 'explained',
      deadlines: [],
      eventCount: 2,
      lastEventAt: oslo('2026-11-23', '12:00'),
    });
  });

  it('moves to step 2 when the concern remains, with a meeting due within a week of the talk', () => {
    const state = applyEvent(
      opened(),
      step1Contact('concern-remains', oslo('2026-11-23', '12:00')),
      policy,
      calendars,
    );
    expect(state.step).toBe(2);
    expect(state.status).toBe('open');
    expect(state.deadlines).toEqual([
      {
        id: 'step2-meeting#2',
        kind: 'step2-meeting',
        step: 2,
        dueAt: oslo('2026-11-30', '15:00'),
        remindAt: oslo('2026-11-27', '15:00'),
        escalateAt: oslo('2026-12-01', '15:00'),
        status: 'open',
      },
    ]);
  });

  it('counts from when the talk happened, not when it was typed in', () => {
    const base = opened(oslo('2026-11-20', '09:00'));
    // Recorded on Wednesday the 25th, but the talk was on Friday the 20th.
    const event = step1Contact('concern-remains', oslo('2026-11-20', '14:00'));
    expect(validateEvent(base, event, oslo('2026-11-25', '10:00'))).toEqual({ ok: true });
    const state = applyEvent({ ...base, lastEventAt: oslo('2026-11-25', '09:00') }, event, policy, calendars);
    expect(state.deadlines[0]?.dueAt).toBe(oslo('2026-11-27', '15:00'));
    expect(state.lastEventAt).toBe(oslo('2026-11-25', '09:00'));
  });

  it('fulfils the step-2 meeting and starts the three-week evaluation clock', () => {
    const state = applyEvent(
      atStep(2),
      meetingHeld('step2-meeting', oslo('2026-11-26', '13:00')),
      policy,
      calendars,
    );
    expect(state.stepProgress.meetingHeld).toBe(true);
    expect(state.deadlines.map((d) => [d.id, d.dueAt])).toEqual([
      ['step2-evaluation#3', oslo('2026-12-17', '15:00')],
    ]);
  });

  it('keeps the evaluation clock when a second step-2 meeting is held', () => {
    const first = applyEvent(
      atStep(2),
      meetingHeld('step2-meeting', oslo('2026-11-26', '13:00')),
      policy,
      calendars,
    );
    const second = applyEvent(
      first,
      meetingHeld('step2-meeting', oslo('2026-12-03', '13:00')),
      policy,
      calendars,
    );
    expect(second.deadlines).toEqual(first.deadlines);
  });

  it('records mapping and measures with their step', () => {
    const state = applyEvents(
      atStep(2),
      [
        buildCaseEvent('mapping-recorded', { occurredAt: oslo('2026-11-26', '13:00') }),
        measurePlanned('m-1', oslo('2026-11-26', '13:10')),
      ],
      policy,
      calendars,
    );
    expect(state.stepProgress.mappingRecorded).toBe(true);
    expect(state.measures).toEqual([
      expect.objectContaining({ measureId: 'm-1', step: 2, startsOn: '2026-11-26' }),
    ]);
  });

  it('moves from step 2 to step 3 with referral and team-meeting deadlines, resetting the step’s progress', () => {
    const ready = readyForEvaluation(2);
    const at = oslo('2026-12-17', '12:00');
    const state = applyEvent(ready, evaluationRecorded('next-step', at), policy, calendars);
    expect(state.step).toBe(3);
    expect(state.stepProgress).toEqual({
      meetingHeld: false,
      mappingRecorded: false,
      consentGiven: null,
      referralSent: false,
      teamAdviceRecorded: false,
      evaluations: 0,
    });
    // Friday the 18th, then 5–8 January after the Christmas break.
    expect(state.deadlines.map((d) => [d.kind, d.dueAt])).toEqual([
      ['step3-referral', oslo('2027-01-08', '15:00')],
      ['step3-meeting', oslo('2027-01-08', '15:00')],
    ]);
    expect(state.measures).toEqual(ready.measures);
  });

  it('records consent, fulfils the referral, and opens the evaluation with the team meeting', () => {
    const state = applyEvents(
      atStep(3),
      [
        buildCaseEvent('guardian-consent-recorded', { occurredAt: oslo('2026-11-24', '09:00') }),
        buildCaseEvent('referral-sent', { occurredAt: oslo('2026-11-24', '10:00') }),
      ],
      policy,
      calendars,
    );
    expect(state.stepProgress).toMatchObject({ consentGiven: true, referralSent: true });
    expect(state.deadlines.map((d) => d.kind)).toEqual(['step3-meeting']);
    const met = applyEvent(
      state,
      meetingHeld('team-meeting', oslo('2026-11-25', '12:00')),
      policy,
      calendars,
    );
    expect(met.deadlines.map((d) => [d.kind, d.dueAt])).toEqual([
      ['step3-evaluation', oslo('2026-12-16', '15:00')],
    ]);
    const advised = applyEvent(
      met,
      buildCaseEvent('team-advice-recorded', { occurredAt: oslo('2026-11-26', '12:00') }),
      policy,
      calendars,
    );
    expect(advised.stepProgress.teamAdviceRecorded).toBe(true);
  });

  it('loops another three weeks on continue-period, with a new deadline id', () => {
    const ready = readyForEvaluation(3);
    const [evaluation] = ready.deadlines;
    const state = applyEvent(
      ready,
      evaluationRecorded('continue-period', oslo('2026-11-26', '10:00')),
      policy,
      calendars,
    );
    expect(state.step).toBe(3);
    expect(state.stepProgress.evaluations).toBe(1);
    expect(state.deadlines).toHaveLength(1);
    expect(state.deadlines[0]).toMatchObject({
      kind: 'step3-evaluation',
      dueAt: oslo('2026-12-17', '15:00'),
      status: 'open',
    });
    expect(state.deadlines[0]?.id).not.toBe(evaluation?.id);
    expect(state.deadlineSequence).toBe(ready.deadlineSequence + 1);
    // A second loop is allowed without redoing the step's prerequisites.
    expect(codeOf(state, evaluationRecorded('continue-period', oslo('2026-12-17', '10:00')))).toBe('ok');
  });

  it('moves from step 3 to step 4 with a collaboration meeting and an evaluation within three weeks', () => {
    const state = applyEvent(
      readyForEvaluation(3),
      evaluationRecorded('next-step', oslo('2027-02-18', '11:00')),
      policy,
      calendars,
    );
    expect(state.step).toBe(4);
    // 19 and 22–26 February, the winter break, then 8–12 and 15–18 March.
    expect(state.deadlines.map((d) => [d.kind, d.dueAt])).toEqual([
      ['step4-meeting', oslo('2027-03-18', '15:00')],
      ['step4-evaluation', oslo('2027-03-18', '15:00')],
    ]);
  });

  it('sets the clock for the next collaboration meeting at every meeting', () => {
    const state = atStep(4);
    const first = applyEvent(
      state,
      meetingHeld('collaboration-meeting', oslo('2026-11-25', '12:00')),
      policy,
      calendars,
    );
    const meetings = first.deadlines.filter((d) => d.kind === 'step4-meeting');
    expect(meetings).toHaveLength(1);
    expect(meetings[0]?.dueAt).toBe(oslo('2026-12-16', '15:00'));
    const second = applyEvent(
      first,
      meetingHeld('collaboration-meeting', oslo('2026-12-09', '12:00')),
      policy,
      calendars,
    );
    const next = second.deadlines.filter((d) => d.kind === 'step4-meeting');
    expect(next).toHaveLength(1);
    expect(next[0]?.id).not.toBe(meetings[0]?.id);
    // 10–11 and 14–18 December, then 5–8 and 11–14 January.
    expect(next[0]?.dueAt).toBe(oslo('2027-01-14', '15:00'));
    expect(second.deadlines.some((d) => d.kind === 'step4-evaluation')).toBe(true);
  });

  it.each([2, 3, 4] as const)('closes as resolved at step %i and drops every deadline', (step) => {
    const state = readyForEvaluation(step);
    const closed = applyEvent(
      state,
      evaluationRecorded('close-resolved', addSeconds(state.lastEventAt, 60)),
      policy,
      calendars,
    );
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'resolved', deadlines: [], step });
  });

  it('closes on case-closed with the given reason', () => {
    const event = buildCaseEvent('case-closed', {
      occurredAt: oslo('2026-11-23', '11:00'),
      payload: { reason: 'moved-school' },
    });
    expect(applyEvent(opened(), event, policy, calendars)).toMatchObject({
      status: 'closed',
      closedAt: oslo('2026-11-23', '11:00'),
      closeReason: 'moved-school',
      deadlines: [],
    });
  });

  it('hands the case to a new owner', () => {
    const event = buildCaseEvent('owner-reassigned', {
      occurredAt: oslo('2026-11-23', '11:00'),
      actor: TEST_STAFF.leadership,
    });
    expect(applyEvent(opened(), event, policy, calendars).ownerStaffId).toBe('staff-kt-2');
  });

  it('counts a note and changes nothing else', () => {
    const before = opened();
    const after = applyEvent(
      before,
      buildCaseEvent('note-added', { occurredAt: oslo('2026-11-23', '11:00') }),
      policy,
      calendars,
    );
    expect(after).toEqual({ ...before, eventCount: 2, lastEventAt: oslo('2026-11-23', '11:00') });
  });

  describe('pause and resume', () => {
    const atStep2 = applyEvent(
      opened(),
      step1Contact('concern-remains', oslo('2026-11-23', '11:00')),
      policy,
      calendars,
    );

    it('pauses without touching the deadlines', () => {
      const paused = applyEvent(
        atStep2,
        buildCaseEvent('case-paused', { occurredAt: oslo('2026-11-25', '09:00') }),
        policy,
        calendars,
      );
      expect(paused).toMatchObject({
        status: 'paused',
        pausedAt: oslo('2026-11-25', '09:00'),
        deadlines: atStep2.deadlines,
      });
    });

    it('moves every deadline by the school days lost while paused, keeping 15:00', () => {
      const resumed = applyEvents(
        atStep2,
        [
          buildCaseEvent('case-paused', { occurredAt: oslo('2026-11-25', '09:00') }),
          buildCaseEvent('case-resumed', { occurredAt: oslo('2026-12-02', '10:00') }),
        ],
        policy,
        calendars,
      );
      // 25, 26, 27, 30 November and 1 December ended while paused: five school days.
      expect(resumed).toMatchObject({ status: 'open', pausedAt: null });
      expect(resumed.deadlines).toEqual([
        {
          ...atStep2.deadlines[0],
          remindAt: oslo('2026-12-04', '15:00'),
          dueAt: oslo('2026-12-07', '15:00'),
          escalateAt: oslo('2026-12-08', '15:00'),
        },
      ]);
    });

    it('loses nothing for a pause over the Christmas break itself', () => {
      const state = applyEvent(
        opened(oslo('2026-12-17', '09:00')),
        step1Contact('concern-remains', oslo('2026-12-17', '12:00')),
        policy,
        calendars,
      );
      const resumed = applyEvents(
        state,
        [
          buildCaseEvent('case-paused', { occurredAt: oslo('2026-12-18', '16:00') }),
          buildCaseEvent('case-resumed', { occurredAt: oslo('2027-01-05', '08:00') }),
        ],
        policy,
        calendars,
      );
      expect(resumed.deadlines).toEqual(state.deadlines);
    });

    it('moves seconds deadlines by the paused duration under a test policy', () => {
      const short = shortTestPolicy();
      const start = openCase(buildOpenCaseInput({ openedAt: '2026-11-23T09:00:00.000Z' }), short, calendars);
      const resumed = applyEvents(
        start,
        [
          buildCaseEvent('case-paused', { occurredAt: '2026-11-23T09:00:02.000Z' }),
          buildCaseEvent('case-resumed', { occurredAt: '2026-11-23T09:00:12.000Z' }),
        ],
        short,
        calendars,
      );
      expect(resumed.deadlines[0]).toMatchObject({
        remindAt: '2026-11-23T09:00:13.000Z',
        dueAt: '2026-11-23T09:00:16.000Z',
        escalateAt: '2026-11-23T09:00:19.000Z',
      });
    });
  });
});

describe('the whole ladder with the default policy and the 2026–2027 calendar', () => {
  it('walks steps 1 to 4 and closes, with every deadline where the guide puts it', () => {
    const due = (state: CaseState) => state.deadlines.map((d) => `${d.id} ${d.dueAt}`);
    let state = openCase(buildOpenCaseInput({ openedAt: oslo('2026-11-23', '10:00') }), policy, calendars);
    expect(due(state)).toEqual([`step1-contact#1 ${oslo('2026-11-23', '15:00')}`]);

    const step = (events: CaseEvent[]) => (state = applyEvents(state, events, policy, calendars));

    step([step1Contact('concern-remains', oslo('2026-11-23', '14:00'))]);
    expect(state.step).toBe(2);
    expect(due(state)).toEqual([`step2-meeting#2 ${oslo('2026-11-30', '15:00')}`]);

    step([
      meetingHeld('step2-meeting', oslo('2026-11-26', '13:00')),
      buildCaseEvent('mapping-recorded', { occurredAt: oslo('2026-11-26', '13:30') }),
      measurePlanned('measure-1', oslo('2026-11-26', '13:45')),
    ]);
    expect(due(state)).toEqual([`step2-evaluation#3 ${oslo('2026-12-17', '15:00')}`]);

    step([
      evaluationRecorded('next-step', oslo('2026-12-17', '12:00'), {
        payload: { effect: 'unchanged', absencePercent: 14 },
      }),
    ]);
    expect(state.step).toBe(3);
    expect(due(state)).toEqual([
      `step3-referral#4 ${oslo('2027-01-08', '15:00')}`,
      `step3-meeting#5 ${oslo('2027-01-08', '15:00')}`,
    ]);

    step([
      buildCaseEvent('guardian-consent-recorded', { occurredAt: oslo('2026-12-18', '09:00') }),
      buildCaseEvent('referral-sent', { occurredAt: oslo('2026-12-18', '10:00') }),
    ]);
    expect(due(state)).toEqual([`step3-meeting#5 ${oslo('2027-01-08', '15:00')}`]);

    step([meetingHeld('team-meeting', oslo('2027-01-07', '12:00'))]);
    expect(due(state)).toEqual([`step3-evaluation#6 ${oslo('2027-01-28', '15:00')}`]);

    step([
      buildCaseEvent('team-advice-recorded', { occurredAt: oslo('2027-01-11', '10:00') }),
      evaluationRecorded('continue-period', oslo('2027-01-28', '10:00'), {
        payload: { effect: 'improved', absencePercent: 11 },
      }),
    ]);
    expect(due(state)).toEqual([`step3-evaluation#7 ${oslo('2027-02-18', '15:00')}`]);

    step([
      evaluationRecorded('next-step', oslo('2027-02-18', '11:00'), {
        payload: { effect: 'worse', absencePercent: 19 },
      }),
    ]);
    expect(state.step).toBe(4);
    expect(due(state)).toEqual([
      `step4-meeting#8 ${oslo('2027-03-18', '15:00')}`,
      `step4-evaluation#9 ${oslo('2027-03-18', '15:00')}`,
    ]);

    // Across the Easter break and into summer time: 15:00 is now 13:00 UTC.
    step([meetingHeld('collaboration-meeting', oslo('2027-03-10', '12:00'))]);
    expect(due(state)).toEqual([
      `step4-evaluation#9 ${oslo('2027-03-18', '15:00')}`,
      `step4-meeting#10 2027-04-08T13:00:00.000Z`,
    ]);

    step([evaluationRecorded('continue-period', oslo('2027-03-18', '10:00'))]);
    expect(due(state)).toEqual([
      `step4-meeting#10 ${oslo('2027-04-08', '15:00')}`,
      `step4-evaluation#11 ${oslo('2027-04-16', '15:00')}`,
    ]);

    step([meetingHeld('collaboration-meeting', oslo('2027-04-07', '12:00'))]);
    expect(due(state)).toEqual([
      `step4-evaluation#11 ${oslo('2027-04-16', '15:00')}`,
      `step4-meeting#12 ${oslo('2027-04-28', '15:00')}`,
    ]);

    step([
      evaluationRecorded('close-resolved', oslo('2027-04-16', '10:00'), { payload: { absencePercent: 4 } }),
    ]);
    expect(state).toMatchObject({
      step: 4,
      status: 'closed',
      closedAt: oslo('2027-04-16', '10:00'),
      closeReason: 'resolved',
      deadlines: [],
      eventCount: 16,
    });
    expect(state.measures.map((m) => [m.measureId, m.step])).toEqual([['measure-1', 2]]);
  });
});

describe('acceptedEventTypes', () => {
  const paused = (state: CaseState) =>
    applyEvents(
      state,
      [buildCaseEvent('case-paused', { occurredAt: addSeconds(state.lastEventAt, 60) })],
      policy,
      calendars,
    );
  const closed = (state: CaseState) =>
    applyEvents(
      state,
      [buildCaseEvent('case-closed', { occurredAt: addSeconds(state.lastEventAt, 60) })],
      policy,
      calendars,
    );
  const states: [string, CaseState][] = STEPS.flatMap((step): [string, CaseState][] => [
    [`step ${step}, nothing recorded`, atStep(step)],
    [`step ${step}, ready for evaluation`, readyForEvaluation(step)],
    [`step ${step}, paused`, paused(atStep(step))],
    [`step ${step}, closed`, closed(atStep(step))],
  ]);

  it.each(states)('%s: lists exactly the types validateEvent accepts with a fitting payload', (_, state) => {
    const accepted = acceptedEventTypes(state);
    for (const type of CASE_EVENT_TYPES) {
      const event = fittingEvent(type, state);
      expect({ type, accepted: accepted.includes(type) }).toEqual({
        type,
        accepted: validateEvent(state, event, event.occurredAt).ok,
      });
    }
  });

  it('waits for consent before the step-3 referral and for the referral before advice', () => {
    const state = atStep(3);
    expect(acceptedEventTypes(state)).not.toContain('referral-sent');
    expect(acceptedEventTypes(state)).not.toContain('team-advice-recorded');
    expect(acceptedEventTypes(state)).not.toContain('evaluation-recorded');
    const consented = applyEvents(
      state,
      [buildCaseEvent('guardian-consent-recorded', { occurredAt: addSeconds(state.lastEventAt, 60) })],
      policy,
      calendars,
    );
    expect(acceptedEventTypes(consented)).toContain('referral-sent');
    expect(acceptedEventTypes(readyForEvaluation(3))).toContain('evaluation-recorded');
  });

  it('takes nothing once closed and only resuming, notes, reassignment and closing while paused', () => {
    expect(acceptedEventTypes(closed(atStep(2)))).toEqual([]);
    expect(acceptedEventTypes(paused(atStep(2)))).toEqual([
      'note-added',
      'owner-reassigned',
      'case-resumed',
      'case-closed',
    ]);
  });
});
