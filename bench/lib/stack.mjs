// The stack a bench suite measures, started the way `npm start` runs it (the built worker and API,
// embedded PostgreSQL, an SMTP server) on one of two Temporal servers:
//   dev      — the Temporal CLI's dev server with a SQLite file, what `npm start` uses;
//   postgres — Temporal server 1.29.1 on the same PostgreSQL, 4 history shards (tools/lib/temporal-server.mjs).
// Also a bench-only worker with a trivial workflow (bench/lib/noop-workflow.cjs) on its own task queue:
// the no-op Update and start that every figure is set against. Everything started is stopped by stop().
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import pg from 'pg';
import { provisionDatabase } from '../../tools/lib/database.mjs';
import { spawnNode, waitForHttpReady } from '../../tools/lib/node-process.mjs';
import { freePort } from '../../tools/lib/ports.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const WORKER_MAIN = path.join(root, 'apps', 'worker', 'dist', 'main.js');
const API_MAIN = path.join(root, 'apps', 'api', 'dist', 'main.js');
const NOOP_WORKER = path.join(root, 'bench', 'lib', 'noop-worker.mjs');
export const NOOP_TASK_QUEUE = 'bench-noop';
export const CASE_TASK_QUEUE = 'bench-cases';

export const log = (msg) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every deadline `span` s after it opens, reminded a third before, escalated a third after. */
export function secondsPolicy(span) {
  const third = Math.max(1, Math.round(span / 3));
  const kinds = [
    'step1-contact',
    'step2-meeting',
    'step2-evaluation',
    'step3-referral',
    'step3-meeting',
    'step3-evaluation',
    'step4-meeting',
    'step4-evaluation',
  ];
  const deadlines = {};
  for (const kind of kinds) {
    deadlines[kind] = {
      span: { unit: 'seconds', count: span },
      remindBefore: { unit: 'seconds', count: third },
      escalateAfter: { unit: 'seconds', count: third },
    };
  }
  return { version: `bench-${span}s`, deadlines };
}

/**
 * @param {{ server: 'dev'|'postgres', name: string, policy?: object, noop?: boolean, workerEnv?: object }} options
 * `policy`: LADDER_POLICY_JSON overrides (default: the guide's, no deadline falls due in a run).
 * `workerEnv`: more environment for the case worker only (e.g. WORKER_MAX_CACHED_WORKFLOWS).
 */
export async function startStack({ server, name, policy, noop = true, workerEnv = {} }) {
  for (const file of [WORKER_MAIN, API_MAIN]) {
    if (!existsSync(file))
      throw new Error(`${path.relative(root, file)} is missing: run \`npm run build\` first.`);
  }
  const cleanups = [];
  const children = new Set();
  const dataRoot = path.join(root, '.bench-data', `${name}-${server}-${process.pid}`);
  const logDir = path.join(dataRoot, 'logs');
  rmSync(dataRoot, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  const stack = { server, dataRoot, logDir, children };
  stack.onStop = (fn) => cleanups.push(fn);
  stack.stop = async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        log(`stopping: ${err.message}`);
      }
    }
    rmSync(dataRoot, { recursive: true, force: true });
  };
  try {
    await start(stack, { server, policy, noop, workerEnv, cleanups, logDir, dataRoot, children });
  } catch (err) {
    await stack.stop();
    throw err;
  }
  return stack;
}

