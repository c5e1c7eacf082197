// Proposed cases (propose mode, ADR 0015): detection writes a pending proposal instead of opening a
// case; the contact teacher confirms it (a case opens) or dismisses it with a reason from a closed
// list. The proposal's status moves once, from pending; the decision is appended to
// absence_proposal_decisions, which nothing may change (the audit a leader reads).
import type { DataSource } from 'typeorm';
import type {
  CaseDetection,
  ConcernTrigger,
  Instant,
  ProposalDismissalReason,
  ProposalStatus,
} from '@tiltak/domain';
import { uuidV5 } from '../ids/uuid-v5';

export interface NewProposal {
  id: string;
  studentId: string;
  schoolId: string;
  contactTeacherId: string;
  trigger: ConcernTrigger;
  absencePercent: number | null;
  detection: CaseDetection;
  importId: string | null;
  runKey: string;
}

export interface CaseProposal extends NewProposal {
  proposedAt: Instant;
  status: ProposalStatus;
  caseId: string | null;
  decidedAt: Instant | null;
  decision: {
    decision: 'confirmed' | 'dismissed';
    reason: ProposalDismissalReason | null;
    decidedBy: string;
    decidedAt: Instant;
  } | null;
}

/** A proposal's id: from the first signal it answers, so a retried detection proposes nothing twice. */
export function proposalIdFor(installationId: string, firstSignalId: string): string {
  return uuidV5(`proposal#${firstSignalId}`, installationId);
}

interface ProposalRow {
  id: string;
  student_id: string;
  school_id: string;
  contact_teacher_id: string;
  trigger: ConcernTrigger;
  absence_percent: string | null;
  detection: CaseDetection;
  import_id: string | null;
  run_key: string;
  proposed_at: Date;
  status: ProposalStatus;
  case_id: string | null;
  decided_at: Date | null;
  d_decision: 'confirmed' | 'dismissed' | null;
  d_reason: ProposalDismissalReason | null;
  d_decided_by: string | null;
  d_decided_at: Date | null;
}

/** Inserts proposals in the caller's transaction; an id already there, or a student with a pending one, inserts nothing. */
export async function insertProposals(
  m: { query: (sql: string, params?: unknown[]) => Promise<unknown> },
  proposals: readonly NewProposal[],
): Promise<void> {
  for (const p of proposals) {
    await m.query(
      `INSERT INTO absence_case_proposals (id, student_id, school_id, contact_teacher_id, trigger, absence_percent,
                                           detection, import_id, run_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9) ON CONFLICT DO NOTHING`,
      [
        p.id,
        p.studentId,
        p.schoolId,
        p.contactTeacherId,
        p.trigger,
        p.absencePercent,
        JSON.stringify(p.detection),
        p.importId,
        p.runKey,
      ],
    );
  }
}

const SELECT_PROPOSALS = `
  SELECT p.*, d.decision AS d_decision, d.reason AS d_reason, d.decided_by AS d_decided_by, d.decided_at AS d_decided_at
    FROM absence_case_proposals p LEFT JOIN absence_proposal_decisions d ON d.proposal_id = p.id`;

/** Why a decision was refused: the proposal is gone, or was decided the other way already. */
export type DecisionRefusal = 'not-found' | 'already-confirmed' | 'already-dismissed';

