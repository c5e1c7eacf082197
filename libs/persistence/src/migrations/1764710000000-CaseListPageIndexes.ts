import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case list's page in list order straight from an index, for the two scopes the API lists by: a
 * contact teacher's own cases (owner) and a school's (leaders, the health service). The list orders by
 * next deadline (none last: an ascending index's own order), then opened, then case id, so with the
 * scope's column first PostgreSQL reads the first 51 entries of the scope and stops, instead of reading
 * every case in the scope and sorting them (bench/ scale: GET /api/cases at 1,000+ cases).
 */
export class CaseListPageIndexes1764710000000 implements MigrationInterface {
  name = 'CaseListPageIndexes1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX cases_owner_list_order_idx ON cases (owner_staff_id, next_deadline_at, opened_at, case_id)`,
    );
    await q.query(
      `CREATE INDEX cases_school_list_order_idx ON cases (school_id, next_deadline_at, opened_at, case_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_school_list_order_idx`);
    await q.query(`DROP INDEX cases_owner_list_order_idx`);
  }
}
