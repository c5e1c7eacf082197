import type { CaseState, RecordedEvent } from '@tiltak/domain';
import type { DataSource } from 'typeorm';
import { EventIdConflictError, OpenCaseExistsError, PG_UNIQUE_VIOLATION, postgresErrorOf } from '../errors';
import { pooledTransaction, type TransactionQuery } from '../pooled-query';
import { jsonb } from '../sql-values';
import { CaseEventEntity } from './case-event.entity';
import {
  auditTrailEntryFromEntity,
  caseEventRowFromExternal,
  caseEventRowFromRecorded,
} from './case-event.mapper';
import { caseRowFromState } from './case.mapper';
import type { AppendResult, AuditTrailEntry, CaseEventRowValues, ExternalSystemEvent } from './case.types';

// Keeps one INSERT well below PostgreSQL's 65,535 bind parameters.
const EVENTS_PER_INSERT = 500;

/**
 * The append-only audit trail (`case_events`) and the case read model (`cases`), written together.
 * Every write is idempotent: events by event id, the read model by event count.
 */
export class CaseEventStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * In one transaction: appends the events (already-known event ids are skipped) and upserts the
   * read model from the state, unless the stored row has seen more events, so a late retry never
   * rolls the read model back. Throws OpenCaseExistsError when the student already has another open
   * case, EventIdConflictError when an event id is already taken by another case (nothing is written).
   */
  async append({ state, events }: { state: CaseState; events: RecordedEvent[] }): Promise<AppendResult> {
    const stray = events.find((e) => e.caseId !== state.caseId);
    if (stray) throw new Error(`Event ${stray.eventId} belongs to case ${stray.caseId}, not ${state.caseId}`);
    try {
      // On the pool's client without TypeORM's runner: this runs for every recorded event (the worker's
      // local activity), and the runner's bookkeeping cost more CPU than the statements' own.
      return await pooledTransaction(this.dataSource, async (query) => {
        const rows = events.map(caseEventRowFromRecorded);
        const insertedEvents = await insertEvents(query, rows);
        const readModelUpdated = await upsertCase(query, state);
        await recordActivity(query, state.caseId, rows);
        return { insertedEvents, readModelUpdated };
      });
    } catch (err) {
      const pg = postgresErrorOf(err);
      if (pg?.code === PG_UNIQUE_VIOLATION && pg.constraint === 'cases_one_open_per_student') {
        throw new OpenCaseExistsError(state.studentId, state.caseId);
      }
      throw err;
    }
  }

  /**
   * Appends events recorded outside the workflow (e.g. a notice was sent) to a case's trail,
   * idempotent by event id. Leaves the read model alone. Returns how many were new.
   */
  async appendSystemEvents(caseId: string, events: ExternalSystemEvent[]): Promise<number> {
    const now = new Date();
    const rows = events.map((e) => caseEventRowFromExternal(caseId, e, now));
    if (rows.length === 0) return 0;
    return pooledTransaction(this.dataSource, (query) => insertEvents(query, rows));
  }

  /** One event of the case's audit trail by its id (unique), or null: one indexed row, not the trail. */
  async findEvent(caseId: string, eventId: string): Promise<AuditTrailEntry | null> {
    const row = await this.dataSource.getRepository(CaseEventEntity).findOne({ where: { caseId, eventId } });
    return row ? auditTrailEntryFromEntity(row) : null;
  }

  /** The case's audit trail in the order it was recorded; page with `afterSeq`. */
  async timeline(
    caseId: string,
    page: { afterSeq?: string; limit?: number } = {},
  ): Promise<AuditTrailEntry[]> {
    const qb = this.dataSource
      .getRepository(CaseEventEntity)
      .createQueryBuilder('e')
      .where('e.caseId = :caseId', { caseId })
      .orderBy('e.seq', 'ASC');
    if (page.afterSeq !== undefined) qb.andWhere('e.seq > :afterSeq', { afterSeq: page.afterSeq });
    if (page.limit !== undefined) qb.limit(page.limit);
    const rows = await qb.getMany();
    return rows.map(auditTrailEntryFromEntity);
  }
}

