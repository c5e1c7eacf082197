import {
  DEFAULT_DETECTION_POLICY,
  caseAbsencePercent,
  decideSignals,
  firedSignalOutcome,
  PROPOSAL_DISMISSAL_LABELS,
  PROPOSAL_DISMISSAL_REASONS,
  attendanceDays,
  evaluateAbsence,
  evaluateAttendance,
  parseDetectionPolicy,
  schoolYearOf,
  signalId,
  type LessonRecord,
} from './absence-detection';
import {
  generateAttendance,
  schoolDaysBetween,
  attendanceCsv,
  seededRandom,
  SYNTHETIC_PATTERNS,
  type GeneratedRecord,
  type SyntheticStudent,
} from './testing/absence-generator';
import { evaluateRecordByRecord } from './testing/record-by-record-detection';

const policy = DEFAULT_DETECTION_POLICY;

/** Six lessons a day on each given date, all present unless `absent` says which dates are away. */
function days(
  dates: string[],
  overrides: (date: string, period: number) => Partial<LessonRecord> = () => ({}),
): LessonRecord[] {
  return dates.flatMap((date) =>
    [1, 2, 3, 4, 5, 6].map((period) => ({
      date,
      period,
      subjectCode: ['NOR', 'MAT', 'ENG', 'NAT', 'SAF', 'KRO'][period - 1] ?? 'NOR',
      teacherRef: `T${period}`,
      status: 'present' as const,
      minutes: null,
      reason: null,
      ...overrides(date, period),
    })),
  );
}

const autumn = schoolDaysBetween('2026-08-17', '2026-11-27');
const asOf = '2026-11-27';

describe('schoolYearOf', () => {
  it('runs from 1 August to 31 July', () => {
    expect(schoolYearOf('2026-08-01')).toBe('2026-2027');
    expect(schoolYearOf('2027-07-31')).toBe('2026-2027');
    expect(schoolYearOf('2026-07-31')).toBe('2025-2026');
  });
});

describe('evaluateAbsence: the percentage trigger', () => {
  it('finds nothing for a student who is always there', () => {
    const result = evaluateAbsence(days(autumn), asOf, null);
    expect(result.concerning).toEqual([]);
    expect(result.figures.schoolYear).toEqual({ registered: autumn.length * 6, absent: 0, percent: 0 });
    expect(result.figures.recent.registered).toBe(20 * 6);
    expect(result.figures.trend).toBe('stable');
  });

  it('fires at exactly 10 % of the school year, not at 9.9 %', () => {
    // 1000 lessons: 100 absent is 10 %, 99 is 9.9 %.
    const lessons = (absent: number): LessonRecord[] =>
      Array.from({ length: 1000 }, (_, i) => ({
        date: autumn[Math.floor(i / 10)] ?? asOf,
        period: (i % 10) + 1,
        subjectCode: `S${i % 10}`,
        teacherRef: null,
        // Spread over the year, so the recent window is no higher than the year.
        status: i % 10 === 0 && Math.floor(i / 10) < absent ? ('absent' as const) : ('present' as const),
        minutes: null,
        reason: null,
      }));
    expect(evaluateAbsence(lessons(100), asOf, null).concerning).toContain('absence-percentage');
    const below = evaluateAbsence(lessons(99), asOf, null);
    expect(below.figures.schoolYear.percent).toBe(9.9);
    expect(below.concerning).not.toContain('absence-percentage');
  });

  it('fires on the last four school weeks alone when the year is still below', () => {
    const recentFrom = autumn[autumn.length - 20] ?? asOf;
    // Two whole days away in the last four weeks: 12 of 120 lessons = 10 %; the year is 12 / 450.
    const away = new Set([recentFrom, autumn[autumn.length - 10]]);
    const result = evaluateAbsence(
      days(autumn, (d) => (away.has(d) ? { status: 'absent', reason: 'unknown' } : {})),
      asOf,
      null,
    );
    expect(result.figures.recent.percent).toBe(10);
    expect(result.figures.recent.from).toBe(recentFrom);
    expect(result.figures.schoolYear.percent).toBeLessThan(10);
    expect(result.concerning).toContain('absence-percentage');
    expect(result.figures.trend).toBe('rising');
  });

  it('uses the student’s lower threshold, and never a higher one', () => {
    const away = new Set(autumn.filter((_, i) => i % 15 === 0)); // 7 of 75 days: 9.3 %, recent 5 %
    const records = days(autumn, (d) => (away.has(d) ? { status: 'absent' } : {}));
    expect(evaluateAbsence(records, asOf, null).concerning).toEqual([]);
    const lowered = evaluateAbsence(records, asOf, { lowerThresholdPercent: 5 });
    expect(lowered.figures.thresholdPercent).toBe(5);
    expect(lowered.concerning).toContain('absence-percentage');
    expect(evaluateAbsence(records, asOf, { lowerThresholdPercent: 50 }).figures.thresholdPercent).toBe(10);
  });

  it('waits for a school week of lessons before any percentage fires', () => {
    const firstDays = autumn.slice(0, 4); // 24 lessons, one day away: 25 %
    const result = evaluateAbsence(
      days(firstDays, (d) => (d === firstDays[0] ? { status: 'absent' } : {})),
      firstDays[3] ?? asOf,
      null,
    );
    expect(result.figures.schoolYear.percent).toBe(25);
    expect(result.concerning).not.toContain('absence-percentage');
  });

  it('ignores records after the day evaluated and from another school year', () => {
    const lastYear = days(schoolDaysBetween('2026-05-04', '2026-06-19'), () => ({ status: 'absent' }));
    const later = days(['2026-11-30'], () => ({ status: 'absent' }));
    const result = evaluateAbsence([...lastYear, ...days(autumn), ...later], asOf, null);
    expect(result.figures.schoolYear.absent).toBe(0);
    expect(result.concerning).toEqual([]);
  });

  it('counts late arrivals and present-not-in-class as present in the percentage', () => {
    const result = evaluateAbsence(
      days(autumn, (_d, p) =>
        p === 1 ? { status: 'late', minutes: 10 } : p === 2 ? { status: 'present-not-in-class' } : {},
      ),
      asOf,
      null,
    );
    expect(result.figures.schoolYear.percent).toBe(0);
    expect(result.concerning).toEqual(['present-not-in-class', 'repeated-late-arrival']);
  });
});