async function start(stack, { server, policy, noop, workerEnv, cleanups, logDir, dataRoot, children }) {
  const { startEmbeddedPostgres } = await import('../../tools/lib/embedded-postgres.mjs');
  const { startTestSmtpServer } = require('@tiltak/testing');
  const { runMigrations } = require('@tiltak/persistence');

  const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, 'pg'), persistent: false });
  cleanups.push(() => pgServer.stop());
  stack.pg = pgServer;
  const urls = await provisionDatabase(pgServer.url('postgres'), {
    database: 'bench',
    owner: { name: 'bench_owner', password: randomBytes(12).toString('hex') },
    app: { name: 'bench_app', password: randomBytes(12).toString('hex') },
  });
  await runMigrations(urls.migrationUrl, { appRole: 'bench_app' });

  let temporal;
  if (server === 'dev') {
    const { ensureTemporalCli } = await import('../../tools/lib/temporal-cli.mjs');
    const { startTemporalDevServer, stopChild } = await import('../../tools/lib/temporal-dev-server.mjs');
    const cli = await ensureTemporalCli({ log });
    // As `npm start` runs it: a SQLite file, not the in-memory default.
    const dev = await startTemporalDevServer({
      cli,
      headless: true,
      dbFile: path.join(dataRoot, 'temporal.db'),
    });
    cleanups.push(() => stopChild(dev.child, dev.exited));
    temporal = dev;
  } else {
    const { startTemporalServer } = await import('../../tools/lib/temporal-server.mjs');
    const real = await startTemporalServer({
      adminUrl: pgServer.url('postgres'),
      dataDir: path.join(dataRoot, 'temporal-server'),
      logFile: path.join(logDir, 'temporal-server.log'),
      log,
    });
    cleanups.push(() => real.stop());
    temporal = real;
  }
  stack.temporal = {
    address: temporal.address,
    pid: temporal.child.pid,
    metricsUrl: `http://127.0.0.1:${temporal.metricsPort}/metrics`,
  };

  const smtp = await startTestSmtpServer();
  cleanups.push(() => smtp.stop());
  stack.smtp = smtp;

  const apiPort = await freePort();
  const signingKey = randomBytes(32);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATABASE_URL: urls.url,
    TEMPORAL_ADDRESS: stack.temporal.address,
    TEMPORAL_TASK_QUEUE: CASE_TASK_QUEUE,
    PAYLOAD_CODEC_KEYS: `bench1:${randomBytes(32).toString('base64')}`,
    SMTP_URL: smtp.url,
    PUBLIC_BASE_URL: `http://localhost:${apiPort}`,
    LOG_LEVEL: 'warn',
    ...(policy ? { LADDER_POLICY_JSON: JSON.stringify(policy) } : {}),
  };
  stack.env = env;
  const apiEnv = (stack.apiEnv = {
    ...env,
    API_PORT: String(apiPort),
    API_METRICS_PORT: String(await freePort()),
    AUTH_LOCAL_SIGNING_KEY: signingKey.toString('base64'),
    SEED_DEMO_DATA: 'true',
    // The bench posts far faster than people: the limits are for people.
    API_RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '1000000',
    API_RATE_LIMIT_EVENT_POSTS_PER_MINUTE: '1000000',
    API_RATE_LIMIT_CODEC_PER_MINUTE: '1000000',
    // To profile the API under a suite (Node refuses --cpu-prof in NODE_OPTIONS): BENCH_API_NODE_OPTIONS=
    // "--require ./bench/lib/cpu-profile-hook.cjs" BENCH_CPU_PROF_DIR=/tmp/prof (bench/README.md).
    ...(process.env.BENCH_API_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS } : {}),
    ...(process.env.BENCH_CPU_PROF_DIR ? { BENCH_CPU_PROF_DIR: process.env.BENCH_CPU_PROF_DIR } : {}),
  });
  cleanups.push(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const spawnProcess = (what, main, processEnv, readyLine) =>
    spawnNode({
      name: what,
      main,
      cwd: root,
      env: processEnv,
      readyLine,
      logFile: path.join(logDir, `${what}.log`),
      children,
    });

  // At info: "Worker started" says it polls. Metrics on ports of their own (another stack may run).
  const workerMetricsPort = await freePort();
  stack.workerMetricsUrl = `http://127.0.0.1:${workerMetricsPort}/metrics`;
  stack.worker = await spawnProcess(
    'worker',
    WORKER_MAIN,
    {
      ...env,
      LOG_LEVEL: 'info',
      WORKER_METRICS_PORT: String(workerMetricsPort),
      // The same for the case worker, its workflow threads included (bench/lib/cpu-profile-hook.cjs):
      // BENCH_WORKER_NODE_OPTIONS="--require ./bench/lib/cpu-profile-hook.cjs" (bench/README.md).
      ...(process.env.BENCH_WORKER_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS }
        : {}),
      ...(process.env.BENCH_CPU_PROF_DIR ? { BENCH_CPU_PROF_DIR: process.env.BENCH_CPU_PROF_DIR } : {}),
      ...workerEnv,
    },
    '"msg":"Worker started"',
  );
  cleanups.push(() => stack.worker.stop());
  if (noop) {
    stack.noopWorker = await spawnProcess(
      'noop-worker',
      NOOP_WORKER,
      { ...env, TEMPORAL_TASK_QUEUE: NOOP_TASK_QUEUE },
      'noop worker started',
    );
    cleanups.push(() => stack.noopWorker.stop());
  }
  stack.spawnProcess = spawnProcess;
  stack.api = await spawnProcess('api', API_MAIN, apiEnv, null);
  cleanups.push(() => stack.api.stop());
  stack.apiBase = `http://127.0.0.1:${apiPort}`;
  await waitForHttpReady(`${stack.apiBase}/api/health/ready`, stack.api);

  stack.db = new pg.Pool({ connectionString: urls.url, max: 4 });
  cleanups.push(() => stack.db.end());
  stack.token = (staffId) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(staffId)
      .setIssuer('tiltakstrappa-local')
      .setAudience('tiltakstrappa-api')
      .setIssuedAt()
      .setExpirationTime('4h')
      .sign(signingKey);

  // The Temporal client as the API builds it: the same codec and failure converter.
  const { Client, Connection } = require('@temporalio/client');
  const { loadConfig } = require('@tiltak/config');
  const { clientDataConverter } = require('@tiltak/temporal');
  const config = loadConfig(env, { mail: false, auth: false });
  const connection = await Connection.connect({ address: stack.temporal.address });
  cleanups.push(() => connection.close());
  stack.client = new Client({
    connection,
    namespace: 'default',
    dataConverter: clientDataConverter(config.codec),
  });
  stack.config = config;

  // The demo data's contact teachers: who opens cases and records events.
  const { rows } = await stack.db.query(
    `SELECT id, school_id FROM staff WHERE role = 'contact-teacher' AND active ORDER BY id`,
  );
  if (rows.length === 0) throw new Error('no contact teachers: the demo data was not seeded');
  stack.teachers = [];
  for (const t of rows)
    stack.teachers.push({ id: t.id, schoolId: t.school_id, token: await stack.token(t.id) });
  stack.pids = () => ({
    temporal: stack.temporal.pid,
    worker: stack.worker.child.pid,
    api: stack.api.child.pid,
  });
}

