import { CASE_STATUSES, STEPS } from '@tiltak/domain';
import type { CaseSummaryGroup } from '@tiltak/persistence';
import { apiPath } from '../../http/api-prefix';
import type { CaseListQueryDto } from '../dto/case-list.query.dto';
import type { OverviewFigureDto, SchoolOverviewResponseDto } from './dto/school-overview.response.dto';

export interface OverviewFrame {
  schoolId: string;
  asOf: string;
  week: { from: string; to: string };
  inactiveSchoolDays: number;
  inactiveSince: string;
}

/** The GET /api/cases request listing a figure's cases; its parameters are the list's own filters. */
export function caseListQuery(
  filter: Partial<Record<keyof CaseListQueryDto, string | number | boolean>>,
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter))
    if (value !== undefined) params.set(name, String(value));
  return `${apiPath('/cases')}?${params.toString()}`;
}

/**
 * The overview from summarize()'s groups. Every figure counts exactly the cases its query lists for
 * the school's leadership: the same columns, the same meanings (open, overdue, escalated, next
 * deadline in the week, last activity before the cutoff).
 */
export function schoolOverviewFrom(
  frame: OverviewFrame,
  groups: readonly CaseSummaryGroup[],
): SchoolOverviewResponseDto {
  const { schoolId } = frame;
  const open = groups.filter((g) => g.status === 'open');
  const sum = (of: readonly CaseSummaryGroup[], pick: (g: CaseSummaryGroup) => number) =>
    of.reduce((total, g) => total + pick(g), 0);
  const figure = (count: number, filter: Parameters<typeof caseListQuery>[0]): OverviewFigureDto => ({
    count,
    query: caseListQuery({ schoolId, ...filter }),
  });

  const owners = new Map<string, { name: string | null; groups: CaseSummaryGroup[] }>();
  for (const group of groups) {
    if (group.status === 'closed') continue;
    const owner = owners.get(group.ownerStaffId) ?? { name: group.ownerName, groups: [] };
    owner.groups.push(group);
    owners.set(group.ownerStaffId, owner);
  }

  return {
    ...frame,
    week: { ...frame.week },
    byStep: STEPS.map((step) => ({
      step,
      ...figure(
        sum(
          open.filter((g) => g.step === step),
          (g) => g.cases,
        ),
        { status: 'open', step },
      ),
    })),
    byStatus: CASE_STATUSES.map((status) => ({
      status,
      ...figure(
        sum(
          groups.filter((g) => g.status === status),
          (g) => g.cases,
        ),
        { status },
      ),
    })),
    overdue: figure(
      sum(groups, (g) => g.overdue),
      { overdue: true },
    ),
    escalated: figure(
      sum(groups, (g) => g.escalated),
      { escalated: true },
    ),
    dueThisWeek: figure(
      sum(groups, (g) => g.dueInWindow),
      {
        status: 'open',
        dueAfter: frame.week.from,
        dueBefore: frame.week.to,
      },
    ),
    inactive: figure(
      sum(groups, (g) => g.inactive),
      { inactiveSchoolDays: frame.inactiveSchoolDays },
    ),
    perContactTeacher: [...owners]
      .map(([staffId, owner]) => {
        const own = owner.groups;
        return {
          staffId,
          name: owner.name,
          open: figure(
            sum(
              own.filter((g) => g.status === 'open'),
              (g) => g.cases,
            ),
            {
              ownerStaffId: staffId,
              status: 'open',
            },
          ),
          overdue: figure(
            sum(own, (g) => g.overdue),
            { ownerStaffId: staffId, overdue: true },
          ),
          inactive: figure(
            sum(own, (g) => g.inactive),
            {
              ownerStaffId: staffId,
              inactiveSchoolDays: frame.inactiveSchoolDays,
            },
          ),
        };
      })
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'nb') || a.staffId.localeCompare(b.staffId)),
  };
}
