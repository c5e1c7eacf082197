// The built worker (apps/worker/dist/main.js) will not run on a database connection that could change
// audit rows: as the PostgreSQL superuser, as it used to, it stops at start-up and says why.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { runMigrations } from '@tiltak/persistence';
import { createTestDatabase, testCodecKeys, testTemporalAddress } from '@tiltak/testing';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const WORKER_MAIN = path.join(ROOT, 'apps', 'worker', 'dist', 'main.js');

function runWorker(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [WORKER_MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: testTemporalAddress(),
      TEMPORAL_TASK_QUEUE: `role-test-${process.pid}`,
      PAYLOAD_CODEC_KEYS: testCodecKeys(),
      SMTP_URL: 'smtp://127.0.0.1:9',
      WORKER_METRICS_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  // A worker that does start is stopped as soon as it says so: the test then fails on its exit code.
  child.stdout.on('data', () => output.includes('"msg":"Worker started"') && child.kill('SIGTERM'));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

it('refuses to start as the PostgreSQL superuser', async () => {
  const db = await createTestDatabase('workerrole');
  await runMigrations(db.migrationUrl, { appRole: db.appRole });
  const admin = new URL(process.env['TEST_PG_ADMIN_URL'] ?? '');
  admin.pathname = new URL(db.url).pathname;

  const { code, output } = await runWorker(admin.toString());
  expect(code).toBe(1);
  expect(output).toMatch(/OverPrivilegedRoleError: DATABASE_URL connects as .*, which is a superuser/);
  expect(output).not.toContain('"msg":"Worker started"');
});
