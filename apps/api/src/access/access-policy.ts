// Need to know (architecture principle 7), as pure functions over the caller and the resource, so the
// rules read as one table and are tested without Nest. The API answers 404 wherever a caller may not
// see a resource, so a denial never reveals that it exists.
import type { CaseEventType, CaseStatus, StaffRole, Step } from '@tiltak/domain';
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
  /** owner: only cases the caller owns; school: cases of the caller's school (all schools when municipality-wide). */
  reach: 'owner' | 'school';
  /** The case must have reached this step: step 3 refers it to the competence team, step 4 brings in the partners. */
  fromStep: Step;
  records: 'all' | readonly CaseEventType[];
}

/**
 * The matrix. Contact teachers own their cases; leadership answers for every case of its school.
 * Step 3 refers the case to the competence team (school + PPT + health), so the social teacher, the
 * team, PPT and the health nurse see it from then; the mobile team joins at step 4.
 */
export const CASE_RULES: Record<StaffRole, CaseRule> = {
  'contact-teacher': { reach: 'owner', fromStep: 1, records: 'all' },
  'school-leadership': { reach: 'school', fromStep: 1, records: 'all' },
  'social-teacher': { reach: 'school', fromStep: 3, records: TEAM_EVENT_TYPES },
  'competence-team': { reach: 'school', fromStep: 3, records: TEAM_EVENT_TYPES },
  'health-nurse': { reach: 'school', fromStep: 3, records: TEAM_EVENT_TYPES },
  ppt: { reach: 'school', fromStep: 3, records: TEAM_EVENT_TYPES },
  'mobile-team': { reach: 'school', fromStep: 4, records: TEAM_EVENT_TYPES },
};

export interface CaseFacts {
  schoolId: string;
  ownerStaffId: string;
  step: Step;
  status: CaseStatus;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

export function mayReadCase(caller: Caller, facts: CaseFacts): Decision {
  const rule = CASE_RULES[caller.role];
  if (rule.reach === 'owner' && facts.ownerStaffId !== caller.staffId)
    return deny('not the owner of the case');
  if (rule.reach === 'school' && !coversSchool(caller, facts.schoolId)) return deny('case of another school');
  if (facts.step < rule.fromStep)
    return deny(`${caller.role} is involved from step ${rule.fromStep}; the case is at step ${facts.step}`);
  return allow;
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
}

export function caseListScope(caller: Caller): CaseListScope {
  const rule = CASE_RULES[caller.role];
  const steps = ([1, 2, 3, 4] as const).filter((step) => step >= rule.fromStep);
  const scope: CaseListScope = steps.length < 4 ? { step: steps } : {};
  if (rule.reach === 'owner') scope.ownerStaffId = caller.staffId;
  else if (caller.schoolId !== null) scope.schoolIds = [caller.schoolId];
  return scope;
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

export function mayCreateSchool(caller: Caller): Decision {
  return hasScope(caller, SCOPES.directoryAdmin)
    ? allow
    : deny(`requires the ${SCOPES.directoryAdmin} scope`);
}

function coversSchool(caller: Caller, schoolId: string): boolean {
  return caller.schoolId === null || caller.schoolId === schoolId;
}
