import { inactivityCutoff, type SchoolCalendar } from '@tiltak/domain';
import type { CaseListFilter } from '@tiltak/persistence';
import { caseListScope } from '../access/access-policy';
import type { Caller } from '../auth/caller';
import type { CaseListQueryDto } from './dto/case-list.query.dto';

/**
 * The caller's filters narrowed to their access scope; a filter outside the scope matches nothing.
 * `inactiveSchoolDays` needs the schools' calendars: the caller adds it with inactivityFilter.
 */
export function listFilter(caller: Caller, query: CaseListQueryDto): CaseListFilter {
  const scope = caseListScope(caller);
  const filter: CaseListFilter = {};
  if (query.schoolId !== undefined) {
    filter.schoolIds = scope.schoolIds
      ? scope.schoolIds.filter((id) => id === query.schoolId)
      : [query.schoolId];
  } else if (scope.schoolIds) filter.schoolIds = scope.schoolIds;
  // Every owner asked for must be the same person: the scope's, the query's, and the caller for `mine`.
  const owners = [
    scope.ownerStaffId,
    query.ownerStaffId,
    query.mine === true ? caller.staffId : undefined,
  ].filter((owner): owner is string => owner !== undefined);
  const [owner] = owners;
  if (owner !== undefined) {
    filter.ownerStaffId = owner;
    if (owners.some((other) => other !== owner)) filter.caseIds = [];
  }
  if (query.step !== undefined)
    filter.step = scope.step ? scope.step.filter((s) => s === query.step) : query.step;
  else if (scope.step) filter.step = scope.step;
  if (scope.assignedService !== undefined) filter.assignedService = scope.assignedService;
  if (query.studentId !== undefined) filter.studentId = query.studentId;
  if (query.status !== undefined) filter.status = query.status;
  if (query.overdue !== undefined) filter.overdue = query.overdue;
  if (query.escalated !== undefined) filter.escalated = query.escalated;
  const before = [query.dueBefore, query.deadlineBefore]
    .filter((at): at is string => at !== undefined)
    .map((at) => new Date(at))
    .sort((a, b) => a.getTime() - b.getTime())[0];
  if (before !== undefined) filter.deadlineBefore = before;
  if (query.dueAfter !== undefined) filter.deadlineFrom = new Date(query.dueAfter);
  return filter;
}

/**
 * "No activity for n school days" as per-school cutoffs: each school counts school days on its own
 * calendar (the domain's inactivityCutoff). Schools the filter does not cover get none, so match nothing.
 */
export function inactivityFilter(
  calendarsBySchool: ReadonlyMap<string, readonly SchoolCalendar[]>,
  now: string,
  schoolDays: number,
  schoolDayEndsAt: string,
): NonNullable<CaseListFilter['inactiveBefore']> {
  return [...calendarsBySchool].map(([schoolId, calendars]) => ({
    schoolId,
    before: new Date(inactivityCutoff(calendars, now, schoolDays, schoolDayEndsAt)),
  }));
}
