import type { CaseSummaryGroup } from '@tiltak/persistence';
import { caseListQuery, schoolOverviewFrom } from './school-overview.mapper';

const SCHOOL = 'd0000000-0000-4000-8000-000000000001';
const KARI = 'd1000000-0000-4000-8000-000000000001';
const OLA = 'd1000000-0000-4000-8000-000000000002';
const frame = {
  schoolId: SCHOOL,
  asOf: '2026-11-25T09:00:00.000Z',
  week: { from: '2026-11-22T23:00:00.000Z', to: '2026-11-29T23:00:00.000Z' },
  inactiveSchoolDays: 10,
  inactiveSince: '2026-11-11T14:00:00.000Z',
};
const group = (overrides: Partial<CaseSummaryGroup>): CaseSummaryGroup => ({
  step: 1,
  status: 'open',
  ownerStaffId: KARI,
  ownerName: 'Kari Nordmann',
  cases: 0,
  overdue: 0,
  escalated: 0,
  dueInWindow: 0,
  inactive: 0,
  ...overrides,
});

describe('schoolOverviewFrom', () => {
  const overview = schoolOverviewFrom(frame, [
    group({ step: 1, cases: 2, dueInWindow: 2, inactive: 1 }),
    group({ step: 2, cases: 3, overdue: 2, escalated: 1 }),
    group({ step: 2, status: 'paused', cases: 1 }),
    group({ step: 3, status: 'closed', cases: 4, ownerStaffId: OLA, ownerName: 'Ola Berg' }),
    group({ step: 4, cases: 1, ownerStaffId: OLA, ownerName: 'Ola Berg', inactive: 1 }),
  ]);

  it('counts open cases by step and every case by status, each with the list that shows them', () => {
    expect(overview.byStep).toEqual([
      { step: 1, count: 2, query: `/api/cases?schoolId=${SCHOOL}&status=open&step=1` },
      { step: 2, count: 3, query: `/api/cases?schoolId=${SCHOOL}&status=open&step=2` },
      { step: 3, count: 0, query: `/api/cases?schoolId=${SCHOOL}&status=open&step=3` },
      { step: 4, count: 1, query: `/api/cases?schoolId=${SCHOOL}&status=open&step=4` },
    ]);
    expect(overview.byStatus.map(({ status, count }) => [status, count])).toEqual([
      ['open', 6],
      ['paused', 1],
      ['closed', 4],
    ]);
  });

  it('gives overdue, escalated, this week and inactive with their filters', () => {
    expect(overview.overdue).toEqual({ count: 2, query: `/api/cases?schoolId=${SCHOOL}&overdue=true` });
    expect(overview.escalated).toEqual({ count: 1, query: `/api/cases?schoolId=${SCHOOL}&escalated=true` });
    expect(overview.dueThisWeek.count).toBe(2);
    expect(new URL(overview.dueThisWeek.query, 'http://x').searchParams.get('dueAfter')).toBe(
      frame.week.from,
    );
    expect(new URL(overview.dueThisWeek.query, 'http://x').searchParams.get('dueBefore')).toBe(frame.week.to);
    expect(overview.inactive).toEqual({
      count: 2,
      query: `/api/cases?schoolId=${SCHOOL}&inactiveSchoolDays=10`,
    });
  });

  it('lists owners of open or paused cases by name, with their own figures', () => {
    expect(overview.perContactTeacher).toEqual([
      {
        staffId: KARI,
        name: 'Kari Nordmann',
        open: { count: 5, query: `/api/cases?schoolId=${SCHOOL}&ownerStaffId=${KARI}&status=open` },
        overdue: { count: 2, query: `/api/cases?schoolId=${SCHOOL}&ownerStaffId=${KARI}&overdue=true` },
        inactive: {
          count: 1,
          query: `/api/cases?schoolId=${SCHOOL}&ownerStaffId=${KARI}&inactiveSchoolDays=10`,
        },
      },
      expect.objectContaining({
        staffId: OLA,
        name: 'Ola Berg',
        open: expect.objectContaining({ count: 1 }),
      }),
    ]);
  });

  it('is all zeros for a school without cases', () => {
    const empty = schoolOverviewFrom(frame, []);
    expect(empty.byStep.every((f) => f.count === 0)).toBe(true);
    expect(empty.perContactTeacher).toEqual([]);
  });
});

describe('caseListQuery', () => {
  it('encodes instants so the query string survives', () => {
    expect(caseListQuery({ dueBefore: '2026-11-29T23:00:00.000Z' })).toBe(
      '/api/cases?dueBefore=2026-11-29T23%3A00%3A00.000Z',
    );
  });
});
