// Deadline arithmetic in school days and Oslo wall-clock time. A deadline is always "end of a school
// day" for school-day spans, so summer time never shifts it: 15:00 stays 15:00 local.
import type { Deadline, DeadlineKind, Instant, LocalDate, Step } from './model';
import type { DeadlineSpan, LadderPolicy, Offset } from './policy';
import {
  addDays,
  addSeconds,
  atSameOsloTimeOn,
  compareInstants,
  osloDate,
  osloLocalToInstant,
} from './oslo-time';
import { addSchoolDays, isSchoolDay, nextSchoolDay, type SchoolCalendar } from './school-calendar';

export type OffsetDirection = 'before' | 'after';

/** The instant a school day ends (e.g. 15:00 Oslo time). */
export function endOfSchoolDay(date: LocalDate, schoolDayEndsAt: string): Instant {
  return osloLocalToInstant(date, schoolDayEndsAt);
}

/**
 * When a deadline opened at `from` falls due.
 * - same-school-day: the end of the Oslo day `from` falls on, if that is a school day and `from` is
 *   before its end; otherwise the end of the next school day (raised after hours, at a weekend or on a
 *   holiday).
 * - school-days n: the end of the n-th school day after the Oslo date of `from` (the opening day does
 *   not count, whatever the hour), so "within 1 week" = 5 school days and breaks stop the clock.
 * - seconds n: `from` + n seconds.
 */
export function computeDueAt(
  span: DeadlineSpan,
  from: Instant,
  calendars: readonly SchoolCalendar[],
  schoolDayEndsAt: string,
): Instant {
  switch (span.unit) {
    case 'same-school-day': {
      const date = osloDate(from);
      const endToday = endOfSchoolDay(date, schoolDayEndsAt);
      if (isSchoolDay(calendars, date) && compareInstants(from, endToday) < 0) return endToday;
      return endOfSchoolDay(nextSchoolDay(calendars, date), schoolDayEndsAt);
    }
    case 'school-days':
      assertCount(span.count, 1);
      return endOfSchoolDay(addSchoolDays(calendars, osloDate(from), span.count), schoolDayEndsAt);
    case 'seconds':
      assertCount(span.count, 1);
      return addSeconds(from, span.count);
  }
}

/**
 * An instant moved by an offset, for reminders (`before` a deadline) and escalations (`after` it).
 * - hours: elapsed hours (an absolute duration; across a summer-time change the local hour differs).
 * - school-days n: the same Oslo wall-clock time on the n-th school day before/after the Oslo date of
 *   `instant`, not counting that date. The result therefore always lands on a school day, even when the
 *   deadline itself does not (a seconds span): counting moves toward the deadline's side, never past it.
 * - seconds: elapsed seconds.
 * A count of 0 returns `instant` unchanged.
 */
export function applyOffset(
  instant: Instant,
  offset: Offset,
  direction: OffsetDirection,
  calendars: readonly SchoolCalendar[],
): Instant {
  assertCount(offset.count, 0);
  const sign = direction === 'before' ? -1 : 1;
  if (offset.count === 0) return instant;
  switch (offset.unit) {
    case 'hours':
      return addSeconds(instant, sign * offset.count * 3600);
    case 'seconds':
      return addSeconds(instant, sign * offset.count);
    case 'school-days':
      return atSameOsloTimeOn(instant, addSchoolDays(calendars, osloDate(instant), sign * offset.count));
  }
}

/**
 * How many school days ended while a case was paused: school days whose end (e.g. 15:00) lies in
 * (from, to]. A pause after school that ends before school the next morning costs nothing.
 */
export function schoolDayEndsBetween(
  calendars: readonly SchoolCalendar[],
  from: Instant,
  to: Instant,
  schoolDayEndsAt: string,
): number {
  let count = 0;
  const lastDate = osloDate(to);
  for (let date = osloDate(from); date <= lastDate; date = addDays(date, 1)) {
    if (!isSchoolDay(calendars, date)) continue;
    const end = endOfSchoolDay(date, schoolDayEndsAt);
    if (compareInstants(end, from) > 0 && compareInstants(end, to) <= 0) count++;
  }
  return count;
}

/** The step a deadline kind belongs to (`step3-referral` → 3). */
export function stepOfDeadlineKind(kind: DeadlineKind): Step {
  return Number(kind.charAt(4)) as Step;
}

/** Deadline ids are `${kind}#${sequence}`, deterministic within a case. */
export function deadlineId(kind: DeadlineKind, sequence: number): string {
  return `${kind}#${sequence}`;
}

/** A new open deadline of this kind, counted from `from` with the policy's rule. */
export function scheduleDeadline(
  kind: DeadlineKind,
  sequence: number,
  from: Instant,
  policy: LadderPolicy,
  calendars: readonly SchoolCalendar[],
): Deadline {
  const rule = policy.deadlines[kind];
  const dueAt = computeDueAt(rule.span, from, calendars, policy.schoolDayEndsAt);
  return {
    id: deadlineId(kind, sequence),
    kind,
    step: stepOfDeadlineKind(kind),
    dueAt,
    remindAt: applyOffset(dueAt, rule.remindBefore, 'before', calendars),
    escalateAt: applyOffset(dueAt, rule.escalateAfter, 'after', calendars),
    status: 'open',
  };
}

function assertCount(count: number, min: number): void {
  if (!Number.isInteger(count) || count < min) {
    throw new RangeError(`A deadline count must be a whole number >= ${min}, got ${count}`);
  }
}
