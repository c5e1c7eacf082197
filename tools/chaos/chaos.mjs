// `npm run chaos`: faults under load on the real stack (docs/chaos.md). Starts its own embedded
// PostgreSQL, Temporal dev server, SMTP server, the built API and two built worker processes, with a
// seconds-scale ladder policy so deadlines fall due during the run. Simulated teachers open cases and
// post events over HTTP while a random worker is killed with SIGKILL and replaced, again and again.
// Afterwards it checks the invariants from PostgreSQL (the timeline), Temporal and the SMTP server's
// received mail, prints the table and exits 1 if any invariant is violated. Never part of `npm test`.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import pg from 'pg';
import { provisionDatabase } from '../lib/database.mjs';
import { freePort } from '../lib/ports.mjs';
import { checkRun, formatTable } from './invariants.mjs';
import { parseArgs, USAGE } from './options.mjs';
import { createRandom, planCase, stepOneContact, stepTwoMeeting, note } from './teachers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const WORKER_MAIN = path.join(root, 'apps', 'worker', 'dist', 'main.js');
const API_MAIN = path.join(root, 'apps', 'api', 'dist', 'main.js');
const DEADLINE_TYPES = ['reminder-due', 'deadline-missed', 'escalated'];

const cleanups = [];
const logDir = path.join(root, '.chaos-data', `logs-${process.pid}`);
/** Every process this run started, so none outlives it whatever happens. */
const children = new Set();
const log = (msg) => console.error(`[chaos ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const random = createRandom(opts.seed);
  const started = Date.now();
  log(
    `scenarios ${opts.scenarios.join(', ')}: ${opts.cases} cases each, ${opts.duration} s of load, span ${opts.span} s, seed ${opts.seed}`,
  );

  const stack = await startStack(opts);
  const results = [];
  for (const scenario of opts.scenarios) {
    const run = {
      scenario: SCENARIO_NAMES[scenario],
      cases: [],
      accepted: new Map(), // eventId -> { caseId, status }
      answers: new Map(), // HTTP status -> count
      hangs: 0,
      deadlines: new Map(), // `${caseId}/${deadlineId}` -> deadline as last seen
      metAt: new Map(), // `${caseId}/${deadlineId}` -> ms when the request that met it was sent
      kills: 0,
      outage: null,
      poisoned: null,
      // The SMTP server serves every scenario: this one's mail starts here.
      mailFrom: stack.smtp.messages.length,
    };
    log(`${run.scenario}: ${opts.cases} cases for ${opts.duration} s`);
    const loadEnd = Date.now() + opts.duration * 1000;
    const fault =
      scenario === 'r1'
        ? killLoop(stack, opts, random, loadEnd, run)
        : scenario === 'pg-restart'
          ? restartPostgres(stack, opts, run)
          : poisonOneCase(stack, run);
    await drive(stack, opts, random, loadEnd, run);
    await fault;
    log(`${run.scenario}: load over (${run.kills} kills/restarts); settling ${opts.settle} s`);
    await sleep(opts.settle * 1000);
    const figures = await collect(stack, run, opts, Date.now());
    const result = checkRun(figures);
    results.push({
      ...result,
      serverErrors: run.serverErrors ?? [],
      answers: [...run.answers].map(([k, n]) => `${k}×${n}`).join(', '),
    });
    log(`${run.scenario}: ${result.violations.length} violations`);
  }

  console.log(formatTable(results.map((r) => r.row)));
  const violations = results.flatMap((r) => r.violations.map((v) => `${r.row.scenario}: ${v}`));
  if (violations.length) {
    console.log('\nViolated invariants:');
    for (const v of violations.slice(0, 60)) console.log(`  - ${v}`);
    if (violations.length > 60) console.log(`  … and ${violations.length - 60} more`);
  } else {
    console.log('\nEvery invariant held.');
  }
  for (const r of results) {
    console.log(`${r.row.scenario}: HTTP answers ${r.answers}`);
    for (const e of [...new Set(r.serverErrors)].slice(0, 10)) console.log(`  ${e}`);
  }
  console.log(`Logs of the API and workers: ${path.relative(root, logDir)}/`);
  console.log(`Run took ${Math.round((Date.now() - started) / 1000)} s`);
  return violations.length ? 1 : 0;
}

const SCENARIO_NAMES = { r1: 'R1 workers', 'pg-restart': 'R3 PostgreSQL restart', poison: 'poison case' };

// ---- the stack ------------------------------------------------------------------------------------

async function startStack(opts) {
  for (const file of [WORKER_MAIN, API_MAIN]) {
    try {
      require.resolve(file);
    } catch {
      throw new Error(`${path.relative(root, file)} is missing: run \`npm run build\` first.`);
    }
  }
  const dataRoot = path.join(root, '.chaos-data', `run-${process.pid}`);
  rmSync(dataRoot, { recursive: true, force: true });
  mkdirSync(dataRoot, { recursive: true });
  cleanups.push(async () => rmSync(dataRoot, { recursive: true, force: true }));

  const { startEmbeddedPostgres } = await import('../lib/embedded-postgres.mjs');
  const { ensureTemporalCli } = await import('../lib/temporal-cli.mjs');
  const { startTemporalDevServer, stopChild } = await import('../lib/temporal-dev-server.mjs');
  const { startTestSmtpServer } = require('@tiltak/testing');

  log('starting embedded PostgreSQL…');
  // Persistent, so the PostgreSQL restart scenario finds its data again (the folder goes at the end).
  const pgDir = path.join(dataRoot, 'pg');
  const postgres = { server: await startEmbeddedPostgres({ dataDir: pgDir }) };
  postgres.restart = async () => {
    postgres.server = await startEmbeddedPostgres({ dataDir: pgDir, port: postgres.server.port });
  };
  cleanups.push(() => postgres.server.stop());
  const urls = await provisionDatabase(postgres.server.url('postgres'), {
    database: 'chaos',
    owner: { name: 'chaos_owner', password: randomBytes(12).toString('hex') },
    app: { name: 'chaos_app', password: randomBytes(12).toString('hex') },
  });
  const { runMigrations } = require('@tiltak/persistence');
  await runMigrations(urls.migrationUrl, { appRole: 'chaos_app' });

  log('starting the Temporal dev server…');
  const cli = await ensureTemporalCli({ log });
  const temporal = await startTemporalDevServer({ cli, headless: true });
  cleanups.push(() => stopChild(temporal.child, temporal.exited));

  const smtp = await startTestSmtpServer();
  cleanups.push(() => smtp.stop());

  const apiPort = await freePort();
  const signingKey = randomBytes(32);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATABASE_URL: urls.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'chaos-cases',
    PAYLOAD_CODEC_KEYS: `chaos1:${randomBytes(32).toString('base64')}`,
    SMTP_URL: smtp.url,
    PUBLIC_BASE_URL: `http://localhost:${apiPort}`,
    LOG_LEVEL: 'warn',
    // Two workers and an API on one machine, maybe beside `npm start`: no metrics ports to share.
    API_METRICS_PORT: '0',
    WORKER_METRICS_PORT: '0',
  };
  const apiEnv = {
    ...env,
    API_PORT: String(apiPort),
    AUTH_LOCAL_SIGNING_KEY: signingKey.toString('base64'),
    SEED_DEMO_DATA: 'true',
    LADDER_POLICY_JSON: JSON.stringify(secondsPolicy(opts)),
    // Simulated teachers post far faster than people: the limits are for people.
    API_RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '1000000',
    API_RATE_LIMIT_EVENT_POSTS_PER_MINUTE: '1000000',
    API_RATE_LIMIT_CODEC_PER_MINUTE: '1000000',
  };

  const workers = [];
  const stack = {
    env,
    smtp,
    temporal,
    postgres,
    migrationUrl: urls.migrationUrl,
    apiBase: `http://127.0.0.1:${apiPort}`,
    db: new pg.Pool({ connectionString: urls.url, max: 4 }),
    workers,
    // At info: "Worker started" says it polls.
    spawnWorker: () =>
      spawnProcess('worker', WORKER_MAIN, { ...env, LOG_LEVEL: 'info' }, '"msg":"Worker started"'),
    token: (staffId) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(staffId)
        .setIssuer('tiltakstrappa-local')
        .setAudience('tiltakstrappa-api')
        .setIssuedAt()
        .setExpirationTime('2h')
        .sign(signingKey),
  };
  cleanups.push(() => stack.db.end());

  log('starting two worker processes and the API…');
  cleanups.push(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  workers.push(await stack.spawnWorker(), await stack.spawnWorker());
  const api = await spawnProcess('api', API_MAIN, apiEnv, null);
  cleanups.push(() => api.stop());
  await waitForReady(`${stack.apiBase}/api/health/ready`, api);
  return stack;
}

