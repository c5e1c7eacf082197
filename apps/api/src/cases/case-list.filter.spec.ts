import { DEMO_SCHOOLS, DEMO_STAFF } from '../demo/demo-data';
import { CALLERS } from '../testing/callers';
import { exampleCalendar2026_2027, osloLocalToInstant } from '@tiltak/domain';
import { inactivityFilter, listFilter } from './case-list.filter';

describe('listFilter', () => {
  it('keeps a caller’s own filters inside their scope', () => {
    expect(listFilter(CALLERS.fjordvikLeader, { step: 2, overdue: true })).toEqual({
      schoolIds: [DEMO_SCHOOLS.fjordvik.id],
      step: 2,
      overdue: true,
    });
    expect(listFilter(CALLERS.mobileTeam, { schoolId: DEMO_SCHOOLS.bakkeli.id, step: 4 })).toEqual({
      schoolIds: [DEMO_SCHOOLS.bakkeli.id],
      step: 4,
      assignedService: 'mobile-team',
    });
  });

  it('matches nothing when a filter points outside the scope, instead of widening it', () => {
    expect(listFilter(CALLERS.fjordvikLeader, { schoolId: DEMO_SCHOOLS.bakkeli.id }).schoolIds).toEqual([]);
    expect(listFilter(CALLERS.fjordvikSocialTeacher, { step: 1 }).step).toEqual([]);
    // The Fjordvik PPT advisor does not serve Bakkeli.
    expect(listFilter(CALLERS.ppt, { schoolId: DEMO_SCHOOLS.bakkeli.id })).toEqual({
      schoolIds: [],
      assignedService: 'ppt',
    });
    expect(
      listFilter(CALLERS.fjordvikTeacher5A, { ownerStaffId: DEMO_STAFF.fjordvikTeacher5B.id }),
    ).toMatchObject({
      caseIds: [],
      ownerStaffId: DEMO_STAFF.fjordvikTeacher5A.id,
    });
  });

  it('turns a deadline bound into an instant', () => {
    expect(
      listFilter(CALLERS.fjordvikLeader, { deadlineBefore: '2026-12-01T00:00:00.000Z' }).deadlineBefore,
    ).toEqual(new Date('2026-12-01T00:00:00.000Z'));
  });

  it('narrows mine to the caller and matches nothing when mine and another owner disagree', () => {
    expect(listFilter(CALLERS.fjordvikLeader, { mine: true })).toEqual({
      schoolIds: [DEMO_SCHOOLS.fjordvik.id],
      ownerStaffId: DEMO_STAFF.fjordvikLeader.id,
    });
    expect(listFilter(CALLERS.fjordvikLeader, { mine: false })).toEqual({
      schoolIds: [DEMO_SCHOOLS.fjordvik.id],
    });
    expect(
      listFilter(CALLERS.fjordvikLeader, { mine: true, ownerStaffId: DEMO_STAFF.fjordvikTeacher5A.id }),
    ).toMatchObject({ caseIds: [] });
    expect(listFilter(CALLERS.fjordvikTeacher5A, { mine: true })).toEqual({
      ownerStaffId: DEMO_STAFF.fjordvikTeacher5A.id,
    });
  });

  it('takes escalated, the earlier of dueBefore and deadlineBefore, and dueAfter', () => {
    expect(
      listFilter(CALLERS.fjordvikLeader, {
        escalated: true,
        dueBefore: '2026-12-03T00:00:00.000Z',
        deadlineBefore: '2026-12-02T00:00:00.000Z',
        dueAfter: '2026-11-30T00:00:00.000Z',
      }),
    ).toEqual({
      schoolIds: [DEMO_SCHOOLS.fjordvik.id],
      escalated: true,
      deadlineBefore: new Date('2026-12-02T00:00:00.000Z'),
      deadlineFrom: new Date('2026-11-30T00:00:00.000Z'),
    });
  });

  it('gives each school its own inactivity cutoff from its calendar', () => {
    const now = osloLocalToInstant('2026-11-25', '10:00');
    const calendars = new Map([
      ['school-with-calendar', [exampleCalendar2026_2027()]],
      // Without a calendar Monday to Friday are school days: the same answer in November.
      ['school-without', []],
    ]);
    expect(inactivityFilter(calendars, now, 2, '15:00')).toEqual([
      { schoolId: 'school-with-calendar', before: new Date(osloLocalToInstant('2026-11-23', '15:00')) },
      { schoolId: 'school-without', before: new Date(osloLocalToInstant('2026-11-23', '15:00')) },
    ]);
  });
});
