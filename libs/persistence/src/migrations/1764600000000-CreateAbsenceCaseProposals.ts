import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Propose mode (ADR 0015): a fired signal proposes a case to the contact teacher instead of opening
 * it. A proposal is pending until confirmed (a case opens) or dismissed with a reason from a closed
 * list; each decision is appended to `absence_proposal_decisions`, which nothing may change.
 */
export class CreateAbsenceCaseProposals1764600000000 implements MigrationInterface {
  name = 'CreateAbsenceCaseProposals1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE absence_case_proposals (
        -- Deterministic (from the first signal it answers): a retried detection proposes nothing twice.
        id uuid PRIMARY KEY,
        student_id uuid NOT NULL REFERENCES students (id),
        school_id uuid NOT NULL REFERENCES schools (id),
        contact_teacher_id uuid NOT NULL REFERENCES staff (id),
        trigger text NOT NULL CHECK (trigger IN ('absence-percentage', 'lesson-absence', 'present-not-in-class', 'repeated-late-arrival')),
        absence_percent numeric(5, 1) NULL,
        -- Triggers, signal ids, figures and pattern, as a case opened by detection records them.
        detection jsonb NOT NULL,
        import_id uuid NULL REFERENCES absence_imports (id),
        run_key text NOT NULL,
        proposed_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'dismissed')),
        case_id uuid NULL,
        decided_at timestamptz NULL,
        CHECK ((status = 'pending') = (decided_at IS NULL)),
        CHECK ((status = 'confirmed') = (case_id IS NOT NULL))
      )`);
    // One pending proposal per student: a new crossing while one waits proposes nothing new.
    await q.query(`CREATE UNIQUE INDEX absence_case_proposals_pending_key ON absence_case_proposals (student_id)
      WHERE status = 'pending'`);
    await q.query(
      `CREATE INDEX absence_case_proposals_school_idx ON absence_case_proposals (school_id, status, proposed_at)`,
    );
    // Its status moves once, from pending: a decided proposal cannot be reopened or changed.
    await q.query(`
      CREATE FUNCTION absence_case_proposals_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'pending' THEN RAISE EXCEPTION 'absence_case_proposals: a decided proposal does not change'; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER absence_case_proposals_once BEFORE UPDATE ON absence_case_proposals
      FOR EACH ROW EXECUTE FUNCTION absence_case_proposals_decided_once()`);
    await q.query(`CREATE INDEX absence_case_proposals_run_idx ON absence_case_proposals (run_key)`);

    await q.query(`
      CREATE TABLE absence_proposal_decisions (
        proposal_id uuid PRIMARY KEY REFERENCES absence_case_proposals (id),
        decision text NOT NULL CHECK (decision IN ('confirmed', 'dismissed')),
        reason text NULL CHECK (reason IN ('known-cause', 'already-followed-up', 'registration-error', 'other-follow-up')),
        decided_by uuid NOT NULL REFERENCES staff (id),
        case_id uuid NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((decision = 'dismissed') = (reason IS NOT NULL)),
        CHECK ((decision = 'confirmed') = (case_id IS NOT NULL))
      )`);
    await q.query(`
      CREATE FUNCTION absence_proposal_decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'absence_proposal_decisions is append-only'; END $$`);
    await q.query(`CREATE TRIGGER absence_proposal_decisions_no_change BEFORE UPDATE OR DELETE ON absence_proposal_decisions
      FOR EACH ROW EXECUTE FUNCTION absence_proposal_decisions_append_only()`);

    await q.query(`ALTER TABLE absence_signals DROP CONSTRAINT IF EXISTS absence_signals_outcome_check`);
    await q.query(`ALTER TABLE absence_signals ADD CONSTRAINT absence_signals_outcome_check
      CHECK (outcome IN ('case-opened', 'case-proposed', 'open-case-exists', 'proposal-pending'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE absence_signals DROP CONSTRAINT absence_signals_outcome_check`);
    await q.query(`ALTER TABLE absence_signals ADD CONSTRAINT absence_signals_outcome_check
      CHECK (outcome IN ('case-opened', 'case-proposed', 'open-case-exists'))`);
    await q.query(`DROP TABLE absence_proposal_decisions`);
    await q.query(`DROP FUNCTION absence_proposal_decisions_append_only()`);
    await q.query(`DROP TABLE absence_case_proposals`);
    await q.query(`DROP FUNCTION absence_case_proposals_decided_once()`);
  }
}
