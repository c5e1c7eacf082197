// What a list, a search attribute or a dashboard shows about a case's deadlines: the one definition of
// "next deadline" and "overdue". The workflow's search attributes (the Temporal UI), the read model
// (lists) and the API's case view all call these, so operations and school staff never disagree.
import { endOfSchoolDay } from './deadlines';
import type { CaseState, Deadline, Instant, LocalDate } from './model';
import { addDays, compareInstants, isoWeekday, osloDate, osloLocalToInstant } from './oslo-time';
import { isSchoolDay, previousSchoolDay, type SchoolCalendar } from './school-calendar';

type DeadlineFacts = Pick<CaseState, 'status' | 'deadlines'>;

/**
 * The deadlines still to be met: none once the case is closed. A paused case keeps them (they move
 * when it resumes), so a list still shows what will be due.
 */
export function pendingDeadlines(state: DeadlineFacts): readonly Deadline[] {
  return state.status === 'closed' ? [] : state.deadlines;
}

/** The pending deadline that falls due first, compared as instants (never as strings), or null. */
export function nextDeadline(state: DeadlineFacts): Deadline | null {
  let earliest: Deadline | null = null;
  for (const deadline of pendingDeadlines(state)) {
    if (earliest === null || compareInstants(deadline.dueAt, earliest.dueAt) < 0) earliest = deadline;
  }
  return earliest;
}

/**
 * Overdue: an open case with a deadline that has been missed or escalated. It is the workflow's timers
 * that decide a deadline was missed (on the school calendar), so this needs no clock. A paused case's
 * clocks are stopped: it is not overdue while paused.
 */
export function isOverdue(state: DeadlineFacts): boolean {
  return (
    state.status === 'open' &&
    state.deadlines.some((deadline) => deadline.status === 'missed' || deadline.status === 'escalated')
  );
}

/**
 * Escalated: an open case with a deadline whose escalation has fired (the policy's escalation roles,
 * leadership or partner services, were told it was missed) and that nobody has met since. Meeting the
 * deadline removes it, so the case stops being escalated; a paused case is not, like overdue.
 */
export function isEscalated(state: DeadlineFacts): boolean {
  return state.status === 'open' && state.deadlines.some((deadline) => deadline.status === 'escalated');
}

/** How many school days without activity the leadership overview looks for unless told otherwise. */
export const DEFAULT_INACTIVE_SCHOOL_DAYS = 10;
/** The most school days of inactivity a list or the overview may ask about (about a school year). */
export const MAX_INACTIVE_SCHOOL_DAYS = 200;

/**
 * The instant before which a case's last activity means "no activity for `schoolDays` school days" at
 * `now`: the end of the `schoolDays`-th school day that has ended by `now`, counting back. A case is
 * inactive exactly when at least that many school days ended (on the school's calendar, at
 * `schoolDayEndsAt`) after its last activity, i.e. `lastActivityAt < cutoff`. Weekends, holidays and
 * breaks do not count, so a case is not "inactive" over the Christmas break.
 */
export function inactivityCutoff(
  calendars: readonly SchoolCalendar[],
  now: Instant,
  schoolDays: number,
  schoolDayEndsAt: string,
): Instant {
  if (!Number.isInteger(schoolDays) || schoolDays < 1 || schoolDays > MAX_INACTIVE_SCHOOL_DAYS) {
    throw new RangeError(`schoolDays must be a whole number from 1 to ${MAX_INACTIVE_SCHOOL_DAYS}`);
  }
  const today = osloDate(now);
  let day: LocalDate =
    isSchoolDay(calendars, today) && compareInstants(endOfSchoolDay(today, schoolDayEndsAt), now) <= 0
      ? today
      : previousSchoolDay(calendars, today);
  for (let counted = 1; counted < schoolDays; counted++) day = previousSchoolDay(calendars, day);
  return endOfSchoolDay(day, schoolDayEndsAt);
}

/** The Oslo calendar week (Monday 00:00 to the next Monday 00:00, Oslo time) that `now` falls in. */
export function osloWeek(now: Instant): { from: Instant; to: Instant } {
  const today = osloDate(now);
  const monday = addDays(today, 1 - isoWeekday(today));
  return { from: osloLocalToInstant(monday, '00:00'), to: osloLocalToInstant(addDays(monday, 7), '00:00') };
}
