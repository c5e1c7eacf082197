// What of an error may go into a log line. A database error's message, detail and TypeORM's `query` and
// `parameters` quote what was written (a note, a name); logs carry ids and codes, never those.
import { sqlStateOf } from '@tiltak/persistence';

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

/** Log fields without SQL or its values at any depth (the rule lives with the database code). */
export { safeForLog as safeLogFields } from '@tiltak/persistence';
