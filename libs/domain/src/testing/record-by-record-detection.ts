// The detection rule as it read lesson records one by one, before it read days (evaluateAttendance):
// kept only as the oracle the property test compares the day path with, on the seeded generator's
// data. Not exported from the testing index; nothing but absence-detection.spec.ts uses it.
import {
  DEFAULT_DETECTION_POLICY,
  schoolYearOf,
  type AbsenceFigures,
  type AbsenceShare,
  type AttendanceStatus,
  type Concentration,
  type DetectionPolicy,
  type DetectionResult,
  type LessonRecord,
} from '../absence-detection';
import { concernThresholdPercent, type ConcernThresholdProfile } from '../concern-threshold';
import type { AbsencePattern, ConcernTrigger, LocalDate, Weekday } from '../model';
import { WEEKDAYS } from '../model';
import { isoWeekday } from '../oslo-time';

function share(records: readonly LessonRecord[]): AbsenceShare {
  const absent = records.filter((r) => r.status === 'absent').length;
  return { registered: records.length, absent, percent: percentOf(absent, records.length) };
}

function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

const WEEKDAY_BY_ISO: Record<number, Weekday | undefined> = {
  1: 'monday',
  2: 'tuesday',
  3: 'wednesday',
  4: 'thursday',
  5: 'friday',
};

function concentrations(
  records: readonly LessonRecord[],
  keyOf: (r: LessonRecord) => string | null,
  policy: DetectionPolicy,
  overallPercent: number | null,
): Concentration[] {
  if (overallPercent === null || overallPercent === 0) return [];
  const groups = new Map<string, { registered: number; absent: number }>();
  for (const r of records) {
    const key = keyOf(r);
    if (key === null) continue;
    const g = groups.get(key) ?? { registered: 0, absent: 0 };
    g.registered++;
    if (r.status === 'absent') g.absent++;
    groups.set(key, g);
  }
  const found: Concentration[] = [];
  for (const [key, g] of groups) {
    const percent = percentOf(g.absent, g.registered) ?? 0;
    if (
      g.absent >= policy.concentrationMinimumAbsent &&
      percent >= overallPercent * policy.concentrationFactor
    ) {
      found.push({ key, registered: g.registered, absent: g.absent, percent });
    }
  }
  return found.sort((a, b) => b.percent - a.percent || a.key.localeCompare(b.key));
}

/**
 * The student's figures on `asOf` from their records (any order; records after `asOf` or from
 * another school year are ignored) and which triggers they cross.
 */
