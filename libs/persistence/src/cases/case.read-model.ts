import type { CaseStatus, PartnerService, Step } from '@tiltak/domain';
import type { DataSource, Repository } from 'typeorm';
import { InvalidPageError } from '../errors';
import { pooledRows } from '../pooled-query';
import { returnedRows } from '../sql-values';
import { decodeCaseListCursor, encodeCaseListCursor, type CaseListPosition } from './case-list.cursor';
import { CaseEntity } from './case.entity';
import { caseDetailFromEntity, caseListItemFromEntity } from './case.mapper';
import type { CaseDetail, CaseListRow } from './case.types';

export const CASE_LIST_MAX_LIMIT = 200;

/** Every column of one case row, named as CaseEntity's properties, the full state included. */
const CASE_ROW_BY_ID = `SELECT case_id AS "caseId", student_id AS "studentId", school_id AS "schoolId",
    owner_staff_id AS "ownerStaffId", trigger, step, status, opened_at AS "openedAt", closed_at AS "closedAt",
    close_reason AS "closeReason", paused_at AS "pausedAt", next_deadline_at AS "nextDeadlineAt",
    next_deadline_kind AS "nextDeadlineKind", overdue, escalated, last_activity_at AS "lastActivityAt",
    deadlines, measures, state, event_count AS "eventCount", last_event_at AS "lastEventAt",
    updated_at AS "updatedAt"
  FROM cases WHERE case_id = $1`;

/**
 * What to list. Every given criterion must hold (AND). An empty `schoolIds` or `caseIds` matches
 * nothing, so an access rule that grants no schools never widens into "all schools".
 */
export interface CaseListFilter {
  schoolIds?: readonly string[];
  caseIds?: readonly string[];
  ownerStaffId?: string;
  studentId?: string;
  /** One step or any of several (an access rule may allow steps 3 and 4). */
  step?: Step | readonly Step[];
  status?: CaseStatus | readonly CaseStatus[];
  /** Some open deadline missed or escalated (never true for paused or closed cases). */
  overdue?: boolean;
  /** The next deadline falls due before this instant. */
  deadlineBefore?: Date;
  /** The next deadline falls due at or after this instant. */
  deadlineFrom?: Date;
  /** Some open deadline's escalation fired and it is still not met (never true for paused or closed cases). */
  escalated?: boolean;
  /**
   * Open cases whose last activity lies before their school's cutoff (inactivityCutoff in libs/domain,
   * on that school's calendar); a school not listed matches nothing.
   */
  inactiveBefore?: readonly { schoolId: string; before: Date }[];
  /** Only cases this service is assigned to (a referral or escalation named it). */
  assignedService?: PartnerService;
}

/** Either an offset or a cursor from a previous page's `nextCursor`, not both. */
export interface CaseListPage {
  /** 1 to 200. */
  limit: number;
  offset?: number;
  cursor?: string;
}

export interface CaseListResult {
  items: CaseListRow[];
  /** How many cases match the filter, across all pages. */
  total: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Reads the case read model: one case, a student's cases, and filtered, paged lists. */
export class CaseReadModel {
  private readonly cases: Repository<CaseEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.cases = dataSource.getRepository(CaseEntity);
  }

  /** One statement on the pool (every event and every read of a case starts with it): no query builder. */
  async get(caseId: string): Promise<CaseDetail | null> {
    const [row] = await pooledRows<CaseEntity>(this.dataSource, CASE_ROW_BY_ID, [caseId]);
    return row ? caseDetailFromEntity(row) : null;
  }

  /** The student's case that is not closed (open or paused), if any. */
  async findOpenByStudent(studentId: string): Promise<CaseDetail | null> {
    const row = await this.cases
      .createQueryBuilder('c')
      .addSelect('c.state')
      .where('c.studentId = :studentId', { studentId })
      .andWhere(`c.status <> 'closed'`)
      .getOne();
    return row ? caseDetailFromEntity(row) : null;
  }

