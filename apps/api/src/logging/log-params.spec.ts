import type { Request } from 'express';
import pino from 'pino';
import { apiLoggerOptions } from './log-params';
import { runInRequestContext } from './request-context';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.SYNTHETIC-TOKEN.signature';

function capture() {
  const lines: string[] = [];
  const logger = pino(apiLoggerOptions('debug'), { write: (line: string) => lines.push(line) });
  return { logger, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>), lines };
}

const request = (fields: Partial<Request>) => fields as Request;

describe('the API’s log lines', () => {
  it('carry the request id and the caller’s staff id and role, never their name', async () => {
    const { logger, parsed, lines } = capture();
    const req = request({ requestId: 'req-12345678' });
    await new Promise<void>((resolve) =>
      runInRequestContext(req, () => {
        logger.info('before the caller is known');
        req.caller = {
          staffId: 'a0000000-0000-4000-8000-000000000001',
          role: 'contact-teacher',
          schoolId: null,
          servesSchoolIds: [],
          displayName: 'Syntetisk Lærer',
          scopes: new Set(),
        };
        setImmediate(() => {
          logger.warn({ msg: 'later, in the same request', requestId: 'req-12345678' });
          resolve();
        });
      }),
    );
    logger.info('outside any request');
    const [before, later, outside] = parsed();
    expect(before).toMatchObject({ requestId: 'req-12345678' });
    expect(before).not.toHaveProperty('caller');
    expect(later).toMatchObject({
      requestId: 'req-12345678',
      caller: { staffId: 'a0000000-0000-4000-8000-000000000001', role: 'contact-teacher' },
    });
    expect(outside).not.toHaveProperty('requestId');
    // One key each, however the call also names it.
    expect(lines[1]?.match(/"requestId"/g)).toHaveLength(1);
    expect(lines.join('')).not.toContain('Syntetisk');
  });

  it('name the request’s method and path, never its query, on every line written while it is handled', async () => {
    const { logger, parsed } = capture();
    const req = request({
      requestId: 'req-87654321',
      method: 'POST',
      originalUrl: '/api/cases/c-1/events?studentName=Syntetisk',
      url: '/events?studentName=Syntetisk',
    });
    await new Promise<void>((resolve) =>
      runInRequestContext(req, () => {
        logger.warn({ msg: 'in the request' });
        resolve();
      }),
    );
    logger.info('outside any request');
    const [inside, outside] = parsed();
    expect(inside).toMatchObject({
      requestId: 'req-87654321',
      req: { method: 'POST', path: '/api/cases/c-1/events' },
    });
    expect(JSON.stringify(inside)).not.toContain('Syntetisk');
    expect(outside).not.toHaveProperty('req');
  });

  it('redact the Authorization header and cookies wherever headers are logged', () => {
    const { logger, lines, parsed } = capture();
    logger.info({ headers: { authorization: `Bearer ${TOKEN}`, cookie: 'tiltak_session=s3cr3t' } }, 'h');
    logger.info({ req: { headers: { authorization: `Bearer ${TOKEN}`, cookie: 'a=b' } } }, 'r');
    expect(lines.join('')).not.toContain(TOKEN);
    expect(lines.join('')).not.toContain('s3cr3t');
    expect(parsed()[0]).toMatchObject({ headers: { authorization: '[redacted]', cookie: '[redacted]' } });
  });
});
