import type { CaseEvent } from '@tiltak/domain';
import type { Caller } from '../auth/caller';
import type { RecordEventBody } from './record-event-body.pipe';

/**
 * The domain event from a validated body: the actor is the caller, the id comes from the Idempotency-Key,
 * and a measure is identified by the event that planned it. Nothing here is taken from the body that
 * the caller should not decide.
 */
export function buildCaseEvent(caller: Caller, eventId: string, body: RecordEventBody, now: Date): CaseEvent {
  const payload = body.type === 'measure-planned' ? { measureId: eventId, ...body.payload } : body.payload;
  return {
    type: body.type,
    eventId,
    actor: { staffId: caller.staffId, role: caller.role },
    occurredAt: body.occurredAt ?? now.toISOString(),
    payload,
  } as CaseEvent;
}