  /**
   * What opening a case for the student needs, in one query: the id of the student's case that is not
   * closed (if any), and how many cases the student has had, closed ones included.
   */
  async openingFacts(studentId: string): Promise<{ openCaseId: string | null; earlier: number }> {
    const rows = await pooledRows<{ earlier: number; open_case_id: string | null }>(
      this.dataSource,
      `SELECT count(*)::int AS earlier,
              (array_agg(case_id) FILTER (WHERE status <> 'closed'))[1] AS open_case_id
         FROM cases WHERE student_id = $1`,
      [studentId],
    );
    return { openCaseId: rows[0]?.open_case_id ?? null, earlier: rows[0]?.earlier ?? 0 };
  }

  /** All the student's cases, closed ones included. */
  async countByStudent(studentId: string): Promise<number> {
    return this.cases.count({ where: { studentId } });
  }

  /**
   * One page of cases in one statement, with the student's name and class and the owner's name
   * (joined from the directory) and the count across all pages. Ordered by next deadline (none
   * last), then opened, then case id.
   */
  async list(filter: CaseListFilter, page: CaseListPage): Promise<CaseListResult> {
    validatePage(page);
    if (filter.schoolIds?.length === 0 || filter.caseIds?.length === 0)
      return { items: [], total: 0, nextCursor: null };

    const { sql, params } = listStatement(filter, page);
    const rows = returnedRows<CaseListSqlRow>(await this.dataSource.query(sql, params));
    const total = rows[0]?.total ?? 0;
    const found = rows.filter((row) => row.case_id !== null);
    const items = found.slice(0, page.limit).map(caseListRowFromSql);
    const last = items[items.length - 1];
    const nextCursor = found.length > page.limit && last ? encodeCaseListCursor(last) : null;
    return { items, total, nextCursor };
  }

  /**
   * The figures of a school's leadership overview in one statement: cases grouped by step, status
   * and owner, with how many of each group are overdue, escalated, open with the next deadline in
   * [dueFrom, dueBefore), and open without activity since `inactiveBefore`.
   */
  async summarize(
    schoolId: string,
    window: { dueFrom: Date; dueBefore: Date; inactiveBefore: Date },
  ): Promise<CaseSummaryGroup[]> {
    const rows = returnedRows<{
      step: number;
      status: CaseStatus;
      owner_staff_id: string;
      owner_name: string | null;
      cases: number;
      overdue: number;
      escalated: number;
      due_in_window: number;
      inactive: number;
    }>(
      await this.dataSource.query(
        `SELECT c.step, c.status, c.owner_staff_id, o.display_name AS owner_name,
                count(*)::int AS cases,
                count(*) FILTER (WHERE c.overdue)::int AS overdue,
                count(*) FILTER (WHERE c.escalated)::int AS escalated,
                count(*) FILTER (WHERE c.status = 'open' AND c.next_deadline_at >= $2
                                   AND c.next_deadline_at < $3)::int AS due_in_window,
                count(*) FILTER (WHERE c.status = 'open' AND c.last_activity_at < $4)::int AS inactive
           FROM cases c
           LEFT JOIN staff o ON o.id = c.owner_staff_id
          WHERE c.school_id = $1
          GROUP BY c.step, c.status, c.owner_staff_id, o.display_name
          ORDER BY c.step, c.status, c.owner_staff_id`,
        [schoolId, window.dueFrom, window.dueBefore, window.inactiveBefore],
      ),
    );
    return rows.map((row) => ({
      step: row.step as Step,
      status: row.status,
      ownerStaffId: row.owner_staff_id,
      ownerName: row.owner_name,
      cases: row.cases,
      overdue: row.overdue,
      escalated: row.escalated,
      dueInWindow: row.due_in_window,
      inactive: row.inactive,
    }));
  }

  /** How many cases stand at each step and status, and how many of them are overdue: the operations gauge. */
  async countByStep(): Promise<CaseCountByStep[]> {
    const rows = returnedRows<{ step: number; status: CaseStatus; cases: number; overdue: number }>(
      await this.dataSource.query(
        `SELECT step, status, count(*)::int AS cases, count(*) FILTER (WHERE overdue)::int AS overdue
           FROM cases
          GROUP BY step, status
          ORDER BY step, status`,
      ),
    );
    return rows.map((row) => ({
      step: row.step as Step,
      status: row.status,
      cases: row.cases,
      overdue: row.overdue,
    }));
  }
}

