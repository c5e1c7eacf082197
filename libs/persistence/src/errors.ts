// Errors callers can act on, each with a code the API maps to a status.

/** A second open case for a student: refused by the `cases_one_open_per_student` index. */
export class OpenCaseExistsError extends Error {
  readonly code = 'OPEN_CASE_EXISTS';
  constructor(
    readonly studentId: string,
    readonly caseId: string,
  ) {
    super(`Student ${studentId} already has an open case; case ${caseId} was refused`);
    this.name = 'OpenCaseExistsError';
  }
}

/** An event id already recorded for another case: event ids are unique across all cases. */
export class EventIdConflictError extends Error {
  readonly code = 'EVENT_ID_CONFLICT';
  constructor(
    readonly eventId: string,
    readonly caseId: string,
    readonly recordedForCaseId: string,
  ) {
    super(`Event id ${eventId} for case ${caseId} is already recorded for case ${recordedForCaseId}`);
    this.name = 'EventIdConflictError';
  }
}

/** A page request the list cannot serve: bad limit, offset or cursor. */
export class InvalidPageError extends Error {
  readonly code = 'INVALID_PAGE';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPageError';
  }
}

/** PostgreSQL's SQLSTATE and constraint name from an error thrown through TypeORM or pg. */
export function postgresErrorOf(err: unknown): { code: string; constraint: string | null } | null {
  if (typeof err !== 'object' || err === null) return null;
  const source =
    'driverError' in err && typeof err.driverError === 'object' && err.driverError !== null
      ? err.driverError
      : err;
  const code = 'code' in source && typeof source.code === 'string' ? source.code : null;
  if (code === null) return null;
  const constraint =
    'constraint' in source && typeof source.constraint === 'string' ? source.constraint : null;
  return { code, constraint };
}

export const PG_UNIQUE_VIOLATION = '23505';
