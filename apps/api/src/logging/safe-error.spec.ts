import { QueryFailedError } from 'typeorm';
import pino from 'pino';
import { apiLoggerOptions } from './log-params';
import { describeErrorForLog, safeLogFields, stackForLog } from './safe-error';

const SECRET = 'SYNTHETIC-SECRET-NOTE-api';

function queryFailed(): QueryFailedError {
  const driverError = Object.assign(new Error(`invalid input syntax for type uuid: "${SECRET}"`), {
    code: '22P02',
    severity: 'ERROR',
    detail: `Key (name)=(${SECRET}) already exists.`,
  });
  return new QueryFailedError('INSERT INTO students (name) VALUES ($1)', [SECRET], driverError);
}

describe('errors in the API’s logs', () => {
  it('describes a database error by its name and SQLSTATE only', () => {
    expect(describeErrorForLog(queryFailed())).toBe('QueryFailedError (SQLSTATE 22P02)');
    expect(stackForLog(queryFailed())).toBeUndefined();
  });

  it('keeps an ordinary error’s message and stack', () => {
    const err = new TypeError('x is not a function');
    expect(describeErrorForLog(err)).toBe('TypeError: x is not a function');
    expect(stackForLog(err)).toContain('TypeError');
  });

  it('drops SQL, parameters and detail at any depth', () => {
    const fields = safeLogFields({
      caseId: 'c-1',
      nested: { error: queryFailed(), query: 'SELECT', parameters: [SECRET] },
    });
    expect(JSON.stringify(fields)).not.toContain(SECRET);
    expect(fields).toEqual({ caseId: 'c-1', nested: { error: { name: 'QueryFailedError', code: '22P02' } } });
  });

  it('writes no value of a failed query through the API’s logger', () => {
    const lines: string[] = [];
    const logger = pino(apiLoggerOptions('debug'), { write: (line: string) => lines.push(line) });
    logger.error({ msg: 'Unhandled error', error: queryFailed() });
    logger.warn({ err: queryFailed() }, 'failed');
    logger.info({ context: 'context', nested: { err: queryFailed() } }, 'plain');
    expect(lines).toHaveLength(3);
    expect(lines.join('')).not.toContain(SECRET);
    expect(lines.join('')).not.toContain('INSERT');
    expect(lines.join('')).toContain('22P02');
  });
});
