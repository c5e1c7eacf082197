import { DEADLINE_KINDS, type DeadlineKind } from './model';
import { caseOpenedNotice, noticesForEvent, timerNotice, type NoticeKind } from './notices';
import { openCase } from './case-rules';
import { defaultLadderPolicy } from './default-policy';
import { osloLocalToInstant } from './oslo-time';
import { exampleCalendar2026_2027 } from './school-calendar';
import { buildCaseEvent, buildOpenCaseInput } from './testing';
import { TIMER_OUTCOMES, timerEventId, type TimerAction, type TimerActionKind } from './timers';

const policy = defaultLadderPolicy();
const at = osloLocalToInstant('2026-11-23', '10:00');
const state = openCase(buildOpenCaseInput({ openedAt: at }), policy, [exampleCalendar2026_2027()]);

function action(kind: TimerActionKind, deadlineKind: DeadlineKind): TimerAction {
  return {
    kind,
    deadlineId: `${deadlineKind}#1`,
    deadlineKind,
    step: 2,
    dueAt: '2026-11-30T14:00:00.000Z',
    roles: ['contact-teacher', 'school-leadership'],
    at: '2026-11-30T14:00:00.000Z',
  };
}

// One row per timer action and deadline kind: what the timeline records and which notice goes out.
const EXPECTED: Record<TimerActionKind, (kind: DeadlineKind) => [string, NoticeKind]> = {
  remind: (kind) => ['reminder-due', kind.endsWith('-evaluation') ? 'evaluation-due' : 'reminder'],
  missed: () => ['deadline-missed', 'deadline-missed'],
  escalate: () => ['escalated', 'escalation'],
};

describe('what a timer does when it fires', () => {
  const rows = (['remind', 'missed', 'escalate'] as const).flatMap((kind) =>
    DEADLINE_KINDS.map((deadlineKind) => [kind, deadlineKind] as const),
  );

  it.each(rows)('%s on a %s deadline', (kind, deadlineKind) => {
    const [systemEvent, notice] = EXPECTED[kind](deadlineKind);
    expect(TIMER_OUTCOMES[kind].systemEvent).toBe(systemEvent);
    const eventId = timerEventId(state.caseId, action(kind, deadlineKind));
    expect(eventId).toBe(`${state.caseId}:${systemEvent}:${deadlineKind}#1`);
    expect(timerNotice(state, action(kind, deadlineKind), eventId, at)).toEqual({
      key: eventId,
      caseId: state.caseId,
      schoolId: state.schoolId,
      kind: notice,
      roles: ['contact-teacher', 'school-leadership'],
      step: 2,
      deadlineKind,
      dueAt: '2026-11-30T14:00:00.000Z',
      requestedAt: at,
    });
  });

  it('a step-2 meeting deadline passing: the timeline says deadline-missed, the notice too', () => {
    const missed = action('missed', 'step2-meeting');
    expect(TIMER_OUTCOMES.missed.systemEvent).toBe('deadline-missed');
    expect(timerNotice(state, missed, 'id', at).kind).toBe('deadline-missed');
  });
});

describe('notices for people’s events', () => {
  it('tells the contact teacher of a new case, keyed by the case', () => {
    expect(caseOpenedNotice(state, at)).toMatchObject({
      key: `${state.caseId}:case-opened`,
      kind: 'case-opened',
      roles: ['contact-teacher'],
      step: 1,
      deadlineKind: null,
      dueAt: null,
    });
  });

  it('tells the service a referral names, keyed by the referral', () => {
    const referral = buildCaseEvent('referral-sent', { payload: { to: 'competence-team' } });
    expect(noticesForEvent(state, referral, at)).toEqual([
      expect.objectContaining({
        key: `${state.caseId}:referral:${referral.eventId}`,
        kind: 'referral',
        roles: ['competence-team'],
      }),
    ]);
  });

  it('sends nothing for a note', () => {
    expect(noticesForEvent(state, buildCaseEvent('note-added'), at)).toEqual([]);
  });
});
