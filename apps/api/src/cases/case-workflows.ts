import { Injectable, Logger } from '@nestjs/common';
import {
  ApplicationFailure,
  QueryNotRegisteredError,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
  type WorkflowUpdateHandle,
} from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import { caseStaticDetails, caseStaticSummary, type CaseEvent, type CaseState } from '@tiltak/domain';
import {
  CASE_WORKFLOW_TYPE,
  SEARCH_ATTRIBUTES,
  UPDATE_REJECTION_CODES,
  caseWorkflowId,
  getStateQuery,
  openedUpdate,
  openedUpdateId,
  recordEventUpdate,
  type CaseWorkflowInput,
  type RecordEventResult,
  type UpdateRejectionCode,
} from '@tiltak/workflows';
import { DomainError } from '../errors/domain-error';
import { ApiConfig } from '../infrastructure/api-config';
import { unavailableDependency, updateNotDecided } from '../infrastructure/dependency-errors';
import { TemporalClient } from '../infrastructure/temporal-client.provider';
import { WorkflowWaits } from '../infrastructure/workflow-waits';
import { ApiMetrics } from '../metrics/api-metrics';

/** A case the read model has no row for, as its workflow knows it (see CaseWorkflows.withoutReadModel). */
export type UnstoredCase =
  /** The workflow answered its state (its row was written, then lost or not yet visible). */
  | { kind: 'state'; state: CaseState }
  /** The workflow is still writing the case's first row: what it was started with. */
  | { kind: 'opening'; input: CaseWorkflowInput }
  /** No workflow with the case's id: there is no such case. */
  | { kind: 'none' };

export type StartOutcome =
  /** Started now; `state` is its first state, or null when the workflow did not answer within the wait. */
  | { kind: 'started'; state: CaseState | null }
  /** The case id is taken: by a running case, or by one that has closed. */
  | { kind: 'running' }
  | { kind: 'closed' };

export type UpdateOutcome =
  | { kind: 'completed'; result: RecordEventResult }
  | { kind: 'rejected'; code: UpdateRejectionCode; message: string }
  /** Accepted by the workflow (durable), not yet persisted. */
  | { kind: 'pending' }
  /** The workflow has finished: the case is closed. */
  | { kind: 'no-workflow' };

const LifecycleStage = temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage;
// Asking whether an Update the workflow has not answered was accepted: answered at once when it was.
const ACCEPTED_CHECK_MS = 1_000;

/** The case workflows as the API uses them: start, query, record an event. Every call is bounded in time. */
@Injectable()
export class CaseWorkflows {
  private readonly logger = new Logger('case-workflows');

  constructor(
    private readonly temporal: TemporalClient,
    private readonly config: ApiConfig,
    private readonly waits: WorkflowWaits,
    private readonly metrics: ApiMetrics,
  ) {}

