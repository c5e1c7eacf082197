// One durable workflow per concern case: it owns the step, the deadlines and the 3-week loops. People's
// events arrive as Updates (validated against the current step before they enter history); timers fire
// reminders, missed-deadline notices and escalations. All rules come from @tiltak/domain.
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  sleep,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
  log,
  patched,
} from '@temporalio/workflow';
import {
  applyEvent,
  applyTimerAction,
  caseCurrentDetails,
  caseEndedEvent,
  caseOpenedEvent,
  caseOpenedNotice,
  dueTimerActions,
  nextWakeUp,
  noticesForEvent,
  openCase,
  stepEnteredEvent,
  partnerAssignedEvents,
  reminderSkipReason,
  systemEventFor,
  timerNotice,
  upgradeRecordedEvent,
  validateEvent,
  type CaseEvent,
  type CaseState,
  type SchoolCalendar,
  type SystemEvent,
  type TimerAction,
} from '@tiltak/domain';
import {
  EVENT_NOT_STORABLE,
  SEARCH_ATTRIBUTES,
  getStateQuery,
  notificationWorkflowId,
  openedUpdate,
  recordEventUpdate,
  type CaseActivities,
  type CaseWorkflowInput,
  type NotificationRequest,
  type RecordedEvent,
  type RecordEventResult,
} from './case-workflow.contract';
import { recordTimerLateness } from './case-metrics';
import { LOCAL_FIRST_OPTIONS, locallyFirst } from './local-first';
import { caseSearchAttributeValues } from './case-search-attributes';
import { notificationWorkflow } from './notification-workflow';
import { Mutex } from './mutex';

const activities = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  // PostgreSQL may be down for a while: keep retrying, nothing accepted is ever dropped.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Under the case's lock an event waits this long for PostgreSQL, no more: then it is kept in the
// workflow (pending) and written in the background, so the case's own timers never wait on a failing
// write (docs/adr/0003). Short enough that a person still gets an answer (202) within the API's wait.
const persistUnderLock = proxyActivities<Pick<CaseActivities, 'persistCaseEvents'>>({
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: '20 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '4 seconds',
    maximumAttempts: 4,
  },
});

// The same writes and reads as local activities (FEWER_WORKFLOW_TASKS): run by the worker inside the
// workflow task that asked for them, so an event costs one workflow task instead of two plus an
// activity task. While a local activity runs, the workflow task stays open and nothing new (an Update's
// acceptance, a query) is answered, so they get a short bound; when PostgreSQL does not answer within
// it, the regular activity above takes over with its own bounds and retries (ADR 0003 unchanged).
const local =
  proxyLocalActivities<
    Pick<CaseActivities, 'persistCaseEvents' | 'loadSchoolCalendars' | 'startNotificationWorkflows'>
  >(LOCAL_FIRST_OPTIONS);

// A batch PostgreSQL refuses as data is tried again this often (an operator may fix the database).
const REFUSED_BATCH_RETRY_FIRST_MS = 60_000;
const REFUSED_BATCH_RETRY_MAX_MS = 60 * 60_000;

export interface CaseOutcome {
  caseId: string;
  status: 'closed';
  closedAt: string | null;
  closeReason: string | null;
}

const RECENT_EVENTS_KEPT = 50;

/** Patch id: notices are only child workflows; the notification_requests activity is gone. */
export const NOTICES_AS_CHILD_WORKFLOWS_ONLY = 'notices-as-child-workflows-only';
/** Patch id: a reminder that fires after its deadline is recorded as skipped and not sent. */
export const SKIP_REMINDERS_PAST_DEADLINE = 'skip-reminders-past-deadline';
/** Patch id: a closing case records `case-ended` after the deciding event. */
export const CASE_ENDED_ENTRY = 'case-ended-entry';
/**
 * Patch id: an event first applies the deadline stages that fell due before it was accepted (after a
 * worker outage the fired timer and the event arrive in one workflow task, the event's handler first).
 */
export const OVERDUE_STAGES_BEFORE_EVENT = 'overdue-stages-before-event';
/**
 * Patch id: fewer workflow tasks and commands per event (docs/adr/0012). The opening's reads and first
 * write and the appends under the lock run as local activities; search attributes are upserted only
 * when they change; the wake-up timer is kept while the next wake-up stays the same instead of being
 * cancelled and started again by every event.
 */
