// What of a value may go into a log line, for the API and the worker alike. A database error's
// message, pg's `detail`, `where` and `hint`, and TypeORM's `query` and `parameters` quote what was
// written (a note, a name, a whole event payload): logs carry ids and codes, never those.
import { postgresErrorOf } from './errors';

const FIELDS_QUOTING_VALUES = new Set([
  'parameters',
  'query',
  'detail',
  'where',
  'hint',
  'driverError',
  'internalQuery',
]);

/** PostgreSQL's SQLSTATE when the error came from the database (through TypeORM or pg), else null. */
export function sqlStateOf(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as Record<string, unknown>;
  const driver = typeof e['driverError'] === 'object' && e['driverError'] !== null ? e['driverError'] : e;
  const fromDatabase =
    'driverError' in e ||
    'query' in e ||
    'parameters' in e ||
    typeof (driver as Record<string, unknown>)['severity'] === 'string';
  if (!fromDatabase) return null;
  return postgresErrorOf(err)?.code ?? 'unknown';
}

/**
 * A copy fit for a log line: errors become their name, code and (unless they come from the database)
 * message; fields that quote SQL or its values are dropped at any depth.
 */
export function safeForLog(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[nested too deep]';
  if (value instanceof Error) return errorForLog(value, depth);
  if (Array.isArray(value)) return value.map((v) => safeForLog(v, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!FIELDS_QUOTING_VALUES.has(key)) out[key] = safeForLog(v, depth + 1);
  }
  return out;
}

function errorForLog(err: Error, depth: number): Record<string, unknown> {
  const e = err as Error & Record<string, unknown>;
  const sqlState = sqlStateOf(err);
  const out: Record<string, unknown> = { name: err.name };
  // A database error's message may quote a value ('invalid input syntax for type uuid: "…"').
  if (sqlState === null) out['message'] = err.message;
  for (const key of ['code', 'type', 'nonRetryable', 'constraint', 'table']) {
    const v = e[key];
    if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') out[key] = v;
  }
  if (sqlState !== null && sqlState !== 'unknown') out['code'] = sqlState;
  if (err.cause !== undefined) out['cause'] = safeForLog(err.cause, depth + 1);
  return out;
}
