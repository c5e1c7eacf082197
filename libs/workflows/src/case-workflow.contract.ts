// What the API, the worker and the workflow agree on. Workflow-safe: only @temporalio/workflow and
// @tiltak/domain are imported here.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { REJECTION_CODES } from '@tiltak/domain';
import type {
  CaseOpener,
  CaseEvent,
  CaseState,
  Instant,
  LadderPolicy,
  NotificationRequest,
  OpenCaseInput,
  RecordedEvent,
  RejectionCode,
  SchoolCalendar,
} from '@tiltak/domain';

/** Versioned: a breaking change to the workflow gets a new queue while old cases drain. */
export const CASE_TASK_QUEUE_DEFAULT = 'cases-v1';
export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

/** Deterministic, carries no personal data: the case id is an opaque UUID. */
export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}
/** The workflow that delivers one notice request (libs/workflows/src/notification-workflow.ts). */
export const NOTIFICATION_WORKFLOW_TYPE = 'notificationWorkflow';

/** One notification workflow per notice request; the key is built from case and deadline ids only. */
export function notificationWorkflowId(key: string): string {
  return `notify-${key}`;
}

export function caseIdFromWorkflowId(workflowId: string): string | null {
  return workflowId.startsWith('case-') ? workflowId.slice('case-'.length) : null;
}

export interface CaseWorkflowInput {
  /** A person, or the system when absence detection opened the case (ADR 0009). */
  open: OpenCaseInput & { openedBy: CaseOpener };
  policy: LadderPolicy;
  /** Set when continuing as new: the state carried over. */
  carried?: { state: CaseState; calendars: SchoolCalendar[]; recentEvents?: RecordedEvent[] };
}

/** The event as the workflow recorded it (a libs/domain type: persistence stores it). */
export type { RecordedEvent } from '@tiltak/domain';

export interface RecordEventResult {
  event: RecordedEvent;
  state: CaseState;
}

/** Person-recorded events go through this Update; its id is the request's idempotency key. */
export const recordEventUpdate = defineUpdate<RecordEventResult, [CaseEvent]>('recordEvent');
export const getStateQuery = defineQuery<CaseState>('getState');
/**
 * Sent with the workflow's start (update-with-start): answers the case's first state once it is stored,
 * so opening a case is one round trip and nobody polls. Harmless on a running case (its current state).
 */
export const openedUpdate = defineUpdate<CaseState, []>('opened');
/** One 'opened' Update per case: a retried open is answered by the same Update. */
export function openedUpdateId(caseId: string): string {
  return `opened-${caseId}`;
}

/** The Update's rejection when PostgreSQL refuses the event itself as data: nothing was applied. */
export const EVENT_NOT_STORABLE = 'EVENT_NOT_STORABLE';
/** Why the workflow refuses a recordEvent Update (the ApplicationFailure's type): the validator's reasons or EVENT_NOT_STORABLE. */
export const UPDATE_REJECTION_CODES = [...REJECTION_CODES, EVENT_NOT_STORABLE] as const;
export type UpdateRejectionCode = RejectionCode | typeof EVENT_NOT_STORABLE;

/** What the workflow asks the notifications side to send (a libs/domain rule). */
export type { NotificationRequest } from '@tiltak/domain';

/** Implemented by the worker; the workflow only knows this shape. */
export interface CaseActivities {
  /** Appends the events (append-only audit trail) and upserts the read model, in one transaction, idempotent by event id. */
  persistCaseEvents(input: { state: CaseState; events: RecordedEvent[] }): Promise<void>;
  /**
   * @deprecated Wrote `notification_requests`, which nothing read: each notice is a workflow of its own.
   * Only histories recorded before the `notices-as-child-workflows-only` patch schedule it; it stays
   * registered, doing nothing, until no such workflow runs.
   */
  requestNotifications(input: { requests: NotificationRequest[] }): Promise<void>;
  /** The school's calendars (current and next school year); empty when none is configured. */
  loadSchoolCalendars(input: { schoolId: string }): Promise<SchoolCalendar[]>;
  /**
   * Starts one notification workflow per request, on the case's task queue, its id from the request's
   * key (notificationWorkflowId) and never reused: a request already started (by an earlier attempt,
   * a replay or the former child start) counts as started. The workflow outlives the case, as a child
   * with ParentClosePolicy.ABANDON did, without the parent's two workflow tasks for its start and end.
   */
  startNotificationWorkflows(input: { requests: NotificationRequest[] }): Promise<void>;
}

/** Search attributes operations filter on in the Temporal UI; none holds personal data. */
export const SEARCH_ATTRIBUTES = {
  step: { name: 'CaseStep', type: 'INT' },
  status: { name: 'CaseStatus', type: 'KEYWORD' },
  schoolId: { name: 'CaseSchoolId', type: 'KEYWORD' },
  nextDeadline: { name: 'CaseNextDeadline', type: 'DATETIME' },
  overdue: { name: 'CaseOverdue', type: 'BOOL' },
} as const;

/** Implemented by libs/notifications; run by the notification workflow. */
export interface NotificationActivities {
  planNotificationDeliveries(input: { request: NotificationRequest }): Promise<{ outboxKeys: string[] }>;
  deliverNotification(input: { outboxKey: string }): Promise<void>;
}

/** The weekly digest for school leadership (started by a Temporal Schedule). */
export const WEEKLY_DIGEST_WORKFLOW_TYPE = 'weeklyDigestWorkflow';
export const WEEKLY_DIGEST_SCHEDULE_ID = 'weekly-school-digest';

export interface DigestActivities {
  /** Plans this ISO week's digest for every school (idempotent per school and week). */
  planSchoolDigests(input: { now?: Instant }): Promise<{ outboxKeys: string[] }>;
  /** Sends outbox rows left unsent (e.g. a failure notice whose first send hit a transient error). */
  deliverUnsentNotifications(input: { olderThanSeconds?: number; limit?: number }): Promise<{
    sent: number;
    failed: number;
    pending: number;
  }>;
}

/** Every quarter of an hour, notices nobody is retrying any more are sent. */
export const NOTIFICATION_SWEEP_WORKFLOW_TYPE = 'notificationSweepWorkflow';
export const NOTIFICATION_SWEEP_SCHEDULE_ID = 'notification-sweep';
