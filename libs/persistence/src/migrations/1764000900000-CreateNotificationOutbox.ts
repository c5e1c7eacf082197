import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The per-recipient outbox (owned by libs/notifications). One row per email; `key` makes planning
 * idempotent (INSERT … ON CONFLICT DO NOTHING) and decides the Message-ID. No foreign keys: a notice
 * must still be recorded when the directory changes under it.
 */
export class CreateNotificationOutbox1764000900000 implements MigrationInterface {
  name = 'CreateNotificationOutbox1764000900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_outbox (
        id uuid PRIMARY KEY,
        key text NOT NULL,
        request_key text NOT NULL,
        case_id uuid NULL,
        school_id uuid NOT NULL,
        kind text NOT NULL,
        recipient_staff_id uuid NOT NULL,
        recipient_email text NOT NULL,
        recipient_role text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        message_id text NOT NULL,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz NULL,
        CONSTRAINT notification_outbox_key_key UNIQUE (key),
        CONSTRAINT notification_outbox_sent_at_iff_sent CHECK ((status = 'sent') = (sent_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX notification_outbox_request_idx ON notification_outbox (request_key)`);
    await q.query(
      `CREATE INDEX notification_outbox_case_idx ON notification_outbox (case_id) WHERE case_id IS NOT NULL`,
    );
    // What a sweeper looks for: rows planned but not (known to be) sent.
    await q.query(`
      CREATE INDEX notification_outbox_unsent_idx
        ON notification_outbox (updated_at) WHERE status IN ('pending', 'sending')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_outbox`);
  }
}