/** Every deadline in seconds: due `span` s after it opens, reminded a third before, escalated a third after. */
function secondsPolicy(opts) {
  const third = Math.max(1, Math.round(opts.span / 3));
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
      span: { unit: 'seconds', count: opts.span },
      remindBefore: { unit: 'seconds', count: third },
      escalateAfter: { unit: 'seconds', count: third },
    };
  }
  return { version: `chaos-${opts.span}s`, deadlines };
}

async function spawnProcess(name, main, env, readyLine) {
  const child = spawn(process.execPath, [main], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  mkdirSync(logDir, { recursive: true });
  const logFile = createWriteStream(path.join(logDir, `${name}-${child.pid}.log`));
  const keep = (chunk) => {
    logFile.write(chunk);
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const proc = {
    name,
    child,
    exited,
    output: () => output,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  if (!readyLine) return proc;
  const until = Date.now() + 60_000;
  while (!output.includes(readyLine)) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited early:\n${output}`);
    if (Date.now() > until) throw new Error(`${name} did not start within 60 s:\n${output}`);
    await sleep(100);
  }
  return proc;
}

async function waitForReady(url, api) {
  const until = Date.now() + 90_000;
  for (;;) {
    if (api.child.exitCode !== null) throw new Error(`the API exited early:\n${api.output()}`);
    const res = await fetch(url).catch(() => null);
    if (res?.ok) return;
    if (Date.now() > until) throw new Error(`the API was not ready within 90 s:\n${api.output()}`);
    await sleep(300);
  }
}

// ---- the faults -----------------------------------------------------------------------------------

/**
 * Kills a random running worker with SIGKILL at random moments until `--kills` or the end of the load,
 * whichever comes first; each is replaced at once (the kills go on while the replacement starts).
 */
async function killLoop(stack, opts, random, loadEnd, run) {
  if (opts.kills === 0) return;
  const meanGap = (opts.duration * 1000) / (opts.kills + 1);
  const starting = new Set();
  while (run.kills < opts.kills && Date.now() < loadEnd) {
    await sleep(meanGap * (0.4 + random() * 1.2));
    const running = stack.workers.map((w, i) => [w, i]).filter(([w]) => w && w.child.exitCode === null);
    if (running.length === 0) continue;
    const [victim, index] = running[Math.floor(random() * running.length)];
    stack.workers[index] = null;
    await victim.kill();
    run.kills += 1;
    const replacement = stack
      .spawnWorker()
      .catch((err) => {
        log(`a replacement worker did not start (${err.message.split('\n')[0]}); trying again`);
        return stack.spawnWorker();
      })
      .then((worker) => {
        stack.workers[index] = worker;
      })
      .finally(() => starting.delete(replacement));
    starting.add(replacement);
    if (run.kills % 10 === 0) log(`${run.kills} kills`);
  }
  await Promise.all(starting);
}

/**
 * Stops PostgreSQL for `--outage` seconds a third into the load, then starts it again on the same
 * port and data. Meanwhile a reader asks the API for a case list every 500 ms: it must answer 503
 * (never 500, never hang) while PostgreSQL is down.
 */
async function restartPostgres(stack, opts, run) {
  await sleep(opts.duration * 1000 * 0.3);
  const reader = run.cases[0];
  const outage = { answers: new Map(), slowestMs: 0 };
  run.outage = outage;
  log(`stopping PostgreSQL for ${opts.outage} s`);
  await stack.postgres.server.stop();
  run.kills += 1;
  const upAt = Date.now() + opts.outage * 1000;
  while (Date.now() < upAt) {
    const t = Date.now();
    const res = await send(stack, run, reader.token, 'GET', '/api/cases');
    outage.slowestMs = Math.max(outage.slowestMs, Date.now() - t);
    outage.answers.set(res.status, (outage.answers.get(res.status) ?? 0) + 1);
    await sleep(500);
  }
  await stack.postgres.restart();
  log('PostgreSQL is back');
}

/**
 * Once the first case is open, its events can never be stored: a trigger (as the owner, the way a
 * broken migration would) refuses every row of that case. The other cases must not notice (ADR 0003).
 */
async function poisonOneCase(stack, run) {
  while (run.cases.length === 0) await sleep(100);
  const caseId = run.cases[0].caseId;
  run.poisoned = caseId;
  const owner = new pg.Client({ connectionString: stack.migrationUrl });
  await owner.connect();
  try {
    await owner.query(`
      CREATE OR REPLACE FUNCTION chaos_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.case_id = '${caseId}'::uuid THEN RAISE EXCEPTION 'chaos: this case cannot be stored'; END IF;
        RETURN NEW;
      END $$`);
    await owner.query(`DROP TRIGGER IF EXISTS chaos_poison ON case_events`);
    await owner.query(
      `CREATE TRIGGER chaos_poison BEFORE INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION chaos_poison()`,
    );
  } finally {
    await owner.end();
  }
  log(`case ${caseId} poisoned: its events can never be stored`);
}

// ---- the load -------------------------------------------------------------------------------------

async function drive(stack, opts, random, loadEnd, run) {
  const { rows: teachers } = await stack.db.query(
    `SELECT id, school_id FROM staff WHERE role = 'contact-teacher' AND active ORDER BY id`,
  );
  if (teachers.length === 0) throw new Error('no contact teachers: the demo data was not seeded');
  const tokens = new Map();
  for (const t of teachers) tokens.set(t.id, await stack.token(t.id));

  // One open case per student: a synthetic student of its own for every case.
  const students = [];
  for (let i = 0; i < opts.cases; i++) {
    const teacher = teachers[i % teachers.length];
    const id = randomUUID();
    await stack.db.query(
      `INSERT INTO students (id, school_id, class_name, contact_teacher_id, given_name, family_name)
       VALUES ($1, $2, '7C', $3, $4, 'Kaosen')`,
      [id, teacher.school_id, teacher.id, `Syntetisk${i}`],
    );
    students.push({ id, teacher });
  }

  const limit = semaphore(opts.concurrency);
  const rampMs = Math.min(opts.duration * 1000 * 0.4, opts.cases * 150);
  const t0 = Date.now();
  await Promise.all(
    students.map(async (student, i) => {
      await sleep((rampMs * i) / opts.cases);
      const token = tokens.get(student.teacher.id);
      const plan = planCase(random, opts.span);
      const opened = await limit(() =>
        send(stack, run, token, 'POST', '/api/cases', {
          studentId: student.id,
          trigger: 'absence-percentage',
          absencePercent: 12.5,
        }),
      );
      if (opened.status !== 201) return;
      const caseId = opened.body.caseId;
      const openedAt = Date.now();
      run.cases.push({ caseId, token, plan: plan.name });
      remember(run, caseId, opened.body.deadlines, null);
      for (const step of plan.steps) {
        const at = openedAt + step.afterMs;
        if (at > loadEnd) break;
        await sleep(Math.max(0, at - Date.now()));
        const body =
          step.event === 'step1-contact'
            ? stepOneContact()
            : step.event === 'step2-meeting'
              ? stepTwoMeeting()
              : note();
        const sentAt = Date.now();
        const res = await limit(() => postEvent(stack, run, token, caseId, body));
        if (res?.status === 201) remember(run, caseId, res.body?.case?.deadlines, sentAt);
      }
    }),
  );
  log(`load: ${run.cases.length} cases opened and driven for ${Math.round((Date.now() - t0) / 1000)} s`);
}

/** Keeps the latest view of every deadline; one that disappeared after an event was met by it. */
function remember(run, caseId, deadlines, sentAt) {
  if (!Array.isArray(deadlines)) return;
  const present = new Set();
  for (const d of deadlines) {
    const key = `${caseId}/${d.id}`;
    present.add(key);
    run.deadlines.set(key, { caseId, ...d });
  }
  if (sentAt === null) return;
  for (const [key] of run.deadlines) {
    if (key.startsWith(`${caseId}/`) && !present.has(key) && !run.metAt.has(key)) run.metAt.set(key, sentAt);
  }
}

/** An event as a teacher sends it: retried with the same key on 503, 429, a timeout or no answer. */
async function postEvent(stack, run, token, caseId, body) {
  const key = randomUUID();
  for (let attempt = 1; attempt <= 8; attempt++) {
    const res = await send(stack, run, token, 'POST', `/api/cases/${caseId}/events`, body, key);
    if (res.status === 201 || res.status === 202) {
      const eventId = res.location?.split('/').pop();
      if (eventId) run.accepted.set(eventId, { caseId, status: res.status });
      return res;
    }
    if (![0, 429, 503].includes(res.status)) return res;
    await sleep(500 * attempt);
  }
  return null;
}

async function send(stack, run, token, method, urlPath, body, idempotencyKey) {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let status = 0;
  try {
    // The API's own deadline for an event is well under this; an answer later than it is a hang.
    const res = await fetch(`${stack.apiBase}${urlPath}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(45_000),
    });
    status = res.status;
    const text = await res.text();
    if ((status >= 500 && status !== 503) || status === 404) {
      run.serverErrors ??= [];
      run.serverErrors.push(
        `${method} ${urlPath.replace(/[0-9a-f-]{36}/g, '{id}')} ${body?.type ?? ''}: ${status} ${text.slice(0, 300)}`,
      );
    }
    run.answers.set(status, (run.answers.get(status) ?? 0) + 1);
    return { status, body: text ? JSON.parse(text) : null, location: res.headers.get('location') };
  } catch (err) {
    if (err?.name === 'TimeoutError') run.hangs += 1;
    run.answers.set('no answer', (run.answers.get('no answer') ?? 0) + 1);
    return { status, body: null, location: null };
  }
}

