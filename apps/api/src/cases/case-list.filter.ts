import type { CaseListFilter } from '@tiltak/persistence';
import { caseListScope } from '../access/access-policy';
import type { Caller } from '../auth/caller';
import type { CaseListQueryDto } from './dto/case-list.query.dto';

/** The caller's filters narrowed to their access scope; a filter outside the scope matches nothing. */
export function listFilter(caller: Caller, query: CaseListQueryDto): CaseListFilter {
  const scope = caseListScope(caller);
  const filter: CaseListFilter = {};
  if (query.schoolId !== undefined) {
    filter.schoolIds = scope.schoolIds
      ? scope.schoolIds.filter((id) => id === query.schoolId)
      : [query.schoolId];
  } else if (scope.schoolIds) filter.schoolIds = scope.schoolIds;
  if (
    scope.ownerStaffId !== undefined &&
    query.ownerStaffId !== undefined &&
    scope.ownerStaffId !== query.ownerStaffId
  ) {
    filter.caseIds = [];
  }
  const owner = scope.ownerStaffId ?? query.ownerStaffId;
  if (owner !== undefined) filter.ownerStaffId = owner;
  if (query.step !== undefined)
    filter.step = scope.step ? scope.step.filter((s) => s === query.step) : query.step;
  else if (scope.step) filter.step = scope.step;
  if (scope.assignedService !== undefined) filter.assignedService = scope.assignedService;
  if (query.studentId !== undefined) filter.studentId = query.studentId;
  if (query.status !== undefined) filter.status = query.status;
  if (query.overdue !== undefined) filter.overdue = query.overdue;
  if (query.deadlineBefore !== undefined) filter.deadlineBefore = new Date(query.deadlineBefore);
  return filter;
}
