// Creates the weekly leadership digest schedule once; starting the worker again leaves it as it is.
import { Client, Connection, ScheduleAlreadyRunning } from '@temporalio/client';
import type { AppConfig } from '@tiltak/config';
import { clientDataConverter, connectionOptions } from '@tiltak/temporal';
import { WEEKLY_DIGEST_SCHEDULE_ID, WEEKLY_DIGEST_WORKFLOW_TYPE } from '@tiltak/workflows';

/** Monday 07:00 in Oslo, before the school day starts. */
export const DIGEST_SCHEDULE_SPEC = {
  calendars: [{ dayOfWeek: 'MONDAY' as const, hour: 7, minute: 0 }],
  timezone: 'Europe/Oslo',
};

export async function ensureDigestSchedule(config: Pick<AppConfig, 'temporal' | 'codec'>): Promise<'created' | 'exists'> {
  const connection = await Connection.connect(connectionOptions(config.temporal));
  try {
    const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter: clientDataConverter(config.codec) });
    await client.schedule.create({
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
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  } finally {
    await connection.close();
  }
}
