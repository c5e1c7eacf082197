// How every workflow that sends notices delivers them: one activity per outbox row, transient SMTP
// failures retried with backoff for as long as it takes, permanent ones (5xx) counted, not thrown.
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { NotificationActivities } from './case-workflow.contract';

const PERMANENT_SMTP_FAILURE = 'PermanentSmtpFailure';

const delivery = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1 minute',
  // SMTP may be away for hours: keep trying with backoff; permanent (5xx) failures are non-retryable.
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: [PERMANENT_SMTP_FAILURE],
  },
});

export async function deliverAll(outboxKeys: string[]): Promise<{ delivered: number; failed: number }> {
  const results = await Promise.allSettled(
    outboxKeys.map((outboxKey) => delivery.deliverNotification({ outboxKey })),
  );
  let failed = 0;
  for (const r of results) {
    if (r.status === 'fulfilled') continue;
    const cause = r.reason instanceof ActivityFailure ? r.reason.cause : r.reason;
    if (!(cause instanceof ApplicationFailure && cause.type === PERMANENT_SMTP_FAILURE)) throw r.reason;
    failed++;
  }
  return { delivered: results.length - failed, failed };
}
