// Structured JSON lines on stdout, as the Temporal SDK's Logger interface wants them.
import type { LogLevel, LogMetadata, Logger } from '@temporalio/worker';

const ORDER: Record<string, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };

// Fields of database errors that quote what was written: TypeORM's QueryFailedError has `query` and
// `parameters` (a whole event payload), pg's errors `detail`, `where` and `hint`. Logs carry ids and
// codes, never these.
const DROPPED_FIELDS = new Set([
  'parameters',
  'query',
  'detail',
  'where',
  'hint',
  'driverError',
  'internalQuery',
]);

export function jsonLogger(
  service: string,
  level: string,
  write: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
  const min = ORDER[level.toUpperCase()] ?? 2;
  const log = (lvl: LogLevel, message: string, meta?: LogMetadata) => {
    if ((ORDER[lvl] ?? 0) < min) return;
    const fields = meta ? (safeForLog(meta, 0) as Record<string, unknown>) : {};
    write(
      `${JSON.stringify({ time: new Date().toISOString(), level: lvl.toLowerCase(), service, msg: message, ...fields })}\n`,
    );
  };
  return {
    log,
    trace: (m, meta) => log('TRACE', m, meta),
    debug: (m, meta) => log('DEBUG', m, meta),
    info: (m, meta) => log('INFO', m, meta),
    warn: (m, meta) => log('WARN', m, meta),
    error: (m, meta) => log('ERROR', m, meta),
  };
}

/**
 * A copy fit for a log line: errors become their name, code and (unless they come from the database)
 * message; fields that quote SQL or its values are dropped at any depth.
 */
export function safeForLog(value: unknown, depth: number): unknown {
  if (depth > 6) return '[nested too deep]';
  if (value instanceof Error) return errorForLog(value, depth);
  if (Array.isArray(value)) return value.map((v) => safeForLog(v, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!DROPPED_FIELDS.has(key)) out[key] = safeForLog(v, depth + 1);
  }
  return out;
}

function errorForLog(err: Error, depth: number): Record<string, unknown> {
  const e = err as Error & Record<string, unknown>;
  // A database error's message may quote a value ('invalid input syntax for type uuid: "…"').
  const fromDatabase =
    'driverError' in e ||
    'query' in e ||
    'parameters' in e ||
    (typeof e['severity'] === 'string' && typeof e['code'] === 'string');
  const out: Record<string, unknown> = { name: err.name };
  if (!fromDatabase) out['message'] = err.message;
  for (const key of ['code', 'type', 'nonRetryable', 'constraint', 'table']) {
    const v = e[key];
    if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') out[key] = v;
  }
  const driver = e['driverError'];
  if (
    typeof driver === 'object' &&
    driver !== null &&
    typeof (driver as { code?: unknown }).code === 'string'
  )
    out['code'] = (driver as { code: string }).code;
  if (err.cause !== undefined) out['cause'] = safeForLog(err.cause, depth + 1);
  return out;
}
