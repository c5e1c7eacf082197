// Europe/Oslo wall-clock time without Intl or a time-zone database: the workflow sandbox must give the
// same answer on every replay, whatever the host's ICU data. Oslo follows the EU rule since 1996:
// summer time (+02:00) from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC,
// otherwise +01:00. Dates before 1996 are out of scope for this product.
import type { Instant, LocalDate } from './model';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
// Offsets are accepted on input; every Instant this library produces is `...Z`.
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A local wall-clock reading in Oslo. `time` is `HH:MM` (seconds are dropped). */
export interface OsloLocal {
  date: LocalDate;
  time: string;
}

/** 1 = Monday … 7 = Sunday (ISO 8601). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export function isValidLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** `HH:MM`, 00:00–23:59. */
export function isValidLocalTime(value: unknown): value is string {
  return typeof value === 'string' && LOCAL_TIME_PATTERN.test(value);
}

export function isValidInstant(value: unknown): value is Instant {
  // Date.parse rolls 30 February over into March; the date part must exist on its own.
  return (
    typeof value === 'string' &&
    INSTANT_PATTERN.test(value) &&
    isValidLocalDate(value.slice(0, 10)) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** Milliseconds since the epoch; throws on anything that is not an ISO-8601 instant. */
export function instantToMs(instant: Instant): number {
  if (!isValidInstant(instant)) throw new RangeError(`Not an ISO-8601 instant: ${String(instant)}`);
  return Date.parse(instant);
}

export function msToInstant(ms: number): Instant {
  return new Date(ms).toISOString();
}

export function addSeconds(instant: Instant, seconds: number): Instant {
  return msToInstant(instantToMs(instant) + seconds * 1000);
}

export function compareInstants(a: Instant, b: Instant): number {
  return instantToMs(a) - instantToMs(b);
}

export function maxInstant(a: Instant, b: Instant): Instant {
  return compareInstants(a, b) >= 0 ? a : b;
}

/** The Oslo UTC offset in minutes at this instant: 120 in summer time, else 60. */
export function osloOffsetMinutes(instant: Instant): 60 | 120 {
  return offsetMinutesAtMs(instantToMs(instant));
}

export function toOsloLocal(instant: Instant): OsloLocal {
  const local = osloWallClock(instantToMs(instant));
  return { date: local.date, time: formatTime(Math.floor(local.msOfDay / MINUTE_MS)) };
}

/** The Oslo calendar date of an instant. */
export function osloDate(instant: Instant): LocalDate {
  return osloWallClock(instantToMs(instant)).date;
}

/**
 * The instant of an Oslo wall-clock time. Two hours a year need a rule:
 * - nonexistent (spring forward, 02:00–02:59 on the last Sunday of March): the reading is taken with
 *   the winter offset, so it lands as far after 03:00 as it was after 02:00 (02:30 → 03:30 +02:00);
 * - ambiguous (fall back, 02:00–02:59 on the last Sunday of October): the earlier of the two, summer time.
 * These match Temporal/java.time's "compatible" disambiguation.
 */
export function osloLocalToInstant(date: LocalDate, time: string): Instant {
  if (!isValidLocalTime(time)) throw new RangeError(`Not a local time HH:MM: ${String(time)}`);
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return msToInstant(osloWallClockToMs(date, hours * HOUR_MS + minutes * MINUTE_MS));
}

/** The same wall-clock time (to the millisecond) on another Oslo date. */
export function atSameOsloTimeOn(instant: Instant, date: LocalDate): Instant {
  return msToInstant(osloWallClockToMs(date, osloWallClock(instantToMs(instant)).msOfDay));
}

export function isoWeekday(date: LocalDate): IsoWeekday {
  const sundayZero = new Date(localDateToUtcMs(date)).getUTCDay();
  return (sundayZero === 0 ? 7 : sundayZero) as IsoWeekday;
}

export function isWeekend(date: LocalDate): boolean {
  return isoWeekday(date) >= 6;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return utcMsToLocalDate(localDateToUtcMs(date) + days * DAY_MS);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((localDateToUtcMs(b) - localDateToUtcMs(a)) / DAY_MS);
}

/** The last Sunday of a month (1–12) as a day of the month. */
export function lastSundayOfMonth(year: number, month: number): number {
  const lastDay = daysInMonth(year, month);
  const weekdayOfLast = new Date(Date.UTC(year, month - 1, lastDay)).getUTCDay();
  return lastDay - weekdayOfLast;
}

// ---- internals -------------------------------------------------------------------------------------

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function localDateToUtcMs(date: LocalDate): number {
  if (!isValidLocalDate(date)) throw new RangeError(`Not a date YYYY-MM-DD: ${String(date)}`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

function utcMsToLocalDate(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function formatTime(minutesOfDay: number): string {
  const hours = Math.floor(minutesOfDay / 60);
  const minutes = minutesOfDay % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function offsetMinutesAtMs(ms: number): 60 | 120 {
  const year = new Date(ms).getUTCFullYear();
  const summerStarts = Date.UTC(year, 2, lastSundayOfMonth(year, 3), 1);
  const summerEnds = Date.UTC(year, 9, lastSundayOfMonth(year, 10), 1);
  return ms >= summerStarts && ms < summerEnds ? 120 : 60;
}

function osloWallClock(ms: number): { date: LocalDate; msOfDay: number } {
  const wallMs = ms + offsetMinutesAtMs(ms) * MINUTE_MS;
  const msOfDay = ((wallMs % DAY_MS) + DAY_MS) % DAY_MS;
  return { date: utcMsToLocalDate(wallMs - msOfDay), msOfDay };
}

function osloWallClockToMs(date: LocalDate, msOfDay: number): number {
  const wallMs = localDateToUtcMs(date) + msOfDay;
  const asSummer = wallMs - 120 * MINUTE_MS;
  const asWinter = wallMs - 60 * MINUTE_MS;
  // Summer first: when both readings exist (fall back) the earlier one wins.
  if (offsetMinutesAtMs(asSummer) === 120) return asSummer;
  // Winter time, or the spring-forward gap, which the winter offset pushes past 03:00.
  return asWinter;
}
