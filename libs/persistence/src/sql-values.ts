// Small conversions shared by the mappers: PostgreSQL returns Date for timestamptz, the domain
// speaks ISO-8601 strings (Instant).
import type { Instant } from '@tiltak/domain';

export function instantOf(date: Date): Instant {
  return date.toISOString();
}

export function instantOrNull(date: Date | null | undefined): Instant | null {
  return date ? date.toISOString() : null;
}

/** A jsonb parameter. pg would turn a JS array into a PostgreSQL array literal, so stringify first. */
export function jsonb(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * The rows a raw statement returned. TypeORM's `query` gives INSERT's rows as an array but
 * UPDATE's and DELETE's as `[rows, rowCount]`.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return Array.isArray(result) ? (result as T[]) : [];
}