export const FEWER_WORKFLOW_TASKS = 'fewer-workflow-tasks-per-event';
/**
 * Patch id: a notice's workflow is started by a local activity through the worker's client, not as a
 * child, so the case takes no workflow task for the child's start and none for its end (ADR 0012).
 */
export const NOTICES_STARTED_LOCALLY = 'notices-started-by-local-activity';
/**
 * Patch id: the opening's notice is started in a workflow task after the one that answers the `opened`
 * Update (a 1 ms timer between them), so the API's answer waits for the first write only, not for the
 * notice's start and the notice's own first task on the same worker (ADR 0012).
 */
export const OPENING_NOTICE_AFTER_ANSWER = 'opening-notice-after-the-answer';

const now = (): string => new Date(Date.now()).toISOString();

export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseOutcome> {
  const { policy } = input;
  const mutex = new Mutex();
  let calendars: SchoolCalendar[] = [];
  // Undefined only while a new case is opening (first activities); handlers wait for it.
  let state: CaseState | undefined = input.carried?.state;
  let wake = false;
  let alarm: Alarm | null = null;
  // The search attribute values last upserted (JSON), so an event that changes none of them upserts nothing.
  let publishedAttributes: string | null = null;
  // Temporal dedupes Update ids within one run only; these carry the last accepted events across
  // continue-as-new, so a retried request gets its first answer instead of a second event.
  const recentEvents: RecordedEvent[] = [...(input.carried?.recentEvents ?? [])];
  const earlier = (eventId: string) => recentEvents.find((e) => e.eventId === eventId);
  // Applied to the state but not yet in PostgreSQL, oldest first; written by flushPending only, so the
  // audit trail keeps the order. Always empty at continue-as-new, which waits for it.
  const pending: RecordedEvent[] = [];
  const isStored = (eventId: string) => !pending.some((e) => e.eventId === eventId);

  // Handlers are registered before the first await, so an Update sent right after start is never lost.
  setHandler(getStateQuery, () => {
    if (!state)
      throw ApplicationFailure.nonRetryable('The case is still opening; try again shortly', 'CASE_OPENING');
    return state;
  });

  // The API opens a case with this Update sent along with the start: answered once the first state is stored.
  setHandler(openedUpdate, async (): Promise<CaseState> => {
    await condition(() => state !== undefined);
    return current();
  });

  setHandler(
    recordEventUpdate,
    async (sent: CaseEvent): Promise<RecordEventResult> => {
      // Histories recorded by older versions hold older names (the step-3 meeting's `team-meeting`).
      const event = upgradeRecordedEvent(sent);
      const outcome = await mutex.run(async (): Promise<RecordEventResult> => {
        await condition(() => state !== undefined);
        const seen = earlier(event.eventId);
        if (seen) return { event: seen, state: current() };
        // Stages due before this event are recorded (and their notices sent) first, in due order; else
        // the event would meet the deadline and the main loop would find nothing left to fire.
        const overdue = dueTimerActions(current(), now(), policy);
        if (overdue.length && patched(OVERDUE_STAGES_BEFORE_EVENT)) await fireTimers(overdue);
        const before = current();
        // Re-check under the lock: another update may have changed the step since validation.
        rejectIfInvalid(before, event);
        const next = applyEvent(before, event, policy, calendars);
        const accepted = recorded(before, event);
        const events: RecordedEvent[] = [
          accepted,
          ...partnerAssignedEvents(before, next).map((e) => recorded(next, e)),
        ];
        if (next.step !== before.step && next.status !== 'closed') {
          events.push(recorded(next, stepEnteredEvent(next.caseId, next.step, event.eventId, now())));
        }
        if (next.status === 'closed' && patched(CASE_ENDED_ENTRY)) {
          events.push(recorded(next, caseEndedEvent(next, event.eventId, now())));
        }
        // Refused by PostgreSQL as data: the Update fails and nothing was applied.
        await commit(next, events, 'person');
        recentEvents.push(accepted);
        if (recentEvents.length > RECENT_EVENTS_KEPT) recentEvents.shift();
        const followUps = noticesForEvent(next, event, now());
        if (followUps.length) await requestNotifications(followUps);
        publishSearchAttributes(next);
        wake = true;
        return { event: accepted, state: next };
      });
      // Kept in the workflow while PostgreSQL fails: answered once it is in the audit trail (the API
      // says 202 meanwhile), outside the lock so the timers go on.
      await condition(() => isStored(outcome.event.eventId));
      return outcome;
    },
    // Until the case has opened there is nothing to validate against; the handler validates then.
    {
      validator: (event: CaseEvent) =>
        state && !earlier(event.eventId) && rejectIfInvalid(state, upgradeRecordedEvent(event)),
    },
  );

  if (input.carried) {
    calendars = input.carried.calendars;
  } else {
    const fewer = patched(FEWER_WORKFLOW_TASKS);
    const school = { schoolId: input.open.schoolId };
    calendars = fewer
      ? await locallyFirst(
          () => local.loadSchoolCalendars(school),
          () => activities.loadSchoolCalendars(school),
        )
      : await activities.loadSchoolCalendars(school);
    const opening = openCase(input.open, policy, calendars);
    const opened = {
      state: opening,
      events: [recorded(opening, caseOpenedEvent(input.open, input.open.openedBy))],
    };
    if (fewer)
      await locallyFirst(
        () => local.persistCaseEvents(opened),
        () => activities.persistCaseEvents(opened),
      );
    else await activities.persistCaseEvents(opened);
    state = opening;
    // The workflow task ends here with the `opened` Update's answer (a local activity scheduled in it
    // would hold that answer back until it finished); the timer wakes the next task for the notice.
    if (fewer && patched(OPENING_NOTICE_AFTER_ANSWER)) await sleep(1);
    await requestNotifications([caseOpenedNotice(opening, now())]);
  }
  publishSearchAttributes(current());
  void flushPending();

  for (;;) {
    if (current().status === 'closed') break;
    if (dueTimerActions(current(), now(), policy).length) {
      // Recomputed under the lock: an Update that got there first may have met the deadline.
      await mutex.run(() => fireTimers(dueTimerActions(current(), now(), policy)));
      continue;
    }
    const nextAt = nextWakeUp(current());
    if (patched(FEWER_WORKFLOW_TASKS)) {
      const alarm = alarmAt(nextAt);
      await condition(() => wake || mayContinueAsNew() || alarm.rang);
    } else {
      const timeoutMs = nextAt ? Math.max(1, Date.parse(nextAt) - Date.now()) : undefined;
      if (timeoutMs === undefined) await condition(() => wake || mayContinueAsNew());
      else await condition(() => wake || mayContinueAsNew(), timeoutMs);
    }
    wake = false;
    // A closing event ends the case here; it never continues as new.
    if (current().status === 'closed') break;
    if (mayContinueAsNew()) {
      // Calendars are reloaded so a case that outlives a school year sees the next year's calendar.
      const fresh = await activities.loadSchoolCalendars({ schoolId: current().schoolId });
      // Nothing but the handlers' drain between this and continueAsNew: an Update accepted during an
      // activity here would be cut off with this run; events it left pending are stored first.
      await condition(() => allHandlersFinished() && pending.length === 0);
      log.info('Continuing as new', { caseId: current().caseId, events: current().eventCount });
      await continueAsNew<typeof caseWorkflow>({
        ...input,
        carried: { state: current(), calendars: fresh, recentEvents },
      });
    }
  }

  await condition(() => allHandlersFinished() && pending.length === 0);
  // The closing Update is answered in a workflow task of its own, before the one that completes the
  // workflow: the server refuses a completion when an event (a notice's child finishing) arrived
  // meanwhile, and would then abort an Update answered in the same task. Now only the completion is
  // retried. With the append as a local activity the closing task lasts long enough for that to happen.
  if (patched(FEWER_WORKFLOW_TASKS)) await sleep(1);
  return {
    caseId: current().caseId,
    status: 'closed',
    closedAt: current().closedAt,
    closeReason: current().closeReason,
  };

  /**
   * The timer for the next wake-up: kept while the wake-up stays the same (a note does not move it),
   * replaced when it moves or has rung. Never rings for a null wake-up.
   */
  function alarmAt(at: string | null): Alarm {
    if (alarm && alarm.at === at && !alarm.rang) return alarm;
    if (alarm && !alarm.rang) alarm.scope.cancel();
    const scope = new CancellationScope();
    const next: Alarm = { at, scope, rang: false };
    if (at !== null) {
      scope
        .run(() => sleep(Math.max(1, Date.parse(at) - Date.now())))
        .then(
          () => {
            next.rang = true;
          },
          // Cancelled: a later wake-up replaced it.
          () => undefined,
        );
    }
    alarm = next;
    return next;
  }

  async function fireTimers(actions: TimerAction[]): Promise<void> {
    if (!actions.length) return;
    let next = current();
    const events: RecordedEvent[] = [];
    const requests: NotificationRequest[] = [];
    for (const action of actions) {
      recordTimerLateness(action, now());
      // Histories from before the patch sent such a reminder; they replay as they ran.
      const skipped = reminderSkipReason(action, now());
      const skip = skipped !== null && patched(SKIP_REMINDERS_PAST_DEADLINE);
      const system = systemEventFor(next.caseId, action, now(), skip ? skipped : null);
      events.push(recorded(next, system));
      const after = applyTimerAction(next, action);
      events.push(...partnerAssignedEvents(next, after).map((e) => recorded(after, e)));
      next = after;
      if (!skip) requests.push(timerNotice(next, action, system.eventId, now()));
    }
    // System events are never refused: whatever PostgreSQL says, the notices below still go out.
    await commit(next, events, 'timer');
    await requestNotifications(requests);
    publishSearchAttributes(next);
  }

  /**
   * Applies `next` with its events. Stored at once when PostgreSQL takes them within the bound; else kept
   * pending (behind any already pending, to keep the order) and flushed in the background. A person's
   * event PostgreSQL refuses as data is rejected instead, the state left as it was.
   */
  async function commit(next: CaseState, events: RecordedEvent[], origin: 'person' | 'timer'): Promise<void> {
    if (pending.length === 0) {
      try {
        const batch = { state: next, events };
        if (patched(FEWER_WORKFLOW_TASKS))
          await locallyFirst(
            () => local.persistCaseEvents(batch),
            () => persistUnderLock.persistCaseEvents(batch),
            // Refused as data: the same write fails every time, so the Update is rejected at once.
            (err) => !persistenceFailureOf(err).nonRetryable,
          );
        else await persistUnderLock.persistCaseEvents(batch);
        state = next;
        return;
      } catch (err) {
        const failure = persistenceFailureOf(err);
        if (origin === 'person' && failure.nonRetryable) {
          log.warn('An event was refused by PostgreSQL as data; the Update is rejected', {
            caseId: next.caseId,
            failureType: failure.type,
            sqlState: failure.sqlState,
          });
          throw ApplicationFailure.nonRetryable(
            'The event cannot be stored (the database refuses its content); nothing was recorded. Check the text for unusual characters and send it again.',
            EVENT_NOT_STORABLE,
          );
        }
        alertPersistenceFailing(next.caseId, failure, events.length);
      }
    }
    // Applied and queued in one synchronous step, so a flush never sees one without the other.
    state = next;
    pending.push(...events);
  }

  /** Writes pending events in order with the state that includes them; runs for the whole run. */
  async function flushPending(): Promise<void> {
    let refusedRetryMs = REFUSED_BATCH_RETRY_FIRST_MS;
    for (;;) {
      await condition(() => pending.length > 0);
      const batch = pending.slice();
      const snapshot = current();
      try {
        // Retried without end and without the lock: timers and Updates go on meanwhile.
        await activities.persistCaseEvents({ state: snapshot, events: batch });
        pending.splice(0, batch.length);
        refusedRetryMs = REFUSED_BATCH_RETRY_FIRST_MS;
        if (pending.length === 0) {
          log.info('Case persistence recovered: pending events stored', {
            caseId: snapshot.caseId,
            events: batch.length,
          });
        }
      } catch (err) {
        // Accepted events PostgreSQL now refuses as data: never dropped; operations must look.
        const failure = persistenceFailureOf(err);
        log.error('Case events are refused by PostgreSQL; kept in the workflow and tried again later', {
          caseId: snapshot.caseId,
          failureType: failure.type,
          sqlState: failure.sqlState,
          pendingEvents: pending.length,
          retryInSeconds: refusedRetryMs / 1000,
        });
        await sleep(refusedRetryMs);
        refusedRetryMs = Math.min(refusedRetryMs * 2, REFUSED_BATCH_RETRY_MAX_MS);
      }
    }
  }

  function alertPersistenceFailing(caseId: string, failure: PersistenceFailure, events: number): void {
    // Ids and codes only: operations search the logs by case id.
    log.error('Case persistence failing: events kept in the workflow, deadlines and notices go on', {
      caseId,
      failureType: failure.type,
      sqlState: failure.sqlState,
      events,
    });
  }

  async function requestNotifications(requests: NotificationRequest[]): Promise<void> {
    // Recorded histories still hold the activity that wrote the dropped notification_requests table.
    if (!patched(NOTICES_AS_CHILD_WORKFLOWS_ONLY)) await activities.requestNotifications({ requests });
    if (requests.length === 0) return;
    if (patched(NOTICES_STARTED_LOCALLY)) {
      // Inside the workflow task that asked for them; the regular activity retries for as long as the
      // Temporal frontend takes to answer. A request started before counts as started.
      await locallyFirst(
        () => local.startNotificationWorkflows({ requests }),
        () => activities.startNotificationWorkflows({ requests }),
      );
      return;
    }
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

  /** What operations see in the Temporal UI: search attributes and the current details (ids and codes). */
  function publishSearchAttributes(next: CaseState): void {
    setCurrentDetails(caseCurrentDetails(next));
    const values = JSON.stringify(caseSearchAttributeValues(next));
    // Histories from before the patch upserted after every event; they replay as they ran.
    if (values === publishedAttributes && patched(FEWER_WORKFLOW_TASKS)) return;
    publishedAttributes = values;
    upsertCaseSearchAttributes(next);
  }

  function current(): CaseState {
    if (!state) throw new Error('Case state read before the case opened');
    return state;
  }

  /** Not while events are pending: they and the Updates waiting for them belong to this run. */
  function mayContinueAsNew(): boolean {
    return continueAsNewDue() && pending.length === 0;
  }

  function continueAsNewDue(): boolean {
    return (
      workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= policy.continueAsNewAfterEvents
    );
  }
}

interface PersistenceFailure {
  type: string;
  sqlState: string | null;
  /** The same write can never succeed (EVENT_NOT_STORABLE, EVENT_ID_CONFLICT). */
  nonRetryable: boolean;
}

/** The activity's failure type and SQLSTATE (its details), or the kind of timeout. */
function persistenceFailureOf(err: unknown): PersistenceFailure {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) {
    const detail = cause.details?.[0] as { sqlState?: unknown } | undefined;
    return {
      type: cause.type ?? 'ApplicationFailure',
      sqlState: typeof detail?.sqlState === 'string' ? detail.sqlState : null,
      nonRetryable: cause.nonRetryable === true,
    };
  }
  return { type: cause instanceof Error ? cause.name : 'unknown', sqlState: null, nonRetryable: false };
}

function rejectIfInvalid(state: CaseState, event: CaseEvent): void {
  const verdict = validateEvent(state, event, now());
  if (!verdict.ok) throw ApplicationFailure.nonRetryable(verdict.message, verdict.code);
}

function recorded(state: CaseState, event: CaseEvent | SystemEvent): RecordedEvent {
  return { ...event, caseId: state.caseId, step: state.step, recordedAt: now() } as RecordedEvent;
}

interface Alarm {
  at: string | null;
  scope: CancellationScope;
  rang: boolean;
}

/** Upserts the case's search attributes (pseudonymous values only). */
function upsertCaseSearchAttributes(state: CaseState): void {
  const values = caseSearchAttributeValues(state);
  upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.step, value: values.step },
    { key: SEARCH_ATTRIBUTES.status, value: values.status },
    { key: SEARCH_ATTRIBUTES.schoolId, value: values.schoolId },
    { key: SEARCH_ATTRIBUTES.nextDeadline, value: values.nextDeadline },
    { key: SEARCH_ATTRIBUTES.overdue, value: values.overdue },
  ]);
}
