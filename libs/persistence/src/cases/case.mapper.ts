import {
  isEscalated,
  isOverdue,
  nextDeadline,
  pendingDeadlines,
  type CaseState,
  type CaseStatus,
  type ConcernTrigger,
  type Deadline,
  type DeadlineKind,
  type Measure,
  type Step,
} from '@tiltak/domain';
import { instantOf, instantOrNull } from '../sql-values';
import type { CaseEntity } from './case.entity';
import type { CaseDetail, CaseListItem, CaseRowValues } from './case.types';

/**
 * The read-model row for a case, derived from the workflow's state. Next deadline and overdue are the
 * domain's one definition, the same the workflow shows operations in its search attributes.
 */
export function caseRowFromState(state: CaseState): CaseRowValues {
  const next = nextDeadline(state);
  return {
    caseId: state.caseId,
    studentId: state.studentId,
    schoolId: state.schoolId,
    ownerStaffId: state.ownerStaffId,
    trigger: state.trigger,
    step: state.step,
    status: state.status,
    openedAt: state.openedAt,
    closedAt: state.closedAt,
    closeReason: state.closeReason,
    pausedAt: state.pausedAt,
    nextDeadlineAt: next?.dueAt ?? null,
    nextDeadlineKind: next?.kind ?? null,
    overdue: isOverdue(state),
    escalated: isEscalated(state),
    deadlines: [...pendingDeadlines(state)],
    measures: state.measures,
    state,
    eventCount: state.eventCount,
    lastEventAt: state.lastEventAt,
  };
}

export function caseListItemFromEntity(row: CaseEntity): CaseListItem {
  return {
    caseId: row.caseId,
    studentId: row.studentId,
    schoolId: row.schoolId,
    ownerStaffId: row.ownerStaffId,
    trigger: row.trigger as ConcernTrigger,
    step: row.step as Step,
    status: row.status as CaseStatus,
    openedAt: instantOf(row.openedAt),
    closedAt: instantOrNull(row.closedAt),
    closeReason: row.closeReason,
    pausedAt: instantOrNull(row.pausedAt),
    nextDeadlineAt: instantOrNull(row.nextDeadlineAt),
    nextDeadlineKind: row.nextDeadlineKind as DeadlineKind | null,
    overdue: row.overdue,
    escalated: row.escalated,
    deadlines: (row.deadlines ?? []) as Deadline[],
    measures: (row.measures ?? []) as Measure[],
    eventCount: row.eventCount,
    lastEventAt: instantOf(row.lastEventAt),
    lastActivityAt: instantOf(row.lastActivityAt),
    updatedAt: instantOf(row.updatedAt),
  };
}

/** `row.state` must have been selected (it is not by default). */
export function caseDetailFromEntity(row: CaseEntity): CaseDetail {
  if (row.state === undefined || row.state === null)
    throw new Error(`Case ${row.caseId}: state was not selected`);
  return { ...caseListItemFromEntity(row), state: row.state as CaseState };
}
