import { SchoolCalendarEntity } from './school-calendar.entity';
import { StaffMemberEntity } from './staff-member.entity';
import { StudentEntity } from './student.entity';
import { schoolCalendarFromEntity, staffMemberFromEntity, studentFromEntity } from './directory.mapper';

const SCHOOL = '0b6c5d6e-7f80-4a91-b2c3-d4e5f6a7b8c9';

describe('directory mappers', () => {
  it('lets the row’s school and year win over what the stored calendar JSON says', () => {
    const row = Object.assign(new SchoolCalendarEntity(), {
      schoolId: SCHOOL,
      schoolYear: '2026-2027',
      calendar: {
        schoolId: 'something-else',
        schoolYear: '1999-2000',
        firstDay: '2026-08-17',
        lastDay: '2027-06-18',
        closedPeriods: [{ from: '2026-10-05', to: '2026-10-09', kind: 'holiday', name: 'Høstferie' }],
      },
      updatedAt: new Date(),
    });
    expect(schoolCalendarFromEntity(row)).toEqual({
      schoolId: SCHOOL,
      schoolYear: '2026-2027',
      firstDay: '2026-08-17',
      lastDay: '2027-06-18',
      closedPeriods: [{ from: '2026-10-05', to: '2026-10-09', kind: 'holiday', name: 'Høstferie' }],
    });
  });

  it('keeps a municipality-wide staff member’s school as null', () => {
    const row = Object.assign(new StaffMemberEntity(), {
      id: 'a8d3f1e2-0000-4000-8000-000000000001',
      displayName: 'PPT-rådgiver',
      email: 'ppt@example.test',
      role: 'ppt',
      schoolId: null,
      oidcSubject: 'ppt@feide.example.test',
      active: true,
      createdAt: new Date('2026-08-01T08:00:00.000Z'),
    });
    expect(staffMemberFromEntity(row)).toEqual({
      id: 'a8d3f1e2-0000-4000-8000-000000000001',
      displayName: 'PPT-rådgiver',
      email: 'ppt@example.test',
      role: 'ppt',
      schoolId: null,
      servesSchoolIds: [],
      oidcSubject: 'ppt@feide.example.test',
      active: true,
      createdAt: '2026-08-01T08:00:00.000Z',
    });
    expect(staffMemberFromEntity(row, [SCHOOL]).servesSchoolIds).toEqual([SCHOOL]);
  });

  it('maps a student without a concern profile to null, and keeps one when present', () => {
    const base = {
      id: 'a8d3f1e2-0000-4000-8000-000000000002',
      schoolId: SCHOOL,
      className: '7B',
      contactTeacherId: 'a8d3f1e2-0000-4000-8000-000000000003',
      givenName: 'Testelev',
      familyName: 'Eksempel',
      createdAt: new Date('2026-08-01T08:00:00.000Z'),
      updatedAt: new Date('2026-09-01T08:00:00.000Z'),
    };
    expect(
      studentFromEntity(Object.assign(new StudentEntity(), base, { concernProfile: null })).concernProfile,
    ).toBeNull();
    const profile = { lowerThresholdPercent: 5, reason: 'function-level', reviewOn: '2027-01-15' };
    const student = studentFromEntity(Object.assign(new StudentEntity(), base, { concernProfile: profile }));
    expect(student).toMatchObject({
      concernProfile: profile,
      updatedAt: '2026-09-01T08:00:00.000Z',
      className: '7B',
    });
  });
});
