// The notification workflow (libs/workflows) running these activities on the real Temporal dev server:
// Temporal's retries carry a notice through an SMTP outage, and a 5xx ends as a recorded failure.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
// Test-only: the spec bundles the real workflows, as the worker does.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { workflowBundlerOptions, workflowsSourcePath } from '@tiltak/temporal';
// Test-only import: infra code may not depend on the testing lib, but its specs need it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { testTemporalAddress } from '@tiltak/testing';
import {
  notificationWorkflowId,
  type NotificationOutcome,
  type NotificationRequest,
} from '@tiltak/workflows';
import { messageIdForKey } from './mail-sender';
import { createNotificationActivities } from './notification.activities';
import { createNotificationServices } from './notification-services';
import { NotificationOutboxStore } from './outbox/notification-outbox.store';
import {
  BASE_URL,
  expectNoPersonalData,
  startNotificationScenario,
  type NotificationScenario,
} from './testing/notification-scenario';

describe('notification workflow on Temporal with these activities', () => {
  let scenario: NotificationScenario;
  let outbox: NotificationOutboxStore;
  let client: Client;
  let clientConnection: Connection;
  let workerConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = `notifications-test-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    // The activity failures below are expected; print only errors.
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR') });
    } catch {
      // Already installed by another spec in this process: its logger stays.
    }
    scenario = await startNotificationScenario('notifications_wf');
    outbox = new NotificationOutboxStore(scenario.dataSource);
    const notifications = createNotificationServices({
      dataSource: scenario.dataSource,
      mail: scenario.sender,
      publicBaseUrl: BASE_URL,
    });
    workerConnection = await NativeConnection.connect({ address: testTemporalAddress() });
    worker = await Worker.create({
      connection: workerConnection,
      taskQueue,
      workflowsPath: workflowsSourcePath(),
      bundlerOptions: workflowBundlerOptions(),
      activities: createNotificationActivities(notifications),
    });
    running = worker.run();
    clientConnection = await Connection.connect({ address: testTemporalAddress() });
    client = new Client({ connection: clientConnection });
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await workerConnection?.close();
    await clientConnection?.close();
    await scenario?.close();
  });

  function start(request: NotificationRequest) {
    return client.workflow.start('notificationWorkflow', {
      taskQueue,
      workflowId: notificationWorkflowId(request.key),
      args: [request],
    });
  }

  async function waitFor(probe: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('SMTP stopped for a while: each notice arrives once after it returns', async () => {
    const { smtp, staff } = scenario;
    const c = await scenario.openCase(2);
    const request = scenario.request(c, {
      kind: 'deadline-missed',
      deadlineKind: 'step2-meeting',
      roles: ['contact-teacher', 'school-leadership'],
      dueAt: '2026-10-23T13:00:00.000Z',
      requestedAt: '2026-10-26T14:00:00.000Z',
    });

    await smtp.stop();
    const handle = await start(request);
    try {
      // Temporal retries with backoff while the server is away.
      await waitFor(async () => {
        const rows = await outbox.forCase(c.caseId);
        return rows.length === 2 && rows.every((r) => r.attempts >= 2 && r.status === 'pending');
      }, 'two failed attempts per recipient');
    } finally {
      await smtp.start();
    }

    expect(await handle.result()).toEqual<NotificationOutcome>({ delivered: 2, failed: 0 });
    const keys = (await outbox.forCase(c.caseId)).map((r) => r.key);
    for (const key of keys) {
      expect(scenario.smtp.messages.filter((m) => m.messageId === messageIdForKey(key))).toHaveLength(1);
    }
    const arrived = smtp.messages.filter((m) => keys.map(messageIdForKey).includes(m.messageId ?? ''));
    expect(arrived.map((m) => m.envelopeTo[0]).sort()).toEqual(
      [staff.owner.email, staff.principal.email].sort(),
    );
    for (const mail of arrived) {
      expect(mail.text).toContain('gikk ut fredag 23. oktober 2026 kl. 15.00');
      expectNoPersonalData(mail);
    }
    const sent = (await scenario.caseEvents.timeline(c.caseId)).filter((e) => e.type === 'notification-sent');
    expect(sent).toHaveLength(2);
  });

  it('a 5xx ends as a recorded failure, not a failed workflow, and leadership is told', async () => {
    const { smtp, staff } = scenario;
    const c = await scenario.openCase(1);
    const request = scenario.request(c, { kind: 'reminder' });
    smtp.fail({ code: 550, recipient: staff.owner.email, times: 1 });

    expect(await start(request).then((h) => h.result())).toEqual<NotificationOutcome>({
      delivered: 0,
      failed: 1,
    });
    const types = (await scenario.caseEvents.timeline(c.caseId)).map((e) => e.type);
    expect(types).toContain('notification-failed');
    expect(
      smtp
        .messagesTo(staff.principal.email)
        .some((m) => m.subject.startsWith('Varsel ikke levert') && m.text.includes(c.caseId)),
    ).toBe(true);
  });
});
