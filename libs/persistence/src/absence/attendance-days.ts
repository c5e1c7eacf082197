// Attendance stored by student and day (ADR 0017): what a row of attendance_days holds, and how it
// becomes the domain's AttendanceDay. A day's periods are parallel arrays in period order (one
// element per period: cheaper to build from millions of records and to read than a JSON document);
// the counts are the ones the rules read, summed from the periods by dayCountsOfLessons in the SQL
// that writes them (AbsenceStore.apply; the migration that created the table keeps its own frozen copy).
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
 * The day's periods: each column an array in period order, `periods` first. `import_seqs` holds the
 * seq of the import that wrote each period (an older import never overwrites a newer one's period).
 */
export const DAY_LESSON_COLUMNS = [
  { column: 'periods', field: 'period', type: 'smallint' },
  { column: 'subject_codes', field: 'subject_code', type: 'text' },
  { column: 'teacher_refs', field: 'teacher_ref', type: 'text' },
  { column: 'statuses', field: 'status', type: 'text' },
  { column: 'minutes', field: 'minutes', type: 'smallint' },
  { column: 'reasons', field: 'reason', type: 'text' },
  { column: 'import_seqs', field: 'import_seq', type: 'bigint' },
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

/**
 * A day as loadForDetection reads it: date, the counts in DAY_COUNT_COLUMNS order, then the
 * periods' subject codes, teacher references and statuses (parallel arrays in period order).
 */
export type StoredDayTuple = [
  LocalDate,
  number,
  number,
  number,
  number,
  number,
  number,
  string[],
  (string | null)[],
  string[],
];

/** The domain's day: the stored counts, and each period as a lesson of its subject and teacher. */
export function dayFromStored([
  date,
  registered,
  absent,
  late,
  leftEarly,
  presentNotInClass,
  absentForAppointment,
  subjectCodes,
  teacherRefs,
  statuses,
]: StoredDayTuple): AttendanceDay {
  return {
    date,
    registered,
    absent,
    late,
    leftEarly,
    presentNotInClass,
    absentForAppointment,
    lessons: subjectCodes.map((subjectCode, i) => ({
      subjectCode,
      teacherRef: teacherRefs[i] ?? null,
      registered: 1,
      absent: statuses[i] === 'absent' ? 1 : 0,
    })),
  };
}
