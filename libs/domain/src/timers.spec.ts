import { openCase } from './case-rules';
import { defaultLadderPolicy } from './default-policy';
import type { CaseState, Deadline, Instant } from './model';
import { addSeconds, osloLocalToInstant } from './oslo-time';
import { exampleCalendar2026_2027 } from './school-calendar';
import {
  applyEvents,
  buildCaseEvent,
  buildOpenCaseInput,
  eventsToReachStep,
  meetingHeld,
  shortTestPolicy,
  exampleCalendar2025_2026,
} from './testing';
import {
  applyTimerAction,
  dueTimerActions,
  nextWakeUp,
  reminderSkipReason,
  systemEventFor,
  type TimerAction,
} from './timers';

const oslo = (date: string, time: string) => osloLocalToInstant(date, time);
const policy = defaultLadderPolicy();
const calendars = [exampleCalendar2025_2026(), exampleCalendar2026_2027()];
const opened = (openedAt = oslo('2026-11-23', '10:00')) =>
  openCase(buildOpenCaseInput({ openedAt }), policy, calendars);

/** What a workflow does when it wakes: record and apply every due action. */
function wake(state: CaseState, now: Instant, p = policy): { state: CaseState; actions: TimerAction[] } {
  const actions = dueTimerActions(state, now, p);
  return {
    state: actions.reduce((current, action) => applyTimerAction(current, action, now), state),
    actions,
  };
}

const summary = (actions: TimerAction[]) =>
  actions.map((a) => `${a.kind} ${a.deadlineId} ${a.roles.join('+')}`);

