import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lessons are written in bulk, read by student. A school year's import is millions of lesson rows in one statement, and PostgreSQL checks a foreign
 * key row by row: two lookups per lesson were most of the apply's time (bench/absence-import.mjs).
 * Every lesson_attendance row is inserted from a join with students (AbsenceStore.apply), so its
 * student and school exist by construction, and the application role may not delete students.
 */
export class LessonAttendanceForBulkWrites1764600001000 implements MigrationInterface {
  name = 'LessonAttendanceForBulkWrites1764600001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE lesson_attendance DROP CONSTRAINT IF EXISTS lesson_attendance_student_id_fkey`,
    );
    await q.query(`ALTER TABLE lesson_attendance DROP CONSTRAINT IF EXISTS lesson_attendance_school_id_fkey`);
    // Nothing reads lessons by school and date (detection reads by student, the primary key's prefix).
    await q.query(`DROP INDEX IF EXISTS lesson_attendance_school_date_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX lesson_attendance_school_date_idx ON lesson_attendance (school_id, lesson_date)`,
    );
    await q.query(`ALTER TABLE lesson_attendance ADD CONSTRAINT lesson_attendance_student_id_fkey
      FOREIGN KEY (student_id) REFERENCES students (id)`);
    await q.query(`ALTER TABLE lesson_attendance ADD CONSTRAINT lesson_attendance_school_id_fkey
      FOREIGN KEY (school_id) REFERENCES schools (id)`);
  }
}