describe('evaluateAbsence: patterns', () => {
  it('finds a Monday pattern and single days', () => {
    const records = days(autumn, (d) =>
      new Date(`${d}T12:00:00Z`).getUTCDay() === 1 ? { status: 'absent' } : {},
    );
    const result = evaluateAbsence(records, asOf, null);
    expect(result.figures.weekdays.map((w) => w.key)).toEqual(['monday']);
    expect(result.pattern.weekdays).toEqual(['monday']);
    expect(result.pattern.singleDays).toBe(true);
    expect(result.pattern.consecutiveDays).toBe(false);
    expect(result.concerning).toContain('absence-percentage');
  });

  it('tells runs of whole days from single days, and an illness from appointments', () => {
    const run = new Set(autumn.slice(30, 40));
    const result = evaluateAbsence(
      days(autumn, (d, p) =>
        run.has(d)
          ? { status: 'absent', reason: 'illness' }
          : d === autumn[5] && p === 3
            ? { status: 'absent', reason: 'appointment' }
            : {},
      ),
      asOf,
      null,
    );
    expect(result.figures.wholeDayRuns).toEqual([10]);
    expect(result.figures.wholeDaysAbsent).toBe(10);
    expect(result.pattern).toMatchObject({
      consecutiveDays: true,
      singleDays: false,
      appointmentsOrAssessmentDays: true,
    });
  });

  it('fires lesson absence for one subject in the recent window, and names the subject and teacher', () => {
    const recent = new Set(autumn.slice(-20));
    const result = evaluateAbsence(
      days(autumn, (d, p) => (recent.has(d) && p === 2 ? { status: 'absent' } : {})),
      asOf,
      null,
    );
    // 20 of 120 recent lessons is 16.7 %: over 10 % too; the subject is the pattern.
    expect(result.concerning).toEqual(['absence-percentage', 'lesson-absence']);
    expect(result.figures.subjects[0]).toMatchObject({ key: 'MAT', absent: 20 });
    expect(result.figures.teachers[0]).toMatchObject({ key: 'T2' });
  });

  it('fires lesson absence below the overall threshold', () => {
    const recent = autumn.slice(-20);
    const away = new Set(recent.filter((_, i) => i % 5 === 0)); // 4 MAT lessons of 20: 20 %? needs 25 %
    const few = evaluateAbsence(
      days(autumn, (d, p) => (away.has(d) && p === 2 ? { status: 'absent' } : {})),
      asOf,
      null,
    );
    expect(few.concerning).toEqual([]);
    const more = new Set(recent.filter((_, i) => i % 4 === 0)); // 5 of 20: 25 %
    const result = evaluateAbsence(
      days(autumn, (d, p) => (more.has(d) && p === 2 ? { status: 'absent' } : {})),
      asOf,
      null,
    );
    expect(result.figures.recent.percent).toBeLessThan(10);
    expect(result.concerning).toEqual(['lesson-absence']);
  });

  it('counts late arrivals and early departures together, in the recent window only', () => {
    const recent = autumn.slice(-20);
    const late = (n: number, from: string[]) => new Set(from.slice(0, n));
    const three = late(3, recent);
    expect(
      evaluateAbsence(
        days(autumn, (d, p) => (three.has(d) && p === 1 ? { status: 'late', minutes: 5 } : {})),
        asOf,
        null,
      ).concerning,
    ).toEqual([]);
    const early = recent[10] ?? asOf;
    const result = evaluateAbsence(
      days(autumn, (d, p) =>
        three.has(d) && p === 1
          ? { status: 'late', minutes: 5 }
          : d === early && p === 6
            ? { status: 'left-early', minutes: 20 }
            : {},
      ),
      asOf,
      null,
    );
    expect(result.concerning).toEqual(['repeated-late-arrival']);
    expect(result.pattern).toMatchObject({ lateArrivals: true, leavingEarly: true });
    const old = late(10, autumn);
    expect(
      evaluateAbsence(
        days(autumn, (d, p) => (old.has(d) && p === 1 ? { status: 'late', minutes: 5 } : {})),
        asOf,
        null,
      ).concerning,
    ).toEqual([]);
  });

  it('fires present-not-in-class at three lessons in four weeks', () => {
    const recent = autumn.slice(-20);
    const two = new Set(recent.slice(0, 2));
    const three = new Set(recent.slice(0, 3));
    const at = (set: Set<string>) =>
      evaluateAbsence(
        days(autumn, (d, p) => (set.has(d) && p === 4 ? { status: 'present-not-in-class' } : {})),
        asOf,
        null,
      ).concerning;
    expect(at(two)).toEqual([]);
    expect(at(three)).toEqual(['present-not-in-class']);
  });

  it('reports the trend against the four weeks before', () => {
    const before = new Set(autumn.slice(-40, -20).filter((_, i) => i % 2 === 0));
    const result = evaluateAbsence(
      days(autumn, (d) => (before.has(d) ? { status: 'absent' } : {})),
      asOf,
      null,
    );
    expect(result.figures.previous.percent).toBe(50);
    expect(result.figures.trend).toBe('falling');
    expect(evaluateAbsence([], asOf, null).figures.trend).toBe('unknown');
    expect(evaluateAbsence([], asOf, null).figures.schoolYear.percent).toBeNull();
  });
});

