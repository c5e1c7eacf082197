import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Absence data in, concerns out (ADR 0009): the school system's student reference, lesson attendance
 * upserted by (student, date, period), imports with their counts and errors, the staging table COPY
 * streams into, the append-only signals a leader reads to see why a case began, and each student's
 * latest figures for the overview.
 */
export class CreateAbsenceTables1764500000000 implements MigrationInterface {
  name = 'CreateAbsenceTables1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE students ADD COLUMN external_ref text NULL
      CHECK (external_ref IS NULL OR (length(external_ref) BETWEEN 1 AND 64))`);
    await q.query(`CREATE UNIQUE INDEX students_school_external_ref_key ON students (school_id, external_ref)
      WHERE external_ref IS NOT NULL`);

    await q.query(`
      CREATE TABLE absence_imports (
        id uuid PRIMARY KEY,
        -- Orders imports: a record keeps the values of the latest import that set it, whatever order they are applied in.
        seq bigserial NOT NULL UNIQUE,
        school_id uuid NOT NULL REFERENCES schools (id),
        source text NOT NULL CHECK (source IN ('csv', 'json')),
        mode text NOT NULL CHECK (mode IN ('all-or-nothing', 'skip-invalid')),
        status text NOT NULL CHECK (status IN ('received', 'applying', 'applied', 'rejected')),
        submitted_by uuid NULL REFERENCES staff (id),
        rows_read integer NOT NULL DEFAULT 0,
        rows_applied integer NOT NULL DEFAULT 0,
        rows_unchanged integer NOT NULL DEFAULT 0,
        rows_rejected integer NOT NULL DEFAULT 0,
        students_evaluated integer NOT NULL DEFAULT 0,
        signals_fired integer NOT NULL DEFAULT 0,
        cases_opened integer NOT NULL DEFAULT 0,
        -- Every rejected row's line and field, bounded by the file; never a value from the row.
        errors jsonb NOT NULL DEFAULT '[]',
        error_count integer NOT NULL DEFAULT 0,
        unknown_student_refs jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX absence_imports_school_idx ON absence_imports (school_id, created_at DESC)`);

    // Staging: raw text as the file had it, one row per record; emptied when the import is applied.
    await q.query(`
      CREATE TABLE absence_import_rows (
        import_id uuid NOT NULL,
        line_no integer NOT NULL,
        student_ref text,
        lesson_date text,
        period text,
        subject_code text,
        teacher_ref text,
        status text,
        minutes text,
        reason text,
        -- Set by the parser when the row's field count is wrong.
        shape_error text
      )`);
    await q.query(`CREATE INDEX absence_import_rows_import_idx ON absence_import_rows (import_id)`);

    await q.query(`
      CREATE TABLE lesson_attendance (
        student_id uuid NOT NULL REFERENCES students (id),
        school_id uuid NOT NULL REFERENCES schools (id),
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
    await q.query(
      `CREATE INDEX lesson_attendance_school_date_idx ON lesson_attendance (school_id, lesson_date)`,
    );

    await q.query(`
      CREATE TABLE absence_signals (
        id text PRIMARY KEY,
        student_id uuid NOT NULL REFERENCES students (id),
        school_id uuid NOT NULL REFERENCES schools (id),
        trigger text NOT NULL CHECK (trigger IN ('absence-percentage', 'lesson-absence', 'present-not-in-class', 'repeated-late-arrival')),
        kind text NOT NULL CHECK (kind IN ('fired', 'cleared')),
        crossing integer NOT NULL CHECK (crossing >= 1),
        outcome text NULL CHECK (outcome IN ('case-opened', 'case-proposed', 'open-case-exists')),
        case_id uuid NULL,
        import_id uuid NULL REFERENCES absence_imports (id),
        -- The detection run that wrote it (the import's id, or the daily run's date): a retried run finds its own openings.
        run_key text NOT NULL,
        evaluated_on date NOT NULL,
        figures jsonb NOT NULL,
        pattern jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX absence_signals_student_idx ON absence_signals (student_id, trigger, crossing DESC)`,
    );
    // Append-only, like the case audit trail: why a case began must stay readable.
    await q.query(`
      CREATE FUNCTION absence_signals_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'absence_signals is append-only'; END $$`);
    await q.query(`CREATE TRIGGER absence_signals_no_change BEFORE UPDATE OR DELETE ON absence_signals
      FOR EACH ROW EXECUTE FUNCTION absence_signals_append_only()`);

    await q.query(`
      CREATE TABLE student_absence_figures (
        student_id uuid PRIMARY KEY REFERENCES students (id),
        school_id uuid NOT NULL REFERENCES schools (id),
        evaluated_on date NOT NULL,
        figures jsonb NOT NULL,
        pattern jsonb NOT NULL,
        concerning text[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX student_absence_figures_school_idx ON student_absence_figures (school_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE student_absence_figures`);
    await q.query(`DROP TABLE absence_signals`);
    await q.query(`DROP FUNCTION absence_signals_append_only()`);
    await q.query(`DROP TABLE lesson_attendance`);
    await q.query(`DROP TABLE absence_import_rows`);
    await q.query(`DROP TABLE absence_imports`);
    await q.query(`DROP INDEX students_school_external_ref_key`);
    await q.query(`ALTER TABLE students DROP COLUMN external_ref`);
  }
}
