// One synthetic municipality for the embedded stack and demos. Everyone here is made up; e-mail
// addresses use example.no. Ids are fixed so seeding twice changes nothing and demo tokens stay valid.
import type { StaffRole } from '@tiltak/domain';
import { exampleCalendar2026_2027, type SchoolCalendar } from '@tiltak/domain';
import type { StudentConcernProfile } from '@tiltak/persistence';

export const DEMO_MUNICIPALITY = 'Fjordvik kommune';

export const DEMO_SCHOOLS = {
  fjordvik: { id: 'd0000000-0000-4000-8000-000000000001', name: 'Fjordvik barneskole' },
  bakkeli: { id: 'd0000000-0000-4000-8000-000000000002', name: 'Bakkeli ungdomsskole' },
} as const;

export interface DemoStaff {
  id: string;
  displayName: string;
  email: string;
  role: StaffRole;
  schoolId: string | null;
  /** Municipality-wide partners: the schools they serve. */
  servesSchoolIds: string[];
  /**
   * Who signs in as this staff member: the subject the local OIDC provider (tools/oidc-provider.mjs)
   * issues for the person. Shaped like a Feide user id; rows of one person share it.
   */
  oidcSubject: string;
}

const staff = <S extends string | null>(
  n: number,
  displayName: string,
  role: StaffRole,
  schoolId: S,
  servesSchoolIds: string[] = [],
): DemoStaff & { schoolId: S } => {
  const user = displayName
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/æ/g, 'ae')
    .replace(/\s+/g, '.');
  return {
    id: `d1000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    displayName,
    email: `${user}@example.no`,
    role,
    schoolId,
    servesSchoolIds,
    oidcSubject: `${user}@demo.example.no`,
  };
};

const F = DEMO_SCHOOLS.fjordvik.id;
const B = DEMO_SCHOOLS.bakkeli.id;

export const DEMO_STAFF = {
  fjordvikTeacher5A: staff(1, 'Ingrid Haugen', 'contact-teacher', F),
  fjordvikTeacher5B: staff(2, 'Ola Berg', 'contact-teacher', F),
  fjordvikLeader: staff(3, 'Marte Lie', 'school-leadership', F),
  fjordvikSocialTeacher: staff(4, 'Jonas Dahl', 'social-teacher', F),
  fjordvikCompetenceTeam: staff(5, 'Sofie Strand', 'competence-team', F),
  bakkeliTeacher9A: staff(11, 'Eirik Moen', 'contact-teacher', B),
  bakkeliTeacher9B: staff(12, 'Hanne Solberg', 'contact-teacher', B),
  bakkeliLeader: staff(13, 'Per Aas', 'school-leadership', B),
  bakkeliSocialTeacher: staff(14, 'Nora Vik', 'social-teacher', B),
  bakkeliCompetenceTeam: staff(15, 'Lars Holm', 'competence-team', B),
  // Each school has its PPT advisor; the mobile team and the health nurse serve both schools.
  ppt: staff(21, 'Turid Fjell', 'ppt', null, [F]),
  mobileTeam: staff(22, 'Anders Bø', 'mobile-team', null, [F, B]),
  healthNurse: staff(23, 'Camilla Rønning', 'health-nurse', null, [F, B]),
  bakkeliPpt: staff(24, 'Kristin Aune', 'ppt', null, [B]),
} as const satisfies Record<string, DemoStaff>;

/**
 * Further assignments of people already in DEMO_STAFF (same name, e-mail and sign-in subject): one
 * person, several staff rows. Ingrid Haugen is contact teacher of 5A and sits on Fjordvik's
 * competence team; after signing in she acts in either.
 */
export const DEMO_EXTRA_ASSIGNMENTS = {
  fjordvikTeacher5ACompetenceTeam: staff(6, 'Ingrid Haugen', 'competence-team', F),
} as const satisfies Record<string, DemoStaff>;

/** Every demo staff row: the people of DEMO_STAFF and their extra assignments. */
export const ALL_DEMO_STAFF_ROWS: readonly DemoStaff[] = [
  ...Object.values(DEMO_STAFF),
  ...Object.values(DEMO_EXTRA_ASSIGNMENTS),
];

export interface DemoStudent {
  id: string;
  schoolId: string;
  className: string;
  contactTeacherId: string;
  givenName: string;
  familyName: string;
  concernProfile: StudentConcernProfile | null;
  /** The school system's reference the demo absence CSV names the student by. */
  externalRef: string;
}

const student = (
  n: number,
  givenName: string,
  familyName: string,
  className: string,
  teacher: DemoStaff & { schoolId: string },
  concernProfile: StudentConcernProfile | null = null,
): DemoStudent => ({
  id: `d2000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  schoolId: teacher.schoolId,
  className,
  contactTeacherId: teacher.id,
  givenName,
  familyName,
  concernProfile,
  externalRef: `VFS-${String(n).padStart(5, '0')}`,
});

export const DEMO_STUDENTS = {
  mia: student(1, 'Mia', 'Johansen', '5A', DEMO_STAFF.fjordvikTeacher5A),
  noah: student(2, 'Noah', 'Larsen', '5A', DEMO_STAFF.fjordvikTeacher5A),
  ella: student(3, 'Ella', 'Andersen', '5B', DEMO_STAFF.fjordvikTeacher5B, {
    lowerThresholdPercent: 5,
    reason: 'family-situation',
    reviewOn: '2027-01-15',
  }),
  filip: student(11, 'Filip', 'Pedersen', '9A', DEMO_STAFF.bakkeliTeacher9A),
  sara: student(12, 'Sara', 'Nilsen', '9B', DEMO_STAFF.bakkeliTeacher9B),
  lukas: student(13, 'Lukas', 'Kristiansen', '9A', DEMO_STAFF.bakkeliTeacher9A),
} as const satisfies Record<string, DemoStudent>;

/** Both schools follow the municipality's example calendar. */
export function demoCalendars(): SchoolCalendar[] {
  return [exampleCalendar2026_2027()];
}
