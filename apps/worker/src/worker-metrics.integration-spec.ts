// The built worker process serves Prometheus metrics on WORKER_METRICS_PORT: the Temporal SDK's own
// (temporal_*) and ours — notices by SMTP outcome and how late deadlines were acted on.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { DeadlineKind } from '@tiltak/domain';
import { shortTestPolicy } from '@tiltak/domain/testing';
import { startCaseTestEnv, type CaseTestEnv } from './testing/case-test-env';
import { reminderSent } from './testing/late-timers';
import { removeSchedulesOfThisQueue, spawnWorkerProcess, type WorkerProcess } from './testing/worker-process';
import { TEMPORAL_METRIC_PREFIX, WORKER_METRICS } from './worker-metrics';

jest.setTimeout(60_000);

let t: CaseTestEnv;
let worker: WorkerProcess | null = null;

beforeAll(async () => {
  t = await startCaseTestEnv({ startWorker: false });
});

afterAll(async () => {
  await worker?.kill();
  if (t) await removeSchedulesOfThisQueue(t);
  await t?.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const KIND: DeadlineKind = 'step1-contact';

it('serves the SDK’s temporal_ metrics, notices sent and deadline lateness on its own port', async () => {
  const port = await freePort();
  worker = await spawnWorkerProcess(t, 'info', {
    WORKER_METRICS_PORT: String(port),
    METRICS_HOST: '127.0.0.1',
  });
  expect(worker.output()).toContain(`"metrics":"http://127.0.0.1:${port}/metrics"`);
  // The reminder falls due 2 s after opening.
  const policy = shortTestPolicy(300, {
    dueSeconds: { [KIND]: 4 },
    remindBeforeSeconds: 2,
    escalateAfterSeconds: 30,
  });
  const handle = await t.openCase(policy);
  const caseId = handle.workflowId.replace(/^case-/, '');
  await t.waitFor(async () => reminderSent(await t.timeline(caseId), KIND), 'the reminder', 30_000);
  await t.waitFor(
    async () => t.smtp.messagesTo(t.staff['contact-teacher'].email).length >= 2,
    'the opening notice and the reminder',
    30_000,
  );

  const scrape = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    return res.text();
  };
  // The exporter sees what the worker counted at its next collection.
  let text = '';
  await t.waitFor(
    async () => {
      text = await scrape();
      return /^tiltak_notices_total\{[^}]*outcome="sent"[^}]*\} [1-9]/m.test(text);
    },
    'the notices in the metrics',
    10_000,
  );
  expect(text).toMatch(new RegExp(`^${TEMPORAL_METRIC_PREFIX}\\w+`, 'm'));
  expect(text).toMatch(/^temporal_workflow_task_schedule_to_start_latency_bucket\{/m);
  expect(text).toMatch(/^temporal_activity_execution_latency_count\{/m);
  expect(text).toMatch(
    new RegExp(`^${WORKER_METRICS.deadlineLateness}_count\\{[^}]*kind="remind"[^}]*step="1"[^}]*\\} 1$`, 'm'),
  );
  expect(text).toMatch(new RegExp(`^${WORKER_METRICS.deadlineLateness}_bucket\\{[^}]*le="3600000"`, 'm'));
  // Every worker metric the Grafana dashboard draws (the SDK's and ours), with the labels it groups by,
  // is in a real scrape.
  for (const { metric, labels } of dashboardWorkerQueries()) {
    const series = text
      .split('\n')
      .filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `));
    expect({ metric, found: series.length > 0 }).toEqual({ metric, found: true });
    for (const label of labels)
      expect({ metric, label, found: series.some((l) => l.includes(`${label}="`)) }).toEqual({
        metric,
        label,
        found: true,
      });
  }
  // No person in any label: no address, no name, no case id.
  expect(text).not.toContain('@testlia.example.no');
  expect(text).not.toContain('Syntetisk');
  expect(text).not.toContain(caseId);
});

it('runs with the task slots WORKER_MAX_CONCURRENT_WORKFLOW_TASKS and WORKER_MAX_CONCURRENT_ACTIVITIES set', async () => {
  await worker?.kill();
  const port = await freePort();
  worker = await spawnWorkerProcess(t, 'info', {
    WORKER_METRICS_PORT: String(port),
    WORKER_MAX_CACHED_WORKFLOWS: '20',
    WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '7',
    WORKER_MAX_CONCURRENT_ACTIVITIES: '5',
    WORKER_WORKFLOW_TASK_POLLERS: '3',
  });
  // A case that has opened (its notice sent) has used both kinds of slot and given them back.
  await t.openCase(shortTestPolicy(300));
  await t.waitFor(
    async () => t.smtp.messagesTo(t.staff['contact-teacher'].email).length >= 3,
    'the second case’s opening notice',
    30_000,
  );
  const slots = (text: string, type: string) =>
    new RegExp(
      `^temporal_worker_task_slots_available\\{[^}]*worker_type="${type}"[^}]*\\} (\\d+)$`,
      'm',
    ).exec(text)?.[1];
  let text = '';
  await t.waitFor(
    async () => {
      text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return slots(text, 'WorkflowWorker') === '7' && slots(text, 'ActivityWorker') === '5';
    },
    'the slots the variables set, all free',
    15_000,
  );
  expect({ workflow: slots(text, 'WorkflowWorker'), activity: slots(text, 'ActivityWorker') }).toEqual({
    workflow: '7',
    activity: '5',
  });
});

/** The worker's metrics the dashboard's queries read, and the labels (other than le) they group by. */
function dashboardWorkerQueries(): { metric: string; labels: string[] }[] {
  const file = path.resolve(
    __dirname,
    '..',
    '..',
    '..',
    'deploy',
    'grafana',
    'dashboards',
    'tiltakstrappa.json',
  );
  const dashboard = JSON.parse(readFileSync(file, 'utf8')) as { panels: { targets?: { expr: string }[] }[] };
  const queries = dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr);
  const found = queries.flatMap((expr) => {
    const labels = [...expr.matchAll(/by \(([^)]*)\)/g)]
      .flatMap((m) => (m[1] ?? '').split(','))
      .map((l) => l.trim())
      .filter((l) => l && l !== 'le');
    const ours = Object.values(WORKER_METRICS).join('|');
    return [
      ...expr.matchAll(new RegExp(`\\b(${TEMPORAL_METRIC_PREFIX}[a-z0-9_]+|(?:${ours})\\w*)`, 'g')),
    ].map((m) => ({
      metric: m[1] ?? '',
      labels,
    }));
  });
  expect(found.length).toBeGreaterThan(0);
  return found;
}
