import { caseSummary, isOverdue, nextDeadline } from './case-summary';
import { openCase } from './case-rules';
import { defaultLadderPolicy } from './default-policy';
import { osloLocalToInstant } from './oslo-time';
import { exampleCalendar2026_2027 } from './school-calendar';
import { applyEvents, buildCaseEvent, buildOpenCaseInput, eventsToReachStep, meetingHeld } from './testing';

const oslo = (date: string, time: string) => osloLocalToInstant(date, time);
const policy = defaultLadderPolicy();
const calendars = [exampleCalendar2026_2027()];
const opened = openCase(buildOpenCaseInput({ openedAt: oslo('2026-11-23', '10:00') }), policy, calendars);

describe('nextDeadline', () => {
  it('is the open deadline due first', () => {
    const atStep4 = applyEvents(opened, eventsToReachStep(4, oslo('2026-11-23', '10:00')), policy, calendars);
    const met = applyEvents(
      atStep4,
      [meetingHeld('collaboration-meeting', oslo('2026-12-01', '12:00'))],
      policy,
      calendars,
    );
    expect(nextDeadline(met)).toMatchObject({ kind: 'step4-evaluation', dueAt: oslo('2026-12-14', '15:00') });
  });

  it('is null for a closed case', () => {
    const closed = applyEvents(
      opened,
      [buildCaseEvent('case-closed', { occurredAt: oslo('2026-11-23', '11:00') })],
      policy,
      calendars,
    );
    expect(nextDeadline(closed)).toBeNull();
  });
});

describe('isOverdue', () => {
  it('turns true when a deadline passes', () => {
    expect(isOverdue(opened, oslo('2026-11-23', '14:59'))).toBe(false);
    expect(isOverdue(opened, oslo('2026-11-23', '15:00'))).toBe(true);
  });

  it('is false while paused, because the clocks stop', () => {
    const paused = applyEvents(
      opened,
      [buildCaseEvent('case-paused', { occurredAt: oslo('2026-11-23', '11:00') })],
      policy,
      calendars,
    );
    expect(isOverdue(paused, oslo('2026-11-30', '12:00'))).toBe(false);
  });
});

describe('caseSummary', () => {
  it('holds only pseudonymous fields', () => {
    expect(caseSummary(opened, oslo('2026-11-23', '16:00'))).toEqual({
      caseId: 'case-test-1',
      schoolId: 'school-test-1',
      ownerStaffId: 'staff-kt-1',
      step: 1,
      status: 'open',
      nextDueAt: oslo('2026-11-23', '15:00'),
      nextDeadlineKind: 'step1-contact',
      overdue: true,
      openedAt: oslo('2026-11-23', '10:00'),
      closedAt: null,
    });
  });
});
