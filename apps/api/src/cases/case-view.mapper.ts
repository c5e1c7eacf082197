import {
  EVENTS_ALLOWED_WHILE_PAUSED,
  allowedEventTypes,
  isOverdue,
  assignmentsOf,
  missingBeforeEvaluation,
  nextDeadline,
  pendingDeadlines,
  type CaseEventType,
  type CaseState,
} from '@tiltak/domain';
import type { CaseListItem } from '@tiltak/persistence';
import { recordableEventTypes } from '../access/access-policy';
import type { Caller } from '../auth/caller';
import { casePath } from './case-ids';
import type { CaseListItemDto } from './dto/case-list-item.dto';
import type { CaseResponseDto } from './dto/case.response.dto';
import { CaseDetectionDto } from '../absence/dto/case-detection.dto';

/** The events the case accepts in its current status and step (the workflow validator has the last word). */
export function acceptedEventTypes(state: Pick<CaseState, 'status' | 'step'>): CaseEventType[] {
  const atStep = allowedEventTypes(state.step);
  switch (state.status) {
    case 'closed':
      return [];
    case 'paused':
      return atStep.filter((type) => (EVENTS_ALLOWED_WHILE_PAUSED as readonly string[]).includes(type));
    case 'open':
      return atStep.filter((type) => type !== 'case-resumed');
  }
}

export function caseLinks(caseId: string): CaseResponseDto['links'] {
  const self = casePath(caseId);
  return {
    self,
    events: `${self}/events`,
    timeline: `${self}/timeline`,
    activityPlan: `${self}/activity-plan`,
  };
}

/** One case as the API shows it, from the live state or the state last persisted (the same shape). */
export function caseResponseFrom(
  state: CaseState,
  source: CaseResponseDto['source'],
  caller: Caller,
): CaseResponseDto {
  // The domain's one definition, as the list (read model) and the Temporal UI use it.
  const next = nextDeadline(state);
  return {
    caseId: state.caseId,
    studentId: state.studentId,
    schoolId: state.schoolId,
    ownerStaffId: state.ownerStaffId,
    trigger: state.trigger,
    ...(state.detection ? { detection: CaseDetectionDto.from(state.detection) } : {}),
    step: state.step,
    status: state.status,
    openedAt: state.openedAt,
    closedAt: state.closedAt,
    closeReason: state.closeReason,
    pausedAt: state.pausedAt,
    nextDeadline: next ? { kind: next.kind, dueAt: next.dueAt } : null,
    overdue: isOverdue(state),
    deadlines: pendingDeadlines(state).map((d) => ({ ...d })),
    measures: state.measures.map((m) => ({ ...m, responsible: { ...m.responsible } })),
    assignments: assignmentsOf(state).map((a) => ({ ...a })),
    progress: { ...state.stepProgress },
    outstanding: state.status === 'closed' || state.step === 1 ? [] : missingBeforeEvaluation(state),
    allowedEventTypes: recordableEventTypes(caller, acceptedEventTypes(state)),
    eventCount: state.eventCount,
    lastEventAt: state.lastEventAt,
    source,
    links: caseLinks(state.caseId),
  };
}

export function caseListItemFrom(item: CaseListItem): CaseListItemDto {
  return {
    caseId: item.caseId,
    studentId: item.studentId,
    schoolId: item.schoolId,
    ownerStaffId: item.ownerStaffId,
    trigger: item.trigger,
    step: item.step,
    status: item.status,
    openedAt: item.openedAt,
    closedAt: item.closedAt,
    nextDeadline:
      item.nextDeadlineAt && item.nextDeadlineKind
        ? { kind: item.nextDeadlineKind, dueAt: item.nextDeadlineAt }
        : null,
    overdue: item.overdue,
    lastEventAt: item.lastEventAt,
    link: casePath(item.caseId),
  };
}
