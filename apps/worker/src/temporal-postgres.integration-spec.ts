// The worker unchanged on a production-shaped Temporal: server 1.29.1 on PostgreSQL with 4 history
// shards (tools/lib/temporal-server.mjs), only TEMPORAL_ADDRESS differs. A case opens, a note is
// recorded through the Update, both reach the timeline, and the workflow lives in PostgreSQL.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { defaultLadderPolicy, type CaseEvent } from '@tiltak/domain';
import { withPgClient } from '@tiltak/testing';
import { caseWorkflowId } from '@tiltak/workflows';
import { startCaseTestEnv, type CaseTestEnv } from './testing/case-test-env';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const LAUNCHER = path.join(ROOT, 'tools', 'lib', 'temporal-server-process.mjs');

let server: ChildProcess | undefined;
let env: CaseTestEnv | undefined;
const devServerAddress = process.env['TEST_TEMPORAL_ADDRESS'];
const prefix = `t${randomBytes(4).toString('hex')}_`;
const dataDir = path.join(ROOT, '.test-data', `temporal-pg-${process.pid}`);

function startServer(adminUrl: string): Promise<string> {
  const child = spawn(process.execPath, [LAUNCHER, adminUrl, dataDir, prefix], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err = (err + chunk.toString('utf8')).slice(-4000)));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      const ready = JSON.parse(line) as { address?: string; error?: string };
      if (ready.address) resolve(ready.address);
      else reject(new Error(`Temporal on PostgreSQL did not start: ${ready.error}\n${err}`));
    });
    child.once('exit', (code) => reject(new Error(`the launcher exited with ${code}:\n${err}`)));
  });
}

beforeAll(async () => {
  const address = await startServer(process.env['TEST_PG_ADMIN_URL'] ?? '');
  process.env['TEST_TEMPORAL_ADDRESS'] = address;
  env = await startCaseTestEnv();
}, 180_000);

afterAll(async () => {
  await env?.close();
  process.env['TEST_TEMPORAL_ADDRESS'] = devServerAddress;
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}.log`, { force: true });
}, 60_000);

it('runs a case on Temporal 1.29.1 on PostgreSQL with the worker unchanged', async () => {
  const e = env as CaseTestEnv;
  expect(e.config.temporal.address).not.toBe(devServerAddress);
  const handle = await e.openCase(defaultLadderPolicy());
  const caseId = handle.workflowId.replace(/^case-/, '');
  const note = {
    type: 'note-added',
    payload: { text: 'Ringte foresatte (syntetisk).' },
  } as unknown as CaseEvent;
  const result = await e.record(handle, note);
  expect(result.event.type).toBe('note-added');
  const timeline = await e.waitFor(async () => {
    const entries = await e.timeline(caseId);
    return entries.some((t) => t.type === 'note-added') && entries;
  }, 'the note in the timeline');
  expect(timeline.map((t) => t.type)).toEqual(expect.arrayContaining(['case-opened', 'note-added']));

  // The workflow is a row of Temporal's own PostgreSQL database, not of the dev server's SQLite.
  const admin = new URL(process.env['TEST_PG_ADMIN_URL'] ?? '');
  admin.pathname = `/${prefix}temporal`;
  const rows = await withPgClient(admin.toString(), async (c) => {
    const r = await c.query('SELECT count(*)::int AS n FROM current_executions WHERE workflow_id = $1', [
      caseWorkflowId(caseId),
    ]);
    return r.rows as { n: number }[];
  });
  expect(rows[0]?.n).toBe(1);
});