describe('decideSignals: once per crossing', () => {
  it('fires a new crossing and opens a case when none is open', () => {
    expect(decideSignals(['absence-percentage'], {}, false)).toEqual({
      fire: ['absence-percentage'],
      clear: [],
      openCase: true,
      primary: 'absence-percentage',
    });
  });

  it('does not fire again while the figure stays over', () => {
    expect(decideSignals(['absence-percentage'], { 'absence-percentage': 'fired' }, false)).toMatchObject({
      fire: [],
      openCase: false,
      primary: null,
    });
  });

  it('records a crossing while a case is open, without opening one', () => {
    expect(decideSignals(['repeated-late-arrival'], {}, true)).toMatchObject({
      fire: ['repeated-late-arrival'],
      openCase: false,
    });
  });

  it('clears when the figure falls below, and fires again when it rises', () => {
    const cleared = decideSignals([], { 'absence-percentage': 'fired' }, false);
    expect(cleared).toMatchObject({ fire: [], clear: ['absence-percentage'], openCase: false });
    expect(decideSignals(['absence-percentage'], { 'absence-percentage': 'cleared' }, false).openCase).toBe(
      true,
    );
  });

  it('picks the primary trigger in the guide’s order', () => {
    expect(decideSignals(['repeated-late-arrival', 'lesson-absence'], {}, false).primary).toBe(
      'lesson-absence',
    );
  });

  it('derives deterministic signal ids', () => {
    expect(signalId('s1', 'absence-percentage', 'fired', 2)).toBe('s1:absence-percentage:fired:2');
  });
});

