import type { Actor, CaseState, DeadlineKind, Instant, Step } from '@tiltak/domain';

/** The columns of `cases` copied straight from the workflow's state. */
type CopiedFromState = Pick<
  CaseState,
  | 'caseId'
  | 'studentId'
  | 'schoolId'
  | 'ownerStaffId'
  | 'trigger'
  | 'step'
  | 'status'
  | 'openedAt'
  | 'closedAt'
  | 'closeReason'
  | 'pausedAt'
  | 'deadlines'
  | 'measures'
  | 'eventCount'
  | 'lastEventAt'
>;

/** A case as lists show it: the read model without the full state. */
export interface CaseListItem extends CopiedFromState {
  /** The earliest dueAt among the open deadlines; null when none (or the case is closed). */
  nextDeadlineAt: Instant | null;
  nextDeadlineKind: DeadlineKind | null;
  /** Some open deadline was missed or escalated. */
  overdue: boolean;
  /** Some open deadline was escalated and is still not met. */
  escalated: boolean;
  /** When a person last opened the case or recorded an event on it (reminders and other system events do not count). */
  lastActivityAt: Instant;
  updatedAt: Instant;
}

/** A row of the case list: the case with what the list shows of its student and owner (one query). */
export interface CaseListRow extends CaseListItem {
  /** null when the directory has no such student. */
  student: { givenName: string; familyName: string; className: string } | null;
  /** The owner's display name; null when the directory has no such staff member. */
  ownerName: string | null;
}

/** One case from the read model, with the workflow's full state as last persisted. */
export interface CaseDetail extends CaseListItem {
  state: CaseState;
}

/**
 * The columns of `cases` that CaseEventStore derives from a CaseState (the database sets updated_at;
 * last_activity_at comes from the people's events appended).
 */
export type CaseRowValues = Omit<CaseDetail, 'updatedAt' | 'lastActivityAt'>;

export type EventOrigin = 'person' | 'system';

/** One entry of a case's audit trail, in the order it was recorded. */
export interface AuditTrailEntry {
  /** Position in the trail (bigint, as a string). */
  seq: string;
  eventId: string;
  caseId: string;
  /** A CaseEventType, SystemEventType, or a type recorded outside the workflow (e.g. 'notification-sent'). */
  type: string;
  origin: EventOrigin;
  step: Step;
  /** Who recorded it; null for the system. */
  actor: Actor | null;
  occurredAt: Instant;
  recordedAt: Instant;
  payload: unknown;
}

/** An event the system records outside the workflow (e.g. a notice was sent). Never touches the read model. */
export interface ExternalSystemEvent {
  /** Deterministic, so a retry never doubles it, e.g. `${outboxKey}:sent`. */
  eventId: string;
  type: string;
  step: Step;
  occurredAt: Instant;
  /** Defaults to now. */
  recordedAt?: Instant;
  /** No personal data: ids, kinds, roles, times. */
  payload: Record<string, unknown>;
}

/** The columns of `case_events` for one event. */
export interface CaseEventRowValues {
  eventId: string;
  caseId: string;
  type: string;
  origin: EventOrigin;
  step: Step;
  actorStaffId: string | null;
  actorRole: string | null;
  occurredAt: Instant;
  recordedAt: Instant;
  payload: unknown;
}

export interface AppendResult {
  /** Events new to the trail (0 when all were already there). */
  insertedEvents: number;
  /** Whether the read model row was written (false when the stored one was newer or identical). */
  readModelUpdated: boolean;
}
