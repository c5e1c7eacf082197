// School days: the ladder's "within 1 week" and "3 weeks" count school days, so weekends, holidays and
// breaks stop the clock. A municipality (or school) publishes one calendar per school year.
import type { LocalDate } from './model';
import { addDays, daysBetween, isValidLocalDate, isWeekend } from './oslo-time';

export const CLOSED_PERIOD_KINDS = ['holiday', 'break', 'planning-day'] as const;
export type ClosedPeriodKind = (typeof CLOSED_PERIOD_KINDS)[number];

/** Days inside the school year without teaching; both ends inclusive. */
export interface ClosedPeriod {
  from: LocalDate;
  to: LocalDate;
  kind: ClosedPeriodKind;
  /** Shown to users, so Norwegian is fine: 'Juleferie', 'Planleggingsdag'. */
  name: string;
}

export interface SchoolCalendar {
  /** Absent for a municipality-wide calendar. */
  schoolId?: string;
  /** `YYYY-YYYY`, e.g. '2026-2027'. */
  schoolYear: string;
  firstDay: LocalDate;
  lastDay: LocalDate;
  closedPeriods: ClosedPeriod[];
}

/** The school day ends at this Oslo time unless a policy says otherwise. */
export const defaultSchoolDayEnd = '15:00';

const SCHOOL_YEAR_PATTERN = /^(\d{4})-(\d{4})$/;
// A school year never runs longer than this; it bounds every search for the next school day.
const MAX_SEARCH_DAYS = 800;

/**
 * The dates a calendar speaks for: its school year, 1 August to 31 July (widened to its first and
 * last day if those fall outside). Summer inside that span has no school days.
 */
export function calendarCoverage(calendar: SchoolCalendar): { from: LocalDate; to: LocalDate } {
  const match = SCHOOL_YEAR_PATTERN.exec(calendar.schoolYear);
  const yearFrom = match ? `${match[1]}-08-01` : calendar.firstDay;
  const yearTo = match ? `${match[2]}-07-31` : calendar.lastDay;
  return {
    from: calendar.firstDay < yearFrom ? calendar.firstDay : yearFrom,
    to: calendar.lastDay > yearTo ? calendar.lastDay : yearTo,
  };
}

/**
 * Whether pupils are taught on this date. The first calendar whose school year covers the date decides:
 * a weekday between its first and last day that no closed period covers. Summer between two school
 * years is covered (by the calendar of the year it belongs to) and has no school days. A date no
 * calendar covers at all falls back to Monday–Friday with no holidays, so deadlines still run when a
 * municipality has not published a year yet; publish calendars ahead to avoid that.
 */
export function isSchoolDay(calendars: readonly SchoolCalendar[], date: LocalDate): boolean {
  if (isWeekend(date)) return false;
  const calendar = calendarFor(calendars, date);
  if (!calendar) return true;
  if (date < calendar.firstDay || date > calendar.lastDay) return false;
  return !calendar.closedPeriods.some((period) => period.from <= date && date <= period.to);
}

/** The calendar whose school year covers this date, if any. */
export function calendarFor(
  calendars: readonly SchoolCalendar[],
  date: LocalDate,
): SchoolCalendar | undefined {
  return calendars.find((calendar) => {
    const coverage = calendarCoverage(calendar);
    return coverage.from <= date && date <= coverage.to;
  });
}

/** The closed period (holiday, break, planning day) a date falls in, if any. */
export function closedPeriodOn(
  calendars: readonly SchoolCalendar[],
  date: LocalDate,
): ClosedPeriod | undefined {
  return calendarFor(calendars, date)?.closedPeriods.find(
    (period) => period.from <= date && date <= period.to,
  );
}

/** The first school day strictly after `date`. */
export function nextSchoolDay(calendars: readonly SchoolCalendar[], date: LocalDate): LocalDate {
  return stepToSchoolDay(calendars, date, 1);
}

/** The last school day strictly before `date`. */
export function previousSchoolDay(calendars: readonly SchoolCalendar[], date: LocalDate): LocalDate {
  return stepToSchoolDay(calendars, date, -1);
}

