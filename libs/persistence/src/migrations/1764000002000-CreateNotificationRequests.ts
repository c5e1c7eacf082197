import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the case workflow asks the notifications side to send, keyed by the request's natural key.
 * The per-recipient outbox comes in a later migration owned by notifications.
 */
export class CreateNotificationRequests1764000002000 implements MigrationInterface {
  name = 'CreateNotificationRequests1764000002000';

  async up(q: QueryRunner): Promise<void> {
    // No CHECK on kind: a new kind in the contract must not make the workflow's activity fail forever.
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

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_requests`);
  }
}
