// Reading workflow histories in tests: which child workflows a run started, and waiting for them.
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

/** The workflow ids of the children this history started, in order. */
export function childWorkflowIds(history: History): string[] {
  const ids: string[] = [];
  for (const event of history.events ?? []) {
    const id = event.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId;
    if (id) ids.push(id);
  }
  return ids;
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