describe('dueTimerActions and applyTimerAction', () => {
  it('reminds, reports the miss and escalates a step-1 contact, each once and in order', () => {
    let state = opened();
    expect(dueTimerActions(state, oslo('2026-11-23', '12:59'), policy)).toEqual([]);

    let woke = wake(state, oslo('2026-11-23', '13:00'));
    expect(woke.actions).toEqual([
      {
        kind: 'remind',
        deadlineId: 'step1-contact#1',
        deadlineKind: 'step1-contact',
        step: 1,
        dueAt: oslo('2026-11-23', '15:00'),
        roles: ['contact-teacher'],
        at: oslo('2026-11-23', '13:00'),
      },
    ]);
    state = woke.state;
    expect(state.deadlines[0]?.status).toBe('reminded');
    expect(dueTimerActions(state, oslo('2026-11-23', '14:00'), policy)).toEqual([]);

    woke = wake(state, oslo('2026-11-23', '15:00'));
    expect(summary(woke.actions)).toEqual(['missed step1-contact#1 contact-teacher+school-leadership']);
    state = woke.state;

    expect(dueTimerActions(state, oslo('2026-11-24', '14:59'), policy)).toEqual([]);
    woke = wake(state, oslo('2026-11-24', '15:00'));
    expect(summary(woke.actions)).toEqual(['escalate step1-contact#1 school-leadership']);
    state = woke.state;

    expect(state.deadlines[0]?.status).toBe('escalated');
    expect(dueTimerActions(state, oslo('2026-12-24', '12:00'), policy)).toEqual([]);
    expect(nextWakeUp(state)).toBeNull();
    expect(state.eventCount).toBe(4);
  });

  it('emits everything overdue at once, still in order, when the worker wakes late', () => {
    const { state, actions } = wake(opened(), oslo('2026-11-26', '08:00'));
    expect(actions.map((a) => [a.kind, a.at])).toEqual([
      ['remind', oslo('2026-11-23', '13:00')],
      ['missed', oslo('2026-11-23', '15:00')],
      ['escalate', oslo('2026-11-24', '15:00')],
    ]);
    expect(state.deadlines[0]?.status).toBe('escalated');
  });

  it('reminds at once when the deadline opens after its reminder time (raised at 14:30, due 15:00)', () => {
    const state = opened(oslo('2026-11-23', '14:30'));
    expect(summary(dueTimerActions(state, oslo('2026-11-23', '14:30'), policy))).toEqual([
      'remind step1-contact#1 contact-teacher',
    ]);
    expect(nextWakeUp(state)).toBe(oslo('2026-11-23', '13:00'));
  });

  it('orders actions of several deadlines chronologically', () => {
    // Step 3 from Monday 23 November 14:00: referral and team meeting both due Monday the 30th.
    let state = applyEvents(opened(), eventsToReachStep(3), policy, calendars);
    state = applyEvents(
      state,
      [buildCaseEvent('guardian-consent-recorded', { occurredAt: oslo('2026-11-24', '09:00') })],
      policy,
      calendars,
    );
    const actions = dueTimerActions(state, oslo('2026-12-03', '15:00'), policy);
    expect(actions.map((a) => `${a.kind} ${a.deadlineKind} ${a.at}`)).toEqual([
      `remind step3-referral ${oslo('2026-11-27', '15:00')}`,
      `remind step3-meeting ${oslo('2026-11-27', '15:00')}`,
      `missed step3-referral ${oslo('2026-11-30', '15:00')}`,
      `missed step3-meeting ${oslo('2026-11-30', '15:00')}`,
      `escalate step3-referral ${oslo('2026-12-02', '15:00')}`,
      `escalate step3-meeting ${oslo('2026-12-02', '15:00')}`,
    ]);
    expect(actions.find((a) => a.kind === 'missed')?.roles).toEqual(['school-leadership', 'ppt']);
    expect(actions.find((a) => a.kind === 'escalate')?.roles).toEqual(['school-leadership', 'ppt']);
  });

  it('reminds leadership too at step 4, and tells PPT and the mobile team about misses', () => {
    const state = applyEvents(opened(), eventsToReachStep(4), policy, calendars);
    const actions = dueTimerActions(state, oslo('2026-12-31', '12:00'), policy);
    expect(actions.filter((a) => a.deadlineKind === 'step4-meeting').map((a) => [a.kind, a.roles])).toEqual([
      ['remind', ['contact-teacher', 'school-leadership']],
      ['missed', ['ppt', 'mobile-team']],
      ['escalate', ['ppt', 'mobile-team']],
    ]);
  });

  it('fires nothing while the case is paused or closed', () => {
    const paused = applyEvents(
      opened(),
      [buildCaseEvent('case-paused', { occurredAt: oslo('2026-11-23', '11:00') })],
      policy,
      calendars,
    );
    expect(dueTimerActions(paused, oslo('2026-12-01', '12:00'), policy)).toEqual([]);
    expect(nextWakeUp(paused)).toBeNull();
    const closed = applyEvents(
      opened(),
      [buildCaseEvent('case-closed', { occurredAt: oslo('2026-11-23', '11:00') })],
      policy,
      calendars,
    );
    expect(dueTimerActions(closed, oslo('2026-12-01', '12:00'), policy)).toEqual([]);
    expect(nextWakeUp(closed)).toBeNull();
  });

  it('after a pause, fires on the shifted times and not before', () => {
    const state = applyEvents(
      opened(),
      [
        buildCaseEvent('case-paused', { occurredAt: oslo('2026-11-23', '11:00') }),
        buildCaseEvent('case-resumed', { occurredAt: oslo('2026-11-25', '11:00') }),
      ],
      policy,
      calendars,
    );
    // Two school days (23rd and 24th) ended while paused.
    expect(nextWakeUp(state)).toBe(oslo('2026-11-25', '13:00'));
    expect(dueTimerActions(state, oslo('2026-11-25', '11:00'), policy)).toEqual([]);
  });

  it('ignores a repeated, out-of-order or stale action', () => {
    const state = opened();
    const [remind] = dueTimerActions(state, oslo('2026-11-23', '13:00'), policy) as [TimerAction];
    const reminded = applyTimerAction(state, remind);
    expect(applyTimerAction(reminded, remind)).toBe(reminded);

    const missedTooEarly = { ...remind, kind: 'missed' as const };
    expect(applyTimerAction(state, missedTooEarly)).toBe(state);

    const contacted = applyEvents(
      reminded,
      eventsToReachStep(2, oslo('2026-11-23', '13:00')),
      policy,
      calendars,
    );
    expect(applyTimerAction(contacted, { ...remind, kind: 'missed' })).toBe(contacted);
  });

  it('never emits a later stage before an earlier one, even if its time is earlier', () => {
    const state = opened();
    const [contact] = state.deadlines as [Deadline];
    const deadline = { ...contact, escalateAt: oslo('2026-11-23', '14:00') };
    const actions = dueTimerActions({ ...state, deadlines: [deadline] }, oslo('2026-11-23', '16:00'), policy);
    expect(actions.map((a) => [a.kind, a.at])).toEqual([
      ['remind', oslo('2026-11-23', '13:00')],
      ['missed', oslo('2026-11-23', '15:00')],
      ['escalate', oslo('2026-11-23', '15:00')],
    ]);
    expect(
      dueTimerActions({ ...state, deadlines: [deadline] }, oslo('2026-11-23', '14:30'), policy),
    ).toHaveLength(1);
  });

  it('runs in seconds under the short test policy', () => {
    const short = shortTestPolicy();
    const state = openCase(buildOpenCaseInput({ openedAt: '2026-11-23T09:00:00.000Z' }), short, calendars);
    expect(nextWakeUp(state)).toBe('2026-11-23T09:00:03.000Z');
    const { actions } = wake(state, '2026-11-23T09:00:09.000Z', short);
    expect(actions.map((a) => [a.kind, a.at])).toEqual([
      ['remind', '2026-11-23T09:00:03.000Z'],
      ['missed', '2026-11-23T09:00:06.000Z'],
      ['escalate', '2026-11-23T09:00:09.000Z'],
    ]);
  });
});