export class ProposalStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The proposals a detection run made (a retried run finds them again, to notify). */
  async idsOfRun(runKey: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM absence_case_proposals WHERE run_key = $1 ORDER BY id`,
      [runKey],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async get(id: string): Promise<CaseProposal | null> {
    const rows = (await this.dataSource.query(`${SELECT_PROPOSALS} WHERE p.id = $1`, [id])) as ProposalRow[];
    return rows[0] ? proposalFromRow(rows[0]) : null;
  }

  /** A school's proposals, newest first; only one contact teacher's when `contactTeacherId` is given. */
  async list(
    schoolId: string,
    filter: { contactTeacherId?: string | null; status?: ProposalStatus | null },
  ): Promise<CaseProposal[]> {
    const rows = (await this.dataSource.query(
      `${SELECT_PROPOSALS}
        WHERE p.school_id = $1 AND ($2::uuid IS NULL OR p.contact_teacher_id = $2) AND ($3::text IS NULL OR p.status = $3)
        ORDER BY p.proposed_at DESC, p.id
        LIMIT 500`,
      [schoolId, filter.contactTeacherId ?? null, filter.status ?? null],
    )) as ProposalRow[];
    return rows.map(proposalFromRow);
  }

  /**
   * Confirms a pending proposal for this case id and appends the decision, in one transaction.
   * Confirming a confirmed one returns it unchanged (a retry); a dismissed one is refused.
   */
  async confirm(
    id: string,
    staffId: string,
    caseIdFor: (proposal: CaseProposal) => Promise<string>,
  ): Promise<CaseProposal | DecisionRefusal> {
    return this.decide(id, async (m, current) => {
      if (current.status === 'confirmed') return current;
      if (current.status === 'dismissed') return 'already-dismissed';
      const caseId = await caseIdFor(current);
      await m.query(
        `UPDATE absence_case_proposals SET status = 'confirmed', case_id = $2, decided_at = now() WHERE id = $1`,
        [id, caseId],
      );
      await m.query(
        `INSERT INTO absence_proposal_decisions (proposal_id, decision, decided_by, case_id) VALUES ($1, 'confirmed', $2, $3)`,
        [id, staffId, caseId],
      );
      return null;
    });
  }

  /** Dismisses a pending proposal with its reason; dismissing a dismissed one returns it (a retry). */
  async dismiss(
    id: string,
    staffId: string,
    reason: ProposalDismissalReason,
  ): Promise<CaseProposal | DecisionRefusal> {
    return this.decide(id, async (m, current) => {
      if (current.status === 'dismissed') return current;
      if (current.status === 'confirmed') return 'already-confirmed';
      await m.query(
        `UPDATE absence_case_proposals SET status = 'dismissed', decided_at = now() WHERE id = $1`,
        [id],
      );
      await m.query(
        `INSERT INTO absence_proposal_decisions (proposal_id, decision, reason, decided_by) VALUES ($1, 'dismissed', $2, $3)`,
        [id, reason, staffId],
      );
      return null;
    });
  }

  private async decide(
    id: string,
    step: (
      m: { query: (sql: string, params?: unknown[]) => Promise<unknown> },
      current: CaseProposal,
    ) => Promise<CaseProposal | DecisionRefusal | null>,
  ): Promise<CaseProposal | DecisionRefusal> {
    const outcome = await this.dataSource.transaction(async (m) => {
      const rows = (await m.query(`SELECT id FROM absence_case_proposals WHERE id = $1 FOR UPDATE`, [
        id,
      ])) as {
        id: string;
      }[];
      if (!rows[0]) return 'not-found' as const;
      const current = proposalFromRow(
        ((await m.query(`${SELECT_PROPOSALS} WHERE p.id = $1`, [id])) as ProposalRow[])[0] as ProposalRow,
      );
      return step(m, current);
    });
    if (outcome !== null) return outcome;
    const decided = await this.get(id);
    if (!decided) return 'not-found';
    return decided;
  }
}

function proposalFromRow(r: ProposalRow): CaseProposal {
  return {
    id: r.id,
    studentId: r.student_id,
    schoolId: r.school_id,
    contactTeacherId: r.contact_teacher_id,
    trigger: r.trigger,
    absencePercent: r.absence_percent === null ? null : Number(r.absence_percent),
    detection: r.detection,
    importId: r.import_id,
    runKey: r.run_key,
    proposedAt: r.proposed_at.toISOString(),
    status: r.status,
    caseId: r.case_id,
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    decision:
      r.d_decision && r.d_decided_by && r.d_decided_at
        ? {
            decision: r.d_decision,
            reason: r.d_reason,
            decidedBy: r.d_decided_by,
            decidedAt: r.d_decided_at.toISOString(),
          }
        : null,
  };
}
