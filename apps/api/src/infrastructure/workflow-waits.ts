/** How long a request waits for the case workflow before it answers instead of hanging. */
export class WorkflowWaits {
  /** For the workflow to accept (or reject) an event: a worker must be running. */
  readonly acceptMs: number;
  /** For an accepted event to be persisted; beyond this the answer is 202 with a place to poll. */
  readonly resultMs: number;
  /** For a live state query. */
  readonly queryMs: number;

  constructor(overrides: Partial<Pick<WorkflowWaits, 'acceptMs' | 'resultMs' | 'queryMs'>> = {}) {
    this.acceptMs = overrides.acceptMs ?? 10_000;
    this.resultMs = overrides.resultMs ?? 8_000;
    this.queryMs = overrides.queryMs ?? 3_000;
  }
}
