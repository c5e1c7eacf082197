// Reading workflow histories in tests: which notice workflows a case started, and waiting for them.
import type { Client } from '@temporalio/client';
import { NOTIFICATION_WORKFLOW_TYPE, notificationWorkflowId } from '@tiltak/workflows';

/**
 * The notice workflows a case started, as child workflows or through its local activity (every notice
 * key starts with the case id), from Temporal's visibility: listed until at least `atLeast` are there
 * and the list has stayed the same for a second (visibility follows the start by a moment).
 */
export async function noticeWorkflowIds(
  client: Client,
  caseId: string,
  { atLeast = 0, timeoutMs = 30_000 }: { atLeast?: number; timeoutMs?: number } = {},
): Promise<string[]> {
  const prefix = notificationWorkflowId(`${caseId}:`);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let sameSince = Date.now();
  for (;;) {
    const ids: string[] = [];
    const query = `WorkflowType = "${NOTIFICATION_WORKFLOW_TYPE}" AND WorkflowId STARTS_WITH "${prefix}"`;
    for await (const info of client.workflow.list({ query })) ids.push(info.workflowId);
    const unique = [...new Set(ids)].sort();
    const seen = unique.join(',');
    if (seen !== last) {
      last = seen;
      sameSince = Date.now();
    }
    if (unique.length >= atLeast && Date.now() - sameSince >= 1000) return unique;
    if (Date.now() > deadline)
      throw new Error(
        `Timed out listing notice workflows of ${caseId}: ${unique.length} of at least ${atLeast} (${unique.join(', ')})`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Resolves once every one of these workflows has completed; rejects on any other closed status. */
export async function waitForCompleted(
  client: Client,
  workflowIds: string[],
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(workflowIds);
  while (pending.size > 0) {
    for (const id of [...pending]) {
      const status = (await client.workflow.getHandle(id).describe()).status.name;
      if (status === 'COMPLETED') pending.delete(id);
      else if (status !== 'RUNNING') throw new Error(`Workflow ${id} ended ${status}`);
    }
    if (pending.size === 0) return;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${[...pending].join(', ')} to complete`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
