// Dates and times as people at the school read them: Norwegian bokmål, Europe/Oslo.
const zone = 'Europe/Oslo';

const dateParts = new Intl.DateTimeFormat('nb-NO', {
  timeZone: zone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const weekdayDate = new Intl.DateTimeFormat('nb-NO', {
  timeZone: zone,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
});
const weekdayDateYear = new Intl.DateTimeFormat('nb-NO', {
  timeZone: zone,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const longDate = new Intl.DateTimeFormat('nb-NO', {
  timeZone: zone,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

interface OsloParts {
  year: number;
  month: number;
  day: number;
  hour: string;
  minute: string;
}

function osloParts(at: Date): OsloParts {
  const get = (type: string) => dateParts.formatToParts(at).find((p) => p.type === type)?.value ?? '0';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** Whole calendar days from `now` to `at` in Oslo (negative: in the past). */
function dayDifference(at: Date, now: Date): number {
  const a = osloParts(at);
  const b = osloParts(now);
  return Math.round(
    (Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day)) / 86_400_000,
  );
}

/** "kl. 15.00" (the Language Council's clock notation). */
export function clockTime(at: Date): string {
  const p = osloParts(at);
  return `kl. ${p.hour}.${p.minute}`;
}

/** "i dag kl. 15.00", "i morgen kl. 09.00", "i går kl. 15.00", else "fredag 12. desember". */
export function dueText(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const days = dayDifference(at, now);
  if (days === 0) return `i dag ${clockTime(at)}`;
  if (days === 1) return `i morgen ${clockTime(at)}`;
  if (days === -1) return `i går ${clockTime(at)}`;
  const sameYear = osloParts(at).year === osloParts(now).year;
  return (sameYear ? weekdayDate : weekdayDateYear).format(at);
}

/** "12. desember 2026 kl. 15.00". */
export function dateTimeText(iso: string): string {
  const at = new Date(iso);
  return `${longDate.format(at)} ${clockTime(at)}`;
}

/** A calendar date ("2026-12-14") as "14. desember 2026". */
export function calendarDateText(isoDate: string): string {
  return longDate.format(new Date(`${isoDate}T12:00:00Z`));
}

/** Today's date in Oslo as YYYY-MM-DD (the default for date fields). */
export function todayInOslo(now: Date = new Date()): string {
  const p = osloParts(now);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** A date `days` calendar days after an Oslo date, as YYYY-MM-DD. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
