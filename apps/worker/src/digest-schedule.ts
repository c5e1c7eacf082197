// Creates the worker's schedules once (weekly leadership digest, notification sweep); starting the
// worker again leaves them as they are.
import {
  Client,
  Connection,
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type ScheduleOptions,
} from '@temporalio/client';
import type { AppConfig } from '@tiltak/config';
import { clientDataConverter, connectionOptions } from '@tiltak/temporal';
import {
  ABSENCE_DETECTION_SCHEDULE_ID,
  ABSENCE_DETECTION_WORKFLOW_TYPE,
  NOTIFICATION_SWEEP_SCHEDULE_ID,
  NOTIFICATION_SWEEP_WORKFLOW_TYPE,
  WEEKLY_DIGEST_SCHEDULE_ID,
  WEEKLY_DIGEST_WORKFLOW_TYPE,
} from '@tiltak/workflows';

/** Monday 07:00 in Oslo, before the school day starts. */
export const DIGEST_SCHEDULE_SPEC = {
  calendars: [{ dayOfWeek: 'MONDAY' as const, hour: 7, minute: 0 }],
  timezone: 'Europe/Oslo',
};

export async function ensureDigestSchedule(
  config: Pick<AppConfig, 'temporal' | 'codec'>,
): Promise<'created' | 'exists'> {
  return withClient(config, (client) =>
    createOnce(client, {
      scheduleId: WEEKLY_DIGEST_SCHEDULE_ID,
      spec: DIGEST_SCHEDULE_SPEC,
      action: {
        type: 'startWorkflow',
        workflowType: WEEKLY_DIGEST_WORKFLOW_TYPE,
        taskQueue: config.temporal.taskQueue,
        args: [],
        workflowExecutionTimeout: '1 day',
      },
      policies: { catchupWindow: '1 day' },
    }),
  );
}

/** 06:00 in Oslo on weekdays: yesterday's registrations are in, the school day has not begun. */
export const ABSENCE_DETECTION_SCHEDULE_SPEC = {
  calendars: [
    { dayOfWeek: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const, hour: 6, minute: 0 },
  ],
  timezone: 'Europe/Oslo',
};

/** The daily absence detection for students whose window moved (ADR 0009). */
export async function ensureAbsenceDetectionSchedule(
  config: Pick<AppConfig, 'temporal' | 'codec'>,
): Promise<'created' | 'exists'> {
  return withClient(config, (client) =>
    createOnce(client, {
      scheduleId: ABSENCE_DETECTION_SCHEDULE_ID,
      spec: {
        calendars: ABSENCE_DETECTION_SCHEDULE_SPEC.calendars.map((c) => ({
          ...c,
          dayOfWeek: [...c.dayOfWeek],
        })),
        timezone: ABSENCE_DETECTION_SCHEDULE_SPEC.timezone,
      },
      action: {
        type: 'startWorkflow',
        workflowType: ABSENCE_DETECTION_WORKFLOW_TYPE,
        taskQueue: config.temporal.taskQueue,
        args: [],
        workflowExecutionTimeout: '12 hours',
      },
      policies: { catchupWindow: '1 day', overlap: ScheduleOverlapPolicy.SKIP },
    }),
  );
}

export async function ensureNotificationSweepSchedule(
  config: Pick<AppConfig, 'temporal' | 'codec'>,
): Promise<'created' | 'exists'> {
  return withClient(config, (client) =>
    createOnce(client, {
      scheduleId: NOTIFICATION_SWEEP_SCHEDULE_ID,
      spec: { intervals: [{ every: '15 minutes' }] },
      action: {
        type: 'startWorkflow',
        workflowType: NOTIFICATION_SWEEP_WORKFLOW_TYPE,
        taskQueue: config.temporal.taskQueue,
        args: [],
        workflowExecutionTimeout: '14 minutes',
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    }),
  );
}

async function createOnce(client: Client, options: ScheduleOptions): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}

async function withClient<T>(
  config: Pick<AppConfig, 'temporal' | 'codec'>,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const connection = await Connection.connect(connectionOptions(config.temporal));
  try {
    return await fn(
      new Client({
        connection,
        namespace: config.temporal.namespace,
        dataConverter: clientDataConverter(config.codec),
      }),
    );
  } finally {
    await connection.close();
  }
}
