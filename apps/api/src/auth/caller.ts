import type { StaffRole } from '@tiltak/domain';

/** Scopes a token may carry beyond the caller's role. */
export const SCOPES = {
  /** Decode Temporal payloads through /codec/decode (Temporal UI). */
  codecDecode: 'codec:decode',
  /** Encode payloads through /codec/encode (Temporal UI, e.g. when sending a signal). */
  codecEncode: 'codec:encode',
  /** Manage the directory of every school: schools, calendars, staff, students. */
  directoryAdmin: 'directory:admin',
} as const;
export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

/** The authenticated staff member behind a request: who they are comes from the token, what they are from the directory. */
export interface Caller {
  staffId: string;
  role: StaffRole;
  /** null: municipality-wide (PPT, mobile team, health nurse). */
  schoolId: string | null;
  /** A municipality-wide partner's schools (the directory's staff_served_schools); empty for others. */
  servesSchoolIds: readonly string[];
  displayName: string;
  scopes: ReadonlySet<string>;
}

/** What the directory says of a staff row, as much as a caller needs. */
export interface CallerStaff {
  id: string;
  role: StaffRole;
  schoolId: string | null;
  servesSchoolIds: readonly string[];
  displayName: string;
}

/** The caller a staff row acts as: who and what from the directory, the scopes from the credential. */
export function callerOfStaff(staff: CallerStaff, scopes: ReadonlySet<string>): Caller {
  return {
    staffId: staff.id,
    role: staff.role,
    schoolId: staff.schoolId,
    servesSchoolIds: staff.servesSchoolIds,
    displayName: staff.displayName,
    scopes,
  };
}

export function hasScope(caller: Caller, scope: Scope): boolean {
  return caller.scopes.has(scope);
}