  /**
   * Starts the case's workflow once and answers its first state in the same round trip (update-with-start:
   * the 'opened' Update travels with the start and completes once the first state is stored). The id is
   * the case id, and an id that was ever used is refused, so the answer says whether that case is
   * running or already closed.
   */
  async start(input: CaseWorkflowInput, waitMs: number): Promise<StartOutcome> {
    const client = await this.temporal.client();
    const workflowId = caseWorkflowId(input.open.caseId);
    const startWorkflowOperation = new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: this.config.values.temporal.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      // Pseudonymous only: operations filter on these in the Temporal UI.
      typedSearchAttributes: [
        { key: SEARCH_ATTRIBUTES.step, value: 1 },
        { key: SEARCH_ATTRIBUTES.status, value: 'open' },
        { key: SEARCH_ATTRIBUTES.schoolId, value: input.open.schoolId },
      ],
      // Ids and codes only, left unencrypted by the codec so the Temporal UI shows them (ADR 0012).
      staticSummary: caseStaticSummary(input.open),
      staticDetails: caseStaticDetails(input.open),
    });
    try {
      const state = await client.withDeadline(Date.now() + waitMs, () =>
        client.workflow.executeUpdateWithStart(openedUpdate, {
          updateId: openedUpdateId(input.open.caseId),
          startWorkflowOperation,
        }),
      );
      return { kind: 'started', state };
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        const description = await client.workflow.getHandle(workflowId).describe();
        return { kind: description.status.name === 'RUNNING' ? 'running' : 'closed' };
      }
      if (!(err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || updateNotDecided(err))) throw err;
    }
    // No answer in time (its first write is retrying, or the worker is slow): started only if Temporal
    // has the workflow. A concurrent open of the same case is refused at once, never by a timeout.
    try {
      await client.workflow.getHandle(workflowId).describe();
      return { kind: 'started', state: null };
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      throw new DomainError(
        'DEPENDENCY_UNAVAILABLE',
        'Saksflyten svarer ikke akkurat nå; prøv igjen om litt.',
        {
          reason: 'workflow-not-responding',
          retryAfterSeconds: 5,
        },
      );
    }
  }

  /**
   * For a case the read model has no row for: the workflow's state, or the input it was started with
   * while it is still opening (its query answers only once the first row is written; ADR 0003 lets that
   * write lag), or 'none' when no workflow has the case's id. Throws (503) when Temporal does not answer:
   * "no such case" is only said when Temporal said so.
   */
  async withoutReadModel(caseId: string): Promise<UnstoredCase> {
    const client = await this.temporal.client();
    const workflowId = caseWorkflowId(caseId);
    try {
      const state = await client.withDeadline(Date.now() + this.waits.queryMs, () =>
        client.workflow.getHandle(workflowId).query(getStateQuery),
      );
      return { kind: 'state', state };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { kind: 'none' };
      if (!isStillOpening(err)) throw unansweredQuery(caseId, err, this.logger);
    }
    // Only the first history event is read: the start input (decoded with the client's codec).
    const history = await client.withDeadline(Date.now() + this.waits.queryMs, () =>
      client.workflowService.getWorkflowExecutionHistory({
        namespace: client.options.namespace,
        execution: { workflowId },
        maximumPageSize: 1,
      }),
    );
    const started = history.history?.events?.[0]?.workflowExecutionStartedEventAttributes;
    const [input] = await decodeArrayFromPayloads(
      client.options.loadedDataConverter,
      started?.input?.payloads,
    );
    if (!input) throw new Error(`The workflow of case ${caseId} has no start input`);
    return { kind: 'opening', input: input as CaseWorkflowInput };
  }

  /**
   * Sends the event as an Update whose id is the event id (Temporal dedupes retries) and waits for its
   * outcome in the same call: one round trip to Temporal when the workflow answers within the accept
   * wait, as it does unless something is down. Without an outcome by then, Temporal is asked whether the
   * workflow has accepted it: not accepted, nothing is recorded (503); accepted, its result is awaited a
   * while longer and then answered 202 (durable in the workflow, persisted later).
   */
  async recordEvent(caseId: string, event: CaseEvent): Promise<UpdateOutcome> {
    const done = this.metrics.startUpdate('recordEvent');
    try {
      const outcome = await this.sendEvent(caseId, event);
      done(outcome.kind);
      return outcome;
    } catch (err) {
      done('error');
      throw err;
    }
  }

  private async sendEvent(caseId: string, event: CaseEvent): Promise<UpdateOutcome> {
    const client = await this.temporal.client();
    const handle = client.workflow.getHandle(caseWorkflowId(caseId));
    try {
      const result = await client.withDeadline(Date.now() + this.waits.acceptMs, () =>
        handle.executeUpdate(recordEventUpdate, { args: [event], updateId: event.eventId }),
      );
      return { kind: 'completed', result };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { kind: 'no-workflow' };
      const rejected = rejectionOf(err);
      if (rejected) return rejected;
      if (!(err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || updateNotDecided(err))) throw err;
    }
    if (!(await this.isAccepted(client, caseId, event.eventId))) {
      throw new DomainError(
        'DEPENDENCY_UNAVAILABLE',
        `Saksflyten tok ikke imot hendelsen innen ${this.waits.acceptMs / 1000} s; ingenting ble registrert. Prøv igjen med samme Idempotency-Key.`,
        { reason: 'workflow-not-responding', retryAfterSeconds: 5 },
      );
    }
    return this.outcomeOf(
      client,
      handle.getUpdateHandle<RecordEventResult>(event.eventId),
      this.waits.resultMs,
    );
  }

  /** Whether the workflow has accepted (or already decided) the Update: durable then, whatever happens next. */
  private async isAccepted(client: Client, caseId: string, updateId: string): Promise<boolean> {
    try {
      const response = await client.withDeadline(Date.now() + ACCEPTED_CHECK_MS, () =>
        client.workflowService.pollWorkflowExecutionUpdate({
          namespace: client.options.namespace,
          updateRef: { workflowExecution: { workflowId: caseWorkflowId(caseId) }, updateId },
          identity: client.options.identity,
          waitPolicy: { lifecycleStage: LifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED },
        }),
      );
      return (response.stage ?? 0) >= LifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED;
    } catch {
      // Not known to Temporal (never admitted), not accepted within the check, or Temporal not answering.
      return false;
    }
  }

  /** The outcome of an earlier update, if it has one within the wait; 'unknown' when Temporal never saw it. */
  async updateOutcome(
    caseId: string,
    updateId: string,
    waitMs: number,
  ): Promise<UpdateOutcome | { kind: 'unknown' }> {
    const client = await this.temporal.client();
    const update = client.workflow
      .getHandle(caseWorkflowId(caseId))
      .getUpdateHandle<RecordEventResult>(updateId);
    try {
      return await this.outcomeOf(client, update, waitMs);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { kind: 'unknown' };
      throw err;
    }
  }

  private async outcomeOf(
    client: Client,
    update: WorkflowUpdateHandle<RecordEventResult>,
    waitMs: number,
  ): Promise<UpdateOutcome> {
    try {
      const result = await client.withDeadline(Date.now() + waitMs, () => update.result());
      return { kind: 'completed', result };
    } catch (err) {
      if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return { kind: 'pending' };
      const rejected = rejectionOf(err);
      if (rejected) return rejected;
      throw err;
    }
  }
}

