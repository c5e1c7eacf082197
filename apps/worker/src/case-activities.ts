// The case workflow's activities, built from their dependencies so tests can pass real or fake ones.
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { NOTIFICATION_WORKFLOW_TYPE, notificationWorkflowId, type CaseActivities } from '@tiltak/workflows';
import type { CaseEventStore, DirectoryRepository } from '@tiltak/persistence';
import { sanitizedPersistenceFailure } from './persistence-failure';

export interface CaseActivityDeps {
  eventStore: Pick<CaseEventStore, 'append'>;
  directory: Pick<DirectoryRepository, 'getCalendars'>;
}

// Every failure leaves as a sanitized ApplicationFailure: it goes into Temporal's history and the
// worker's log, and the driver's error would carry the SQL and its parameters (a note's text).
export function createCaseActivities(deps: CaseActivityDeps): CaseActivities {
  return {
    async persistCaseEvents({ state, events }) {
      try {
        await deps.eventStore.append({ state, events });
      } catch (err) {
        throw sanitizedPersistenceFailure(err, "the case's events");
      }
    },
    // Kept for histories recorded before the notification_requests table was dropped (see the
    // contract): their replays may still schedule it, and there is nothing left for it to write.
    async requestNotifications() {
      return undefined;
    },
    // Through the worker's own client (the activity context's, with the worker's codec), on the task
    // queue the case runs on. A request started before is not started again: that is the idempotency.
    async startNotificationWorkflows({ requests }) {
      const { client, info } = Context.current();
      await Promise.all(
        requests.map(async (request) => {
          try {
            await client.workflow.start(NOTIFICATION_WORKFLOW_TYPE, {
              workflowId: notificationWorkflowId(request.key),
              taskQueue: info.taskQueue,
              args: [request],
              workflowIdReusePolicy: 'REJECT_DUPLICATE',
            });
          } catch (err) {
            if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
          }
        }),
      );
    },
    async loadSchoolCalendars({ schoolId }) {
      try {
        return await deps.directory.getCalendars(schoolId);
      } catch (err) {
        throw sanitizedPersistenceFailure(err, "the school's calendars");
      }
    },
  };
}