/** One group of countByStep(). */
export interface CaseCountByStep {
  step: Step;
  status: CaseStatus;
  cases: number;
  overdue: number;
}

/** One group of summarize(): cases of one step, status and owner. */
export interface CaseSummaryGroup {
  step: Step;
  status: CaseStatus;
  ownerStaffId: string;
  ownerName: string | null;
  cases: number;
  overdue: number;
  escalated: number;
  dueInWindow: number;
  inactive: number;
}

/**
 * The list's one statement: the matching cases (counted across all pages), then the page in list
 * order, and only then the directory joins, so the names are looked up for the page's rows alone.
 * `matching` is inlined into both (NOT MATERIALIZED): materialized, every case in scope was read
 * with its JSON and sorted for a page of 50; inlined, the count reads an index and the page reads
 * the scope's list-order index (cases_owner_list_order_idx, cases_school_list_order_idx) up to its
 * limit. Exported for the plan the integration spec prints.
 */
export function listStatement(
  filter: CaseListFilter,
  page: CaseListPage,
): { sql: string; params: unknown[] } {
  const params = new SqlParams();
  const where = filterConditions(filter, params);
  const after =
    page.cursor !== undefined ? cursorCondition(decodeCaseListCursor(page.cursor), params) : 'true';
  const limit = params.add(page.limit + 1);
  const offset = params.add(page.offset ?? 0);
  const order = (alias: string) =>
    `${alias}.next_deadline_at ASC NULLS LAST, ${alias}.opened_at ASC, ${alias}.case_id ASC`;
  const sql = `WITH matching AS NOT MATERIALIZED (
      SELECT ${LIST_COLUMNS.map((column) => `c.${column}`).join(', ')}
        FROM cases c
       WHERE ${where.join(' AND ')}
    )
    SELECT t.total, p.*
      FROM (SELECT count(*)::int AS total FROM matching) t
      LEFT JOIN LATERAL (
        SELECT pg.*, s.given_name AS student_given_name, s.family_name AS student_family_name,
               s.class_name AS student_class_name, o.display_name AS owner_name
          FROM (SELECT m.* FROM matching m WHERE ${after} ORDER BY ${order('m')} LIMIT ${limit} OFFSET ${offset}) pg
          LEFT JOIN students s ON s.id = pg.student_id
          LEFT JOIN staff o ON o.id = pg.owner_staff_id
      ) p ON true
     ORDER BY ${order('p')}`;
  return { sql, params: params.values };
}

const LIST_COLUMNS = [
  'case_id',
  'student_id',
  'school_id',
  'owner_staff_id',
  'trigger',
  'step',
  'status',
  'opened_at',
  'closed_at',
  'close_reason',
  'paused_at',
  'next_deadline_at',
  'next_deadline_kind',
  'overdue',
  'escalated',
  'deadlines',
  'measures',
  'event_count',
  'last_event_at',
  'last_activity_at',
  'updated_at',
] as const;

type CaseListSqlRow = { total: number; case_id: string | null } & Record<string, unknown>;

/** Positional parameters ($1, $2, …) for a raw statement. */
class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function caseListRowFromSql(row: CaseListSqlRow): CaseListRow {
  const entity = {
    caseId: row.case_id,
    studentId: row['student_id'],
    schoolId: row['school_id'],
    ownerStaffId: row['owner_staff_id'],
    trigger: row['trigger'],
    step: Number(row['step']),
    status: row['status'],
    openedAt: row['opened_at'],
    closedAt: row['closed_at'],
    closeReason: row['close_reason'],
    pausedAt: row['paused_at'],
    nextDeadlineAt: row['next_deadline_at'],
    nextDeadlineKind: row['next_deadline_kind'],
    overdue: row['overdue'],
    escalated: row['escalated'],
    deadlines: row['deadlines'],
    measures: row['measures'],
    eventCount: row['event_count'],
    lastEventAt: row['last_event_at'],
    lastActivityAt: row['last_activity_at'],
    updatedAt: row['updated_at'],
  } as CaseEntity;
  const givenName = row['student_given_name'] as string | null;
  return {
    ...caseListItemFromEntity(entity),
    student:
      givenName === null
        ? null
        : {
            givenName,
            familyName: row['student_family_name'] as string,
            className: row['student_class_name'] as string,
          },
    ownerName: (row['owner_name'] as string | null) ?? null,
  };
}

