// Who must hear about what happens to a case, as requests the notification side turns into emails.
// Pure: the workflow calls these and starts one notification workflow per request (its id the request key).
import type { CaseEvent, CaseState, DeadlineKind, Instant, StaffRole, Step } from './model';
import { TIMER_OUTCOMES, type TimerAction } from './timers';

export const NOTICE_KINDS = [
  'case-opened',
  'reminder',
  'deadline-missed',
  'escalation',
  'evaluation-due',
  'referral',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** What the workflow asks the notifications side to send. Idempotent by `key`. */
export interface NotificationRequest {
  key: string;
  caseId: string;
  schoolId: string;
  kind: NoticeKind;
  roles: StaffRole[];
  step: Step;
  deadlineKind: DeadlineKind | null;
  dueAt: Instant | null;
  requestedAt: Instant;
}

/** The contact teacher hears of a new case at once: step 1 is due the same day. */
export function caseOpenedNotice(state: CaseState, requestedAt: Instant): NotificationRequest {
  return caseNotice(state, 'case-opened', `${state.caseId}:case-opened`, ['contact-teacher'], requestedAt);
}

/**
 * The notice a timer action sends, keyed by the system event that records it (so a retried or
 * replayed timer never notifies twice). Which notice it is comes from TIMER_OUTCOMES.
 */
export function timerNotice(
  state: CaseState,
  action: TimerAction,
  systemEventId: string,
  requestedAt: Instant,
): NotificationRequest {
  return {
    key: systemEventId,
    caseId: state.caseId,
    schoolId: state.schoolId,
    kind: TIMER_OUTCOMES[action.kind].notice(action.deadlineKind),
    roles: action.roles,
    step: action.step,
    deadlineKind: action.deadlineKind,
    dueAt: action.dueAt,
    requestedAt,
  };
}

/** People's events that someone else must hear about: a referral tells the service it names. */
export function noticesForEvent(
  after: CaseState,
  event: CaseEvent,
  requestedAt: Instant,
): NotificationRequest[] {
  if (event.type !== 'referral-sent') return [];
  return [
    caseNotice(
      after,
      'referral',
      `${after.caseId}:referral:${event.eventId}`,
      [event.payload.to],
      requestedAt,
    ),
  ];
}

function caseNotice(
  state: CaseState,
  kind: NoticeKind,
  key: string,
  roles: StaffRole[],
  requestedAt: Instant,
): NotificationRequest {
  return {
    key,
    caseId: state.caseId,
    schoolId: state.schoolId,
    kind,
    roles,
    step: state.step,
    deadlineKind: null,
    dueAt: null,
    requestedAt,
  };
}
