// Deterministic ids: the same student and sequence number always give the same case id, and the same
// caller and Idempotency-Key the same event id, so a retried request can never make a second one.
import { uuidV5 } from '../common/uuid-v5';
import { apiPath } from '../http/api-prefix';

export { caseIdFor } from '@tiltak/persistence';

const EVENT_ID_NAMESPACE = '7143e0bc-4c61-4edd-aaf3-e4fde77b6ce0';

/** Also the Temporal Update id, so Temporal dedupes a retried update too. */
export function eventIdFor(callerStaffId: string, idempotencyKey: string): string {
  return uuidV5(`${callerStaffId}\n${idempotencyKey}`, EVENT_ID_NAMESPACE);
}

export const casePath = (caseId: string): string => apiPath(`/cases/${caseId}`);
export const caseEventPath = (caseId: string, eventId: string): string =>
  apiPath(`/cases/${caseId}/events/${eventId}`);
