import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case read model and the append-only audit trail.
 *
 * No foreign keys from here to the directory: the workflow is the source of truth and its activity
 * must be able to write the projection unconditionally; a failing constraint would retry forever.
 */
export class CreateCaseTables1764000001000 implements MigrationInterface {
  name = 'CreateCaseTables1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cases (
        case_id uuid PRIMARY KEY,
        student_id uuid NOT NULL,
        school_id uuid NOT NULL,
        owner_staff_id uuid NOT NULL,
        trigger text NOT NULL,
        step smallint NOT NULL CHECK (step BETWEEN 1 AND 4),
        status text NOT NULL CHECK (status IN ('open', 'paused', 'closed')),
        opened_at timestamptz NOT NULL,
        closed_at timestamptz NULL,
        close_reason text NULL,
        paused_at timestamptz NULL,
        next_deadline_at timestamptz NULL,
        next_deadline_kind text NULL,
        overdue boolean NOT NULL DEFAULT false,
        deadlines jsonb NOT NULL DEFAULT '[]'::jsonb,
        measures jsonb NOT NULL DEFAULT '[]'::jsonb,
        state jsonb NOT NULL,
        event_count integer NOT NULL CHECK (event_count >= 0),
        last_event_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX cases_school_status_idx ON cases (school_id, status)`);
    await q.query(`CREATE INDEX cases_owner_status_idx ON cases (owner_staff_id, status)`);
    await q.query(`CREATE INDEX cases_step_idx ON cases (step)`);
    // Serves the list order (next deadline first, nulls last) and deadline filters.
    await q.query(`CREATE INDEX cases_next_deadline_idx ON cases (next_deadline_at, opened_at, case_id)`);
    await q.query(`CREATE INDEX cases_overdue_idx ON cases (next_deadline_at) WHERE overdue`);
    await q.query(`CREATE INDEX cases_student_idx ON cases (student_id)`);
    // One open (or paused) case per student; the API checks first, this is defence in depth.
    await q.query(
      `CREATE UNIQUE INDEX cases_one_open_per_student ON cases (student_id) WHERE status <> 'closed'`,
    );

    await q.query(`
      CREATE TABLE case_events (
        seq bigserial PRIMARY KEY,
        event_id text NOT NULL,
        case_id uuid NOT NULL,
        type text NOT NULL,
        origin text NOT NULL CHECK (origin IN ('person', 'system')),
        step smallint NOT NULL CHECK (step BETWEEN 1 AND 4),
        actor_staff_id uuid NULL,
        actor_role text NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        CONSTRAINT case_events_event_id_key UNIQUE (event_id),
        CONSTRAINT case_events_actor_matches_origin
          CHECK ((origin = 'person') = (actor_staff_id IS NOT NULL AND actor_role IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX case_events_case_seq_idx ON case_events (case_id, seq)`);

    // Shared by every append-only table. Statement-level, so even an UPDATE matching no row is refused.
    await q.query(`
      CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'restrict_violation',
                HINT = 'Record a new row instead of changing or removing an old one.';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER case_events_append_only
        BEFORE UPDATE OR DELETE ON case_events
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()`);
    await q.query(`
      CREATE TRIGGER case_events_no_truncate
        BEFORE TRUNCATE ON case_events
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER case_events_no_truncate ON case_events`);
    await q.query(`DROP TRIGGER case_events_append_only ON case_events`);
    await q.query(`DROP FUNCTION refuse_append_only_change()`);
    await q.query(`DROP TABLE case_events`);
    await q.query(`DROP TABLE cases`);
  }
}
