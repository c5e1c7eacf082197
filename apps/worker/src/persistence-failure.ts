// Which failures to store a case's events can never succeed, and what of a failure may leave the
// worker: the SQLSTATE and names, never the driver's message or detail (they quote the values, and
// TypeORM's QueryFailedError carries the whole statement and its parameters: the payload).
import { ApplicationFailure } from '@temporalio/common';
import { EventIdConflictError, OpenCaseExistsError, postgresErrorOf } from '@tiltak/persistence';

/** ApplicationFailure types the case activities throw; the workflow decides by them. */
export const PERSISTENCE_FAILURE_TYPES = {
  /** PostgreSQL refused the data itself: the same write fails every time. Non-retryable. */
  notStorable: 'EVENT_NOT_STORABLE',
  /** Anything else (connection, resources, locks, an operator's mistake): retrying may help. */
  failed: 'PERSISTENCE_FAILED',
} as const;

// SQLSTATE classes that depend on the data written, so a retry of the same write fails the same way:
// 22 data exception (e.g. 22P05, a NUL in jsonb), 23 integrity constraint violation (a CHECK, NOT NULL,
// unique or foreign key the row breaks), 54 program limit exceeded (e.g. a jsonb value too large).
// Everything else stays retryable, unknown codes included: 08 connection, 40 serialization/deadlock,
// 53 insufficient resources, 57 operator intervention/statement timeout, 42 privileges or a missing
// table (an operator fixes it and the waiting events go in), P0 a trigger's RAISE. Dropping an event
// for an error we do not understand would lose it; retrying only delays it.
const NOT_STORABLE_SQLSTATE_CLASSES = ['22', '23', '54'];

export type PersistenceFailureKind = 'not-storable' | 'retryable';

export function persistenceFailureKind(sqlState: string | null): PersistenceFailureKind {
  if (sqlState === null || !/^[0-9A-Z]{5}$/.test(sqlState)) return 'retryable';
  return NOT_STORABLE_SQLSTATE_CLASSES.includes(sqlState.slice(0, 2)) ? 'not-storable' : 'retryable';
}

/**
 * The failure to throw from an activity instead of `err`: a fresh ApplicationFailure without a cause,
 * whose message holds the SQLSTATE, constraint name or error name and code only.
 */
export function sanitizedPersistenceFailure(err: unknown, what: string): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof OpenCaseExistsError || err instanceof EventIdConflictError) {
    // Ids only, by construction of these errors; the same write can never succeed.
    return ApplicationFailure.create({ message: err.message, type: err.code, nonRetryable: true });
  }
  const pg = postgresErrorOf(err);
  if (pg && /^[0-9A-Z]{5}$/.test(pg.code)) {
    const constraint = pg.constraint ? `, constraint ${pg.constraint}` : '';
    if (persistenceFailureKind(pg.code) === 'not-storable') {
      return ApplicationFailure.create({
        message: `PostgreSQL refused ${what} as data (SQLSTATE ${pg.code}${constraint}); retrying cannot help`,
        type: PERSISTENCE_FAILURE_TYPES.notStorable,
        nonRetryable: true,
        details: [{ sqlState: pg.code }],
      });
    }
    return ApplicationFailure.create({
      message: `Storing ${what} failed (SQLSTATE ${pg.code}${constraint})`,
      type: PERSISTENCE_FAILURE_TYPES.failed,
      details: [{ sqlState: pg.code }],
    });
  }
  // No SQLSTATE: a connection or driver error (ECONNREFUSED, a timeout), named but not quoted.
  const name = err instanceof Error ? err.name : typeof err;
  const code = errorCodeOf(err);
  return ApplicationFailure.create({
    message: `Storing ${what} failed (${name}${code ? ` ${code}` : ''})`,
    type: PERSISTENCE_FAILURE_TYPES.failed,
  });
}

function errorCodeOf(err: unknown): string | null {
  if (typeof err !== 'object' || err === null || !('code' in err)) return null;
  const code = (err as { code: unknown }).code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : null;
}
