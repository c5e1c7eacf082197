// Delivers one notice request: resolve recipients into the outbox, then send each, retrying transient
// SMTP failures with backoff. Its workflow id is the request key, so a notice is started once.
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { NotificationActivities, NotificationRequest } from './case-workflow.contract';

const planning = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
const delivery = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1 minute',
  // SMTP may be away for hours: keep trying with backoff; permanent (5xx) failures are non-retryable.
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: ['PermanentSmtpFailure'],
  },
});

export interface NotificationOutcome {
  delivered: number;
  failed: number;
}

export async function notificationWorkflow(request: NotificationRequest): Promise<NotificationOutcome> {
  const { outboxKeys } = await planning.planNotificationDeliveries({ request });
  const results = await Promise.allSettled(
    outboxKeys.map((outboxKey) => delivery.deliverNotification({ outboxKey })),
  );
  const failed = results.filter((r) => r.status === 'rejected');
  for (const r of failed) {
    const cause = r.reason instanceof ActivityFailure ? r.reason.cause : r.reason;
    if (!(cause instanceof ApplicationFailure && cause.type === 'PermanentSmtpFailure')) throw r.reason;
  }
  return { delivered: results.length - failed.length, failed: failed.length };
}
