// The weekly overview's numbers, from the cases read model. Paused cases are counted but their
// deadlines are left out: the clock stands still while a case is paused.
import type { Instant, Step } from '@tiltak/domain';
import { isoWeekKey } from '../oslo-format';
import type { DigestCaseRow, NotificationContextReader } from '@tiltak/persistence';
import { studentReference } from '../student-reference';
import type { DigestDeadlineItem, SchoolDigestSummary } from '../templates/school-digest.template';

const DAY_MS = 86_400_000;
export const DIGEST_UPCOMING_DAYS = 7;

export class SchoolDigestBuilder {
  constructor(
    private readonly context: NotificationContextReader,
    private readonly upcomingDays = DIGEST_UPCOMING_DAYS,
  ) {}

  async build(schoolId: string, now: Date): Promise<SchoolDigestSummary> {
    const schoolName = await this.context.schoolName(schoolId);
    if (schoolName === null) throw new Error(`Unknown school ${schoolId}`);
    const rows = await this.context.casesForDigest(schoolId);
    return summariseSchoolCases({ schoolId, schoolName }, rows, now, this.upcomingDays);
  }
}

/** Pure: counts by step, deadlines passed (oldest first) and due within `upcomingDays` (soonest first). */
export function summariseSchoolCases(
  school: { schoolId: string; schoolName: string },
  rows: readonly DigestCaseRow[],
  now: Date,
  upcomingDays = DIGEST_UPCOMING_DAYS,
): SchoolDigestSummary {
  const openByStep: Record<Step, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  let paused = 0;
  const overdue: DigestDeadlineItem[] = [];
  const upcoming: DigestDeadlineItem[] = [];
  const nowMs = now.getTime();
  const untilMs = nowMs + upcomingDays * DAY_MS;
  for (const row of rows) {
    if (row.status === 'paused') {
      paused += 1;
      continue;
    }
    openByStep[row.step] += 1;
    const student = studentReference('school-staff', row.student);
    for (const deadline of row.deadlines) {
      const dueMs = Date.parse(deadline.dueAt);
      const item: DigestDeadlineItem = {
        caseId: row.caseId,
        student,
        step: deadline.step,
        deadlineKind: deadline.kind,
        dueAt: deadline.dueAt,
      };
      if (dueMs <= nowMs) overdue.push(item);
      else if (dueMs <= untilMs) upcoming.push(item);
    }
  }
  const byDue = (a: DigestDeadlineItem, b: DigestDeadlineItem) =>
    Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.caseId.localeCompare(b.caseId);
  const generatedAt: Instant = now.toISOString();
  return {
    ...school,
    weekKey: isoWeekKey(generatedAt),
    generatedAt,
    openByStep,
    paused,
    overdue: overdue.sort(byDue),
    upcoming: upcoming.sort(byDue),
    upcomingUntil: new Date(untilMs).toISOString(),
  };
}