/**
 * The workflow's query handler refused because the case is still opening: its only failure
 * (CASE_OPENING). The server reports a failed query as INVALID_ARGUMENT, which the client names
 * QueryNotRegisteredError; the handler is registered before the workflow's first await, and the
 * failure's message is encrypted by the codec ("Encoded failure"), so that kind is the signal.
 */
function isStillOpening(err: unknown): boolean {
  if (err instanceof QueryNotRegisteredError) return true;
  let current: unknown = err;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    if (/CASE_OPENING|The case is still opening/.test(current.message)) return true;
    if (current instanceof ApplicationFailure && current.type === 'CASE_OPENING') return true;
    current = current.cause;
  }
  return false;
}

function unansweredQuery(caseId: string, err: unknown, logger: Logger): unknown {
  if (unavailableDependency(err)) return err;
  logger.warn({ msg: 'Case workflow did not answer its state query', caseId, error: String(err) });
  return new DomainError('DEPENDENCY_UNAVAILABLE', 'Saksflyten svarer ikke akkurat nå; prøv igjen om litt.', {
    reason: 'workflow-not-responding',
    retryAfterSeconds: 5,
  });
}

/** The workflow refused the event (its validator or its handler): the code it gave. */
function rejectionOf(err: unknown): Extract<UpdateOutcome, { kind: 'rejected' }> | null {
  if (!(err instanceof WorkflowUpdateFailedError)) return null;
  const cause = err.cause;
  if (cause instanceof ApplicationFailure && isRejectionCode(cause.type))
    return { kind: 'rejected', code: cause.type, message: cause.message };
  return null;
}

function isRejectionCode(value: unknown): value is UpdateRejectionCode {
  return (UPDATE_REJECTION_CODES as readonly unknown[]).includes(value);
}
