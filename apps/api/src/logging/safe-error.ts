// What of an error may go into a log line. A database error's message, detail and TypeORM's `query` and
// `parameters` quote what was written (a note, a name); logs carry ids and codes, never those.

/** PostgreSQL's SQLSTATE when the error came from the database (through TypeORM or pg), else null. */
function sqlStateOf(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as Record<string, unknown>;
  const source =
    typeof e['driverError'] === 'object' && e['driverError'] !== null
      ? (e['driverError'] as Record<string, unknown>)
      : e;
  const code = source['code'];
  const fromDatabase =
    'driverError' in e || 'query' in e || 'parameters' in e || typeof source['severity'] === 'string';
  return fromDatabase && typeof code === 'string' ? code : fromDatabase ? 'unknown' : null;
}

/** One line for a log: the error's name and message, or for a database error its name and SQLSTATE only. */
export function describeErrorForLog(err: unknown): string {
  const sqlState = sqlStateOf(err);
  const name = err instanceof Error ? err.name : typeof err;
  if (sqlState !== null) return `${name} (SQLSTATE ${sqlState})`;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** The stack, unless the error came from the database (its first line is the driver's message). */
export function stackForLog(err: unknown): string | undefined {
  if (!(err instanceof Error) || sqlStateOf(err) !== null) return undefined;
  return err.stack;
}

const DROPPED_FIELDS = new Set([
  'parameters',
  'query',
  'detail',
  'where',
  'hint',
  'driverError',
  'internalQuery',
]);

/** A copy of log fields without SQL or its values at any depth; errors become their description. */
export function safeLogFields(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[nested too deep]';
  if (value instanceof Error) return describeErrorForLog(value);
  if (Array.isArray(value)) return value.map((v) => safeLogFields(v, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!DROPPED_FIELDS.has(key)) out[key] = safeLogFields(v, depth + 1);
  }
  return out;
}
