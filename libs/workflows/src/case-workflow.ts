// One durable workflow per concern case: it owns the step, the deadlines and the 3-week loops. People's
// events arrive as Updates (validated against the current step before they enter history); timers fire
// reminders, missed-deadline notices and escalations. All rules come from @tiltak/domain.
import {
  ApplicationFailure,
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
  log,
} from '@temporalio/workflow';
import {
  applyEvent,
  applyTimerAction,
  dueTimerActions,
  nextWakeUp,
  openCase,
  systemEventFor,
  validateEvent,
  type CaseEvent,
  type CaseState,
  type SchoolCalendar,
  type SystemEvent,
  type TimerAction,
} from '@tiltak/domain';
import {
  SEARCH_ATTRIBUTES,
  getStateQuery,
  notificationWorkflowId,
  recordEventUpdate,
  type CaseActivities,
  type CaseWorkflowInput,
  type NotificationRequest,
  type RecordedEvent,
  type RecordEventResult,
} from './case-workflow.contract';
import { notificationWorkflow } from './notification-workflow';
import { Mutex } from './mutex';

const activities = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  // PostgreSQL may be down for a while: keep retrying, nothing accepted is ever dropped.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export interface CaseOutcome {
  caseId: string;
  status: 'closed';
  closedAt: string | null;
  closeReason: string | null;
}

const now = (): string => new Date(Date.now()).toISOString();

