import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the case list and the leadership overview filter on, as columns of the read model:
 * - `escalated`: the domain's isEscalated (an open case with a deadline whose escalation fired),
 *   written from the state like `overdue`;
 * - `last_activity_at`: when a person last did something on the case (opened it or recorded an
 *   event), not a reminder or another system event. The workflow's `lastEventAt` counts those too,
 *   so "no activity for N school days" needs its own column.
 * Existing rows are filled from their state and their audit trail.
 */
export class AddCaseListColumns1764300000000 implements MigrationInterface {
  name = 'AddCaseListColumns1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases
        ADD COLUMN escalated boolean NOT NULL DEFAULT false,
        ADD COLUMN last_activity_at timestamptz NULL`);
    // The same rule as isEscalated in libs/domain, once, for rows written before the column existed.
    await q.query(`
      UPDATE cases SET escalated = status = 'open' AND EXISTS (
        SELECT 1 FROM jsonb_array_elements(deadlines) AS d WHERE d ->> 'status' = 'escalated')`);
    await q.query(`
      UPDATE cases c SET last_activity_at = GREATEST(c.opened_at, (
        SELECT max(e.occurred_at) FROM case_events e WHERE e.case_id = c.case_id AND e.origin = 'person'))`);
    await q.query(`ALTER TABLE cases ALTER COLUMN last_activity_at SET NOT NULL`);
    // "No activity for N school days" per school; escalated cases in deadline order.
    await q.query(
      `CREATE INDEX cases_open_activity_idx ON cases (school_id, last_activity_at) WHERE status = 'open'`,
    );
    await q.query(`CREATE INDEX cases_escalated_idx ON cases (next_deadline_at) WHERE escalated`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_escalated_idx`);
    await q.query(`DROP INDEX cases_open_activity_idx`);
    await q.query(`ALTER TABLE cases DROP COLUMN last_activity_at, DROP COLUMN escalated`);
  }
}
