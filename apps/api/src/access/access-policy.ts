// Need to know (architecture principle 7), as pure functions over the caller and the resource, so the
// rules read as one table and are tested without Nest. The API answers 404 wherever a caller may not
// see a resource, so a denial never reveals that it exists.
import {
  isAssigned,
  isPartnerService,
  type CaseEventType,
  type CaseState,
  type PartnerService,
  type StaffRole,
  type Step,
} from '@tiltak/domain';
import { type Caller, SCOPES, hasScope } from '../auth/caller';

/** Events the team around the student records on a case it was referred to. */
export const TEAM_EVENT_TYPES = [
  'note-added',
  'meeting-held',
  'mapping-recorded',
  'measure-planned',
  'team-advice-recorded',
] as const satisfies readonly CaseEventType[];

interface CaseRule {
  /**
   * owner: only cases the caller owns; school: cases of the caller's school (all schools when
   * municipality-wide); assignment: cases assigned to the caller's service, at a school the caller
   * belongs to or serves.
   */
  reach: 'owner' | 'school' | 'assignment';
  /** For reach 'school': the case must have reached this step. */
  fromStep: Step;
  records: 'all' | readonly CaseEventType[];
}

/**
 * The matrix. Contact teachers own their cases; leadership answers for every case of its school; the
 * social teacher is the school's own and assists from step 3. The competence team, PPT, the health
 * nurse and the mobile team come in by assignment: the referral or escalation that named their service
 * (a referral to the competence team names the team with its PPT and health members).
 */
export const CASE_RULES: Record<StaffRole, CaseRule> = {
  'contact-teacher': { reach: 'owner', fromStep: 1, records: 'all' },
  'school-leadership': { reach: 'school', fromStep: 1, records: 'all' },
  'social-teacher': { reach: 'school', fromStep: 3, records: TEAM_EVENT_TYPES },
  'competence-team': { reach: 'assignment', fromStep: 3, records: TEAM_EVENT_TYPES },
  'health-nurse': { reach: 'assignment', fromStep: 3, records: TEAM_EVENT_TYPES },
  ppt: { reach: 'assignment', fromStep: 3, records: TEAM_EVENT_TYPES },
  'mobile-team': { reach: 'assignment', fromStep: 4, records: TEAM_EVENT_TYPES },
};

export type CaseFacts = Pick<CaseState, 'schoolId' | 'ownerStaffId' | 'step' | 'status' | 'assignments'>;

export type Decision = { allowed: true } | { allowed: false; reason: string };

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

export function mayReadCase(caller: Caller, facts: CaseFacts): Decision {
  const rule = CASE_RULES[caller.role];
  switch (rule.reach) {
    case 'owner':
      return facts.ownerStaffId === caller.staffId ? allow : deny('not the owner of the case');
    case 'school':
      if (!coversSchool(caller, facts.schoolId)) return deny('case of another school');
      if (facts.step < rule.fromStep)
        return deny(
          `${caller.role} is involved from step ${rule.fromStep}; the case is at step ${facts.step}`,
        );
      return allow;
    case 'assignment': {
      const service = partnerServiceOf(caller);
      if (!servesSchool(caller, facts.schoolId)) return deny(`${service} does not serve the case's school`);
      if (!isAssigned(facts, service)) return deny(`the case is not assigned to ${service}`);
      return allow;
    }
  }
}

/** Assumes mayReadCase allowed it: this only decides which events the caller may record. */
export function mayRecordEvent(caller: Caller, type: CaseEventType): Decision {
  const records = CASE_RULES[caller.role].records;
  if (records === 'all' || (records as readonly string[]).includes(type)) return allow;
  return deny(`${caller.role} may not record ${type}`);
}

/** The event types this caller may record at all (before the workflow's own step rules). */
export function recordableEventTypes(
  caller: Caller,
  allowedAtStep: readonly CaseEventType[],
): CaseEventType[] {
  return allowedAtStep.filter((type) => mayRecordEvent(caller, type).allowed);
}

/** The part of the case list a caller may see, as read-model filter criteria. */
export interface CaseListScope {
  ownerStaffId?: string;
  /** Absent: every school (municipality-wide roles). */
  schoolIds?: string[];
  /** Absent: every step. */
  step?: Step[];
  /** Only cases assigned to this service. */
  assignedService?: PartnerService;
}

export function caseListScope(caller: Caller): CaseListScope {
  const rule = CASE_RULES[caller.role];
  switch (rule.reach) {
    case 'owner':
      return { ownerStaffId: caller.staffId };
    case 'school': {
      const steps = ([1, 2, 3, 4] as const).filter((step) => step >= rule.fromStep);
      const scope: CaseListScope = steps.length < 4 ? { step: steps } : {};
      if (caller.schoolId !== null) scope.schoolIds = [caller.schoolId];
      return scope;
    }
    case 'assignment':
      return {
        // No school served: an empty list, which matches nothing (never "every school").
        schoolIds: caller.schoolId !== null ? [caller.schoolId] : [...caller.servesSchoolIds],
        assignedService: partnerServiceOf(caller),
      };
  }
}