/**
 * Another API on the same stack (same database, Temporal, keys and tokens), e.g. an older build to
 * compare with: `main` is its apps/api/dist/main.js. Stopped with the stack. Its base URL and process.
 */
export async function startExtraApi(stack, { name, main, env = {} }) {
  const port = await freePort();
  const proc = await stack.spawnProcess(
    name,
    main,
    {
      ...stack.apiEnv,
      API_PORT: String(port),
      API_METRICS_PORT: String(await freePort()),
      SEED_DEMO_DATA: 'false',
      ...env,
    },
    null,
  );
  stack.onStop(() => proc.stop());
  const base = `http://127.0.0.1:${port}`;
  await waitForHttpReady(`${base}/api/health/ready`, proc);
  return { base, proc };
}

/** `count` synthetic students, spread over the demo contact teachers, inserted in bulk. */
export async function addStudents(stack, count) {
  const students = [];
  for (let i = 0; i < count; i++) {
    const teacher = stack.teachers[i % stack.teachers.length];
    students.push({ id: randomUUID(), teacher });
  }
  for (let from = 0; from < students.length; from += 1000) {
    const batch = students.slice(from, from + 1000);
    const values = [];
    const params = [];
    batch.forEach((s, i) => {
      values.push(`($${i * 4 + 1}, $${i * 4 + 2}, '7C', $${i * 4 + 3}, $${i * 4 + 4}, 'Benchen')`);
      params.push(s.id, s.teacher.schoolId, s.teacher.id, `Syntetisk${from + i}`);
    });
    await stack.db.query(
      `INSERT INTO students (id, school_id, class_name, contact_teacher_id, given_name, family_name) VALUES ${values.join(',')}`,
      params,
    );
  }
  return students;
}

