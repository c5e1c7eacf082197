// Once a week, every school's leadership gets an overview of its open cases (a Temporal Schedule
// starts this). Planning is idempotent per school and ISO week, so a re-run never sends twice.
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { DigestActivities, NotificationActivities } from './case-workflow.contract';

const planning = proxyActivities<DigestActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
const delivery = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: ['PermanentSmtpFailure'],
  },
});

export async function weeklyDigestWorkflow(): Promise<{
  planned: number;
  delivered: number;
  failed: number;
}> {
  // Workflow time, not the activity's clock: the ISO week is fixed by when the schedule fired.
  const { outboxKeys } = await planning.planSchoolDigests({ now: new Date(Date.now()).toISOString() });
  const results = await Promise.allSettled(
    outboxKeys.map((outboxKey) => delivery.deliverNotification({ outboxKey })),
  );
  let failed = 0;
  for (const r of results) {
    if (r.status === 'fulfilled') continue;
    const cause = r.reason instanceof ActivityFailure ? r.reason.cause : r.reason;
    if (!(cause instanceof ApplicationFailure && cause.type === 'PermanentSmtpFailure')) throw r.reason;
    failed++;
  }
  return { planned: outboxKeys.length, delivered: results.length - failed, failed };
}

const sweeping = proxyActivities<DigestActivities>({
  startToCloseTimeout: '5 minutes',
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 5,
  },
});

export async function notificationSweepWorkflow(): Promise<{
  sent: number;
  failed: number;
  pending: number;
}> {
  return sweeping.deliverUnsentNotifications({ olderThanSeconds: 600, limit: 200 });
}
