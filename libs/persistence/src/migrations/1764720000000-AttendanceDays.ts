import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance stored by student and day, not by lesson (ADR 0017). The rules read days; an import
 * writes a school year's ~570 k days instead of its 3.4 M lessons, and detection reads a student's
 * year as ~190 rows already summed instead of aggregating ~1,140 lessons on every evaluation.
 *
 * A day's periods are parallel arrays in period order (period, subject, teacher, status, minutes,
 * reason, and the seq of the import that wrote the period: a later import may correct one lesson of
 * a day an earlier import wrote, and an older import must never overwrite a newer one's period).
 * The counts are what the rules read (AttendanceDay in libs/domain), written with the lessons in the
 * same statement (AbsenceStore.apply) and checked against them in the integration tests.
 *
 * Existing lessons move into days; lesson_attendance is dropped (nothing else reads it). The staging
 * table becomes UNLOGGED: it holds a received file only until its import is applied, and an import
 * whose rows a crash emptied is refused by apply (the file must be sent again), never applied empty.
 */
export class AttendanceDays1764720000000 implements MigrationInterface {
  name = 'AttendanceDays1764720000000';

  async up(q: QueryRunner): Promise<void> {
    // No foreign keys, as lesson_attendance had none (migration 1764600001000): every row is written
    // from a join with students, and the application role may not delete students.
    await q.query(`
      CREATE TABLE attendance_days (
        student_id uuid NOT NULL,
        lesson_date date NOT NULL,
        school_id uuid NOT NULL,
        registered smallint NOT NULL CHECK (registered BETWEEN 1 AND 20),
        absent smallint NOT NULL CHECK (absent BETWEEN 0 AND registered),
        late smallint NOT NULL CHECK (late BETWEEN 0 AND registered),
        left_early smallint NOT NULL CHECK (left_early BETWEEN 0 AND registered),
        not_in_class smallint NOT NULL CHECK (not_in_class BETWEEN 0 AND registered),
        appointment smallint NOT NULL CHECK (appointment BETWEEN 0 AND absent),
        periods smallint[] NOT NULL,
        subject_codes text[] NOT NULL,
        teacher_refs text[] NOT NULL,
        statuses text[] NOT NULL,
        minutes smallint[] NOT NULL,
        reasons text[] NOT NULL,
        import_seqs bigint[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (student_id, lesson_date),
        CHECK (cardinality(periods) = registered AND cardinality(subject_codes) = registered
               AND cardinality(teacher_refs) = registered AND cardinality(statuses) = registered
               AND cardinality(minutes) = registered AND cardinality(reasons) = registered
               AND cardinality(import_seqs) = registered)
      )`);
    await q.query(`
      INSERT INTO attendance_days (student_id, lesson_date, school_id, registered, absent, late, left_early,
                                   not_in_class, appointment, periods, subject_codes, teacher_refs, statuses,
                                   minutes, reasons, import_seqs)
      SELECT a.student_id, a.lesson_date, (array_agg(a.school_id ORDER BY a.import_seq DESC))[1],
             count(*), count(*) FILTER (WHERE a.status = 'absent'), count(*) FILTER (WHERE a.status = 'late'),
             count(*) FILTER (WHERE a.status = 'left-early'),
             count(*) FILTER (WHERE a.status = 'present-not-in-class'),
             count(*) FILTER (WHERE a.status = 'absent' AND a.reason = 'appointment'),
             array_agg(a.period ORDER BY a.period), array_agg(a.subject_code ORDER BY a.period),
             array_agg(a.teacher_ref ORDER BY a.period), array_agg(a.status ORDER BY a.period),
             array_agg(a.minutes ORDER BY a.period), array_agg(a.reason ORDER BY a.period),
             array_agg(a.import_seq ORDER BY a.period)
        FROM lesson_attendance a
       GROUP BY a.student_id, a.lesson_date
       ORDER BY a.student_id, a.lesson_date`);
    await q.query(`DROP TABLE lesson_attendance`);
    await q.query(`ALTER TABLE absence_import_rows SET UNLOGGED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE absence_import_rows SET LOGGED`);
    await q.query(`
      CREATE TABLE lesson_attendance (
        student_id uuid NOT NULL,
        school_id uuid NOT NULL,
        lesson_date date NOT NULL,
        period smallint NOT NULL CHECK (period BETWEEN 1 AND 20),
        subject_code text NOT NULL CHECK (length(subject_code) BETWEEN 1 AND 32),
        teacher_ref text NULL CHECK (teacher_ref IS NULL OR length(teacher_ref) BETWEEN 1 AND 64),
        status text NOT NULL CHECK (status IN ('present', 'absent', 'late', 'left-early', 'present-not-in-class')),
        minutes smallint NULL CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 600),
        reason text NULL CHECK (reason IN ('illness', 'appointment', 'permission', 'unknown')),
        import_seq bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (student_id, lesson_date, period)
      )`);
    await q.query(`
      INSERT INTO lesson_attendance (student_id, school_id, lesson_date, period, subject_code, teacher_ref, status,
                                     minutes, reason, import_seq)
      SELECT d.student_id, d.school_id, d.lesson_date, l.*
        FROM attendance_days d
       CROSS JOIN LATERAL unnest(d.periods, d.subject_codes, d.teacher_refs, d.statuses, d.minutes, d.reasons,
                                 d.import_seqs) AS l`);
    await q.query(`DROP TABLE attendance_days`);
  }
}
