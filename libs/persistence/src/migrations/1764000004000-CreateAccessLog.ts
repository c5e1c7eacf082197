import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who tried to read or change what, allowed or denied. Append-only like the audit trail. */
export class CreateAccessLog1764000004000 implements MigrationInterface {
  name = 'CreateAccessLog1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        staff_id uuid NULL,
        role text NULL,
        action text NOT NULL,
        resource_type text NOT NULL,
        resource_id text NULL,
        outcome text NOT NULL CHECK (outcome IN ('allowed', 'denied')),
        reason text NULL
      )`);
    await q.query(`CREATE INDEX access_log_resource_idx ON access_log (resource_type, resource_id, at)`);
    await q.query(`CREATE INDEX access_log_staff_idx ON access_log (staff_id, at)`);
    await q.query(`CREATE INDEX access_log_denied_idx ON access_log (at) WHERE outcome = 'denied'`);
    // refuse_append_only_change() comes from CreateCaseTables1764000001000.
    await q.query(`
      CREATE TRIGGER access_log_append_only
        BEFORE UPDATE OR DELETE ON access_log
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()`);
    await q.query(`
      CREATE TRIGGER access_log_no_truncate
        BEFORE TRUNCATE ON access_log
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER access_log_no_truncate ON access_log`);
    await q.query(`DROP TRIGGER access_log_append_only ON access_log`);
    await q.query(`DROP TABLE access_log`);
  }
}
