import type { SchoolCalendar, StaffRole } from '@tiltak/domain';
import { instantOf } from '../sql-values';
import type { SchoolCalendarEntity } from './school-calendar.entity';
import type { SchoolEntity } from './school.entity';
import type { StaffMemberEntity } from './staff-member.entity';
import type { StudentEntity } from './student.entity';
import type { School, StaffMember, Student, StudentConcernProfile } from './directory.types';

export function schoolFromEntity(row: SchoolEntity): School {
  return { id: row.id, name: row.name, municipality: row.municipality, createdAt: instantOf(row.createdAt) };
}

/** The row's key columns win over whatever the stored JSON says about school and year. */
export function schoolCalendarFromEntity(row: SchoolCalendarEntity): SchoolCalendar {
  const stored = row.calendar as SchoolCalendar;
  return { ...stored, schoolId: row.schoolId, schoolYear: row.schoolYear };
}

export function staffMemberFromEntity(row: StaffMemberEntity, servesSchoolIds: string[] = []): StaffMember {
  return {
    id: row.id,
    displayName: row.displayName,
    email: row.email,
    role: row.role as StaffRole,
    schoolId: row.schoolId,
    servesSchoolIds,
    oidcSubject: row.oidcSubject ?? null,
    active: row.active,
    createdAt: instantOf(row.createdAt),
  };
}

export function studentFromEntity(row: StudentEntity): Student {
  return {
    id: row.id,
    schoolId: row.schoolId,
    className: row.className,
    contactTeacherId: row.contactTeacherId,
    givenName: row.givenName,
    familyName: row.familyName,
    concernProfile: (row.concernProfile ?? null) as StudentConcernProfile | null,
    externalRef: row.externalRef ?? null,
    createdAt: instantOf(row.createdAt),
    updatedAt: instantOf(row.updatedAt),
  };
}
