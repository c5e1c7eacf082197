// Attendance stored by student and day (ADR 0017): what a row of attendance_days holds, and how it
// becomes the domain's AttendanceDay. The counts are the ones the rules read; the SQL that writes
// them (AbsenceStore.apply, the migration) sums them from the day's periods with dayCountsOfLessons.
import type { AttendanceDay, LocalDate } from '@tiltak/domain';

/** The day's counts, in the table's column order. */
export const DAY_COUNT_COLUMNS = [
  'registered',
  'absent',
  'late',
  'left_early',
  'not_in_class',
  'appointment',
] as const;

/**
 * The day's counts as aggregate SQL over its periods (one row per period), named as the columns:
 * `statusSql` and `reasonSql` are the period's status and reason in the rows aggregated.
 */
export function dayCountsOfLessons(statusSql: string, reasonSql: string): string {
  return [
    `count(*)::int AS registered`,
    `count(*) FILTER (WHERE ${statusSql} = 'absent')::int AS absent`,
    `count(*) FILTER (WHERE ${statusSql} = 'late')::int AS late`,
    `count(*) FILTER (WHERE ${statusSql} = 'left-early')::int AS left_early`,
    `count(*) FILTER (WHERE ${statusSql} = 'present-not-in-class')::int AS not_in_class`,
    `count(*) FILTER (WHERE ${statusSql} = 'absent' AND ${reasonSql} = 'appointment')::int AS appointment`,
  ].join(', ');
}

/** A stored period: subject, teacher, status, minutes, reason, and the seq of the import that wrote it. */
export type StoredLesson = [string, string | null, string, number | null, string | null, number];

/** A day as loadForDetection reads it: date, the counts in DAY_COUNT_COLUMNS order, the periods. */
export type StoredDayTuple = [
  LocalDate,
  number,
  number,
  number,
  number,
  number,
  number,
  Record<string, StoredLesson>,
];

/** The domain's day: the stored counts, and each period as a lesson of its subject and teacher, in period order. */
export function dayFromStored([
  date,
  registered,
  absent,
  late,
  leftEarly,
  presentNotInClass,
  absentForAppointment,
  lessons,
]: StoredDayTuple): AttendanceDay {
  return {
    date,
    registered,
    absent,
    late,
    leftEarly,
    presentNotInClass,
    absentForAppointment,
    lessons: Object.keys(lessons)
      .sort((a, b) => Number(a) - Number(b))
      .map((period) => {
        const [subjectCode, teacherRef, status] = lessons[period] as StoredLesson;
        return { subjectCode, teacherRef, registered: 1, absent: status === 'absent' ? 1 : 0 };
      }),
  };
}
