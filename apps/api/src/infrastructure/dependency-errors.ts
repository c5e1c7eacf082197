// Recognises "a dependency is unreachable" among the errors pg, TypeORM and the Temporal client throw,
// so the exception filter answers 503 with a reason instead of a 500.
import { NamespaceNotFoundError } from '@temporalio/common';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);
// SQLSTATE class 08 (connection exception) and 57P01-57P03 (server shutting down / starting up).
const POSTGRES_UNAVAILABLE = /^(08\d{3}|57P0[123])$/;
// gRPC status codes: DEADLINE_EXCEEDED, UNAVAILABLE.
const GRPC_UNAVAILABLE = new Set([4, 14]);

export type UnavailableDependency = 'postgres' | 'temporal';

export function unavailableDependency(err: unknown): UnavailableDependency | null {
  let current: unknown = err;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const e = current as {
      code?: unknown;
      details?: unknown;
      message?: unknown;
      cause?: unknown;
      driverError?: unknown;
    };
    const message = typeof e.message === 'string' ? e.message : '';
    // The database answers, but as a role the API refuses to work with (see assertLeastPrivilege):
    // unusable until an operator fixes DATABASE_URL, so the API says it is unavailable, not broken.
    if (current instanceof Error && current.name === 'OverPrivilegedRoleError') return 'postgres';
    // Temporal saying its namespace is not there: an overloaded or restarting server does (its
    // namespace cache not loaded yet; the chaos harness saw POST /api/cases answered 500 so), and a
    // missing namespace is an operator's to fix. Either way nothing was started: 503, not a 500.
    if (current instanceof NamespaceNotFoundError) return 'temporal';
    // A gRPC status error (the Temporal client's ServiceError wraps one as its cause).
    if (typeof e.code === 'number' && 'details' in e) return GRPC_UNAVAILABLE.has(e.code) ? 'temporal' : null;
    if (typeof e.code === 'string' && POSTGRES_UNAVAILABLE.test(e.code)) return 'postgres';
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return 'postgres';
    if (
      /Connection terminated|connection timeout|Driver not Connected|Cannot use a pool after calling end/i.test(
        message,
      )
    ) {
      return 'postgres';
    }
    current = e.driverError ?? e.cause;
  }
  return null;
}

// gRPC status codes with which the Temporal server gives up on one Update without deciding it:
// RESOURCE_EXHAUSTED (too many in flight), FAILED_PRECONDITION (the workflow's context is not ready),
// ABORTED (the Update was aborted, e.g. the worker holding the workflow task died), INTERNAL, and the
// two outage codes. Retrying with the same Update id (the same Idempotency-Key) is safe: Temporal
// dedupes it, so nothing can be recorded twice.
const GRPC_UPDATE_NOT_DECIDED = new Set([4, 8, 9, 10, 13, 14]);

/**
 * True when starting an Update failed in Temporal without the workflow deciding anything (found by the
 * chaos harness as 500s while workers were killed); the API answers 503 with Retry-After instead.
 */
export function updateNotDecided(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const e = current as { code?: unknown; details?: unknown; cause?: unknown };
    if (typeof e.code === 'number' && 'details' in e) return GRPC_UPDATE_NOT_DECIDED.has(e.code);
    current = e.cause;
  }
  return false;
}

export const UNAVAILABLE_REASON: Record<UnavailableDependency, string> = {
  postgres: 'Databasen svarer ikke akkurat nå; ingenting ble endret. Prøv igjen om litt.',
  temporal: 'Saksflyten (Temporal) svarer ikke akkurat nå; ingenting ble endret. Prøv igjen om litt.',
};
