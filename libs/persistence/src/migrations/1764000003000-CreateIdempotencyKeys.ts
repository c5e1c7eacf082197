import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The API's Idempotency-Key records: one per caller and key, with the stored response once done. */
export class CreateIdempotencyKeys1764000003000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        caller_staff_id uuid NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('in-progress', 'completed')),
        response_status integer NULL,
        response_body jsonb NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz NULL,
        PRIMARY KEY (caller_staff_id, key),
        CONSTRAINT idempotency_keys_completed_has_response
          CHECK ((status = 'completed') = (response_status IS NOT NULL AND completed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
