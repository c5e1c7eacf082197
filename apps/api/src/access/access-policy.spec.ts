import { PARTNER_SERVICES, type CaseEventType, type PartnerService, type Step } from '@tiltak/domain';
import { DEMO_SCHOOLS, DEMO_STAFF, DEMO_STUDENTS } from '../demo/demo-data';
import { CALLERS, callerOf } from '../testing/callers';
import {
  caseListScope,
  mayCreateSchool,
  mayManageSchool,
  mayManageStudents,
  mayOpenCase,
  mayReadCase,
  mayReadSchool,
  mayReadSchoolOverview,
  mayReadStudentDirectly,
  mayRecordEvent,
  recordableEventTypes,
  type CaseFacts,
} from './access-policy';

const fjordvikCase = (
  step: Step,
  owner = DEMO_STAFF.fjordvikTeacher5A.id,
  assigned: readonly PartnerService[] = [],
): CaseFacts => ({
  schoolId: DEMO_SCHOOLS.fjordvik.id,
  ownerStaffId: owner,
  step,
  status: 'open',
  assignments: assigned.map((service) => ({
    service,
    reason: 'referral',
    sourceEventId: `referral-${service}`,
    assignedAt: '2026-11-23T09:00:00.000Z',
  })),
});

type CallerName = keyof typeof CALLERS;

/** Subsets of the partner services, every one of them, to check the assignment rule exhaustively. */
const SERVICE_SETS: PartnerService[][] = PARTNER_SERVICES.reduce<PartnerService[][]>(
  (sets, service) => [...sets, ...sets.map((set) => [...set, service])],
  [[]],
);

describe('who may read a case', () => {
  it('gives the owner their own case and no colleague’s', () => {
    expect(mayReadCase(CALLERS.fjordvikTeacher5A, fjordvikCase(1)).allowed).toBe(true);
    expect(mayReadCase(CALLERS.fjordvikTeacher5B, fjordvikCase(1))).toEqual({
      allowed: false,
      reason: 'not the owner of the case',
    });
  });

  it('gives leadership every case of its school at every step, and none of another school', () => {
    for (const step of [1, 2, 3, 4] as const)
      expect(mayReadCase(CALLERS.fjordvikLeader, fjordvikCase(step)).allowed).toBe(true);
    expect(mayReadCase(CALLERS.bakkeliLeader, fjordvikCase(1))).toEqual({
      allowed: false,
      reason: 'case of another school',
    });
  });

  it('involves the school’s own social teacher from step 3, whoever is assigned', () => {
    const at = (caller: CallerName) =>
      ([1, 2, 3, 4] as const).filter((step) => mayReadCase(CALLERS[caller], fjordvikCase(step)).allowed);
    expect(at('fjordvikSocialTeacher')).toEqual([3, 4]);
    expect(at('bakkeliSocialTeacher')).toEqual([]);
  });

  // Every partner × every step × every set of assigned services × own/served school or not.
  const partners: CallerName[] = [
    'fjordvikCompetenceTeam',
    'bakkeliCompetenceTeam',
    'ppt',
    'bakkeliPpt',
    'mobileTeam',
    'healthNurse',
  ];
  const servesFjordvik: Record<string, boolean> = {
    fjordvikCompetenceTeam: true,
    bakkeliCompetenceTeam: false,
    ppt: true,
    bakkeliPpt: false,
    mobileTeam: true,
    healthNurse: true,
  };
  it.each(partners)('lets %s see a case only when assigned to its service at a school it serves', (name) => {
    const caller = CALLERS[name];
    for (const step of [1, 2, 3, 4] as const) {
      for (const assigned of SERVICE_SETS) {
        const decision = mayReadCase(caller, fjordvikCase(step, undefined, assigned));
        const expected = servesFjordvik[name] === true && (assigned as string[]).includes(caller.role);
        expect({ step, assigned, allowed: decision.allowed }).toEqual({ step, assigned, allowed: expected });
      }
    }
  });

  it('says why a partner is refused', () => {
    expect(mayReadCase(CALLERS.bakkeliPpt, fjordvikCase(4, undefined, ['ppt']))).toEqual({
      allowed: false,
      reason: "ppt does not serve the case's school",
    });
    expect(mayReadCase(CALLERS.ppt, fjordvikCase(4, undefined, ['mobile-team']))).toEqual({
      allowed: false,
      reason: 'the case is not assigned to ppt',
    });
  });

  it('reads a case recorded before assignments existed as assigned to nobody', () => {
    const { assignments: _none, ...legacy } = fjordvikCase(4, undefined, ['ppt']);
    expect(mayReadCase(CALLERS.ppt, legacy).allowed).toBe(false);
    expect(mayReadCase(CALLERS.fjordvikSocialTeacher, legacy).allowed).toBe(true);
  });

  it('gives a partner without a school and without schools it serves nothing', () => {
    const unplaced = { ...CALLERS.ppt, servesSchoolIds: [] };
    expect(mayReadCase(unplaced, fjordvikCase(4, undefined, ['ppt'])).allowed).toBe(false);
    expect(caseListScope(unplaced)).toEqual({ schoolIds: [], assignedService: 'ppt' });
  });

  it('lets a partner placed at a school see that school’s assigned cases', () => {
    const schoolNurse = { ...CALLERS.healthNurse, schoolId: DEMO_SCHOOLS.fjordvik.id, servesSchoolIds: [] };
    expect(mayReadCase(schoolNurse, fjordvikCase(3, undefined, ['health-nurse'])).allowed).toBe(true);
    const elsewhere = { ...schoolNurse, schoolId: DEMO_SCHOOLS.bakkeli.id };
    expect(mayReadCase(elsewhere, fjordvikCase(3, undefined, ['health-nurse'])).allowed).toBe(false);
  });
});

