// The API (pino, apps/api/src/logging/log-params.ts) and the worker (apps/worker/src/json-logger.ts,
// also the Temporal SDK's logger) write one format: a log shipper parses both with one rule.
import pino from 'pino';
import { apiLoggerOptions } from '../../apps/api/src/logging/log-params';
import { jsonLogger } from '../../apps/worker/src/json-logger';

function capture() {
  const lines: string[] = [];
  const logger = pino(apiLoggerOptions('debug'), { write: (line: string) => lines.push(line) });
  return { logger, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('one log format for the API and the worker', () => {
  it('are JSON objects with time, level, service and msg, in the worker’s shape', () => {
    const { logger, parsed } = capture();
    logger.info('Started');
    const workerLines: string[] = [];
    jsonLogger('worker', 'info', (line) => workerLines.push(line)).info('Started');
    const [api] = parsed();
    const worker = JSON.parse(workerLines[0] ?? '{}') as Record<string, unknown>;
    expect(Object.keys(api ?? {}).sort()).toEqual(Object.keys(worker).sort());
    expect(api).toMatchObject({ level: 'info', service: 'api', msg: 'Started' });
    expect(worker).toMatchObject({ level: 'info', service: 'worker', msg: 'Started' });
    expect(new Date(String(api?.['time'])).toISOString()).toBe(api?.['time']);
  });

  it('names levels alike', () => {
    const { logger, parsed } = capture();
    const workerLines: string[] = [];
    const worker = jsonLogger('worker', 'debug', (line) => workerLines.push(line));
    for (const level of ['debug', 'info', 'warn', 'error'] as const) {
      logger[level]('x');
      worker[level]('x');
    }
    expect(parsed().map((l) => l['level'])).toEqual(
      workerLines.map((l) => (JSON.parse(l) as Record<string, unknown>)['level']),
    );
  });
});
