// Concern detection from lesson attendance (bekymringsfullt fravær): the figures of one student, the
// triggers they cross, the pattern found, and whether a crossing is new (hysteresis). Pure: the worker
// loads the records and the last signals, these functions decide. Policy values are data (ADR 0009).
import type { AbsencePattern, ConcernTrigger, LocalDate, Weekday } from './model';
import { CONCERN_TRIGGERS, WEEKDAYS } from './model';
import { concernThresholdPercent, type ConcernThresholdProfile } from './concern-threshold';
import { isoWeekday } from './oslo-time';

export const ATTENDANCE_STATUSES = [
  'present',
  'absent',
  'late',
  'left-early',
  'present-not-in-class',
] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Why a student was away, as a closed list: free text here would invite health details. */
export const ABSENCE_REASONS = ['illness', 'appointment', 'permission', 'unknown'] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

/** One registered lesson of one student, as the school administration system exported it. */
export interface LessonRecord {
  date: LocalDate;
  /** Lesson number of the day, 1-based. */
  period: number;
  subjectCode: string;
  teacherRef: string | null;
  status: AttendanceStatus;
  /** Minutes late (status late) or missed at the end (left-early); null otherwise. */
  minutes: number | null;
  reason: AbsenceReason | null;
}

export interface DetectionPolicy {
  /** The guide's threshold (10 %), lowered per student by a concern profile. */
  absencePercent: number;
  /** "The last 4 school weeks": this many of the student's most recent registered school days. */
  recentSchoolDays: number;
  /** No percentage trigger until this many lessons are registered this school year. */
  minimumRegisteredLessons: number;
  /** Lesson absence (timefravær): one subject's or teacher's share of absent lessons in the recent window… */
  lessonAbsencePercent: number;
  /** …counted only with at least this many absent lessons in that subject or with that teacher. */
  lessonAbsenceMinimumAbsent: number;
  /** A weekday, subject or teacher is a pattern when its absence rate is this many times the overall rate… */
  concentrationFactor: number;
  /** …and it has at least this many absent lessons this school year. */
  concentrationMinimumAbsent: number;
  /** Repeated late arrival: late arrivals plus early departures in the recent window. */
  lateOrEarlyCount: number;
  /** Present at school but not in class: lessons in the recent window. */
  presentNotInClassCount: number;
}

/**
 * Defaults, with their grounds (ADR 0009): 10 % is the guide's; 20 school days is its "4 weeks";
 * 30 lessons (a school week) keeps one sick day in the first week of school from reading as 17 %;
 * 25 % lesson absence follows Udir's "25 % over two weeks"; 4 late arrivals or early departures is
 * Løten's "more than 3 a month"; 3 lessons present-not-in-class is "repeated" in four weeks.
 */
export const DEFAULT_DETECTION_POLICY: DetectionPolicy = {
  absencePercent: 10,
  recentSchoolDays: 20,
  minimumRegisteredLessons: 30,
  lessonAbsencePercent: 25,
  lessonAbsenceMinimumAbsent: 3,
  concentrationFactor: 2,
  concentrationMinimumAbsent: 4,
  lateOrEarlyCount: 4,
  presentNotInClassCount: 3,
};

export interface AbsenceShare {
  registered: number;
  absent: number;
  /** One decimal; null while nothing is registered. */
  percent: number | null;
}

export interface Concentration {
  key: string;
  registered: number;
  absent: number;
  percent: number;
}

export interface AbsenceFigures {
  asOf: LocalDate;
  /** The threshold applied to this student (their own when lower). */
  thresholdPercent: number;
  schoolYear: AbsenceShare;
  recent: AbsenceShare & { from: LocalDate | null };
  /** The four school weeks before the recent window, for the trend. */
  previous: AbsenceShare;
  trend: 'rising' | 'falling' | 'stable' | 'unknown';
  wholeDaysAbsent: number;
  /** Runs of consecutive whole days absent, longest first (lengths only). */
  wholeDayRuns: number[];
  lateArrivalsRecent: number;
  earlyDeparturesRecent: number;
  presentNotInClassRecent: number;
  weekdays: Concentration[];
  subjects: Concentration[];
  teachers: Concentration[];
}

export interface DetectionResult {
  figures: AbsenceFigures;
  /** Triggers whose figure is at or over its threshold now, in CONCERN_TRIGGERS order. */
  concerning: ConcernTrigger[];
  /** The pattern as the step-1 form asks for it, for prefilling. */
  pattern: AbsencePattern;
}

