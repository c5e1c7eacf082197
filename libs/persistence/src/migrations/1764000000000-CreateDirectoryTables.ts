import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schools, their calendars, staff and students. Names of students live only in `students`; every
 * other table refers to a student by the pseudonymous id.
 */
export class CreateDirectoryTables1764000000000 implements MigrationInterface {
  name = 'CreateDirectoryTables1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE schools (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        municipality text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE school_calendars (
        school_id uuid NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
        school_year text NOT NULL CHECK (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
        calendar jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (school_id, school_year)
      )`);

    // A frozen copy of STAFF_ROLES as of this migration: a new role needs a new migration.
    await q.query(`
      CREATE TABLE staff (
        id uuid PRIMARY KEY,
        display_name text NOT NULL,
        email text NOT NULL,
        role text NOT NULL CHECK (role IN (
          'contact-teacher', 'school-leadership', 'social-teacher', 'competence-team',
          'ppt', 'mobile-team', 'health-nurse'
        )),
        school_id uuid NULL REFERENCES schools (id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // school_id NULL means municipality-wide (PPT, mobile team); COALESCE makes those unique too.
    await q.query(`
      CREATE UNIQUE INDEX staff_email_role_school_key
        ON staff (lower(email), role, COALESCE(school_id, '00000000-0000-0000-0000-000000000000'::uuid))`);
    await q.query(`CREATE INDEX staff_role_school_idx ON staff (role, school_id) WHERE active`);

    await q.query(`
      CREATE TABLE students (
        id uuid PRIMARY KEY,
        school_id uuid NOT NULL REFERENCES schools (id),
        class_name text NOT NULL,
        contact_teacher_id uuid NOT NULL REFERENCES staff (id),
        given_name text NOT NULL,
        family_name text NOT NULL,
        concern_profile jsonb NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX students_school_class_idx ON students (school_id, class_name)`);
    await q.query(`CREATE INDEX students_contact_teacher_idx ON students (contact_teacher_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE students`);
    await q.query(`DROP TABLE staff`);
    await q.query(`DROP TABLE school_calendars`);
    await q.query(`DROP TABLE schools`);
  }
}