describe('caseAbsencePercent', () => {
  it('is the higher of the year and the recent window', () => {
    const result = evaluateAbsence(
      days(autumn, (d) => (d === asOf ? { status: 'absent' } : {})),
      asOf,
      null,
    );
    expect(caseAbsencePercent(result.figures)).toBe(result.figures.recent.percent);
    expect(caseAbsencePercent(evaluateAbsence([], asOf, null).figures)).toBeNull();
  });
});

describe('parseDetectionPolicy', () => {
  it('merges valid overrides onto the defaults', () => {
    expect(parseDetectionPolicy({ lateOrEarlyCount: 6 })).toEqual({
      ok: true,
      policy: { ...policy, lateOrEarlyCount: 6 },
    });
  });
  it('names unknown keys and bad values', () => {
    expect(parseDetectionPolicy({ lateCount: 2, recentSchoolDays: 2.5, absencePercent: 0 })).toEqual({
      ok: false,
      errors: [
        'lateCount: unknown setting',
        'recentSchoolDays: must be a whole number from 5 to 60',
        'absencePercent: must be a number from 1 to 100',
      ],
    });
    expect(parseDetectionPolicy([])).toEqual({ ok: false, errors: ['must be a JSON object'] });
  });
});

describe('the synthetic generator', () => {
  const students = [
    { studentRef: 'A', pattern: 'regular' as const },
    { studentRef: 'B', pattern: 'monday-absent' as const },
    { studentRef: 'C', pattern: 'rising' as const },
    { studentRef: 'D', pattern: 'chronic-late' as const },
    { studentRef: 'E', pattern: 'long-illness' as const },
  ];
  const records = generateAttendance({ seed: 42, students, from: '2026-08-17', to: asOf });
  const of = (ref: string) =>
    evaluateAbsence(
      records.filter((r) => r.studentRef === ref),
      asOf,
      null,
    );

  it('is deterministic for a seed', () => {
    expect(generateAttendance({ seed: 42, students, from: '2026-08-17', to: asOf })).toEqual(records);
    expect(seededRandom(1)()).toBe(seededRandom(1)());
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });

  it('gives each pattern what the detection should find', () => {
    expect(of('A').concerning).toEqual([]);
    expect(of('B').pattern.weekdays).toEqual(['monday']);
    expect(of('B').concerning).toContain('absence-percentage');
    expect(of('C').figures.trend).toBe('rising');
    expect(of('C').concerning).toContain('absence-percentage');
    expect(of('D').concerning).toEqual(['repeated-late-arrival']);
    expect(of('E').figures.wholeDayRuns[0]).toBe(10);
    expect(of('E').concerning).toContain('absence-percentage');
  });

  it('writes the CSV the import reads', () => {
    const csv = attendanceCsv(records.slice(0, 1));
    expect(csv).toBe(
      `student_ref;date;period;subject;teacher_ref;status;minutes;reason\n${[
        'A',
        records[0]?.date,
        1,
        records[0]?.subjectCode,
        records[0]?.teacherRef,
        records[0]?.status,
        '',
        records[0]?.reason ?? '',
      ].join(';')}\n`,
    );
  });
});

describe('attendanceDays: the records as the days the rule reads', () => {
  it('sums each day by status and by subject and teacher, in date order', () => {
    const records = [
      ...days(['2026-09-02'], (_d, p) => (p <= 2 ? { status: 'absent', reason: 'appointment' } : {})),
      ...days(['2026-09-01'], (_d, p) =>
        p === 1
          ? { status: 'late', minutes: 5 }
          : p === 2
            ? { status: 'left-early', minutes: 20 }
            : p === 3
              ? { status: 'present-not-in-class' }
              : p === 4
                ? { subjectCode: 'MAT', teacherRef: 'T2', status: 'absent', reason: 'illness' }
                : {},
      ),
    ];
    const [first, second] = attendanceDays(records);
    expect(first).toMatchObject({
      date: '2026-09-01',
      registered: 6,
      absent: 1,
      late: 1,
      leftEarly: 1,
      presentNotInClass: 1,
      absentForAppointment: 0,
    });
    expect(first?.lessons).toContainEqual({ subjectCode: 'MAT', teacherRef: 'T2', registered: 2, absent: 1 });
    expect(first?.lessons).toHaveLength(5);
    expect(second).toMatchObject({ date: '2026-09-02', registered: 6, absent: 2, absentForAppointment: 2 });
    expect(attendanceDays([])).toEqual([]);
  });
});

