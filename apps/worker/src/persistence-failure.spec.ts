import { ApplicationFailure } from '@temporalio/common';
import { EventIdConflictError, OpenCaseExistsError } from '@tiltak/persistence';
import { QueryFailedError } from 'typeorm';
import {
  PERSISTENCE_FAILURE_TYPES,
  persistenceFailureKind,
  sanitizedPersistenceFailure,
} from './persistence-failure';

const SECRET = 'SYNTHETIC-SECRET-NOTE-unit';

/** What TypeORM throws when pg reports an error: the statement, its parameters and the driver error. */
function queryFailed(code: string, extra: Record<string, unknown> = {}): QueryFailedError {
  const driverError = Object.assign(new Error(`invalid input: "${SECRET}"`), {
    code,
    severity: 'ERROR',
    detail: `Failing row contains (${SECRET}).`,
    ...extra,
  });
  return new QueryFailedError(
    'INSERT INTO case_events (payload) VALUES ($1)',
    [`{"text":"${SECRET}"}`],
    driverError,
  );
}

describe('persistenceFailureKind', () => {
  it.each([
    ['22P05', 'a NUL in jsonb (untranslatable character)'],
    ['22001', 'a string too long for its column'],
    ['22021', 'a byte sequence invalid in UTF-8'],
    ['22P02', 'invalid text representation'],
    ['22023', 'an invalid parameter value'],
    ['23514', 'a CHECK constraint'],
    ['23502', 'a NOT NULL constraint'],
    ['23503', 'a foreign key'],
    ['23505', 'a unique constraint'],
    ['54000', 'a program limit (e.g. a jsonb value too large)'],
  ])('%s (%s) can never succeed', (code) => {
    expect(persistenceFailureKind(code)).toBe('not-storable');
  });

  it.each([
    ['08006', 'a connection failure'],
    ['08001', 'no connection could be made'],
    ['40001', 'a serialization failure'],
    ['40P01', 'a deadlock'],
    ['53100', 'a full disk'],
    ['53300', 'too many connections'],
    ['57P01', 'an administrator shutdown'],
    ['57014', 'a statement timeout'],
    ['55P03', 'a lock not available'],
    ['42501', 'missing privileges (an operator fixes the grants)'],
    ['42P01', 'a missing table (a migration not yet run)'],
    ['P0001', "a trigger's RAISE"],
    ['XX000', 'an internal error'],
    ['25006', 'a read-only transaction (a failover in progress)'],
  ])('%s (%s) stays retryable', (code) => {
    expect(persistenceFailureKind(code)).toBe('retryable');
  });

  it.each([null, '', '22', 'ECONNREFUSED', '2200x'])('%p is no SQLSTATE: retryable', (code) => {
    expect(persistenceFailureKind(code)).toBe('retryable');
  });
});

describe('sanitizedPersistenceFailure', () => {
  const visible = (failure: ApplicationFailure) =>
    JSON.stringify({
      message: failure.message,
      type: failure.type,
      details: failure.details,
      cause: failure.cause,
    });

  it('makes a data exception non-retryable, with the SQLSTATE and nothing of the data', () => {
    const failure = sanitizedPersistenceFailure(queryFailed('22P05'), "the case's events");
    expect(failure).toMatchObject({ type: PERSISTENCE_FAILURE_TYPES.notStorable, nonRetryable: true });
    expect(failure.message).toBe(
      "PostgreSQL refused the case's events as data (SQLSTATE 22P05); retrying cannot help",
    );
    expect(failure.cause).toBeUndefined();
    expect(visible(failure)).not.toContain(SECRET);
    expect(visible(failure)).not.toContain('INSERT');
  });

  it('names the constraint a row breaks (a schema name, not a value)', () => {
    const failure = sanitizedPersistenceFailure(
      queryFailed('23514', { constraint: 'case_events_payload_size' }),
      "the case's events",
    );
    expect(failure.message).toContain('SQLSTATE 23514, constraint case_events_payload_size');
    expect(failure.nonRetryable).toBe(true);
  });

  it('keeps a connection-class failure retryable, without the message', () => {
    const failure = sanitizedPersistenceFailure(queryFailed('57P01'), "the case's events");
    expect(failure).toMatchObject({ type: PERSISTENCE_FAILURE_TYPES.failed, nonRetryable: false });
    expect(failure.message).toBe("Storing the case's events failed (SQLSTATE 57P01)");
    expect(visible(failure)).not.toContain(SECRET);
  });

  it('names a driver error without a SQLSTATE by its name and code only', () => {
    const refused = Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:5432 ${SECRET}`), {
      code: 'ECONNREFUSED',
    });
    const failure = sanitizedPersistenceFailure(refused, "the case's events");
    expect(failure).toMatchObject({ type: PERSISTENCE_FAILURE_TYPES.failed, nonRetryable: false });
    expect(failure.message).toBe("Storing the case's events failed (Error ECONNREFUSED)");
  });

  it('keeps the persistence layer’s own refusals non-retryable under their codes', () => {
    expect(sanitizedPersistenceFailure(new OpenCaseExistsError('student-1', 'case-1'), 'x')).toMatchObject({
      type: 'OPEN_CASE_EXISTS',
      nonRetryable: true,
    });
    expect(
      sanitizedPersistenceFailure(new EventIdConflictError('event-1', 'case-1', 'case-2'), 'x'),
    ).toMatchObject({ type: 'EVENT_ID_CONFLICT', nonRetryable: true });
  });

  it('passes an ApplicationFailure through unchanged', () => {
    const own = ApplicationFailure.nonRetryable('already sanitized', 'SOMETHING');
    expect(sanitizedPersistenceFailure(own, 'x')).toBe(own);
  });
});