/** An HTTP request to the API as a teacher; the answer's status, body and time. */
export async function api(stack, token, method, url, body, headers = {}) {
  const t = performance.now();
  const res = await fetch(`${stack.apiBase}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const ms = performance.now() - t;
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, body: json, ms };
}

/** Opens a case for the student through the API; its id. */
export async function openViaApi(stack, student) {
  const res = await api(stack, student.teacher.token, 'POST', '/api/cases', {
    studentId: student.id,
    trigger: 'absence-percentage',
    absencePercent: 12.5,
  });
  if (res.status !== 201)
    throw new Error(`POST /api/cases answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { caseId: res.body.caseId, ms: res.ms };
}

export const noteBody = () => ({ type: 'note-added', payload: { text: 'Ringte foresatte (syntetisk).' } });

/** Records a note on the case through the API as its contact teacher; throws unless it answers 201. */
export async function postNote(stack, caseId, student) {
  const res = await api(stack, student.teacher.token, 'POST', `/api/cases/${caseId}/events`, noteBody(), {
    'idempotency-key': randomUUID(),
  });
  if (res.status !== 201) throw new Error(`POST events answered ${res.status}: ${JSON.stringify(res.body)}`);
  return true;
}

/** Resident set size of a process in MiB (from /proc). */
export function rssMiB(pid) {
  try {
    const status = require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return null;
  }
}

/** User and system CPU seconds of a process so far (from /proc); throws for a process that is gone. */
export function cpuSplit(pid) {
  const stat = require('node:fs').readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

/** CPU seconds (user + system) a process has used so far (from /proc), or null when it is gone. */
export function cpuSeconds(pid) {
  try {
    const { user, system } = cpuSplit(pid);
    return user + system;
  } catch {
    return null;
  }
}

/**
 * Waits (at most 30 s) until every opened case has its opening notice out (an outbox row, sent) and
 * nothing is left to send, so the notice's workflow, e-mail and entry count in a CPU window; false
 * when that did not happen in time.
 */
export async function notificationsSettled(stack) {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const { rows } = await stack.db.query(
      `SELECT (SELECT count(*) FROM cases)::int AS cases,
              (SELECT count(DISTINCT case_id) FROM notification_outbox WHERE status = 'sent')::int AS noticed,
              (SELECT count(*) FROM notification_outbox WHERE status IN ('pending', 'sending'))::int AS unsent`,
    );
    if (rows[0].noticed >= rows[0].cases && rows[0].unsent === 0) return true;
    await sleep(100);
  }
  return false;
}

// ---- the same operations straight through the Temporal client -------------------------------------

const workflows = () => require('@tiltak/workflows');

/** The policy the API passes to new cases (the guide's with LADDER_POLICY_JSON over it). */
export function casePolicy(stack) {
  const { defaultLadderPolicy, parsePolicyOverrides } = require('@tiltak/domain');
  const parsed = parsePolicyOverrides(stack.config.policyOverrides, defaultLadderPolicy());
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.policy;
}

/** A new case's opening for the student by their contact teacher, as the bench opens every case. */
export function openingFor(student, caseId = randomUUID()) {
  return {
    caseId,
    studentId: student.id,
    schoolId: student.teacher.schoolId,
    ownerStaffId: student.teacher.id,
    trigger: 'absence-percentage',
    absencePercent: 12.5,
    openedAt: new Date().toISOString(),
    openedBy: { staffId: student.teacher.id, role: 'contact-teacher' },
  };
}

/**
 * Opens a case for the student the way the API starts its workflow, straight through the client:
 * with update-with-start when the workflow has an `opened` Update (the first state in the answer),
 * else a start and then the state query until it answers (what the API did before).
 */
export async function openDirect(stack, student, { wait = true } = {}) {
  const { CASE_WORKFLOW_TYPE, SEARCH_ATTRIBUTES, caseWorkflowId, getStateQuery, openedUpdate } = workflows();
  const caseId = randomUUID();
  const input = {
    open: openingFor(student, caseId),
    policy: stack.policy ?? (stack.policy = casePolicy(stack)),
  };
  const options = {
    workflowId: caseWorkflowId(caseId),
    taskQueue: CASE_TASK_QUEUE,
    args: [input],
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    typedSearchAttributes: [
      { key: SEARCH_ATTRIBUTES.step, value: 1 },
      { key: SEARCH_ATTRIBUTES.status, value: 'open' },
      { key: SEARCH_ATTRIBUTES.schoolId, value: input.open.schoolId },
    ],
  };
  if (!wait) {
    // Only the start: the population of the scale suites, absorbed by the worker in the background.
    await stack.client.workflow.start(CASE_WORKFLOW_TYPE, { ...options, workflowIdConflictPolicy: 'FAIL' });
    return caseId;
  }
  if (openedUpdate) {
    // As the API opens since the hot-path change: the `opened` Update travels with the start.
    const { WithStartWorkflowOperation } = require('@temporalio/client');
    const { openedUpdateId } = workflows();
    const op = new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, {
      ...options,
      workflowIdConflictPolicy: 'FAIL',
    });
    await stack.client.workflow.executeUpdateWithStart(openedUpdate, {
      ...(openedUpdateId ? { updateId: openedUpdateId(caseId) } : {}),
      startWorkflowOperation: op,
    });
    return caseId;
  }
  const handle = await stack.client.workflow.start(CASE_WORKFLOW_TYPE, {
    ...options,
    workflowIdConflictPolicy: 'FAIL',
  });
  for (;;) {
    try {
      await handle.query(getStateQuery);
      return caseId;
    } catch (err) {
      // Not registered yet, or CASE_OPENING: polled as the API polls (every 150 ms).
      const opening =
        err?.name === 'QueryNotRegisteredError' ||
        /CASE_OPENING|still opening/.test(String(err?.cause?.message ?? err?.message));
      if (!opening) throw err;
      await sleep(150);
    }
  }
}

