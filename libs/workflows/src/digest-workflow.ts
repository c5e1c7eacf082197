// Once a week, every school's leadership gets an overview of its open cases (a Temporal Schedule
// starts this). Planning is idempotent per school and ISO week, so a re-run never sends twice.
import { proxyActivities } from '@temporalio/workflow';
import type { DigestActivities } from './case-workflow.contract';
import { deliverAll } from './notification-delivery';

const planning = proxyActivities<DigestActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
export async function weeklyDigestWorkflow(): Promise<{
  planned: number;
  delivered: number;
  failed: number;
}> {
  // Workflow time, not the activity's clock: the ISO week is fixed by when the schedule fired.
  const { outboxKeys } = await planning.planSchoolDigests({ now: new Date(Date.now()).toISOString() });
  const { delivered, failed } = await deliverAll(outboxKeys);
  return { planned: outboxKeys.length, delivered, failed };
}

const sweeping = proxyActivities<DigestActivities>({
  startToCloseTimeout: '5 minutes',
  // The sweep reports every row it has handled: a hung SMTP server is noticed within a minute and the
  // retry resumes where it stopped instead of starting the batch again.
  heartbeatTimeout: '1 minute',
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
