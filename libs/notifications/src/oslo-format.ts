// Dates and times as a Norwegian reader expects them, on Oslo's wall clock. The offset (summer time
// included) comes from @tiltak/domain, the same rule the deadlines are computed with.
import { toOsloLocal, type Instant, type LocalDate } from '@tiltak/domain';

const WEEKDAYS = ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'] as const;
const MONTHS = [
  'januar',
  'februar',
  'mars',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'desember',
] as const;

/** 'mandag 30. mars 2026'. */
export function formatOsloDate(instant: Instant): string {
  return formatLocalDate(toOsloLocal(instant).date);
}

/** 'mandag 30. mars 2026 kl. 15.00' (Språkrådet writes the clock with a full stop). */
export function formatOsloDateTime(instant: Instant): string {
  const local = toOsloLocal(instant);
  return `${formatLocalDate(local.date)} kl. ${local.time.replace(':', '.')}`;
}

/** '15.00'. */
export function formatOsloTime(instant: Instant): string {
  return toOsloLocal(instant).time.replace(':', '.');
}

export function isSameOsloDate(a: Instant, b: Instant): boolean {
  return toOsloLocal(a).date === toOsloLocal(b).date;
}

/** 'mandag 30. mars 2026' for a `YYYY-MM-DD` date. */
export function formatLocalDate(date: LocalDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  return `${weekday} ${day}. ${MONTHS[month - 1]} ${year}`;
}

/** The ISO-8601 week of an instant on Oslo's calendar, e.g. '2026-W14' (weeks start on Monday). */
export function isoWeekKey(instant: Instant): string {
  const [year, month, day] = toOsloLocal(instant).date.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of this week decides which year the week belongs to.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}
