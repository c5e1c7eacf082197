// What operations see of a case in the Temporal UI: pseudonymous fields only, and "next deadline" and
// "overdue" by the domain's one definition, so the UI and the API's lists never disagree.
import { isOverdue, nextDeadline, type CaseState } from '@tiltak/domain';

export interface CaseSearchAttributeValues {
  step: number;
  status: CaseState['status'];
  schoolId: string;
  nextDeadline: Date | null;
  overdue: boolean;
}

export function caseSearchAttributeValues(state: CaseState): CaseSearchAttributeValues {
  const next = nextDeadline(state);
  return {
    step: state.step,
    status: state.status,
    schoolId: state.schoolId,
    nextDeadline: next ? new Date(next.dueAt) : null,
    overdue: isOverdue(state),
  };
}