/** `date` itself if it is a school day, else the next one. */
export function schoolDayOnOrAfter(calendars: readonly SchoolCalendar[], date: LocalDate): LocalDate {
  return isSchoolDay(calendars, date) ? date : nextSchoolDay(calendars, date);
}

/**
 * The n-th school day after `date` (n > 0) or before it (n < 0), not counting `date` itself, so the
 * result is always a school day; n = 0 returns `date` unchanged.
 */
export function addSchoolDays(calendars: readonly SchoolCalendar[], date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`School days must be a whole number: ${n}`);
  let current = date;
  for (let i = 0; i < Math.abs(n); i++) current = stepToSchoolDay(calendars, current, n > 0 ? 1 : -1);
  return current;
}

/** School days d with from <= d < to. */
export function countSchoolDays(
  calendars: readonly SchoolCalendar[],
  from: LocalDate,
  to: LocalDate,
): number {
  let count = 0;
  for (let day = from; day < to; day = addDays(day, 1)) if (isSchoolDay(calendars, day)) count++;
  return count;
}

function stepToSchoolDay(
  calendars: readonly SchoolCalendar[],
  date: LocalDate,
  direction: 1 | -1,
): LocalDate {
  let current = date;
  for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
    current = addDays(current, direction);
    if (isSchoolDay(calendars, current)) return current;
  }
  throw new RangeError(
    `No school day within ${MAX_SEARCH_DAYS} days ${direction > 0 ? 'after' : 'before'} ${date}`,
  );
}

// ---- validation ------------------------------------------------------------------------------------

/** Every problem with a calendar, as `path: message`; empty when it is sound. */
export function validateSchoolCalendar(calendar: SchoolCalendar): string[] {
  const errors: string[] = [];
  const match = SCHOOL_YEAR_PATTERN.exec(String(calendar.schoolYear));
  if (!match || Number(match[2]) !== Number(match[1]) + 1) {
    errors.push(
      `schoolYear: must be two consecutive years like '2026-2027', got '${String(calendar.schoolYear)}'`,
    );
  }
  if (
    calendar.schoolId !== undefined &&
    (typeof calendar.schoolId !== 'string' || calendar.schoolId === '')
  ) {
    errors.push('schoolId: must be a non-empty string when given');
  }
  const firstOk = checkDate(errors, 'firstDay', calendar.firstDay);
  const lastOk = checkDate(errors, 'lastDay', calendar.lastDay);
  const spanOk = firstOk && lastOk && calendar.firstDay <= calendar.lastDay;
  if (firstOk && lastOk && !spanOk) {
    errors.push(`firstDay: ${calendar.firstDay} is after lastDay ${calendar.lastDay}`);
  }
  if (match && firstOk && lastOk) {
    const yearFrom = `${match[1]}-08-01`;
    const yearTo = `${match[2]}-07-31`;
    if (calendar.firstDay < yearFrom || calendar.lastDay > yearTo) {
      errors.push(`firstDay/lastDay: must lie within the school year ${yearFrom}..${yearTo}`);
    }
  }
  if (!Array.isArray(calendar.closedPeriods)) {
    errors.push('closedPeriods: must be a list');
    return errors;
  }

  const sound: { index: number; period: ClosedPeriod }[] = [];
  calendar.closedPeriods.forEach((period: ClosedPeriod | null, index) => {
    const path = `closedPeriods[${index}]`;
    if (typeof period !== 'object' || period === null) {
      errors.push(`${path}: must be an object with from, to, kind and name`);
      return;
    }
    const fromOk = checkDate(errors, `${path}.from`, period.from);
    const toOk = checkDate(errors, `${path}.to`, period.to);
    if (!CLOSED_PERIOD_KINDS.includes(period.kind)) {
      errors.push(`${path}.kind: must be one of ${CLOSED_PERIOD_KINDS.join(', ')}`);
    }
    if (typeof period.name !== 'string' || period.name.trim() === '' || period.name.length > 100) {
      errors.push(`${path}.name: must be a non-empty name of at most 100 characters`);
    }
    if (!fromOk || !toOk) return;
    if (period.from > period.to) {
      errors.push(`${path}: from ${period.from} is after to ${period.to}`);
      return;
    }
    if (spanOk && (period.from < calendar.firstDay || period.to > calendar.lastDay)) {
      errors.push(
        `${path}: ${period.from}..${period.to} lies outside the school year ${calendar.firstDay}..${calendar.lastDay}`,
      );
    }
    sound.push({ index, period });
  });

  // Compare each period with the furthest-reaching one before it, so a period nested in a long one
  // is caught even when a short one sits between them.
  let reach: (typeof sound)[number] | undefined;
  for (const current of [...sound].sort((a, b) => daysBetween(b.period.from, a.period.from))) {
    if (reach && current.period.from <= reach.period.to) {
      errors.push(
        `closedPeriods[${current.index}]: ${current.period.from}..${current.period.to} overlaps closedPeriods[${reach.index}] (${reach.period.name})`,
      );
    }
    if (!reach || current.period.to > reach.period.to) reach = current;
  }
  return errors;
}

