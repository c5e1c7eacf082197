import { isOverdue, nextDeadline, pendingDeadlines } from './case-summary';
import { openCase } from './case-rules';
import { defaultLadderPolicy } from './default-policy';
import type { CaseState, Deadline } from './model';
import { osloLocalToInstant } from './oslo-time';
import { exampleCalendar2026_2027 } from './school-calendar';
import { applyTimerAction, dueTimerActions } from './timers';
import { applyEvents, buildCaseEvent, buildOpenCaseInput, eventsToReachStep, meetingHeld } from './testing';

const oslo = (date: string, time: string) => osloLocalToInstant(date, time);
const policy = defaultLadderPolicy();
const calendars = [exampleCalendar2026_2027()];
const opened = openCase(buildOpenCaseInput({ openedAt: oslo('2026-11-23', '10:00') }), policy, calendars);

/** The case after every timer due by `at` has fired. */
function timersFiredBy(state: CaseState, at: string): CaseState {
  return dueTimerActions(state, at, policy).reduce((s, action) => applyTimerAction(s, action), state);
}

const missed = timersFiredBy(opened, oslo('2026-11-24', '12:00'));
const pause = (state: CaseState) =>
  applyEvents(
    state,
    [buildCaseEvent('case-paused', { occurredAt: oslo('2026-11-24', '13:00') })],
    policy,
    calendars,
  );

describe('nextDeadline', () => {
  it('is the pending deadline due first', () => {
    const atStep4 = applyEvents(opened, eventsToReachStep(4, oslo('2026-11-23', '10:00')), policy, calendars);
    const met = applyEvents(
      atStep4,
      [meetingHeld('collaboration-meeting', oslo('2026-12-01', '12:00'))],
      policy,
      calendars,
    );
    expect(nextDeadline(met)).toMatchObject({ kind: 'step4-evaluation', dueAt: oslo('2026-12-14', '15:00') });
  });

  it('compares instants as times, not as strings', () => {
    const deadline = (id: string, dueAt: string): Deadline => ({ ...opened.deadlines[0]!, id, dueAt });
    // As strings 15:30Z sorts before 16:00+01:00, which is 15:00Z: half an hour earlier.
    const state = {
      status: 'open' as const,
      deadlines: [
        deadline('late', '2026-11-23T15:30:00.000Z'),
        deadline('early', '2026-11-23T16:00:00+01:00'),
      ],
    };
    expect(nextDeadline(state)?.id).toBe('early');
  });

  it('is null for a closed case', () => {
    const closed = applyEvents(
      opened,
      [buildCaseEvent('case-closed', { occurredAt: oslo('2026-11-23', '11:00') })],
      policy,
      calendars,
    );
    expect(pendingDeadlines(closed)).toEqual([]);
    expect(nextDeadline(closed)).toBeNull();
  });

  it('still shows a paused case its deadlines, which move when it resumes', () => {
    const paused = pause(opened);
    expect(paused.status).toBe('paused');
    expect(nextDeadline(paused)).toMatchObject({ kind: 'step1-contact' });
  });
});

describe('isOverdue', () => {
  it('is false until the timers decide a deadline was missed', () => {
    expect(isOverdue(opened)).toBe(false);
    expect(missed.deadlines.some((d) => d.status === 'missed' || d.status === 'escalated')).toBe(true);
    expect(isOverdue(missed)).toBe(true);
  });

  it('is false while paused, because the clocks stop', () => {
    const paused = pause(missed);
    expect(paused.status).toBe('paused');
    expect(paused.deadlines.some((d) => d.status === 'missed' || d.status === 'escalated')).toBe(true);
    expect(isOverdue(paused)).toBe(false);
  });

  it('is false once closed', () => {
    const closed = applyEvents(
      missed,
      [buildCaseEvent('case-closed', { occurredAt: oslo('2026-11-24', '13:00') })],
      policy,
      calendars,
    );
    expect(isOverdue(closed)).toBe(false);
  });
});
