// Read-side helpers: what a list, a search attribute or a dashboard shows about a case. Only
// pseudonymous fields, so the summary may go where personal data must not (Temporal search attributes).
import type { CaseState, CaseStatus, Deadline, DeadlineKind, Instant, Step } from './model';
import { compareInstants } from './oslo-time';

export interface CaseSummary {
  caseId: string;
  schoolId: string;
  ownerStaffId: string;
  step: Step;
  status: CaseStatus;
  nextDueAt: Instant | null;
  nextDeadlineKind: DeadlineKind | null;
  overdue: boolean;
  openedAt: Instant;
  closedAt: Instant | null;
}

/** The open deadline that falls due first, or null. */
export function nextDeadline(state: CaseState): Deadline | null {
  let earliest: Deadline | null = null;
  for (const deadline of state.deadlines) {
    if (earliest === null || compareInstants(deadline.dueAt, earliest.dueAt) < 0) earliest = deadline;
  }
  return earliest;
}

/** Whether an open case has a deadline past due at `now`. A paused case's clocks are stopped. */
export function isOverdue(state: CaseState, now: Instant): boolean {
  return (
    state.status === 'open' && state.deadlines.some((deadline) => compareInstants(deadline.dueAt, now) <= 0)
  );
}

export function caseSummary(state: CaseState, now: Instant): CaseSummary {
  const next = nextDeadline(state);
  return {
    caseId: state.caseId,
    schoolId: state.schoolId,
    ownerStaffId: state.ownerStaffId,
    step: state.step,
    status: state.status,
    nextDueAt: next?.dueAt ?? null,
    nextDeadlineKind: next?.kind ?? null,
    overdue: isOverdue(state, now),
    openedAt: state.openedAt,
    closedAt: state.closedAt,
  };
}