/** A note as the API builds it from the body, sent as the case workflow's Update. */
export function noteEvent(staffId) {
  return {
    type: 'note-added',
    eventId: randomUUID(),
    actor: { staffId, role: 'contact-teacher' },
    occurredAt: new Date().toISOString(),
    payload: { text: 'Ringte foresatte (syntetisk).' },
  };
}

export async function recordDirect(stack, caseId, staffId) {
  const { caseWorkflowId, recordEventUpdate } = workflows();
  const event = noteEvent(staffId);
  await stack.client.workflow
    .getHandle(caseWorkflowId(caseId))
    .executeUpdate(recordEventUpdate, { args: [event], updateId: event.eventId });
}

/** Starts a trivial workflow (the no-op floor); its handle. */
export async function startNoop(stack) {
  return stack.client.workflow.start('benchNoopWorkflow', {
    workflowId: `bench-noop-${randomUUID()}`,
    taskQueue: NOOP_TASK_QUEUE,
  });
}

/** The no-op Update, carrying the same payload as the note. */
export async function noopUpdate(handle, staffId) {
  const event = noteEvent(staffId);
  await handle.executeUpdate('noop', { args: [event], updateId: event.eventId });
}

/** Opening's floor: update-with-start of the trivial workflow. */
export async function noopOpen(stack) {
  const { WithStartWorkflowOperation } = require('@temporalio/client');
  const op = new WithStartWorkflowOperation('benchNoopWorkflow', {
    workflowId: `bench-noop-${randomUUID()}`,
    taskQueue: NOOP_TASK_QUEUE,
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  await stack.client.workflow.executeUpdateWithStart('noop', { startWorkflowOperation: op, args: [{}] });
}

/** The timers' floor: a trivial workflow that sleeps until `dueAtMs` (its handle; its result is how late it woke, ms). */
export async function startNoopTimer(stack, dueAtMs) {
  return stack.client.workflow.start('benchNoopTimerWorkflow', {
    workflowId: `bench-noop-timer-${randomUUID()}`,
    taskQueue: NOOP_TASK_QUEUE,
    args: [dueAtMs],
  });
}

/** Ends the trivial workflows (so the server is not left with them). */
export async function finishNoop(handles) {
  await Promise.all(handles.map((h) => h.signal('finish').catch(() => undefined)));
}

/** CPU seconds of embedded PostgreSQL: the postmaster and every backend it forked (from /proc). */
export function postgresCpuSeconds(stack) {
  const fs = require('node:fs');
  let postmaster;
  try {
    postmaster = Number(
      fs.readFileSync(path.join(stack.pg.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
    );
  } catch {
    return null;
  }
  let total = cpuSeconds(postmaster) ?? 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) total += cpuSeconds(Number(entry)) ?? 0;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** CPU seconds so far of each process of the stack. */
export function stackCpu(stack) {
  return {
    temporal: cpuSeconds(stack.temporal.pid),
    worker: cpuSeconds(stack.worker.child.pid),
    api: cpuSeconds(stack.api.child.pid),
    postgres: postgresCpuSeconds(stack),
    noopWorker: stack.noopWorker ? cpuSeconds(stack.noopWorker.child.pid) : null,
  };
}

/** CPU milliseconds each process spent per request between two stackCpu readings (null where unread). */
export function cpuPerRequest(before, after, requests) {
  return Object.fromEntries(
    Object.keys(after).map((k) => [
      k,
      after[k] === null || before[k] === null ? null : ((after[k] - before[k]) * 1000) / (requests || 1),
    ]),
  );
}

/** The whole stack's CPU milliseconds per request: every process of a cpuPerRequest reading. */
export function wholeStackCpu(perRequest) {
  return ['temporal', 'worker', 'api', 'postgres', 'noopWorker'].reduce(
    (t, k) => t + (perRequest?.[k] ?? 0),
    0,
  );
}

const spanPolicies = new Map();
/** The guide's policy with every deadline `span` seconds (merged as the API merges LADDER_POLICY_JSON). */
function policyWithSpan(span) {
  if (!spanPolicies.has(span)) {
    const { defaultLadderPolicy, parsePolicyOverrides } = require('@tiltak/domain');
    const parsed = parsePolicyOverrides(secondsPolicy(span), defaultLadderPolicy());
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    spanPolicies.set(span, parsed.policy);
  }
  return spanPolicies.get(span);
}

/**
 * A case as it stands after its opening, for the scale suites' population: the opening written through
 * the persistence library (what the workflow's first write does: the case-opened entry and the read
 * model row), then its workflow started with that state carried over, the way continue-as-new starts
 * a case that has run for a while. It keeps timers, accepts Updates and answers like any case; it
 * skips the opening's first tasks and notice (p1-open measures opening). `spanSeconds`: when its
 * first deadline falls due (a policy of its own: reminded a third before, escalated a third after).
 */
export async function seedCase(stack, student, spanSeconds) {
  const { CASE_WORKFLOW_TYPE, SEARCH_ATTRIBUTES, caseWorkflowId } = workflows();
  const { openCase, caseOpenedEvent } = require('@tiltak/domain');
  if (!stack.seeding) {
    const { CaseEventStore, DirectoryRepository, createDataSource } = require('@tiltak/persistence');
    // One connection per concurrent seeder (the suite seeds 64 at once; the start, not the write, is the slower part).
    const dataSource = createDataSource(stack.env.DATABASE_URL, {
      poolSize: 16,
      applicationName: 'bench-seed',
    });
    await dataSource.initialize();
    stack.seeding = {
      // Where a seed's time goes (ms, summed over all seeds): the read model's write, the start.
      spent: { append: 0, start: 0, seeds: 0 },
      dataSource,
      events: new CaseEventStore(dataSource),
      directory: new DirectoryRepository(dataSource),
      calendars: new Map(),
    };
    stack.onStop(() => dataSource.destroy());
  }
  const seeding = stack.seeding;
  const schoolId = student.teacher.schoolId;
  if (!seeding.calendars.has(schoolId))
    seeding.calendars.set(schoolId, seeding.directory.getCalendars(schoolId));
  const calendars = await seeding.calendars.get(schoolId);
  const policy = policyWithSpan(spanSeconds);
  const caseId = randomUUID();
  const open = openingFor(student, caseId);
  const { openedBy, ...openInput } = open;
  const state = openCase(openInput, policy, calendars);
  const opened = caseOpenedEvent(openInput, openedBy);
  const t0 = performance.now();
  await seeding.events.append({
    state,
    events: [{ ...opened, caseId, step: state.step, recordedAt: new Date().toISOString() }],
  });
  const t1 = performance.now();
  await stack.client.workflow.start(CASE_WORKFLOW_TYPE, {
    workflowId: caseWorkflowId(caseId),
    taskQueue: CASE_TASK_QUEUE,
    args: [{ open, policy, carried: { state, calendars, recentEvents: [] } }],
    workflowIdConflictPolicy: 'FAIL',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    typedSearchAttributes: [
      { key: SEARCH_ATTRIBUTES.step, value: 1 },
      { key: SEARCH_ATTRIBUTES.status, value: 'open' },
      { key: SEARCH_ATTRIBUTES.schoolId, value: schoolId },
    ],
  });
  seeding.spent.append += t1 - t0;
  seeding.spent.start += performance.now() - t1;
  seeding.spent.seeds += 1;
  return caseId;
}
