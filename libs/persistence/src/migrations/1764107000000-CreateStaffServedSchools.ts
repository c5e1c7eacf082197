import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which schools a municipality-wide partner (PPT advisor, mobile team, health nurse) serves: a partner
 * sees a case assigned to its service only at a school it belongs to or serves.
 */
export class CreateStaffServedSchools1764107000000 implements MigrationInterface {
  name = 'CreateStaffServedSchools1764107000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_served_schools (
        staff_id uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
        school_id uuid NOT NULL REFERENCES schools (id),
        PRIMARY KEY (staff_id, school_id)
      )`);
    // Recipients of a school's notices are looked up by school.
    await q.query(`CREATE INDEX staff_served_schools_school_idx ON staff_served_schools (school_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_served_schools`);
  }
}
