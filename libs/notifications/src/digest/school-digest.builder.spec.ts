import type { Deadline } from '@tiltak/domain';
import { summariseSchoolCases } from './school-digest.builder';

const deadline = (kind: Deadline['kind'], step: Deadline['step'], dueAt: string): Deadline => ({
  id: `${kind}#1`,
  kind,
  step,
  dueAt,
  remindAt: dueAt,
  escalateAt: dueAt,
  status: 'open',
});

const student = (caseId: string, className: string, givenName: string, familyName: string) => ({
  caseId,
  className,
  givenName,
  familyName,
});

describe('summarising a school for the weekly digest', () => {
  const now = new Date('2026-03-30T05:00:00.000Z');
  const summary = summariseSchoolCases(
    { schoolId: 's-1', schoolName: 'Fjellvang skole' },
    [
      {
        caseId: 'c-1',
        step: 2,
        status: 'open',
        deadlines: [deadline('step2-meeting', 2, '2026-03-27T14:00:00.000Z')],
        student: student('c-1', '6A', 'Sigrid', 'Haugen'),
      },
      {
        caseId: 'c-2',
        step: 3,
        status: 'open',
        deadlines: [
          deadline('step3-evaluation', 3, '2026-04-02T13:00:00.000Z'),
          deadline('step3-meeting', 3, '2026-04-20T13:00:00.000Z'),
        ],
        student: student('c-2', '9C', 'Ola', 'Berge'),
      },
      {
        caseId: 'c-3',
        step: 2,
        status: 'paused',
        deadlines: [deadline('step2-evaluation', 2, '2026-03-20T14:00:00.000Z')],
        student: student('c-3', '5B', 'Liv', 'Dahl'),
      },
    ],
    now,
  );

  it('counts open cases by step and paused cases apart', () => {
    expect(summary.openByStep).toEqual({ 1: 0, 2: 1, 3: 1, 4: 0 });
    expect(summary.paused).toBe(1);
    expect(summary.weekKey).toBe('2026-W14');
  });

  it('lists passed deadlines and those of the next seven days, leaving out paused cases', () => {
    expect(summary.overdue).toEqual([
      {
        caseId: 'c-1',
        student: '6A, S.H.',
        step: 2,
        deadlineKind: 'step2-meeting',
        dueAt: '2026-03-27T14:00:00.000Z',
      },
    ]);
    expect(summary.upcoming.map((u) => u.deadlineKind)).toEqual(['step3-evaluation']);
    expect(summary.upcomingUntil).toBe('2026-04-06T05:00:00.000Z');
  });
});