function checkDate(errors: string[], path: string, value: unknown): boolean {
  if (isValidLocalDate(value)) return true;
  errors.push(`${path}: must be a valid date YYYY-MM-DD, got '${String(value)}'`);
  return false;
}

// ---- example calendars -----------------------------------------------------------------------------

/** Easter Sunday (Gregorian; anonymous algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The spring term's public holidays as closed periods: Easter break (Monday of Holy Week to Easter
 * Monday), 1 May, 17 May, Ascension Day and Whit Monday. Days that coincide (17 May was Whit Monday in
 * 2027) become one period, because periods must not overlap.
 */
export function springHolidays(year: number): ClosedPeriod[] {
  const easter = easterSunday(year);
  const singleDays: { date: LocalDate; name: string }[] = [
    { date: `${year}-05-01`, name: 'Arbeidernes dag' },
    { date: `${year}-05-17`, name: 'Grunnlovsdagen' },
    { date: addDays(easter, 39), name: 'Kristi himmelfartsdag' },
    { date: addDays(easter, 50), name: '2. pinsedag' },
  ];
  const merged = new Map<LocalDate, string[]>();
  for (const { date, name } of singleDays) merged.set(date, [...(merged.get(date) ?? []), name]);
  const holidays: ClosedPeriod[] = [...merged].map(([date, names]) => ({
    from: date,
    to: date,
    kind: 'holiday',
    name: names.join(' og '),
  }));
  return sortedByStart([
    { from: addDays(easter, -6), to: addDays(easter, 1), kind: 'break', name: 'Påskeferie' },
    ...holidays,
  ]);
}

/** A typical Norwegian municipality's school year 2026–2027: 190 school days (synthetic, for defaults and tests). */
export function exampleCalendar2026_2027(): SchoolCalendar {
  return {
    schoolYear: '2026-2027',
    firstDay: '2026-08-18',
    lastDay: '2027-06-22',
    closedPeriods: sortedByStart([
      { from: '2026-09-28', to: '2026-10-02', kind: 'break', name: 'Høstferie' },
      { from: '2026-11-13', to: '2026-11-13', kind: 'planning-day', name: 'Planleggingsdag' },
      { from: '2026-12-19', to: '2027-01-03', kind: 'break', name: 'Juleferie' },
      { from: '2027-01-04', to: '2027-01-04', kind: 'planning-day', name: 'Planleggingsdag' },
      { from: '2027-03-01', to: '2027-03-05', kind: 'break', name: 'Vinterferie' },
      ...springHolidays(2027),
      // The Friday after Ascension Day.
      { from: '2027-05-07', to: '2027-05-07', kind: 'planning-day', name: 'Planleggingsdag' },
    ]),
  };
}

export function sortedByStart(periods: ClosedPeriod[]): ClosedPeriod[] {
  return [...periods].sort((a, b) => daysBetween(b.from, a.from));
}
