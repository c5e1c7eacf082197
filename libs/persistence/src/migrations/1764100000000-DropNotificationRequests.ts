import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * notification_requests recorded what the case workflow asked to be sent, but only ever got marked
 * dispatched: each notice is a child workflow (its id the request key) that plans the outbox itself.
 * One mechanism, not two. `down` restores the empty table as CreateNotificationRequests made it.
 */
export class DropNotificationRequests1764100000000 implements MigrationInterface {
  name = 'DropNotificationRequests1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS notification_requests`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_requests (
        key text PRIMARY KEY,
        case_id uuid NOT NULL,
        school_id uuid NOT NULL,
        kind text NOT NULL,
        roles text[] NOT NULL,
        step smallint NOT NULL CHECK (step BETWEEN 1 AND 4),
        deadline_kind text NULL,
        due_at timestamptz NULL,
        requested_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz NULL
      )`);
    await q.query(`
      CREATE INDEX notification_requests_pending_idx
        ON notification_requests (requested_at, key) WHERE dispatched_at IS NULL`);
    await q.query(`CREATE INDEX notification_requests_case_idx ON notification_requests (case_id)`);
  }
}