/**
 * The generator's records, roughened so every branch of the rule has data: some lessons left early or
 * present-not-in-class, some without a teacher (null or empty), a few registered twice or on a Saturday.
 */
function roughened(records: readonly GeneratedRecord[], seed: number): GeneratedRecord[] {
  const random = seededRandom(seed);
  const out: GeneratedRecord[] = [];
  for (const r of records) {
    const x = random();
    const copy: GeneratedRecord = { ...r };
    if (x < 0.02) Object.assign(copy, { status: 'left-early', minutes: 15, reason: 'permission' });
    else if (x < 0.04) Object.assign(copy, { status: 'present-not-in-class', minutes: null, reason: null });
    else if (x < 0.05) copy.teacherRef = null;
    else if (x < 0.055) copy.teacherRef = '';
    else if (x < 0.06) Object.assign(copy, { status: 'absent', reason: 'appointment', minutes: null });
    out.push(copy);
    if (random() < 0.003) out.push({ ...copy, status: 'absent', reason: 'unknown', minutes: null });
    if (random() < 0.001) out.push({ ...copy, date: saturdayAfter(copy.date) });
  }
  // Any order: the rule sorts.
  return out.reverse();
}

function saturdayAfter(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + ((6 - d.getUTCDay() + 7) % 7));
  return d.toISOString().slice(0, 10);
}

describe('evaluateAttendance: the days give what the records gave (property, on the generator)', () => {
  const students: SyntheticStudent[] = SYNTHETIC_PATTERNS.flatMap((pattern, i) =>
    [0, 1, 2].map((k) => ({ studentRef: `S${i}-${k}`, pattern })),
  );
  // Across a school year's boundary, so records from last year and after the day evaluated are there.
  const policies = [
    DEFAULT_DETECTION_POLICY,
    {
      ...DEFAULT_DETECTION_POLICY,
      recentSchoolDays: 5,
      concentrationMinimumAbsent: 1,
      lessonAbsenceMinimumAbsent: 1,
    },
    {
      ...DEFAULT_DETECTION_POLICY,
      recentSchoolDays: 60,
      concentrationFactor: 1,
      minimumRegisteredLessons: 0,
    },
  ];
  const profiles = [null, { lowerThresholdPercent: 4 }, { lowerThresholdPercent: 7.5 }];
  const evaluatedOn = ['2026-06-10', '2026-08-17', '2026-08-31', '2026-10-05', '2026-11-27', '2026-12-20'];

  for (const seed of [1, 7, 2026]) {
    it(`equals the record-by-record rule for seed ${seed}`, () => {
      const records = roughened(
        generateAttendance({ seed, students, from: '2026-04-01', to: '2026-12-11' }),
        seed,
      );
      let compared = 0;
      for (const student of students) {
        const own = records.filter((r) => r.studentRef === student.studentRef);
        const days = attendanceDays(own);
        for (const on of evaluatedOn) {
          for (const [i, p] of policies.entries()) {
            const profile = profiles[(i + compared) % profiles.length];
            expect(evaluateAttendance(days, on, profile, p)).toEqual(
              evaluateRecordByRecord(own, on, profile, p),
            );
            compared++;
          }
        }
      }
      expect(compared).toBe(students.length * evaluatedOn.length * policies.length);
    });
  }
});

describe('firedSignalOutcome (propose mode, ADR 0015)', () => {
  const free = { hasOpenCase: false, hasPendingProposal: false };
  it('opens or proposes by the mode when nothing blocks', () => {
    expect(firedSignalOutcome('open', free)).toBe('case-opened');
    expect(firedSignalOutcome('propose', free)).toBe('case-proposed');
  });
  it('says what blocks a new case: an open case before a pending proposal', () => {
    expect(firedSignalOutcome('propose', { hasOpenCase: true, hasPendingProposal: true })).toBe(
      'open-case-exists',
    );
    expect(firedSignalOutcome('propose', { hasOpenCase: false, hasPendingProposal: true })).toBe(
      'proposal-pending',
    );
  });
  it('has a Norwegian label for every dismissal reason', () => {
    for (const reason of PROPOSAL_DISMISSAL_REASONS) expect(PROPOSAL_DISMISSAL_LABELS[reason]).toMatch(/\S/);
  });
});
