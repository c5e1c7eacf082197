import {
  CHECKLIST,
  acceptedEventTypes,
  assignmentsOf,
  checklistBlockingEvaluation,
  isEscalated,
  isOverdue,
  nextDeadline,
  pendingDeadlines,
  stepChecklist,
  type CaseState,
} from '@tiltak/domain';
import type { CaseListRow } from '@tiltak/persistence';
import { recordableEventTypes } from '../access/access-policy';
import type { Caller } from '../auth/caller';
import { casePath } from './case-ids';
import type { CaseListItemDto } from './dto/case-list-item.dto';
import type { CaseResponseDto } from './dto/case.response.dto';
import { CaseDetectionDto } from '../absence/dto/case-detection.dto';

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
  // What the workflow accepts now (libs/domain) that the caller's role may record (the access rules).
  const allowedActions = recordableEventTypes(caller, acceptedEventTypes(state));
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
    escalated: isEscalated(state),
    deadlines: pendingDeadlines(state).map((d) => ({ ...d })),
    measures: state.measures.map((m) => ({ ...m, responsible: { ...m.responsible } })),
    assignments: assignmentsOf(state).map((a) => ({ ...a })),
    progress: { ...state.stepProgress },
    outstanding: checklistBlockingEvaluation(state).map((code) => CHECKLIST[code].text),
    checklist: stepChecklist(state),
    allowedActions,
    allowedEventTypes: allowedActions,
    eventCount: state.eventCount,
    lastEventAt: state.lastEventAt,
    source,
    links: caseLinks(state.caseId),
  };
}

export function caseListItemFrom(item: CaseListRow): CaseListItemDto {
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
    escalated: item.escalated,
    lastEventAt: item.lastEventAt,
    lastActivityAt: item.lastActivityAt,
    student: item.student
      ? { name: `${item.student.givenName} ${item.student.familyName}`, className: item.student.className }
      : null,
    owner: { staffId: item.ownerStaffId, name: item.ownerName },
    link: casePath(item.caseId),
  };
}
