import { ApplicationFailure } from '@temporalio/common';
import { QueryFailedError } from 'typeorm';
import { jsonLogger } from './json-logger';
import { sanitizedPersistenceFailure } from './persistence-failure';

const SECRET = 'SYNTHETIC-SECRET-NOTE-logger';

function capture(level = 'debug') {
  const lines: string[] = [];
  const logger = jsonLogger('worker', level, (line) => lines.push(line));
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function queryFailed(): QueryFailedError {
  const driverError = Object.assign(new Error(`invalid input syntax for type json: "${SECRET}"`), {
    code: '22P02',
    severity: 'ERROR',
    detail: `Token "${SECRET}" is invalid.`,
    where: `JSON data, line 1: ${SECRET}`,
  });
  return new QueryFailedError(
    'INSERT INTO case_events (event_id, payload) VALUES ($1, $2)',
    ['e-1', `{"text":"${SECRET}"}`],
    driverError,
  );
}

describe('jsonLogger', () => {
  it('writes one JSON line with level, service, message and fields', () => {
    const { logger, parsed } = capture();
    logger.info('Worker started', { taskQueue: 'cases-v1' });
    expect(parsed()).toEqual([
      expect.objectContaining({
        level: 'info',
        service: 'worker',
        msg: 'Worker started',
        taskQueue: 'cases-v1',
      }),
    ]);
  });

  it('leaves out lines below its level', () => {
    const { logger, lines } = capture('warn');
    logger.info('quiet');
    logger.warn('loud');
    expect(lines).toHaveLength(1);
  });

  it('logs a failed query by its SQLSTATE only: no statement, parameters, detail or message', () => {
    const { logger, lines, parsed } = capture();
    // As the SDK logs a failed activity: the error object as it was thrown.
    logger.warn('Activity failed', { error: queryFailed(), durationMs: 3 });
    expect(lines.join('')).not.toContain(SECRET);
    expect(lines.join('')).not.toContain('INSERT');
    expect(parsed()[0]).toMatchObject({ error: { name: 'QueryFailedError', code: '22P02' }, durationMs: 3 });
  });

  it('drops SQL fields at any depth, also outside errors', () => {
    const { logger, lines } = capture();
    logger.error('Something', {
      nested: { failure: { query: 'SELECT 1', parameters: [SECRET], detail: SECRET } },
    });
    expect(lines.join('')).not.toContain(SECRET);
    expect(lines.join('')).not.toContain('SELECT');
  });

  it('keeps an ApplicationFailure’s message, type and retryability (the activities sanitize them)', () => {
    const { logger, parsed } = capture();
    logger.warn('Activity failed', {
      error: sanitizedPersistenceFailure(queryFailed(), "the case's events"),
    });
    expect(parsed()[0]!['error']).toEqual({
      name: 'ApplicationFailure',
      message: "PostgreSQL refused the case's events as data (SQLSTATE 22P02); retrying cannot help",
      type: 'EVENT_NOT_STORABLE',
      nonRetryable: true,
    });
  });

  it('follows an error’s cause', () => {
    const { logger, parsed, lines } = capture();
    const wrapped = new Error('Storing failed', { cause: queryFailed() });
    logger.error('Failed', { error: ApplicationFailure.fromError(wrapped) });
    expect(lines.join('')).not.toContain(SECRET);
    expect(JSON.stringify(parsed()[0])).toContain('22P02');
  });
});