/** The school year (1 August – 31 July) a date belongs to, e.g. '2026-2027'. */
export function schoolYearOf(date: LocalDate): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const start = month >= 8 ? year : year - 1;
  return `${start}-${start + 1}`;
}

/**
 * One school day of one student's registered lessons, summed: what the rules read. A school year of
 * lessons is a few hundred records a student; its days are a sixth of that, and the database can sum
 * them where the records are (AbsenceStore.loadForDetection), so detection never moves every record.
 */
export interface AttendanceDay {
  date: LocalDate;
  registered: number;
  absent: number;
  late: number;
  leftEarly: number;
  presentNotInClass: number;
  /** Absent lessons with the reason appointment. */
  absentForAppointment: number;
  /** The day's lessons by subject and teacher, in any order; a subject and teacher may come more than once (summed). */
  lessons: LessonGroup[];
}

/** The lessons of one day with one subject and teacher. */
export interface LessonGroup {
  subjectCode: string;
  teacherRef: string | null;
  registered: number;
  absent: number;
}

/** The records (any order, any dates) as days, in date order: the input of evaluateAttendance. */
export function attendanceDays(records: readonly LessonRecord[]): AttendanceDay[] {
  const byDate = new Map<LocalDate, AttendanceDay>();
  for (const r of records) {
    let day = byDate.get(r.date);
    if (!day) {
      day = {
        date: r.date,
        registered: 0,
        absent: 0,
        late: 0,
        leftEarly: 0,
        presentNotInClass: 0,
        absentForAppointment: 0,
        lessons: [],
      };
      byDate.set(r.date, day);
    }
    const absent = r.status === 'absent' ? 1 : 0;
    day.registered++;
    day.absent += absent;
    if (r.status === 'late') day.late++;
    if (r.status === 'left-early') day.leftEarly++;
    if (r.status === 'present-not-in-class') day.presentNotInClass++;
    if (absent && r.reason === 'appointment') day.absentForAppointment++;
    const group = day.lessons.find((g) => g.subjectCode === r.subjectCode && g.teacherRef === r.teacherRef);
    if (group) {
      group.registered++;
      group.absent += absent;
    } else {
      day.lessons.push({ subjectCode: r.subjectCode, teacherRef: r.teacherRef, registered: 1, absent });
    }
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function share(days: readonly AttendanceDay[]): AbsenceShare {
  let registered = 0;
  let absent = 0;
  for (const d of days) {
    registered += d.registered;
    absent += d.absent;
  }
  return { registered, absent, percent: percentOf(absent, registered) };
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

type Tally = Map<string, { registered: number; absent: number }>;

function tally(groups: Tally, key: string | null, registered: number, absent: number): void {
  if (key === null) return;
  const g = groups.get(key);
  if (g) {
    g.registered += registered;
    g.absent += absent;
  } else groups.set(key, { registered, absent });
}

function concentrations(
  groups: Tally,
  policy: DetectionPolicy,
  overallPercent: number | null,
): Concentration[] {
  if (overallPercent === null || overallPercent === 0) return [];
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
 * another school year are ignored) and which triggers they cross: evaluateAttendance of their days.
 */
export function evaluateAbsence(
  allRecords: readonly LessonRecord[],
  asOf: LocalDate,
  profile: ConcernThresholdProfile | null | undefined,
  policy: DetectionPolicy = DEFAULT_DETECTION_POLICY,
): DetectionResult {
  return evaluateAttendance(attendanceDays(allRecords), asOf, profile, policy);
}

/**
 * The rule: the student's figures on `asOf` from their days (any order; days after `asOf` or from
 * another school year are ignored) and which triggers they cross.
 */
export function evaluateAttendance(
  allDays: readonly AttendanceDay[],
  asOf: LocalDate,
  profile: ConcernThresholdProfile | null | undefined,
  policy: DetectionPolicy = DEFAULT_DETECTION_POLICY,
): DetectionResult {
  const year = schoolYearOf(asOf);
  const days = allDays
    .filter((d) => d.date <= asOf && schoolYearOf(d.date) === year)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const recentDays = days.slice(-policy.recentSchoolDays);
  const previousDays = days.slice(-2 * policy.recentSchoolDays, -policy.recentSchoolDays);
  const thresholdPercent = Math.min(concernThresholdPercent(profile), policy.absencePercent);

  const schoolYear = share(days);
  const recent = { ...share(recentDays), from: recentDays[0]?.date ?? null };
  const previous = share(previousDays);

  // Whole days: every registered lesson of the day absent; runs over consecutive registered days.
  const wholeDay = days.map((d) => d.absent === d.registered);
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

  const weekdayGroups: Tally = new Map();
  const subjectGroups: Tally = new Map();
  const teacherGroups: Tally = new Map();
  for (const d of days) {
    tally(weekdayGroups, WEEKDAY_BY_ISO[isoWeekday(d.date)] ?? null, d.registered, d.absent);
    for (const g of d.lessons) {
      tally(subjectGroups, g.subjectCode, g.registered, g.absent);
      tally(teacherGroups, g.teacherRef, g.registered, g.absent);
    }
  }
  const sum = (of: (d: AttendanceDay) => number) => recentDays.reduce((n, d) => n + of(d), 0);
  const weekdays = concentrations(weekdayGroups, policy, schoolYear.percent);
  const figures: AbsenceFigures = {
    asOf,
    thresholdPercent,
    schoolYear,
    recent,
    previous,
    trend: trendOf(recent.percent, previous.percent),
    wholeDaysAbsent: wholeDay.filter(Boolean).length,
    wholeDayRuns: runs,
    lateArrivalsRecent: sum((d) => d.late),
    earlyDeparturesRecent: sum((d) => d.leftEarly),
    presentNotInClassRecent: sum((d) => d.presentNotInClass),
    weekdays,
    subjects: concentrations(subjectGroups, policy, schoolYear.percent),
    teachers: concentrations(teacherGroups, policy, schoolYear.percent),
  };

  const concerning: ConcernTrigger[] = [];
  const enough = schoolYear.registered >= policy.minimumRegisteredLessons;
  if (
    enough &&
    ((schoolYear.percent ?? 0) >= thresholdPercent || (recent.percent ?? 0) >= thresholdPercent)
  ) {
    concerning.push('absence-percentage');
  }
  if (lessonAbsenceCrossed(recentDays, policy)) concerning.push('lesson-absence');
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
    appointmentsOrAssessmentDays: days.some((d) => d.absentForAppointment > 0),
  };
  return { figures, concerning, pattern };
}

function lessonAbsenceCrossed(recentDays: readonly AttendanceDay[], policy: DetectionPolicy): boolean {
  const keys: ((g: LessonGroup) => string | null)[] = [
    (g) => `s:${g.subjectCode}`,
    (g) => (g.teacherRef ? `t:${g.teacherRef}` : null),
  ];
  for (const keyOf of keys) {
    const groups: Tally = new Map();
    for (const d of recentDays) for (const g of d.lessons) tally(groups, keyOf(g), g.registered, g.absent);
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

// ---- Signals: once per crossing ----------------------------------------------------------------------

export const SIGNAL_KINDS = ['fired', 'cleared'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/**
 * What happened to a fired signal: it opened (or proposed, ADR 0015) a case, a case was already open,
 * or a proposal was already waiting for the contact teacher.
 */
export const SIGNAL_OUTCOMES = [
  'case-opened',
  'case-proposed',
  'open-case-exists',
  'proposal-pending',
] as const;
export type SignalOutcome = (typeof SIGNAL_OUTCOMES)[number];

/** The last signal kept for each trigger of one student (absent: never fired). */
export type SignalStates = Partial<Record<ConcernTrigger, SignalKind>>;

export interface SignalDecision {
  /** Crossed now and not before (or fell below since): a new signal each. */
  fire: ConcernTrigger[];
  /** Fired earlier, now below: recorded so the next crossing fires again. */
  clear: ConcernTrigger[];
  /** Whether the fired signals should open a case: only when none is open. */
  openCase: boolean;
  /** The trigger the case is opened for: the first fired in CONCERN_TRIGGERS order. */
  primary: ConcernTrigger | null;
}

/**
 * Hysteresis: a trigger fires when its figure is over the threshold and its last signal is not a
 * firing (never fired, or cleared since). A crossing while a case is open is recorded (so it does not
 * fire again when the case closes with the figure still high) but opens nothing.
 */
export function decideSignals(
  concerning: readonly ConcernTrigger[],
  last: SignalStates,
  hasOpenCase: boolean,
): SignalDecision {
  const fire = CONCERN_TRIGGERS.filter((t) => concerning.includes(t) && last[t] !== 'fired');
  const clear = CONCERN_TRIGGERS.filter((t) => !concerning.includes(t) && last[t] === 'fired');
  return { fire, clear, openCase: fire.length > 0 && !hasOpenCase, primary: fire[0] ?? null };
}

/**
 * A signal's id: the student, the trigger and the how-many-th crossing, so a re-run of the same
 * detection writes nothing twice.
 */
export function signalId(
  studentId: string,
  trigger: ConcernTrigger,
  kind: SignalKind,
  crossing: number,
): string {
  return `${studentId}:${trigger}:${kind}:${crossing}`;
}

/** The figure the case records as absencePercent: the higher of the year's and the recent window's. */
export function caseAbsencePercent(figures: AbsenceFigures): number | null {
  const values = [figures.schoolYear.percent, figures.recent.percent].filter((v): v is number => v !== null);
  return values.length ? Math.max(...values) : null;
}

// ---- Propose mode (ADR 0015) ---------------------------------------------------------------------------

/** What a fired signal does: open the case at once (the default), or propose it to the contact teacher. */
export const DETECTION_MODES = ['open', 'propose'] as const;
export type DetectionMode = (typeof DETECTION_MODES)[number];

/** Why a contact teacher dismisses a proposed case: a closed list, so no free text invites health data. */
export const PROPOSAL_DISMISSAL_REASONS = [
  'known-cause',
  'already-followed-up',
  'registration-error',
  'other-follow-up',
] as const;
export type ProposalDismissalReason = (typeof PROPOSAL_DISMISSAL_REASONS)[number];

/** What teachers read for each reason. */
export const PROPOSAL_DISMISSAL_LABELS: Record<ProposalDismissalReason, string> = {
  'known-cause': 'Kjent årsak som ikke gir grunn til bekymring',
  'already-followed-up': 'Fraværet er allerede fulgt opp',
  'registration-error': 'Feil i fraværsregistreringen',
  'other-follow-up': 'Følges opp på annen måte',
};

export const PROPOSAL_STATUSES = ['pending', 'confirmed', 'dismissed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/**
 * The outcome a fired signal records: what blocks a new case (an open case, then a pending
 * proposal) or what the mode does with it.
 */
export function firedSignalOutcome(
  mode: DetectionMode,
  blockers: { hasOpenCase: boolean; hasPendingProposal: boolean },
): SignalOutcome {
  if (blockers.hasOpenCase) return 'open-case-exists';
  if (blockers.hasPendingProposal) return 'proposal-pending';
  return mode === 'propose' ? 'case-proposed' : 'case-opened';
}

// ---- Policy as configuration --------------------------------------------------------------------------

export type DetectionPolicyParse = { ok: true; policy: DetectionPolicy } | { ok: false; errors: string[] };

const POLICY_BOUNDS: Record<keyof DetectionPolicy, [number, number, 'int' | 'number']> = {
  absencePercent: [1, 100, 'number'],
  recentSchoolDays: [5, 60, 'int'],
  minimumRegisteredLessons: [0, 1000, 'int'],
  lessonAbsencePercent: [1, 100, 'number'],
  lessonAbsenceMinimumAbsent: [1, 100, 'int'],
  concentrationFactor: [1, 10, 'number'],
  concentrationMinimumAbsent: [1, 100, 'int'],
  lateOrEarlyCount: [1, 100, 'int'],
  presentNotInClassCount: [1, 100, 'int'],
};

/** Merges a municipality's overrides onto the defaults; unknown keys and out-of-range values are errors. */
export function parseDetectionPolicy(
  json: unknown,
  base: DetectionPolicy = DEFAULT_DETECTION_POLICY,
): DetectionPolicyParse {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, errors: ['must be a JSON object'] };
  }
  const errors: string[] = [];
  const policy: DetectionPolicy = { ...base };
  for (const [key, value] of Object.entries(json)) {
    const bounds = POLICY_BOUNDS[key as keyof DetectionPolicy] as
      [number, number, 'int' | 'number'] | undefined;
    if (!bounds) {
      errors.push(`${key}: unknown setting`);
      continue;
    }
    const [min, max, kind] = bounds;
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < min ||
      value > max ||
      (kind === 'int' && !Number.isInteger(value))
    ) {
      errors.push(`${key}: must be ${kind === 'int' ? 'a whole number' : 'a number'} from ${min} to ${max}`);
      continue;
    }
    policy[key as keyof DetectionPolicy] = value;
  }
  return errors.length ? { ok: false, errors } : { ok: true, policy };
}