describe('which events a caller may record', () => {
  it('lets owners and leadership record anything, the team only its own kinds', () => {
    expect(mayRecordEvent(CALLERS.fjordvikTeacher5A, 'case-closed').allowed).toBe(true);
    expect(mayRecordEvent(CALLERS.fjordvikLeader, 'evaluation-recorded').allowed).toBe(true);
    expect(mayRecordEvent(CALLERS.fjordvikCompetenceTeam, 'team-advice-recorded').allowed).toBe(true);
    expect(mayRecordEvent(CALLERS.ppt, 'case-closed')).toEqual({
      allowed: false,
      reason: 'ppt may not record case-closed',
    });
    const step3: CaseEventType[] = [
      'guardian-consent-recorded',
      'referral-sent',
      'meeting-held',
      'team-advice-recorded',
      'note-added',
    ];
    expect(recordableEventTypes(CALLERS.mobileTeam, step3)).toEqual([
      'meeting-held',
      'team-advice-recorded',
      'note-added',
    ]);
  });
});

describe('the case list scope', () => {
  it('narrows each role the way the single-case rule does', () => {
    expect(caseListScope(CALLERS.fjordvikTeacher5A)).toEqual({
      ownerStaffId: DEMO_STAFF.fjordvikTeacher5A.id,
    });
    expect(caseListScope(CALLERS.fjordvikLeader)).toEqual({ schoolIds: [DEMO_SCHOOLS.fjordvik.id] });
    expect(caseListScope(CALLERS.fjordvikSocialTeacher)).toEqual({
      schoolIds: [DEMO_SCHOOLS.fjordvik.id],
      step: [3, 4],
    });
    expect(caseListScope(CALLERS.fjordvikCompetenceTeam)).toEqual({
      schoolIds: [DEMO_SCHOOLS.fjordvik.id],
      assignedService: 'competence-team',
    });
    expect(caseListScope(CALLERS.ppt)).toEqual({
      schoolIds: [DEMO_SCHOOLS.fjordvik.id],
      assignedService: 'ppt',
    });
    expect(caseListScope(CALLERS.mobileTeam)).toEqual({
      schoolIds: [DEMO_SCHOOLS.fjordvik.id, DEMO_SCHOOLS.bakkeli.id],
      assignedService: 'mobile-team',
    });
  });
});