function semaphore(size) {
  let active = 0;
  const queue = [];
  return async (work) => {
    if (active >= size) await new Promise((resolve) => queue.push(resolve));
    active += 1;
    try {
      return await work();
    } finally {
      active -= 1;
      queue.shift()?.();
    }
  };
}

// ---- what happened --------------------------------------------------------------------------------

async function collect(stack, run, opts, checkedAt) {
  const caseIds = run.cases.map((c) => c.caseId);
  // The live state of every case at the end: which deadlines are still pending.
  const pending = new Map();
  const limit = semaphore(opts.concurrency);
  await Promise.all(
    run.cases.map((c) =>
      limit(async () => {
        const res = await send(stack, run, c.token, 'GET', `/api/cases/${c.caseId}`);
        if (res.status === 200) {
          pending.set(c.caseId, new Set((res.body.deadlines ?? []).map((d) => d.id)));
          remember(run, c.caseId, res.body.deadlines, null);
        }
      }),
    ),
  );
  const { rows: events } = await stack.db.query(
    `SELECT seq, event_id, case_id, type, origin, recorded_at, payload
       FROM case_events WHERE case_id = ANY($1::uuid[]) ORDER BY seq`,
    [caseIds],
  );

  // Workflows that ended badly during this scenario (ids, so an earlier scenario's are not counted again).
  const { Client, Connection } = require('@temporalio/client');
  const connection = await Connection.connect({ address: stack.temporal.address });
  const client = new Client({ connection });
  const failedWorkflows = {};
  stack.seenFailed ??= new Set();
  for (const status of ['Failed', 'TimedOut', 'Terminated']) {
    failedWorkflows[status] = 0;
    for await (const wf of client.workflow.list({ query: `ExecutionStatus="${status}"` })) {
      const id = `${wf.workflowId}/${wf.runId}`;
      if (stack.seenFailed.has(id)) continue;
      stack.seenFailed.add(id);
      failedWorkflows[status] += 1;
    }
  }
  let poisonedStatus = null;
  if (run.poisoned) {
    const description = await client.workflow.getHandle(`case-${run.poisoned}`).describe();
    poisonedStatus = description.status.name;
  }
  await connection.close();

  return {
    scenario: run.scenario,
    cases: run.cases.length,
    plannedCases: opts.cases,
    kills: run.kills,
    hangs: run.hangs,
    answers: Object.fromEntries(run.answers),
    accepted: [...run.accepted].map(([eventId, a]) => ({ eventId, ...a })),
    events: events.map((e) => ({
      seq: Number(e.seq),
      eventId: e.event_id,
      caseId: e.case_id,
      type: e.type,
      origin: e.origin,
      recordedAt: new Date(e.recorded_at).getTime(),
      payload: e.payload,
    })),
    deadlines: [...run.deadlines.values()].map((d) => ({
      ...d,
      pending: pending.get(d.caseId)?.has(d.id) ?? false,
      metAt: run.metAt.get(`${d.caseId}/${d.id}`) ?? null,
    })),
    mail: stack.smtp.messages.slice(run.mailFrom).map((m) => ({ messageId: m.messageId, to: m.envelopeTo })),
    failedWorkflows,
    poisoned: run.poisoned,
    poisonedStatus,
    outage: run.outage && {
      answers: Object.fromEntries(run.outage.answers),
      slowestMs: run.outage.slowestMs,
    },
    // A stage due before this must have fired; one after may or may not have yet.
    cutoff: checkedAt - opts.grace * 1000,
    graceMs: opts.grace * 1000,
    deadlineTypes: DEADLINE_TYPES,
  };
}

// ---- entry ----------------------------------------------------------------------------------------

async function cleanup() {
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (err) {
      log(`cleanup: ${err.message}`);
    }
  }
  cleanups.length = 0;
}

process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
process.on('SIGTERM', () => void cleanup().then(() => process.exit(143)));

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (err) => {
    console.error(`[chaos] ${err.stack ?? err.message}`);
    await cleanup();
    process.exit(2);
  });
