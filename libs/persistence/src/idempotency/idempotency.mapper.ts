import type { IdempotencyKeyEntity } from './idempotency-key.entity';
import type { IdempotencyBeginResult, IdempotencyRequest } from './idempotency.types';

/** What an existing key means for a request that presents it again. */
export function beginResultFromExisting(
  row: IdempotencyKeyEntity,
  request: IdempotencyRequest,
): IdempotencyBeginResult {
  if (row.method !== request.method || row.path !== request.path || row.requestHash !== request.requestHash) {
    return { state: 'mismatch' };
  }
  if (row.status === 'completed' && row.responseStatus !== null) {
    return { state: 'completed', status: row.responseStatus, body: row.responseBody ?? null };
  }
  return { state: 'in-progress' };
}
