// Delivers one notice request: resolve recipients into the outbox, then send each. Its workflow id is
// the request key, so a notice is started once.
import { proxyActivities } from '@temporalio/workflow';
import type { NotificationActivities, NotificationRequest } from './case-workflow.contract';
import { deliverAll } from './notification-delivery';

const planning = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export interface NotificationOutcome {
  delivered: number;
  failed: number;
}

export async function notificationWorkflow(request: NotificationRequest): Promise<NotificationOutcome> {
  const { outboxKeys } = await planning.planNotificationDeliveries({ request });
  return deliverAll(outboxKeys);
}
