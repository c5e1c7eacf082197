// The weekly digest: the schedule is created once, and a run mails each school's leadership an
// overview of its open cases.
import {
  NOTIFICATION_SWEEP_SCHEDULE_ID,
  NOTIFICATION_SWEEP_WORKFLOW_TYPE,
  WEEKLY_DIGEST_SCHEDULE_ID,
  WEEKLY_DIGEST_WORKFLOW_TYPE,
} from '@tiltak/workflows';
import {
  DIGEST_SCHEDULE_SPEC,
  ensureDigestSchedule,
  ensureNotificationSweepSchedule,
} from './digest-schedule';
import { startCaseTestEnv, type CaseTestEnv } from './testing/case-test-env';
import { shortTestPolicy } from '@tiltak/domain/testing';

jest.setTimeout(120_000);

let t: CaseTestEnv;
beforeAll(async () => {
  t = await startCaseTestEnv();
});
afterAll(async () => {
  for (const id of [WEEKLY_DIGEST_SCHEDULE_ID, NOTIFICATION_SWEEP_SCHEDULE_ID]) {
    await t.client.schedule
      .getHandle(id)
      .delete()
      .catch(() => undefined);
  }
  await t?.close();
});

it('creates the Monday-morning schedule once', async () => {
  expect(await ensureDigestSchedule(t.config)).toBe('created');
  expect(await ensureDigestSchedule(t.config)).toBe('exists');
  const description = await t.client.schedule.getHandle(WEEKLY_DIGEST_SCHEDULE_ID).describe();
  expect(description.spec.timezone).toBe(DIGEST_SCHEDULE_SPEC.timezone);
  expect(description.action).toMatchObject({ workflowType: WEEKLY_DIGEST_WORKFLOW_TYPE });
});

it('mails school leadership an overview of open cases, once per week', async () => {
  const handle = await t.openCase(
    shortTestPolicy(300, { remindBeforeSeconds: 100, escalateAfterSeconds: 100 }),
  );
  await t.waitFor(
    async () =>
      (await t.dataSource.query('SELECT 1 FROM cases WHERE case_id = $1', [handle.workflowId.slice(5)]))
        .length,
    'the read model row',
  );
  const leadership = t.staff['school-leadership'].email;
  const run = () =>
    t.client.workflow.execute(WEEKLY_DIGEST_WORKFLOW_TYPE, {
      taskQueue: t.config.temporal.taskQueue,
      workflowId: `digest-test-${Date.now()}`,
      args: [],
    });
  const first = (await run()) as { planned: number; delivered: number };
  expect(first.delivered).toBeGreaterThanOrEqual(1);

  const mails = await t.smtp.waitForMessages(1);
  const digest = t.smtp.messagesTo(leadership).find((m) => /oversikt|ukentlig|ukesoversikt/i.test(m.subject));
  expect(digest).toBeDefined();
  expect(digest!.text).not.toMatch(/Synnøve|Testesen/);
  await run();
  await new Promise((r) => setTimeout(r, 1000));
  const digests = t.smtp.messagesTo(leadership).filter((m) => m.subject === digest!.subject);
  expect(digests).toHaveLength(1);
  expect(mails.length).toBeGreaterThanOrEqual(1);
  await handle.terminate('test done');
});

it('sweeps notices nobody retries any more, every quarter of an hour', async () => {
  expect(await ensureNotificationSweepSchedule(t.config)).toBe('created');
  expect(await ensureNotificationSweepSchedule(t.config)).toBe('exists');
  const result = (await t.client.workflow.execute(NOTIFICATION_SWEEP_WORKFLOW_TYPE, {
    taskQueue: t.config.temporal.taskQueue,
    workflowId: `sweep-test-${Date.now()}`,
    args: [],
  })) as { sent: number; failed: number; pending: number };
  expect(result).toEqual({ sent: 0, failed: 0, pending: 0 });
});
