// What a list, a search attribute or a dashboard shows about a case's deadlines: the one definition of
// "next deadline" and "overdue". The workflow's search attributes (the Temporal UI), the read model
// (lists) and the API's case view all call these, so operations and school staff never disagree.
import type { CaseState, Deadline } from './model';
import { compareInstants } from './oslo-time';

type DeadlineFacts = Pick<CaseState, 'status' | 'deadlines'>;

/**
 * The deadlines still to be met: none once the case is closed. A paused case keeps them (they move
 * when it resumes), so a list still shows what will be due.
 */
export function pendingDeadlines(state: DeadlineFacts): readonly Deadline[] {
  return state.status === 'closed' ? [] : state.deadlines;
}

/** The pending deadline that falls due first, compared as instants (never as strings), or null. */
export function nextDeadline(state: DeadlineFacts): Deadline | null {
  let earliest: Deadline | null = null;
  for (const deadline of pendingDeadlines(state)) {
    if (earliest === null || compareInstants(deadline.dueAt, earliest.dueAt) < 0) earliest = deadline;
  }
  return earliest;
}

/**
 * Overdue: an open case with a deadline that has been missed or escalated. It is the workflow's timers
 * that decide a deadline was missed (on the school calendar), so this needs no clock. A paused case's
 * clocks are stopped: it is not overdue while paused.
 */
export function isOverdue(state: DeadlineFacts): boolean {
  return (
    state.status === 'open' &&
    state.deadlines.some((deadline) => deadline.status === 'missed' || deadline.status === 'escalated')
  );
}
