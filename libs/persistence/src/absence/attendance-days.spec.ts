import { DAY_COUNT_COLUMNS, dayCountsOfLessons, dayFromStored, type StoredDayTuple } from './attendance-days';

describe('a stored attendance day', () => {
  it('becomes the domain day: the stored counts, and a lesson per period with its subject and teacher', () => {
    const stored: StoredDayTuple = [
      '2026-11-02',
      3,
      1,
      1,
      0,
      0,
      1,
      ['MAT', 'MAT', 'NOR'],
      ['T-1', null, 'T-2'],
      ['present', 'absent', 'late'],
    ];
    expect(dayFromStored(stored)).toEqual({
      date: '2026-11-02',
      registered: 3,
      absent: 1,
      late: 1,
      leftEarly: 0,
      presentNotInClass: 0,
      absentForAppointment: 1,
      lessons: [
        { subjectCode: 'MAT', teacherRef: 'T-1', registered: 1, absent: 0 },
        { subjectCode: 'MAT', teacherRef: null, registered: 1, absent: 1 },
        { subjectCode: 'NOR', teacherRef: 'T-2', registered: 1, absent: 0 },
      ],
    });
  });

  it('sums every count column from the periods, each under its column name', () => {
    const sql = dayCountsOfLessons('x.status', 'x.reason');
    const names = sql.split(/, (?=count)/).map((part) => /AS (\w+)$/.exec(part)?.[1]);
    expect(names).toEqual([...DAY_COUNT_COLUMNS]);
    expect(sql).toContain(
      `FILTER (WHERE x.status = 'absent' AND x.reason = 'appointment')::int AS appointment`,
    );
  });
});