describe('nextWakeUp', () => {
  it('is the next pending time of the earliest deadline', () => {
    let state = opened();
    expect(nextWakeUp(state)).toBe(oslo('2026-11-23', '13:00'));
    state = wake(state, oslo('2026-11-23', '13:00')).state;
    expect(nextWakeUp(state)).toBe(oslo('2026-11-23', '15:00'));
    state = wake(state, oslo('2026-11-23', '15:00')).state;
    expect(nextWakeUp(state)).toBe(oslo('2026-11-24', '15:00'));
  });

  it('takes the earliest across deadlines', () => {
    // Step 4 from Monday 23 November: meeting and evaluation due 14 December, reminded 10 December.
    let state = applyEvents(opened(), eventsToReachStep(4), policy, calendars);
    expect(nextWakeUp(state)).toBe(oslo('2026-12-10', '15:00'));
    state = applyEvents(
      state,
      [meetingHeld('collaboration-meeting', oslo('2026-12-01', '12:00'))],
      policy,
      calendars,
    );
    // The evaluation is still first; the next meeting is due 6 January, reminded 18 December.
    expect(nextWakeUp(state)).toBe(oslo('2026-12-10', '15:00'));
    expect(state.deadlines.map((d) => [d.kind, d.remindAt, d.dueAt])).toEqual([
      ['step4-evaluation', oslo('2026-12-10', '15:00'), oslo('2026-12-14', '15:00')],
      ['step4-meeting', oslo('2026-12-18', '15:00'), oslo('2027-01-06', '15:00')],
    ]);
  });
});

describe('systemEventFor', () => {
  const [remind, missed, escalate] = dueTimerActions(opened(), oslo('2026-11-25', '08:00'), policy) as [
    TimerAction,
    TimerAction,
    TimerAction,
  ];
  const now = oslo('2026-11-25', '08:00');

  it('names events deterministically, so a retry cannot record them twice', () => {
    expect(systemEventFor('case-test-1', remind, now)).toEqual({
      type: 'reminder-due',
      eventId: 'case-test-1:reminder-due:step1-contact#1',
      occurredAt: now,
      payload: {
        deadlineId: 'step1-contact#1',
        kind: 'step1-contact',
        dueAt: oslo('2026-11-23', '15:00'),
        notifyRoles: ['contact-teacher'],
      },
    });
    expect(systemEventFor('case-test-1', missed, now)).toEqual({
      type: 'deadline-missed',
      eventId: 'case-test-1:deadline-missed:step1-contact#1',
      occurredAt: now,
      payload: {
        deadlineId: 'step1-contact#1',
        kind: 'step1-contact',
        dueAt: oslo('2026-11-23', '15:00'),
        notifyRoles: ['contact-teacher', 'school-leadership'],
      },
    });
    expect(systemEventFor('case-test-1', escalate, now)).toEqual({
      type: 'escalated',
      eventId: 'case-test-1:escalated:step1-contact#1',
      occurredAt: now,
      payload: {
        deadlineId: 'step1-contact#1',
        kind: 'step1-contact',
        dueAt: oslo('2026-11-23', '15:00'),
        escalateToRoles: ['school-leadership'],
      },
    });
    expect(systemEventFor('case-test-1', remind, addSeconds(now, 60)).eventId).toBe(
      systemEventFor('case-test-1', remind, now).eventId,
    );
  });

  it('records a reminder that was not sent with its reason, and nothing else differs', () => {
    const skipped = systemEventFor('case-test-1', remind, now, 'deadline-passed');
    const sent = systemEventFor('case-test-1', remind, now);
    expect(skipped).toEqual({ ...sent, payload: { ...sent.payload, skipped: 'deadline-passed' } });
    expect(systemEventFor('case-test-1', missed, now, null)).toEqual(
      systemEventFor('case-test-1', missed, now),
    );
  });
});

describe('reminderSkipReason', () => {
  const [remind, missed] = dueTimerActions(opened(), oslo('2026-11-25', '08:00'), policy) as [
    TimerAction,
    TimerAction,
  ];

  it('skips a reminder that fires once its deadline has passed (after an outage), never before', () => {
    expect(reminderSkipReason(remind, oslo('2026-11-23', '14:59'))).toBeNull();
    expect(reminderSkipReason(remind, oslo('2026-11-23', '15:00'))).toBe('deadline-passed');
    expect(reminderSkipReason(remind, oslo('2026-11-25', '08:00'))).toBe('deadline-passed');
  });

  it('never skips a missed-deadline notice or an escalation', () => {
    expect(reminderSkipReason(missed, oslo('2026-11-25', '08:00'))).toBeNull();
  });
});
