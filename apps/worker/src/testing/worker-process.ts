// The built worker process (apps/worker/dist/main.js with the prebuilt workflow bundle), started with
// a test environment's configuration, its stdout and stderr captured: what production runs and logs.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { NOTIFICATION_SWEEP_SCHEDULE_ID, WEEKLY_DIGEST_SCHEDULE_ID } from '@tiltak/workflows';
import type { CaseTestEnv } from './case-test-env';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const WORKER_MAIN = path.join(ROOT, 'apps', 'worker', 'dist', 'main.js');
const WORKFLOW_BUNDLE = path.join(ROOT, 'apps', 'worker', 'dist', 'workflow-bundle.js');

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything the process wrote so far, stdout and stderr. */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): Promise<void>;
}

/** Starts the worker process with the harness's configuration; resolves once it polls. */
export async function spawnWorkerProcess(
  t: CaseTestEnv,
  logLevel = 'info',
  extraEnv: Record<string, string> = {},
): Promise<WorkerProcess> {
  for (const file of [WORKER_MAIN, WORKFLOW_BUNDLE]) {
    if (!existsSync(file))
      throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` first.`);
  }
  const child = spawn(process.execPath, [WORKER_MAIN], {
    cwd: ROOT,
    // Only what the worker needs: nothing from the developer's own TEMPORAL_*/DATABASE_URL settings.
    // Metrics off unless asked for: several workers (and `npm start`) would share the default port.
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      LOG_LEVEL: logLevel,
      WORKER_METRICS_PORT: '0',
      ...t.env,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const worker: WorkerProcess = {
    child,
    output: () => output,
    exited,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
  const started = t.waitFor(
    async () => output.includes('"msg":"Worker started"'),
    'the worker process to start',
    30_000,
  );
  const died = exited.then(({ code, signal }) => {
    throw new Error(`The worker process exited early (code ${code}, signal ${signal}):\n${output}`);
  });
  await Promise.race([started, died]);
  return worker;
}

/** The worker process creates the namespace-wide schedules at start: remove those it made for this queue. */
export async function removeSchedulesOfThisQueue(t: CaseTestEnv): Promise<void> {
  for (const id of [WEEKLY_DIGEST_SCHEDULE_ID, NOTIFICATION_SWEEP_SCHEDULE_ID]) {
    const schedule = t.client.schedule.getHandle(id);
    const description = await schedule.describe().catch(() => null);
    if (
      description?.action.type === 'startWorkflow' &&
      description.action.taskQueue === t.config.temporal.taskQueue
    ) {
      await schedule.delete();
    }
  }
}
