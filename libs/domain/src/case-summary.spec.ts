import {
  inactivityCutoff,
  isEscalated,
  isOverdue,
  nextDeadline,
  osloWeek,
  pendingDeadlines,
} from './case-summary';
import { schoolDayEndsBetween } from './deadlines';
import { openCase } from './case-rules';
import { defaultLadderPolicy } from './default-policy';
import type { CaseState, Deadline } from './model';
import { addSeconds, osloLocalToInstant } from './oslo-time';
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

describe('isEscalated', () => {
  const escalated = timersFiredBy(opened, oslo('2026-12-04', '12:00'));

  it('is false while a deadline is only missed, true once its escalation fired', () => {
    expect(isEscalated(opened)).toBe(false);
    expect(missed.deadlines.map((d) => d.status)).not.toContain('escalated');
    expect(isEscalated(missed)).toBe(false);
    expect(escalated.deadlines.map((d) => d.status)).toContain('escalated');
    expect(isEscalated(escalated)).toBe(true);
    expect(isOverdue(escalated)).toBe(true);
  });

  it('is false while paused and once the escalated deadline is met', () => {
    expect(isEscalated(pause(escalated))).toBe(false);
    const met = applyEvents(
      escalated,
      [buildCaseEvent('step1-contact', { occurredAt: oslo('2026-12-04', '13:00') })],
      policy,
      calendars,
    );
    expect(isEscalated(met)).toBe(false);
  });
});

describe('inactivityCutoff', () => {
  it('counts back school days that have ended, skipping weekends', () => {
    // Wednesday 25 November 2026 at 10:00: Tuesday's school day is the last one that has ended.
    const now = oslo('2026-11-25', '10:00');
    expect(inactivityCutoff(calendars, now, 1, '15:00')).toBe(oslo('2026-11-24', '15:00'));
    expect(inactivityCutoff(calendars, now, 2, '15:00')).toBe(oslo('2026-11-23', '15:00'));
    expect(inactivityCutoff(calendars, now, 3, '15:00')).toBe(oslo('2026-11-20', '15:00'));
    // After 15:00 today's school day counts.
    expect(inactivityCutoff(calendars, oslo('2026-11-25', '15:00'), 1, '15:00')).toBe(
      oslo('2026-11-25', '15:00'),
    );
  });

  it('does not count the Christmas break', () => {
    // Tuesday 5 January 2027: the last school days before it are 18 and 17 December.
    const now = oslo('2027-01-05', '09:00');
    expect(inactivityCutoff(calendars, now, 1, '15:00')).toBe(oslo('2026-12-18', '15:00'));
    expect(inactivityCutoff(calendars, now, 2, '15:00')).toBe(oslo('2026-12-17', '15:00'));
  });

  it('agrees with schoolDayEndsBetween: inactive exactly when n school days ended since', () => {
    const now = oslo('2027-01-12', '11:30');
    for (const n of [1, 2, 5, 10, 15]) {
      const cutoff = inactivityCutoff(calendars, now, n, '15:00');
      for (const offset of [-3600, -1, 0, 1, 3600]) {
        const last = addSeconds(cutoff, offset);
        expect(schoolDayEndsBetween(calendars, last, now, '15:00') >= n).toBe(offset < 0);
      }
    }
  });

  it('refuses counts outside 1 to 200', () => {
    expect(() => inactivityCutoff(calendars, oslo('2026-11-25', '10:00'), 0, '15:00')).toThrow(RangeError);
    expect(() => inactivityCutoff(calendars, oslo('2026-11-25', '10:00'), 201, '15:00')).toThrow(RangeError);
  });
});

describe('osloWeek', () => {
  it('runs from Monday 00:00 to the next Monday 00:00, Oslo time', () => {
    expect(osloWeek(oslo('2026-11-26', '12:00'))).toEqual({
      from: oslo('2026-11-23', '00:00'),
      to: oslo('2026-11-30', '00:00'),
    });
    // Sunday late evening is still the same week; Monday just after midnight is the next.
    expect(osloWeek(oslo('2026-11-29', '23:59')).from).toBe(oslo('2026-11-23', '00:00'));
    expect(osloWeek(oslo('2026-11-30', '00:00')).from).toBe(oslo('2026-11-30', '00:00'));
  });

  it('keeps Oslo midnight across the change to summer time', () => {
    expect(osloWeek(oslo('2027-03-29', '08:00'))).toEqual({
      from: oslo('2027-03-29', '00:00'),
      to: oslo('2027-04-05', '00:00'),
    });
    expect(osloWeek(oslo('2027-03-28', '08:00')).from).toBe('2027-03-21T23:00:00.000Z');
  });
});
