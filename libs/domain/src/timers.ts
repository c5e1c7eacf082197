// Reminders, missed deadlines and escalations. The workflow sleeps until nextWakeUp, asks which actions
// are due, records each as a system event and applies it; every step here is idempotent so a replay or
// a retried activity never notifies twice.
import type {
  CaseState,
  Deadline,
  DeadlineKind,
  DeadlineStatus,
  Instant,
  ReminderSkipReason,
  StaffRole,
  Step,
  SystemEvent,
} from './model';
import { compareInstants, maxInstant } from './oslo-time';
import { assignServices, partnerServicesIn } from './partner-assignments';
import type { DeadlineRule, LadderPolicy } from './policy';

export type TimerActionKind = 'remind' | 'missed' | 'escalate';

export interface TimerAction {
  kind: TimerActionKind;
  deadlineId: string;
  deadlineKind: DeadlineKind;
  step: Step;
  /** The deadline's due time (what the notification talks about). */
  dueAt: Instant;
  roles: StaffRole[];
  /** When this action fell due: remindAt, dueAt or escalateAt (never before the stage before it). */
  at: Instant;
}

interface Stage {
  kind: TimerActionKind;
  from: DeadlineStatus;
  to: DeadlineStatus;
  time: (deadline: Deadline) => Instant;
  roles: (rule: DeadlineRule) => StaffRole[];
}

// A deadline walks these in order, each at most once: open → reminded → missed → escalated.
const STAGES: readonly Stage[] = [
  {
    kind: 'remind',
    from: 'open',
    to: 'reminded',
    time: (d) => d.remindAt,
    roles: (rule) => rule.remindTo ?? ['contact-teacher'],
  },
  {
    kind: 'missed',
    from: 'reminded',
    to: 'missed',
    time: (d) => d.dueAt,
    roles: (rule) => rule.notifyOnMissed,
  },
  {
    kind: 'escalate',
    from: 'missed',
    to: 'escalated',
    time: (d) => d.escalateAt,
    roles: (rule) => rule.escalateTo,
  },
];

export type TimerNoticeKind = 'reminder' | 'evaluation-due' | 'deadline-missed' | 'escalation';

export interface TimerOutcome {
  systemEvent: 'reminder-due' | 'deadline-missed' | 'escalated';
  notice(kind: DeadlineKind): TimerNoticeKind;
}

/** Deadlines that end a 3-week measures period: their reminder says the evaluation is due. */
const EVALUATION_DEADLINES: ReadonlySet<DeadlineKind> = new Set([
  'step2-evaluation',
  'step3-evaluation',
  'step4-evaluation',
]);

/**
 * What happens when a timer fires, in one place: the system event the timeline records and the
 * notice people get. E.g. a step-2 meeting deadline passing (`missed`) records `deadline-missed` and
 * sends a `deadline-missed` notice to the policy's `notifyOnMissed` roles (STAGES above).
 */
export const TIMER_OUTCOMES: Readonly<Record<TimerActionKind, TimerOutcome>> = {
  remind: {
    systemEvent: 'reminder-due',
    notice: (kind) => (EVALUATION_DEADLINES.has(kind) ? 'evaluation-due' : 'reminder'),
  },
  missed: { systemEvent: 'deadline-missed', notice: () => 'deadline-missed' },
  escalate: { systemEvent: 'escalated', notice: () => 'escalation' },
};
/**
 * Every action due at `now`, oldest first. A deadline whose times have all passed (a late entry, a
 * worker that was down) yields its pending actions together, still in order: remind, missed, escalate.
 * Nothing fires while the case is paused or closed.
 */
export function dueTimerActions(state: CaseState, now: Instant, policy: LadderPolicy): TimerAction[] {
  if (state.status !== 'open') return [];
  const actions: { action: TimerAction; order: number }[] = [];
  state.deadlines.forEach((deadline, deadlineIndex) => {
    const rule = policy.deadlines[deadline.kind];
    let previous: Instant | null = null;
    for (const [stageIndex, stage] of pendingStages(deadline)) {
      // A later stage is never due before an earlier one, even if its own time is earlier (an
      // hours offset moved across a weekend by a pause), so the order can never invert.
      const at: Instant =
        previous === null ? stage.time(deadline) : maxInstant(previous, stage.time(deadline));
      if (compareInstants(at, now) > 0) break;
      previous = at;
      actions.push({
        action: {
          kind: stage.kind,
          deadlineId: deadline.id,
          deadlineKind: deadline.kind,
          step: deadline.step,
          dueAt: deadline.dueAt,
          roles: [...stage.roles(rule)],
          at,
        },
        order: stageIndex * 1000 + deadlineIndex,
      });
    }
  });
  return actions
    .sort((a, b) => compareInstants(a.action.at, b.action.at) || a.order - b.order)
    .map(({ action }) => action);
}