export function evaluateRecordByRecord(
  allRecords: readonly LessonRecord[],
  asOf: LocalDate,
  profile: ConcernThresholdProfile | null | undefined,
  policy: DetectionPolicy = DEFAULT_DETECTION_POLICY,
): DetectionResult {
  const year = schoolYearOf(asOf);
  const records = allRecords
    .filter((r) => r.date <= asOf && schoolYearOf(r.date) === year)
    .slice()
    .sort((a, b) => (a.date === b.date ? a.period - b.period : a.date < b.date ? -1 : 1));
  const dates = [...new Set(records.map((r) => r.date))];
  const recentDates = new Set(dates.slice(-policy.recentSchoolDays));
  const previousDates = new Set(dates.slice(-2 * policy.recentSchoolDays, -policy.recentSchoolDays));
  const recentRecords = records.filter((r) => recentDates.has(r.date));
  const thresholdPercent = Math.min(concernThresholdPercent(profile), policy.absencePercent);

  const schoolYear = share(records);
  const recent = { ...share(recentRecords), from: dates.slice(-policy.recentSchoolDays)[0] ?? null };
  const previous = share(records.filter((r) => previousDates.has(r.date)));

  // Whole days: every registered lesson of the day absent; runs over consecutive registered days.
  const byDate = new Map<LocalDate, LessonRecord[]>();
  for (const r of records) {
    const day = byDate.get(r.date);
    if (day) day.push(r);
    else byDate.set(r.date, [r]);
  }
  const wholeDay = dates.map((d) => (byDate.get(d) ?? []).every((r) => r.status === 'absent'));
  const runs: number[] = [];
  let run = 0;
  for (const absent of [...wholeDay, false]) {
    if (absent) run++;
    else if (run > 0) {
      runs.push(run);
      run = 0;
    }
  }
  runs.sort((a, b) => b - a);

  const count = (status: AttendanceStatus) => recentRecords.filter((r) => r.status === status).length;
  // Once per date, not per lesson: a school year is a few hundred lessons over fewer dates.
  const weekdayOf = new Map(dates.map((d) => [d, WEEKDAY_BY_ISO[isoWeekday(d)] ?? null]));
  const weekdays = concentrations(records, (r) => weekdayOf.get(r.date) ?? null, policy, schoolYear.percent);
  const figures: AbsenceFigures = {
    asOf,
    thresholdPercent,
    schoolYear,
    recent,
    previous,
    trend: trendOf(recent.percent, previous.percent),
    wholeDaysAbsent: wholeDay.filter(Boolean).length,
    wholeDayRuns: runs,
    lateArrivalsRecent: count('late'),
    earlyDeparturesRecent: count('left-early'),
    presentNotInClassRecent: count('present-not-in-class'),
    weekdays,
    subjects: concentrations(records, (r) => r.subjectCode, policy, schoolYear.percent),
    teachers: concentrations(records, (r) => r.teacherRef, policy, schoolYear.percent),
  };

  const concerning: ConcernTrigger[] = [];
  const enough = schoolYear.registered >= policy.minimumRegisteredLessons;
  if (
    enough &&
    ((schoolYear.percent ?? 0) >= thresholdPercent || (recent.percent ?? 0) >= thresholdPercent)
  ) {
    concerning.push('absence-percentage');
  }
  if (lessonAbsenceCrossed(recentRecords, policy)) concerning.push('lesson-absence');
  if (figures.presentNotInClassRecent >= policy.presentNotInClassCount)
    concerning.push('present-not-in-class');
  if (figures.lateArrivalsRecent + figures.earlyDeparturesRecent >= policy.lateOrEarlyCount) {
    concerning.push('repeated-late-arrival');
  }

  const pattern: AbsencePattern = {
    weekdays: WEEKDAYS.filter((d) => weekdays.some((w) => w.key === d)),
    consecutiveDays: runs.some((n) => n >= 2),
    singleDays: runs.some((n) => n === 1),
    lateArrivals: figures.lateArrivalsRecent > 0,
    leavingEarly: figures.earlyDeparturesRecent > 0,
    appointmentsOrAssessmentDays: records.some((r) => r.status === 'absent' && r.reason === 'appointment'),
  };
  return { figures, concerning, pattern };
}

function lessonAbsenceCrossed(recentRecords: readonly LessonRecord[], policy: DetectionPolicy): boolean {
  const keys: ((r: LessonRecord) => string | null)[] = [
    (r) => `s:${r.subjectCode}`,
    (r) => r.teacherRef && `t:${r.teacherRef}`,
  ];
  for (const keyOf of keys) {
    const groups = new Map<string, { registered: number; absent: number }>();
    for (const r of recentRecords) {
      const key = keyOf(r);
      if (!key) continue;
      const g = groups.get(key) ?? { registered: 0, absent: 0 };
      g.registered++;
      if (r.status === 'absent') g.absent++;
      groups.set(key, g);
    }
    for (const g of groups.values()) {
      if (
        g.absent >= policy.lessonAbsenceMinimumAbsent &&
        (percentOf(g.absent, g.registered) ?? 0) >= policy.lessonAbsencePercent
      ) {
        return true;
      }
    }
  }
  return false;
}

function trendOf(recent: number | null, previous: number | null): AbsenceFigures['trend'] {
  if (recent === null || previous === null) return 'unknown';
  // Within two percentage points is noise for a class-sized sample.
  if (recent - previous >= 2) return 'rising';
  if (previous - recent >= 2) return 'falling';
  return 'stable';
}