export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseOutcome> {
  const { policy } = input;
  const mutex = new Mutex();
  let calendars: SchoolCalendar[];
  let state: CaseState;
  let wake = false;

  if (input.carried) {
    ({ state, calendars } = input.carried);
  } else {
    calendars = await activities.loadSchoolCalendars({ schoolId: input.open.schoolId });
    state = openCase(input.open, policy, calendars);
    const opened: SystemEvent[] = [
      {
        type: 'case-opened',
        eventId: `${state.caseId}:case-opened`,
        occurredAt: input.open.openedAt,
        payload: {
          trigger: input.open.trigger,
          absencePercent: input.open.absencePercent,
          ownerStaffId: input.open.ownerStaffId,
        },
      },
    ];
    await activities.persistCaseEvents({ state, events: opened.map((e) => recorded(state, e)) });
    await requestNotifications([
      notificationRequest(state, 'case-opened', `${state.caseId}:case-opened`, ['contact-teacher'], null),
    ]);
  }
  publishSearchAttributes(state);

  setHandler(getStateQuery, () => state);

  setHandler(
    recordEventUpdate,
    async (event: CaseEvent): Promise<RecordEventResult> =>
      mutex.run(async () => {
        // Re-check under the lock: another update may have changed the step since validation.
        rejectIfInvalid(state, event);
        const before = state;
        const next = applyEvent(state, event, policy, calendars);
        const events: RecordedEvent[] = [recorded(before, event)];
        if (next.step !== before.step && next.status !== 'closed') {
          events.push(
            recorded(next, {
              type: 'step-entered',
              eventId: `${state.caseId}:step-entered:${next.step}:${event.eventId}`,
              occurredAt: now(),
              payload: { step: next.step },
            }),
          );
        }
        await activities.persistCaseEvents({ state: next, events });
        state = next;
        const followUps = notificationsForEvent(before, next, event);
        if (followUps.length) await requestNotifications(followUps);
        publishSearchAttributes(state);
        wake = true;
        return { event: events[0]!, state };
      }),
    { validator: (event: CaseEvent) => rejectIfInvalid(state, event) },
  );

  for (;;) {
    if (state.status === 'closed') break;
    const due = dueTimerActions(state, now(), policy);
    if (due.length) {
      await mutex.run(() => fireTimers(due));
      continue;
    }
    const nextAt = nextWakeUp(state);
    const timeoutMs = nextAt ? Math.max(1, Date.parse(nextAt) - Date.now()) : undefined;
    if (timeoutMs === undefined) await condition(() => wake || continueAsNewDue());
    else await condition(() => wake || continueAsNewDue(), timeoutMs);
    wake = false;
    if (continueAsNewDue()) {
      await condition(allHandlersFinished);
      log.info('Continuing as new', { caseId: state.caseId, events: state.eventCount });
      // Calendars are reloaded so a case that outlives a school year sees the next year's calendar.
      const fresh = await activities.loadSchoolCalendars({ schoolId: state.schoolId });
      await continueAsNew<typeof caseWorkflow>({ ...input, carried: { state, calendars: fresh } });
    }
  }

  await condition(allHandlersFinished);
  return { caseId: state.caseId, status: 'closed', closedAt: state.closedAt, closeReason: state.closeReason };

  async function fireTimers(actions: TimerAction[]): Promise<void> {
    let next = state;
    const events: RecordedEvent[] = [];
    const requests: NotificationRequest[] = [];
    for (const action of actions) {
      const system = systemEventFor(state.caseId, action, now());
      events.push(recorded(next, system));
      next = applyTimerAction(next, action);
      requests.push(
        notificationRequest(
          next,
          action.kind === 'remind'
            ? action.deadlineKind.endsWith('-evaluation')
              ? 'evaluation-due'
              : 'reminder'
            : action.kind === 'missed'
              ? 'deadline-missed'
              : 'escalation',
          system.eventId,
          action.roles,
          action,
        ),
      );
    }
    await activities.persistCaseEvents({ state: next, events });
    state = next;
    await requestNotifications(requests);
    publishSearchAttributes(state);
  }

  async function requestNotifications(requests: NotificationRequest[]): Promise<void> {
    await activities.requestNotifications({ requests });
    for (const request of requests) {
      try {
        // A child per notice, id = its key: started once even across retries and continue-as-new,
        // and it outlives this run so a slow SMTP server never holds the case back.
        await startChild(notificationWorkflow, {
          workflowId: notificationWorkflowId(request.key),
          args: [request],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        });
      } catch (err) {
        if (!(err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError')) throw err;
      }
    }
  }

  function continueAsNewDue(): boolean {
    return workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= policy.continueAsNewAfterEvents;
  }
}

function rejectIfInvalid(state: CaseState, event: CaseEvent): void {
  const verdict = validateEvent(state, event, now());
  if (!verdict.ok) throw ApplicationFailure.nonRetryable(verdict.message, verdict.code);
}

function recorded(state: CaseState, event: CaseEvent | SystemEvent): RecordedEvent {
  return { ...event, caseId: state.caseId, step: state.step, recordedAt: now() } as RecordedEvent;
}

function notificationRequest(
  state: CaseState,
  kind: NotificationRequest['kind'],
  key: string,
  roles: NotificationRequest['roles'],
  action: TimerAction | null,
): NotificationRequest {
  return {
    key,
    caseId: state.caseId,
    schoolId: state.schoolId,
    kind,
    roles,
    step: action?.step ?? state.step,
    deadlineKind: action?.deadlineKind ?? null,
    dueAt: action?.dueAt ?? null,
    requestedAt: now(),
  };
}

/** People's events that someone else must hear about. */
function notificationsForEvent(before: CaseState, after: CaseState, event: CaseEvent): NotificationRequest[] {
  if (event.type === 'referral-sent') {
    return [notificationRequest(after, 'referral', `${after.caseId}:referral:${event.eventId}`, ['competence-team'], null)];
  }
  void before;
  return [];
}

function publishSearchAttributes(state: CaseState): void {
  const next = nextWakeUpDeadline(state);
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.step, value: state.step },
    { key: SEARCH_ATTRIBUTES.status, value: state.status },
    { key: SEARCH_ATTRIBUTES.schoolId, value: state.schoolId },
    { key: SEARCH_ATTRIBUTES.nextDeadline, value: next ? new Date(next) : null },
    { key: SEARCH_ATTRIBUTES.overdue, value: state.deadlines.some((d) => d.status === 'missed' || d.status === 'escalated') },
  ]);
}

function nextWakeUpDeadline(state: CaseState): string | null {
  const open = state.deadlines.filter(() => state.status === 'open').map((d) => d.dueAt);
  open.sort();
  return open[0] ?? null;
}
