// Delivers one notice request: resolve recipients into the outbox, then send each. Its workflow id is
// the request key, so a notice is started once.
import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { NotificationActivities, NotificationRequest } from './case-workflow.contract';
import { LOCAL_FIRST_OPTIONS, locallyFirst } from './local-first';
import { deliverAll } from './notification-delivery';

const planning = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// The plan (recipients into the outbox, idempotent by key) inside the workflow's first task: one
// activity task and one workflow task fewer per notice. PostgreSQL slower than this: the activity above.
const planningLocally =
  proxyLocalActivities<Pick<NotificationActivities, 'planNotificationDeliveries'>>(LOCAL_FIRST_OPTIONS);

/** Patch id: the plan runs as a local activity first. */
export const PLAN_NOTICES_LOCALLY = 'plan-notices-locally';

export interface NotificationOutcome {
  delivered: number;
  failed: number;
}

export async function notificationWorkflow(request: NotificationRequest): Promise<NotificationOutcome> {
  const { outboxKeys } = patched(PLAN_NOTICES_LOCALLY)
    ? await locallyFirst(
        () => planningLocally.planNotificationDeliveries({ request }),
        () => planning.planNotificationDeliveries({ request }),
      )
    : await planning.planNotificationDeliveries({ request });
  return deliverAll(outboxKeys);
}
