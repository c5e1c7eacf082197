// Timers in seconds-long test policies can fire late on a loaded machine (or after a worker restart).
// A reminder that fires after its deadline is recorded as skipped and not sent (docs/decisions.md), so
// a test counts the reminder's notice only when the timeline says it was sent.
import type { WorkflowHandle } from '@temporalio/client';
import type { AuditTrailEntry } from '@tiltak/persistence';
import type { CaseEvent } from '@tiltak/domain';
import { getStateQuery, type RecordEventResult } from '@tiltak/workflows';
import type { CaseTestEnv } from './case-test-env';

/** Whether the reminder for a deadline of this kind was sent (recorded and not skipped). */
export function reminderSent(trail: readonly AuditTrailEntry[], kind: string): boolean {
  return trail.some((e) => {
    const payload = e.payload as { kind?: string; skipped?: string };
    return e.type === 'reminder-due' && payload.kind === kind && payload.skipped === undefined;
  });
}

/** For shortTestPolicy: step 1 due in 6 s, its reminder 3 s before, no escalation while a test runs. */
export const OUTAGE_TIMES = {
  dueSeconds: { 'step1-contact': 6 },
  remindBeforeSeconds: 3,
  escalateAfterSeconds: 100,
};

/**
 * A worker outage across a case's step-1 reminder and deadline: the worker stops once the case has
 * opened and starts again a second after the deadline, when reminder and deadline are both overdue.
 */
export async function workerDownPastStep1Deadline(t: CaseTestEnv, handle: WorkflowHandle): Promise<void> {
  const caseId = handle.workflowId.replace(/^case-/, '');
  await t.waitFor(async () => (await t.timeline(caseId)).length > 0, 'case-opened in the audit trail');
  const { deadlines } = await handle.query(getStateQuery);
  const dueAt = Date.parse(deadlines.find((d) => d.kind === 'step1-contact')?.dueAt ?? '');
  await t.stopWorker();
  try {
    await new Promise((r) => setTimeout(r, Math.max(0, dueAt - Date.now()) + 1000));
  } finally {
    await t.startWorker();
  }
  await t.waitFor(
    async () => (await t.timeline(caseId)).some((e) => e.type === 'deadline-missed'),
    'the missed step-1 deadline',
  );
}

/** For shortTestPolicy: step 1 due in 4 s, its reminder 2 s before, its escalation 2 s after. */
export const ALL_STAGES_TIMES = {
  dueSeconds: { 'step1-contact': 4 },
  remindBeforeSeconds: 2,
  escalateAfterSeconds: 2,
};

/**
 * A worker outage across every stage of a case's step-1 deadline, with a person's event sent during it:
 * the worker stops once the case has opened, the event is sent a second after the escalation was due
 * and the worker starts again a second later, so the fired timer and the event reach the workflow in
 * the same workflow task. Resolves with the event's answer.
 */
export async function eventSentWhileWorkerDownPastStep1Stages(
  t: CaseTestEnv,
  handle: WorkflowHandle,
  event: CaseEvent,
): Promise<RecordEventResult> {
  const caseId = handle.workflowId.replace(/^case-/, '');
  await t.waitFor(async () => (await t.timeline(caseId)).length > 0, 'case-opened in the audit trail');
  const { deadlines } = await handle.query(getStateQuery);
  const escalateAt = Date.parse(deadlines.find((d) => d.kind === 'step1-contact')?.escalateAt ?? '');
  await t.stopWorker();
  let answer!: Promise<RecordEventResult>;
  try {
    await new Promise((r) => setTimeout(r, Math.max(0, escalateAt - Date.now()) + 1000));
    answer = t.record(handle, event);
    // Kept from being an unhandled rejection while the worker is down; awaited below.
    answer.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1000));
  } finally {
    await t.startWorker();
  }
  return answer;
}
