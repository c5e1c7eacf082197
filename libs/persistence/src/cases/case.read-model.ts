import type { CaseStatus, PartnerService, Step } from '@tiltak/domain';
import { Brackets, type DataSource, type Repository, type SelectQueryBuilder } from 'typeorm';
import { InvalidPageError } from '../errors';
import { decodeCaseListCursor, encodeCaseListCursor } from './case-list.cursor';
import { CaseEntity } from './case.entity';
import { caseDetailFromEntity, caseListItemFromEntity } from './case.mapper';
import type { CaseDetail, CaseListItem } from './case.types';

export const CASE_LIST_MAX_LIMIT = 200;

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
  items: CaseListItem[];
  /** How many cases match the filter, across all pages. */
  total: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Reads the case read model: one case, a student's cases, and filtered, paged lists. */
export class CaseReadModel {
  private readonly cases: Repository<CaseEntity>;

  constructor(dataSource: DataSource) {
    this.cases = dataSource.getRepository(CaseEntity);
  }

  async get(caseId: string): Promise<CaseDetail | null> {
    const row = await this.cases
      .createQueryBuilder('c')
      .addSelect('c.state')
      .where('c.caseId = :caseId', { caseId })
      .getOne();
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

  /** All the student's cases, closed ones included. */
  async countByStudent(studentId: string): Promise<number> {
    return this.cases.count({ where: { studentId } });
  }

  /** Ordered by next deadline (none last), then opened, then case id. */
  async list(filter: CaseListFilter, page: CaseListPage): Promise<CaseListResult> {
    validatePage(page);
    if (filter.schoolIds?.length === 0 || filter.caseIds?.length === 0)
      return { items: [], total: 0, nextCursor: null };

    const qb = this.cases.createQueryBuilder('c');
    applyFilter(qb, filter);
    const total = await qb.clone().getCount();

    if (page.cursor !== undefined) applyCursor(qb, page.cursor);
    qb.orderBy('c.nextDeadlineAt', 'ASC', 'NULLS LAST')
      .addOrderBy('c.openedAt', 'ASC')
      .addOrderBy('c.caseId', 'ASC')
      .limit(page.limit + 1);
    if (page.offset !== undefined) qb.offset(page.offset);

    const rows = await qb.getMany();
    const items = rows.slice(0, page.limit).map(caseListItemFromEntity);
    const last = items[items.length - 1];
    const nextCursor = rows.length > page.limit && last ? encodeCaseListCursor(last) : null;
    return { items, total, nextCursor };
  }
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

function applyFilter(qb: SelectQueryBuilder<CaseEntity>, f: CaseListFilter): void {
  if (f.schoolIds !== undefined) qb.andWhere('c.schoolId IN (:...schoolIds)', { schoolIds: f.schoolIds });
  if (f.caseIds !== undefined) qb.andWhere('c.caseId IN (:...caseIds)', { caseIds: f.caseIds });
  if (f.ownerStaffId !== undefined)
    qb.andWhere('c.ownerStaffId = :ownerStaffId', { ownerStaffId: f.ownerStaffId });
  if (f.studentId !== undefined) qb.andWhere('c.studentId = :studentId', { studentId: f.studentId });
  if (f.step !== undefined) {
    const steps = typeof f.step === 'number' ? [f.step] : f.step;
    if (steps.length === 0) qb.andWhere('false');
    else qb.andWhere('c.step IN (:...steps)', { steps });
  }
  if (f.status !== undefined) {
    const statuses = typeof f.status === 'string' ? [f.status] : f.status;
    if (statuses.length === 0) qb.andWhere('false');
    else qb.andWhere('c.status IN (:...statuses)', { statuses });
  }
  if (f.overdue !== undefined) qb.andWhere('c.overdue = :overdue', { overdue: f.overdue });
  if (f.deadlineBefore !== undefined) {
    qb.andWhere('c.nextDeadlineAt < :deadlineBefore', { deadlineBefore: f.deadlineBefore });
  }
  if (f.assignedService !== undefined) {
    // States recorded before assignments existed have no `assignments`: NULL, so never matched.
    qb.andWhere(`c.state -> 'assignments' @> CAST(:assigned AS jsonb)`, {
      assigned: JSON.stringify([{ service: f.assignedService }]),
    });
  }
}

/** Rows strictly after the cursor's position in (next_deadline_at NULLS LAST, opened_at, case_id). */
function applyCursor(qb: SelectQueryBuilder<CaseEntity>, cursor: string): void {
  const at = decodeCaseListCursor(cursor);
  const params = {
    cursorDeadline: at.nextDeadlineAt === null ? null : new Date(at.nextDeadlineAt),
    cursorOpened: new Date(at.openedAt),
    cursorCase: at.caseId,
  };
  const afterWithinSameDeadline = new Brackets((b) => {
    b.where('c.openedAt > :cursorOpened').orWhere('c.openedAt = :cursorOpened AND c.caseId > :cursorCase');
  });
  if (at.nextDeadlineAt === null) {
    qb.andWhere(
      new Brackets((b) => {
        b.where('c.nextDeadlineAt IS NULL').andWhere(afterWithinSameDeadline);
      }),
      params,
    );
  } else {
    qb.andWhere(
      new Brackets((b) => {
        b.where('c.nextDeadlineAt > :cursorDeadline')
          .orWhere('c.nextDeadlineAt IS NULL')
          .orWhere(
            new Brackets((same) => {
              same.where('c.nextDeadlineAt = :cursorDeadline').andWhere(afterWithinSameDeadline);
            }),
          );
      }),
      params,
    );
  }
}
