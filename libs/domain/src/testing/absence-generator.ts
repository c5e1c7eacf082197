// A seeded generator of synthetic lesson attendance: the same seed always gives the same records, so
// tests, the demo CSV and a benchmark can share realistic patterns without any real person's data.
import type { AbsenceReason, AttendanceStatus, LessonRecord } from '../absence-detection';
import type { LocalDate } from '../model';
import { addDays, isoWeekday } from '../oslo-time';

export const SYNTHETIC_PATTERNS = [
  'regular', // a few scattered absent lessons
  'monday-absent', // away most Mondays
  'rising', // fine until the last four weeks, then often away
  'chronic-late', // arrives late several times a week
  'long-illness', // two weeks away in one run, reason illness
] as const;
export type SyntheticPattern = (typeof SYNTHETIC_PATTERNS)[number];

export interface SyntheticStudent {
  studentRef: string;
  pattern: SyntheticPattern;
}

export interface GeneratedRecord extends LessonRecord {
  studentRef: string;
}

export interface GeneratorOptions {
  seed: number;
  students: readonly SyntheticStudent[];
  /** First and last school day (inclusive); weekends are skipped. */
  from: LocalDate;
  to: LocalDate;
  lessonsPerDay?: number;
  /** Dates without teaching besides weekends. */
  closedDates?: readonly LocalDate[];
}

const SUBJECTS = ['NOR', 'MAT', 'ENG', 'NAT', 'SAF', 'KRO'];

/** mulberry32: small, fast and good enough for synthetic data; never for anything secret. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The weekdays from `from` to `to` not listed as closed. */
export function schoolDaysBetween(
  from: LocalDate,
  to: LocalDate,
  closed: readonly LocalDate[] = [],
): LocalDate[] {
  const days: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (isoWeekday(d) <= 5 && !closed.includes(d)) days.push(d);
  }
  return days;
}

export function generateAttendance(options: GeneratorOptions): GeneratedRecord[] {
  return [...attendanceRecords(options)];
}

/**
 * The same records one at a time (student by student, day by day), so a benchmark can write a
 * municipality's school year to a file without holding it in memory.
 */
export function* attendanceRecords(options: GeneratorOptions): Generator<GeneratedRecord> {
  const random = seededRandom(options.seed);
  const lessons = options.lessonsPerDay ?? 6;
  const days = schoolDaysBetween(options.from, options.to, options.closedDates);
  for (const student of options.students) {
    const illnessStart = Math.floor(days.length / 3);
    for (const [dayIndex, date] of days.entries()) {
      const daysLeft = days.length - dayIndex;
      let wholeDay: AbsenceReason | null = null;
      if (student.pattern === 'monday-absent' && isoWeekday(date) === 1 && random() < 0.8)
        wholeDay = 'unknown';
      if (student.pattern === 'rising' && daysLeft <= 20 && random() < 0.35) wholeDay = 'unknown';
      if (student.pattern === 'long-illness' && dayIndex >= illnessStart && dayIndex < illnessStart + 10) {
        wholeDay = 'illness';
      }
      for (let period = 1; period <= lessons; period++) {
        const subjectCode = SUBJECTS[(dayIndex + period) % SUBJECTS.length] ?? 'NOR';
        let status: AttendanceStatus = 'present';
        let minutes: number | null = null;
        let reason: AbsenceReason | null = null;
        if (wholeDay) {
          status = 'absent';
          reason = wholeDay;
        } else if (student.pattern === 'chronic-late' && period === 1 && random() < 0.5) {
          status = 'late';
          minutes = 5 + Math.floor(random() * 20);
          reason = 'unknown';
        } else if (random() < 0.01) {
          status = 'absent';
          reason = random() < 0.5 ? 'appointment' : 'illness';
        }
        yield {
          studentRef: student.studentRef,
          date,
          period,
          subjectCode,
          teacherRef: `T-${subjectCode}`,
          status,
          minutes,
          reason,
        };
      }
    }
  }
}

export const CSV_COLUMNS = [
  'student_ref',
  'date',
  'period',
  'subject',
  'teacher_ref',
  'status',
  'minutes',
  'reason',
] as const;

/** The records as the import's CSV (`;`-separated, as Norwegian spreadsheets write it). */
export function attendanceCsv(records: readonly GeneratedRecord[], separator: ';' | ',' = ';'): string {
  const lines = [CSV_COLUMNS.join(separator)];
  for (const r of records) lines.push(attendanceCsvLine(r, separator));
  return `${lines.join('\n')}\n`;
}

/** One record as a CSV line of the import's columns (without the line break). */
export function attendanceCsvLine(r: GeneratedRecord, separator: ';' | ',' = ';'): string {
  return [
    r.studentRef,
    r.date,
    r.period,
    r.subjectCode,
    r.teacherRef ?? '',
    r.status,
    r.minutes ?? '',
    r.reason ?? '',
  ].join(separator);
}
