import {
  upgradeEventPayload,
  type Actor,
  type RecordedEvent,
  type StaffRole,
  type Step,
} from '@tiltak/domain';
import { instantOf } from '../sql-values';
import type { CaseEventEntity } from './case-event.entity';
import type { AuditTrailEntry, CaseEventRowValues, EventOrigin, ExternalSystemEvent } from './case.types';

/** A workflow-recorded event as an audit-trail row: 'person' when someone recorded it, else 'system'. */
export function caseEventRowFromRecorded(event: RecordedEvent): CaseEventRowValues {
  const actor = event.actor ?? null;
  return {
    eventId: event.eventId,
    caseId: event.caseId,
    type: event.type,
    origin: actor ? 'person' : 'system',
    step: event.step,
    actorStaffId: actor?.staffId ?? null,
    actorRole: actor?.role ?? null,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    payload: event.payload,
  };
}

export function caseEventRowFromExternal(
  caseId: string,
  event: ExternalSystemEvent,
  now: Date,
): CaseEventRowValues {
  return {
    eventId: event.eventId,
    caseId,
    type: event.type,
    origin: 'system',
    step: event.step,
    actorStaffId: null,
    actorRole: null,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt ?? instantOf(now),
    payload: event.payload,
  };
}

export function auditTrailEntryFromEntity(row: CaseEventEntity): AuditTrailEntry {
  const actor: Actor | null =
    row.actorStaffId !== null && row.actorRole !== null
      ? { staffId: row.actorStaffId, role: row.actorRole as StaffRole }
      : null;
  return {
    seq: row.seq,
    eventId: row.eventId,
    caseId: row.caseId,
    type: row.type,
    origin: row.origin as EventOrigin,
    step: row.step as Step,
    actor,
    occurredAt: instantOf(row.occurredAt),
    recordedAt: instantOf(row.recordedAt),
    // Rows keep what was recorded; readers get the current names (the step-3 meeting's `team-meeting`).
    payload: upgradeEventPayload(row.type, row.payload),
  };
}