async function insertEvents(query: TransactionQuery, rows: CaseEventRowValues[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += EVENTS_PER_INSERT) {
    const chunk = rows.slice(i, i + EVENTS_PER_INSERT);
    const params: unknown[] = [];
    const tuples = chunk.map((r) => {
      const base = params.length;
      params.push(
        r.eventId,
        r.caseId,
        r.type,
        r.origin,
        r.step,
        r.actorStaffId,
        r.actorRole,
        r.occurredAt,
        r.recordedAt,
        jsonb(r.payload ?? {}),
      );
      const p = (n: number) => `$${base + n}`;
      return `(${p(1)}, ${p(2)}::uuid, ${p(3)}, ${p(4)}, ${p(5)}::smallint, ${p(6)}::uuid, ${p(7)}, ${p(8)}::timestamptz, ${p(9)}::timestamptz, ${p(10)}::jsonb)`;
    });
    // PostgreSQL draws seq for the VALUES rows in the order given, so seq keeps the events' order.
    const returned = await query(
      `INSERT INTO case_events
         (event_id, case_id, type, origin, step, actor_staff_id, actor_role, occurred_at, recorded_at, payload)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (event_id) DO NOTHING
       RETURNING seq`,
      params,
    );
    const insertedHere = returned.length;
    if (insertedHere < chunk.length) await refuseForeignDuplicates(query, chunk);
    inserted += insertedHere;
  }
  return inserted;
}

/**
 * A skipped event must be this case's own retry. An event id already used by another case means two
 * different events share an id; dropping one silently would lose it from the audit trail.
 */
async function refuseForeignDuplicates(query: TransactionQuery, rows: CaseEventRowValues[]): Promise<void> {
  const stored = await query<{ event_id: string; case_id: string }>(
    `SELECT event_id, case_id FROM case_events WHERE event_id = ANY($1::text[])`,
    [rows.map((r) => r.eventId)],
  );
  const storedCase = new Map(stored.map((s) => [s.event_id, s.case_id]));
  for (const row of rows) {
    const other = storedCase.get(row.eventId);
    if (other !== undefined && other !== row.caseId)
      throw new EventIdConflictError(row.eventId, row.caseId, other);
  }
}

/** Writes the read model when the incoming state has seen at least as many events and differs. */
async function upsertCase(query: TransactionQuery, state: CaseState): Promise<boolean> {
  const r = caseRowFromState(state);
  const returned = await query(
    `INSERT INTO cases AS c
       (case_id, student_id, school_id, owner_staff_id, trigger, step, status, opened_at, closed_at,
        close_reason, paused_at, next_deadline_at, next_deadline_kind, overdue, escalated, deadlines,
        measures, state, event_count, last_event_at, last_activity_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $20, $15::jsonb, $16::jsonb,
             $17::jsonb, $18, $19, $8, now())
     ON CONFLICT (case_id) DO UPDATE SET
       student_id = EXCLUDED.student_id,
       school_id = EXCLUDED.school_id,
       owner_staff_id = EXCLUDED.owner_staff_id,
       trigger = EXCLUDED.trigger,
       step = EXCLUDED.step,
       status = EXCLUDED.status,
       opened_at = EXCLUDED.opened_at,
       closed_at = EXCLUDED.closed_at,
       close_reason = EXCLUDED.close_reason,
       paused_at = EXCLUDED.paused_at,
       next_deadline_at = EXCLUDED.next_deadline_at,
       next_deadline_kind = EXCLUDED.next_deadline_kind,
       overdue = EXCLUDED.overdue,
       escalated = EXCLUDED.escalated,
       deadlines = EXCLUDED.deadlines,
       measures = EXCLUDED.measures,
       state = EXCLUDED.state,
       event_count = EXCLUDED.event_count,
       last_event_at = EXCLUDED.last_event_at,
       updated_at = now()
     WHERE c.event_count < EXCLUDED.event_count
        OR (c.event_count = EXCLUDED.event_count AND c.state IS DISTINCT FROM EXCLUDED.state)
     RETURNING c.case_id`,
    [
      r.caseId,
      r.studentId,
      r.schoolId,
      r.ownerStaffId,
      r.trigger,
      r.step,
      r.status,
      r.openedAt,
      r.closedAt,
      r.closeReason,
      r.pausedAt,
      r.nextDeadlineAt,
      r.nextDeadlineKind,
      r.overdue,
      jsonb(r.deadlines),
      jsonb(r.measures),
      jsonb(r.state),
      r.eventCount,
      r.lastEventAt,
      r.escalated,
    ],
  );
  return returned.length > 0;
}

/**
 * Moves the case's last activity to the latest people's event appended, never back. Runs whatever
 * the read-model upsert decided (a retried batch may carry an event no stored state has counted yet),
 * so the column is the latest people's event the trail holds, or the opening.
 */
async function recordActivity(
  query: TransactionQuery,
  caseId: string,
  rows: CaseEventRowValues[],
): Promise<void> {
  const latest = rows
    .filter((row) => row.origin === 'person')
    .map((row) => row.occurredAt)
    .reduce<string | null>((max, at) => (max === null || Date.parse(at) > Date.parse(max) ? at : max), null);
  if (latest === null) return;
  await query(
    `UPDATE cases SET last_activity_at = $2::timestamptz
      WHERE case_id = $1 AND last_activity_at < $2::timestamptz`,
    [caseId, latest],
  );
}