/**
 * The case after a timer action was recorded. Stale or repeated actions (the deadline was fulfilled,
 * or has already moved past that stage) leave the case unchanged. `now` is when the system event was
 * recorded; it defaults to the action's own time.
 */
export function applyTimerAction(state: CaseState, action: TimerAction, now: Instant = action.at): CaseState {
  const stage = STAGES.find((candidate) => candidate.kind === action.kind);
  const deadline = state.deadlines.find((candidate) => candidate.id === action.deadlineId);
  if (!stage || !deadline || deadline.status !== stage.from) return state;
  const applied: CaseState = {
    ...state,
    deadlines: state.deadlines.map((candidate) =>
      candidate.id === deadline.id ? { ...candidate, status: stage.to } : candidate,
    ),
    eventCount: state.eventCount + 1,
    lastEventAt: maxInstant(state.lastEventAt, now),
  };
  if (action.kind === 'remind') return applied;
  // A missed deadline or an escalation that names a partner service brings that service into the case,
  // so the notice it gets leads to a case it can open.
  return assignServices(
    applied,
    partnerServicesIn(action.roles),
    'escalation',
    timerEventId(state.caseId, action),
    now,
  );
}

/** When the workflow should next wake for this case; null when nothing is pending (or paused/closed). */
export function nextWakeUp(state: CaseState): Instant | null {
  if (state.status !== 'open') return null;
  let earliest: Instant | null = null;
  for (const deadline of state.deadlines) {
    const [next] = pendingStages(deadline);
    if (!next) continue;
    const at = next[1].time(deadline);
    if (earliest === null || compareInstants(at, earliest) < 0) earliest = at;
  }
  return earliest;
}

/**
 * A reminder that fires once its deadline has passed (after a worker outage every overdue stage fires
 * at once) is not sent: the missed-deadline notice right behind it says it all. The timeline still
 * records the reminder, as skipped.
 */
export function reminderSkipReason(action: TimerAction, now: Instant): ReminderSkipReason | null {
  return action.kind === 'remind' && compareInstants(action.dueAt, now) <= 0 ? 'deadline-passed' : null;
}

/**
 * The system event recording a timer action; its id is deterministic so retries never double it. A
 * reminder that was not sent says why (`skipped`).
 */
export function systemEventFor(
  caseId: string,
  action: TimerAction,
  now: Instant,
  skipped: ReminderSkipReason | null = null,
): SystemEvent {
  const type = TIMER_OUTCOMES[action.kind].systemEvent;
  const eventId = timerEventId(caseId, action);
  const subject = { deadlineId: action.deadlineId, kind: action.deadlineKind, dueAt: action.dueAt };
  switch (type) {
    case 'reminder-due':
      return {
        type,
        eventId,
        occurredAt: now,
        payload: { ...subject, notifyRoles: [...action.roles], ...(skipped ? { skipped } : {}) },
      };
    case 'deadline-missed':
      return { type, eventId, occurredAt: now, payload: { ...subject, notifyRoles: [...action.roles] } };
    case 'escalated':
      return { type, eventId, occurredAt: now, payload: { ...subject, escalateToRoles: [...action.roles] } };
  }
}

/** The id of the system event recording a timer action. */
export function timerEventId(caseId: string, action: Pick<TimerAction, 'kind' | 'deadlineId'>): string {
  return `${caseId}:${TIMER_OUTCOMES[action.kind].systemEvent}:${action.deadlineId}`;
}

function pendingStages(deadline: Deadline): [number, Stage][] {
  const first = STAGES.findIndex((stage) => stage.from === deadline.status);
  return first < 0 ? [] : STAGES.slice(first).map((stage, offset) => [first + offset, stage]);
}
