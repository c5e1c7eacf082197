import { DEMO_SCHOOLS, DEMO_STAFF } from '../demo/demo-data';
import { CALLERS } from '../testing/callers';
import { listFilter } from './case-list.filter';

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
});