describe('students, schools and the directory', () => {
  it('shows a student to the contact teacher and the leadership; others need a case', () => {
    expect(mayReadStudentDirectly(CALLERS.fjordvikTeacher5A, DEMO_STUDENTS.mia).allowed).toBe(true);
    expect(mayReadStudentDirectly(CALLERS.fjordvikTeacher5B, DEMO_STUDENTS.mia).allowed).toBe(false);
    expect(mayReadStudentDirectly(CALLERS.fjordvikLeader, DEMO_STUDENTS.mia).allowed).toBe(true);
    expect(mayReadStudentDirectly(CALLERS.bakkeliLeader, DEMO_STUDENTS.mia).allowed).toBe(false);
    expect(mayReadStudentDirectly(CALLERS.ppt, DEMO_STUDENTS.mia).allowed).toBe(false);
  });

  it('lets the contact teacher or the leadership open a case, nobody else', () => {
    expect(mayOpenCase(CALLERS.fjordvikTeacher5A, DEMO_STUDENTS.mia).allowed).toBe(true);
    expect(mayOpenCase(CALLERS.fjordvikLeader, DEMO_STUDENTS.mia).allowed).toBe(true);
    expect(mayOpenCase(CALLERS.fjordvikTeacher5B, DEMO_STUDENTS.mia).allowed).toBe(false);
    expect(mayOpenCase(CALLERS.fjordvikSocialTeacher, DEMO_STUDENTS.mia).allowed).toBe(false);
    expect(mayOpenCase(CALLERS.bakkeliLeader, DEMO_STUDENTS.mia).allowed).toBe(false);
  });

  it('keeps directory changes with the school’s leadership or the directory:admin scope', () => {
    expect(mayManageStudents(CALLERS.fjordvikLeader, DEMO_SCHOOLS.fjordvik.id).allowed).toBe(true);
    expect(mayManageStudents(CALLERS.fjordvikLeader, DEMO_SCHOOLS.bakkeli.id).allowed).toBe(false);
    expect(mayManageStudents(CALLERS.fjordvikTeacher5A, DEMO_SCHOOLS.fjordvik.id).allowed).toBe(false);
    expect(mayManageSchool(CALLERS.fjordvikLeader, null).allowed).toBe(false);
    const admin = callerOf(DEMO_STAFF.fjordvikTeacher5A, ['directory:admin']);
    expect(mayManageSchool(admin, null).allowed).toBe(true);
    expect(mayManageStudents(admin, DEMO_SCHOOLS.bakkeli.id).allowed).toBe(true);
    expect(mayCreateSchool(CALLERS.fjordvikLeader).allowed).toBe(false);
    expect(mayCreateSchool(admin).allowed).toBe(true);
  });

  it('shows school-scoped staff their own school only, municipality-wide staff every school', () => {
    expect(mayReadSchool(CALLERS.fjordvikTeacher5A, DEMO_SCHOOLS.fjordvik.id).allowed).toBe(true);
    expect(mayReadSchool(CALLERS.fjordvikTeacher5A, DEMO_SCHOOLS.bakkeli.id).allowed).toBe(false);
    expect(mayReadSchool(CALLERS.ppt, DEMO_SCHOOLS.bakkeli.id).allowed).toBe(true);
  });

  it('gives the overview of a school to its leadership and directory admins only', () => {
    const F = DEMO_SCHOOLS.fjordvik.id;
    expect(mayReadSchoolOverview(CALLERS.fjordvikLeader, F).allowed).toBe(true);
    expect(mayReadSchoolOverview(CALLERS.bakkeliLeader, F).allowed).toBe(false);
    for (const name of [
      'fjordvikTeacher5A',
      'fjordvikSocialTeacher',
      'fjordvikCompetenceTeam',
      'ppt',
    ] as const)
      expect(mayReadSchoolOverview(CALLERS[name], F).allowed).toBe(false);
    expect(mayReadSchoolOverview(callerOf(DEMO_STAFF.bakkeliTeacher9A, ['directory:admin']), F).allowed).toBe(
      true,
    );
  });
});
