import type { Instant, LocalDate, StaffRole } from '@tiltak/domain';

export interface School {
  id: string;
  name: string;
  municipality: string;
  createdAt: Instant;
}

export interface StaffMember {
  id: string;
  displayName: string;
  email: string;
  role: StaffRole;
  /** null: municipality-wide (PPT, mobile team). */
  schoolId: string | null;
  /** Municipality-wide partners: the schools they serve (see cases of); empty for everyone else. */
  servesSchoolIds: string[];
  /** The OIDC subject (Feide user id) that signs in as this row; null: nobody signs in as it. */
  oidcSubject: string | null;
  active: boolean;
  createdAt: Instant;
}

/**
 * A lower concern threshold for an especially vulnerable student (skjerpet aktivitetsplikt).
 * `reason` names the ground (e.g. function level, family situation), not health details.
 */
export interface StudentConcernProfile {
  lowerThresholdPercent: number;
  reason: string;
  /** When the profile should be looked at again. */
  reviewOn: LocalDate;
}

export interface Student {
  /** The pseudonymous id used everywhere else; names live only in this record. */
  id: string;
  schoolId: string;
  className: string;
  contactTeacherId: string;
  givenName: string;
  familyName: string;
  concernProfile: StudentConcernProfile | null;
  /** The school administration system's reference, unique per school (absence imports use it). */
  externalRef: string | null;
  createdAt: Instant;
  updatedAt: Instant;
}

export interface SchoolInput {
  /** Generated when absent. */
  id?: string;
  name: string;
  municipality: string;
}

export interface StaffMemberInput {
  /** Generated when absent. */
  id?: string;
  displayName: string;
  email: string;
  role: StaffRole;
  schoolId: string | null;
  /** Replaces the schools a municipality-wide partner serves; absent: unchanged. */
  servesSchoolIds?: readonly string[];
  /** Who signs in as this row; absent: unchanged (null for a new row). */
  oidcSubject?: string | null;
  /** Default true. */
  active?: boolean;
}

export interface NewStudent {
  /** Generated when absent. */
  id?: string;
  schoolId: string;
  className: string;
  contactTeacherId: string;
  givenName: string;
  familyName: string;
  concernProfile?: StudentConcernProfile | null;
  externalRef?: string | null;
}

/** Only the given fields change. */
export type StudentUpdate = Partial<Omit<NewStudent, 'id'>>;