// ---- students -------------------------------------------------------------------------------------

export interface StudentFacts {
  schoolId: string;
  contactTeacherId: string;
}

/** Reading a student directly: the contact teacher, the school's leadership, directory admins. Others need a case they can see. */
export function mayReadStudentDirectly(caller: Caller, student: StudentFacts): Decision {
  if (hasScope(caller, SCOPES.directoryAdmin)) return allow;
  if (caller.role === 'contact-teacher' && student.contactTeacherId === caller.staffId) return allow;
  if (caller.role === 'school-leadership' && coversSchool(caller, student.schoolId)) return allow;
  return deny('neither contact teacher nor leadership of the student');
}

/** Creating and changing students: the school's leadership and directory admins. */
export function mayManageStudents(caller: Caller, schoolId: string): Decision {
  if (hasScope(caller, SCOPES.directoryAdmin)) return allow;
  if (caller.role === 'school-leadership' && caller.schoolId === schoolId) return allow;
  return deny('only the school leadership manages its students');
}

/** A concern is raised by the student's contact teacher or by the school's leadership. */
export function mayOpenCase(caller: Caller, student: StudentFacts): Decision {
  if (caller.role === 'contact-teacher' && student.contactTeacherId === caller.staffId) return allow;
  if (caller.role === 'school-leadership' && coversSchool(caller, student.schoolId)) return allow;
  return deny('only the contact teacher or the school leadership opens a case');
}

// ---- schools and staff ----------------------------------------------------------------------------

/** School-scoped staff see their own school; municipality-wide staff and directory admins see all. */
export function mayReadSchool(caller: Caller, schoolId: string): Decision {
  if (hasScope(caller, SCOPES.directoryAdmin) || coversSchool(caller, schoolId)) return allow;
  return deny('another school');
}

/** Calendars, staff and students of a school: its leadership, or a directory admin. */
export function mayManageSchool(caller: Caller, schoolId: string | null): Decision {
  if (hasScope(caller, SCOPES.directoryAdmin)) return allow;
  if (schoolId !== null && caller.role === 'school-leadership' && caller.schoolId === schoolId) return allow;
  return deny(
    schoolId === null
      ? 'municipality-wide staff are managed by directory admins'
      : 'only the school leadership manages its school',
  );
}

/**
 * The leadership overview of a school (counts of its cases): its own leadership (a municipality-wide
 * leader: every school) and directory admins. The cases behind each count are listed with the
 * caller's own list scope.
 */
export function mayReadSchoolOverview(caller: Caller, schoolId: string): Decision {
  if (hasScope(caller, SCOPES.directoryAdmin)) return allow;
  if (caller.role === 'school-leadership' && coversSchool(caller, schoolId)) return allow;
  return deny('only the school leadership reads the overview of its school');
}

/** Absence data of a school comes in through its leadership (or a directory admin's integration). */
export function mayImportAbsence(caller: Caller, schoolId: string): Decision {
  if (hasScope(caller, SCOPES.directoryAdmin)) return allow;
  if (caller.role === 'school-leadership' && caller.schoolId === schoolId) return allow;
  return deny('only the school leadership imports its absence data');
}

/** Every student's absence figures: the school's leadership, who answers for the follow-up. */
export function mayReadAbsenceOverview(caller: Caller, schoolId: string): Decision {
  if (hasScope(caller, SCOPES.directoryAdmin)) return allow;
  if (caller.role === 'school-leadership' && coversSchool(caller, schoolId)) return allow;
  return deny('only the school leadership sees the absence overview');
}

/** Which proposed cases (propose mode, ADR 0015) a caller may list at a school: all, their own students', or none. */
export function proposalListScope(caller: Caller, schoolId: string): 'all' | 'own' | null {
  if (hasScope(caller, SCOPES.directoryAdmin)) return 'all';
  if (caller.role === 'school-leadership' && coversSchool(caller, schoolId)) return 'all';
  if (caller.role === 'contact-teacher' && caller.schoolId === schoolId) return 'own';
  return null;
}

/** Confirming or dismissing a proposed case: whoever may open a case for the student. */
export function mayDecideProposal(caller: Caller, student: StudentFacts): Decision {
  return mayOpenCase(caller, student);
}

export function mayCreateSchool(caller: Caller): Decision {
  return hasScope(caller, SCOPES.directoryAdmin)
    ? allow
    : deny(`requires the ${SCOPES.directoryAdmin} scope`);
}

function coversSchool(caller: Caller, schoolId: string): boolean {
  return caller.schoolId === null || caller.schoolId === schoolId;
}

/** A partner belongs to one school, or (municipality-wide) serves the schools the directory lists. */
function servesSchool(caller: Caller, schoolId: string): boolean {
  return caller.schoolId === null ? caller.servesSchoolIds.includes(schoolId) : caller.schoolId === schoolId;
}

function partnerServiceOf(caller: Caller): PartnerService {
  if (!isPartnerService(caller.role)) throw new Error(`${caller.role} is not a partner service`);
  return caller.role;
}