function validatePage(page: CaseListPage): void {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > CASE_LIST_MAX_LIMIT) {
    throw new InvalidPageError(`limit must be an integer from 1 to ${CASE_LIST_MAX_LIMIT}`);
  }
  if (page.offset !== undefined && (!Number.isInteger(page.offset) || page.offset < 0)) {
    throw new InvalidPageError('offset must be a non-negative integer');
  }
  if (page.offset !== undefined && page.cursor !== undefined) {
    throw new InvalidPageError('give either offset or cursor, not both');
  }
}

function filterConditions(f: CaseListFilter, params: SqlParams): string[] {
  const where: string[] = ['true'];
  if (f.schoolIds !== undefined) where.push(`c.school_id = ANY(${params.add(f.schoolIds)}::uuid[])`);
  if (f.caseIds !== undefined) where.push(`c.case_id = ANY(${params.add(f.caseIds)}::uuid[])`);
  if (f.ownerStaffId !== undefined) where.push(`c.owner_staff_id = ${params.add(f.ownerStaffId)}::uuid`);
  if (f.studentId !== undefined) where.push(`c.student_id = ${params.add(f.studentId)}::uuid`);
  if (f.step !== undefined) {
    const steps = typeof f.step === 'number' ? [f.step] : f.step;
    where.push(`c.step = ANY(${params.add(steps)}::smallint[])`);
  }
  if (f.status !== undefined) {
    const statuses = typeof f.status === 'string' ? [f.status] : f.status;
    where.push(`c.status = ANY(${params.add(statuses)}::text[])`);
  }
  if (f.overdue !== undefined) where.push(`c.overdue = ${params.add(f.overdue)}::boolean`);
  if (f.escalated !== undefined) where.push(`c.escalated = ${params.add(f.escalated)}::boolean`);
  if (f.deadlineBefore !== undefined)
    where.push(`c.next_deadline_at < ${params.add(f.deadlineBefore)}::timestamptz`);
  if (f.deadlineFrom !== undefined)
    where.push(`c.next_deadline_at >= ${params.add(f.deadlineFrom)}::timestamptz`);
  if (f.assignedService !== undefined) {
    // States recorded before assignments existed have no `assignments`: NULL, so never matched.
    where.push(
      `c.state -> 'assignments' @> ${params.add(JSON.stringify([{ service: f.assignedService }]))}::jsonb`,
    );
  }
  if (f.inactiveBefore !== undefined) {
    // Each school counts school days on its own calendar, so each has its own cutoff.
    const schools = params.add(f.inactiveBefore.map((cutoff) => cutoff.schoolId));
    const cutoffs = params.add(f.inactiveBefore.map((cutoff) => cutoff.before));
    where.push(`c.status = 'open' AND EXISTS (
      SELECT 1 FROM unnest(${schools}::uuid[], ${cutoffs}::timestamptz[]) AS cutoff(school_id, before)
       WHERE cutoff.school_id = c.school_id AND c.last_activity_at < cutoff.before)`);
  }
  return where;
}

/** Rows strictly after the cursor's position in (next_deadline_at NULLS LAST, opened_at, case_id). */
function cursorCondition(at: CaseListPosition, params: SqlParams): string {
  const opened = params.add(new Date(at.openedAt));
  const caseId = params.add(at.caseId);
  const afterWithinSameDeadline = `(m.opened_at > ${opened} OR (m.opened_at = ${opened} AND m.case_id > ${caseId}::uuid))`;
  if (at.nextDeadlineAt === null) return `(m.next_deadline_at IS NULL AND ${afterWithinSameDeadline})`;
  const deadline = params.add(new Date(at.nextDeadlineAt));
  return `(m.next_deadline_at > ${deadline} OR m.next_deadline_at IS NULL
           OR (m.next_deadline_at = ${deadline} AND ${afterWithinSameDeadline}))`;
}
