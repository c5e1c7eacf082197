// `npm run chaos`: faults under load on the real stack (docs/chaos.md). Starts its own embedded
// PostgreSQL, Temporal dev server, SMTP server, the built API and two built worker processes, with a
// seconds-scale ladder policy so deadlines fall due during the run. Simulated teachers open cases and
// post events over HTTP while a random worker is killed with SIGKILL and replaced, again and again.
// Afterwards it checks the invariants from PostgreSQL (the timeline), Temporal and the SMTP server's
// received mail, prints the table and exits 1 if any invariant is violated. Never part of `npm test`.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import pg from 'pg';
import { provisionDatabase } from '../lib/database.mjs';
import { spawnNode, waitForHttpReady } from '../lib/node-process.mjs';
import { freePort, waitForPort } from '../lib/ports.mjs';
import { checkRun, formatTable } from './invariants.mjs';
import { loadSeconds, outageStart, parseArgs, USAGE } from './options.mjs';
import { createRandom, planCase, stepOneContact, stepTwoMeeting, note } from './teachers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const WORKER_MAIN = path.join(root, 'apps', 'worker', 'dist', 'main.js');
const API_MAIN = path.join(root, 'apps', 'api', 'dist', 'main.js');
const DEADLINE_TYPES = ['reminder-due', 'deadline-missed', 'escalated'];

const cleanups = [];
/** Set when an invariant is violated: the run's data stays for a look. */
let keepData = false;
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

  // Bounded in time whatever happens: each scenario's load, settling and checks, with room to spare.
  const limitS =
    180 +
    opts.scenarios.reduce(
      // The teachers' retries may carry the load well past its nominal end on a busy machine.
      // Then R1's kills may go on ten minutes more, the backlog may take ten to drain, the SMTP drain eleven.
      (sum, sc) =>
        sum +
        2 * loadSeconds(opts, sc) +
        opts.settle +
        600 +
        600 +
        (sc === 'r1' ? 600 : 0) +
        (sc === 'smtp-outage' ? 660 : 0),
      0,
    );
  const results = [];
  setTimeout(() => {
    log(`the run exceeded its time limit of ${Math.round(limitS / 60)} min; stopping`);
    if (results.length) console.log(formatTable(results.map((r) => r.row)));
    void cleanup().then(() => process.exit(2));
  }, limitS * 1000).unref();
  log(`time limit ${Math.round(limitS / 60)} min`);
  const stack = await startStack(opts);
  for (const scenario of opts.scenarios) {
    if (scenario === 'temporal-pg') {
      const moved = await moveToPostgresTemporal(stack, opts);
      if (!moved.ok) {
        log(`temporal-pg skipped: ${moved.reason}`);
        results.push({
          skipped: true,
          row: skippedRow(SCENARIO_NAMES[scenario]),
          notes: [moved.reason],
          answers: '',
        });
        continue;
      }
    }
    const duration = loadSeconds(opts, scenario);
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
      notes: [],
    };
    log(`${run.scenario}: ${opts.cases} cases for ${duration} s`);
    const loadEnd = Date.now() + duration * 1000;
    const fault = startFault(scenario, stack, opts, random, loadEnd, run, duration);
    await drive(stack, opts, random, loadEnd, run, duration);
    await fault;
    log(`${run.scenario}: load over (${run.kills} kills/restarts); settling ${opts.settle} s`);
    await sleep(opts.settle * 1000);
    await quiesce(stack, run);
    if (scenario === 'smtp-outage') await drainOutbox(stack, run);
    let figures;
    try {
      figures = await collect(stack, run, opts, Date.now());
    } catch (err) {
      // A dependency that no longer answers after its fault is itself the finding: reported as a
      // violated invariant with the table so far, and the scenarios after it are not run on it.
      const violation = `the check could not read the outcome: ${err.message.split('\n')[0]}`;
      results.push({
        row: skippedRow(run.scenario, 'check failed'),
        violations: [violation],
        notes: run.notes,
        serverErrors: run.serverErrors ?? [],
        answers: [...run.answers].map(([k, n]) => `${k}×${n}`).join(', '),
        reasons: '',
      });
      log(`${run.scenario}: ${violation}; the later scenarios are not run`);
      break;
    }
    const result = checkRun(figures);
    results.push({
      ...result,
      notes: [...run.notes, ...result.notes],
      serverErrors: run.serverErrors ?? [],
      answers: [...run.answers].map(([k, n]) => `${k}×${n}`).join(', '),
      reasons: [...(run.reasons ?? [])].map(([k, n]) => `${k}×${n}`).join(', '),
    });
    // Each row as soon as it is known, so a run stopped later still leaves its figures.
    log(`${run.scenario}: ${JSON.stringify(result.row)}`);
    log(`${run.scenario}: ${result.violations.length} violations`);
    for (const v of result.violations.slice(0, 15)) log(`  - ${v}`);
  }

  console.log(formatTable(results.map((r) => r.row)));
  const violations = results.flatMap((r) => r.violations.map((v) => `${r.row.scenario}: ${v}`));
  if (violations.length) {
    keepData = true;
    console.log('\nViolated invariants:');
    for (const v of violations.slice(0, 60)) console.log(`  - ${v}`);
    if (violations.length > 60) console.log(`  … and ${violations.length - 60} more`);
  } else {
    console.log('\nEvery invariant held.');
  }
  for (const r of results) {
    console.log(`${r.row.scenario}: ${r.skipped ? 'not run' : `HTTP answers ${r.answers}`}`);
    if (r.reasons) console.log(`  reasons of 503/409: ${r.reasons}`);
    for (const n of r.notes ?? []) console.log(`  ${n}`);
    for (const e of [...new Set(r.serverErrors)].slice(0, 10)) console.log(`  ${e}`);
  }
  console.log(`Logs of the API and workers: ${path.relative(root, logDir)}/`);
  console.log(`Run took ${Math.round((Date.now() - started) / 1000)} s`);
  return violations.length ? 1 : 0;
}

const SCENARIO_NAMES = {
  r1: 'R1 workers',
  'pg-restart': 'R3 PostgreSQL restart',
  'temporal-restart': 'R3 Temporal dev server restart',
  'smtp-outage': 'R3 SMTP outage',
  poison: 'poison case',
  'temporal-pg': 'R3 Temporal on PostgreSQL restart',
};

function startFault(scenario, stack, opts, random, loadEnd, run, duration) {
  switch (scenario) {
    case 'r1':
      return killLoop(stack, opts, random, loadEnd, run, duration);
    case 'pg-restart':
      return outage(stack, run, 'PostgreSQL', outageStart(opts, scenario, duration), opts.outage, {
        stop: () => stack.postgres.server.stop(),
        start: () => stack.postgres.restart(),
      });
    case 'temporal-restart':
    case 'temporal-pg':
      return outage(stack, run, 'Temporal', outageStart(opts, scenario, duration), opts.outage, {
        stop: () => stack.temporal.stop(),
        start: () => stack.temporal.start(),
      });
    case 'smtp-outage':
      return outage(stack, run, 'SMTP', outageStart(opts, scenario, duration), opts.smtpOutage, {
        stop: () => stack.smtp.stop(),
        start: () => stack.smtp.start(),
      });
    case 'poison':
      return poisonOneCase(stack, run);
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
}

function skippedRow(scenario, why = 'not run') {
  return {
    scenario,
    cases: '–',
    events: '–',
    'kills/restarts': '–',
    lost: '–',
    doubled: '–',
    'deadline stages (p99 / max lateness)': why,
    'notices (resent in window)': '–',
    'failed workflows': '–',
  };
}

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
  // Kept when an invariant was violated, for a look at what the check saw (said at the end).
  cleanups.push(async () => {
    if (keepData) log(`data kept for a look: ${path.relative(root, dataRoot)}/`);
    else rmSync(dataRoot, { recursive: true, force: true });
  });

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
  // On a SQLite file, so a restart (temporal-restart) finds every workflow and timer again; in memory
  // (/dev/shm) where there is one, so its writes do not wait for the disk's fsync.
  const shm = existsSync('/dev/shm') ? path.join('/dev/shm', `tiltakstrappa-chaos-${process.pid}`) : null;
  if (shm) {
    mkdirSync(shm, { recursive: true });
    cleanups.push(async () => {
      if (keepData) log(`Temporal's database kept: ${shm}/`);
      else rmSync(shm, { recursive: true, force: true });
    });
  }
  const temporalDb = path.join(shm ?? dataRoot, 'temporal.db');
  const temporalPort = await freePort();
  const temporal = {
    server: null,
    address: `127.0.0.1:${temporalPort}`,
    async start() {
      this.server = await startTemporalDevServer({
        cli,
        headless: true,
        port: temporalPort,
        dbFile: temporalDb,
      });
    },
    async stop() {
      await stopChild(this.server.child, this.server.exited);
    },
  };
  await temporal.start();
  cleanups.push(() => temporal.stop());

  log('starting the SMTP server (MailDev, as npm start uses it)…');
  const smtp = await startMaildev(path.join(dataRoot, 'mail'));
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
    cli,
    env,
    apiEnv,
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
  stack.api = await spawnProcess('api', API_MAIN, apiEnv, null);
  cleanups.push(() => stack.api.stop());
  stack.dataRoot = dataRoot;
  await waitForHttpReady(`${stack.apiBase}/api/health/ready`, stack.api);
  return stack;
}

/**
 * MailDev, started as `npm start` starts it, keeping each accepted message as a .eml file in `dir`
 * (it reads them back when started again). `stop()` ends the process: clients then see "connection
 * refused" until `start()` brings it back on the same port.
 */
async function startMaildev(dir) {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const webPort = await freePort();
  const bin = path.join(path.dirname(require.resolve('maildev/package.json')), 'bin', 'maildev');
  const smtp = {
    url: `smtp://127.0.0.1:${port}`,
    proc: null,
    async start() {
      this.proc = await spawnProcess(
        'maildev',
        bin,
        { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
        null,
        ['--smtp', String(port), '--web', String(webPort), '--ip', '127.0.0.1', '--mail-directory', dir],
      );
      await waitForPort(port, '127.0.0.1', 30_000);
    },
    async stop() {
      await this.proc?.stop();
    },
    /** Every message it accepted: its Message-ID header, one entry per copy. */
    messages() {
      const out = [];
      for (const file of readdirSync(dir)) {
        if (!file.endsWith('.eml')) continue;
        const text = readFileSync(path.join(dir, file), 'utf8');
        const head = text.slice(0, Math.max(0, text.search(/\r?\n\r?\n/)) || text.length);
        const match = /^message-id:\s*(<[^>]+>)/im.exec(head);
        out.push({ messageId: match ? match[1] : null, file });
      }
      return out;
    },
  };
  await smtp.start();
  return smtp;
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

/** A built app of the stack; its log file is named after its pid (workers come and go). */
async function spawnProcess(name, main, env, readyLine, args = []) {
  mkdirSync(logDir, { recursive: true });
  const logFile = (pid) => path.join(logDir, `${name}-${pid}.log`);
  return spawnNode({
    name,
    main,
    args,
    cwd: root,
    env,
    readyLine,
    readyWithinMs: 120_000,
    logFile,
    children,
  });
}

/**
 * temporal-pg: the workers and the API leave the dev server for the production-shaped Temporal on
 * PostgreSQL (tools/lib/temporal-server.mjs, from bench/), on the same application database.
 */
async function moveToPostgresTemporal(stack, opts) {
  let lib;
  try {
    lib = await import('../lib/temporal-server.mjs');
    lib.ensureTemporalServer({ log });
  } catch (err) {
    return {
      ok: false,
      reason: `the production-shaped Temporal on PostgreSQL (tools/lib/temporal-server.mjs) is not available here: ${err.message.split('\n')[0]}`,
    };
  }
  log('temporal-pg: stopping the workers and the API, starting Temporal 1.29.1 on PostgreSQL…');
  await Promise.all([...stack.workers.filter(Boolean).map((w) => w.stop()), stack.api.stop()]);
  await stack.temporal.stop();
  const dataDir = path.join(stack.dataRoot, 'temporal-pg');
  mkdirSync(logDir, { recursive: true });
  const server = await lib.startTemporalServer({
    adminUrl: stack.postgres.server.url('postgres'),
    dataDir,
    logFile: path.join(logDir, 'temporal-pg.log'),
    log,
  });
  stack.temporal = {
    address: server.address,
    // A crash: SIGKILL, then the same server on the same ports and databases.
    stop: () => server.kill(),
    start: () => server.restart(),
  };
  cleanups.push(() => server.stop());
  stack.env.TEMPORAL_ADDRESS = server.address;
  stack.apiEnv.TEMPORAL_ADDRESS = server.address;
  stack.workers.splice(0, stack.workers.length, await stack.spawnWorker(), await stack.spawnWorker());
  stack.api = await spawnProcess('api', API_MAIN, stack.apiEnv, null);
  await waitForHttpReady(`${stack.apiBase}/api/health/ready`, stack.api);
  void opts;
  return { ok: true };
}

// ---- the faults -----------------------------------------------------------------------------------

/**
 * Kills a random running worker with SIGKILL at random moments until `--kills` or the end of the load,
 * whichever comes first; each is replaced at once (the kills go on while the replacement starts).
 */
async function killLoop(stack, opts, random, loadEnd, run, duration) {
  if (opts.kills === 0) return;
  const meanGap = (duration * 1000) / (opts.kills + 1);
  const starting = new Set();
  // A replacement takes seconds to start on a busy machine (half a minute on a starved one), and a
  // worker is only killed once it polls: the kills may run on past the teachers' load, into the
  // deadlines, notices and retries still firing, for up to ten minutes.
  const killsEnd = loadEnd + 10 * 60_000;
  while (run.kills < opts.kills && Date.now() < killsEnd) {
    await sleep(meanGap * (0.4 + random() * 1.2));
    const running = stack.workers.map((w, i) => [w, i]).filter(([w]) => w && w.child.exitCode === null);
    if (running.length === 0) continue;
    const [victim, index] = running[Math.floor(random() * running.length)];
    stack.workers[index] = null;
    await victim.kill();
    run.kills += 1;
    const replacement = replaceWorker(stack)
      .then((worker) => {
        stack.workers[index] = worker;
      })
      .finally(() => starting.delete(replacement));
    starting.add(replacement);
    if (run.kills % 10 === 0) log(`${run.kills} kills`);
  }
  await Promise.all(starting);
}

/** A new worker in a killed one's place; on a starved machine one may die starting: up to five tries. */
async function replaceWorker(stack) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await stack.spawnWorker();
    } catch (err) {
      if (attempt >= 5) throw err;
      log(`a replacement worker did not start (${err.message.split('\n')[0]}); trying again`);
      await sleep(1000 * attempt);
    }
  }
}

/**
 * Stops a dependency `afterS` seconds into the load for `seconds`, then starts it again (PostgreSQL on
 * the same port and data, Temporal on the same port and database, MailDev on the same port and mail
 * folder). Every answer the API gives meanwhile is tallied apart, and a probe asks every 500 ms what a
 * teacher would: the case list (PostgreSQL), one case and a new note (Temporal as well).
 */
async function outage(stack, run, what, afterS, seconds, { stop, start }) {
  await sleep(afterS * 1000);
  while (run.cases.length === 0) await sleep(200);
  const reader = run.cases[0];
  const down = { what, seconds, answers: new Map(), reasons: new Map(), probes: new Map(), slowestMs: 0 };
  run.outage = down;
  log(`stopping ${what} for ${seconds} s`);
  await stop();
  // From the moment it is gone (a dev server finishes what it has in hand before it exits).
  down.active = true;
  run.kills += 1;
  const upAt = Date.now() + seconds * 1000;
  const probes = [
    ['GET /api/cases', () => send(stack, run, reader.token, 'GET', '/api/cases')],
    ['GET /api/cases/{id}', () => send(stack, run, reader.token, 'GET', `/api/cases/${reader.caseId}`)],
    [
      'POST /api/cases/{id}/events',
      () =>
        send(stack, run, reader.token, 'POST', `/api/cases/${reader.caseId}/events`, note(), randomUUID()),
    ],
  ];
  let i = 0;
  while (Date.now() < upAt) {
    const [label, probe] = probes[i++ % probes.length];
    const t = Date.now();
    const res = await probe();
    down.slowestMs = Math.max(down.slowestMs, Date.now() - t);
    const tally = down.probes.get(label) ?? new Map();
    tally.set(res.status, (tally.get(res.status) ?? 0) + 1);
    down.probes.set(label, tally);
    // A probe's note that was answered 201/202 is an event like any other: it must be in the timeline.
    if (res.status === 201 || res.status === 202) {
      const eventId = res.location?.split('/').pop();
      if (eventId) run.accepted.set(eventId, { caseId: reader.caseId, status: res.status });
    }
    await sleep(500);
  }
  down.active = false;
  await start();
  down.backAt = Date.now();
  down.downMs = down.backAt - (upAt - seconds * 1000);
  log(`${what} is back after ${Math.round(down.downMs / 1000)} s`);
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

async function drive(stack, opts, random, loadEnd, run, duration) {
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
  // Cases open over the first half of the load, so faults meet cases at every stage.
  const rampMs = duration * 1000 * 0.5;
  const t0 = Date.now();
  await Promise.all(
    students.map(async (student, i) => {
      await sleep((rampMs * i) / opts.cases);
      const token = tokens.get(student.teacher.id);
      const plan = planCase(random, opts.span);
      const opened = await openCase(stack, run, limit, token, student.id);
      if (!opened) return;
      const { caseId, deadlines } = opened;
      const openedAt = Date.now();
      run.cases.push({ caseId, token, plan: plan.name });
      remember(run, caseId, deadlines, null);
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

/**
 * Opens the student's case as a teacher does: again on 503, 429 or no answer; a 409 after such a retry
 * means the first attempt did open it (its Location names the case).
 */
async function openCase(stack, run, limit, token, studentId) {
  const body = { studentId, trigger: 'absence-percentage', absencePercent: 12.5 };
  for (let attempt = 1; attempt <= 12; attempt++) {
    const res = await limit(() => send(stack, run, token, 'POST', '/api/cases', body));
    if (res.status === 201) return { caseId: res.body.caseId, deadlines: res.body.deadlines };
    if (res.status === 409 && attempt > 1 && res.location) {
      const caseId = res.location.split('/').pop();
      const current = await limit(() => send(stack, run, token, 'GET', `/api/cases/${caseId}`));
      return { caseId, deadlines: current.status === 200 ? current.body.deadlines : null };
    }
    if (![0, 429, 503].includes(res.status)) return null;
    await sleep(Math.min(5000, 500 * attempt));
  }
  return null;
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
  for (let attempt = 1; attempt <= 12; attempt++) {
    const res = await send(stack, run, token, 'POST', `/api/cases/${caseId}/events`, body, key);
    if (res.status === 201 || res.status === 202) {
      const eventId = res.location?.split('/').pop();
      if (eventId) run.accepted.set(eventId, { caseId, status: res.status });
      return res;
    }
    if (![0, 429, 503].includes(res.status)) return res;
    await sleep(Math.min(5000, 500 * attempt));
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
    const parsed = text ? JSON.parse(text) : null;
    tally(
      run,
      status,
      status === 503 || status === 409 ? `${status} ${parsed?.reason ?? parsed?.code}` : null,
    );
    return { status, body: parsed, location: res.headers.get('location') };
  } catch (err) {
    if (err?.name === 'TimeoutError') run.hangs += 1;
    tally(run, 'no answer');
    return { status, body: null, location: null };
  }
}

/** Counts an answer, and why for a 503 or 409, for the whole scenario and apart while a dependency is down. */
function tally(run, status, reason = null) {
  const add = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
  add(run.answers, status);
  run.reasons ??= new Map();
  if (reason) add(run.reasons, reason);
  if (run.outage?.active) {
    add(run.outage.answers, status);
    if (reason) add(run.outage.reasons, reason);
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
  // An event answered 202 is accepted and stored later (ADR 0003): a workflow whose writes failed
  // retries them on its own timers, which no task backlog shows. Up to 5 minutes for the last ones to
  // be stored; one still missing then is lost. The wait is in the notes.
  const readEvents = async () =>
    (
      await stack.db.query(
        `SELECT seq, event_id, case_id, type, origin, recorded_at, payload
           FROM case_events WHERE case_id = ANY($1::uuid[]) ORDER BY seq`,
        [caseIds],
      )
    ).rows;
  const waitFrom = Date.now();
  let events = await readEvents();
  for (;;) {
    const stored = new Set(events.map((e) => e.event_id));
    // The poisoned case's events can never be stored: not waited for.
    const missing = [...run.accepted].filter(
      ([id, a]) => a.caseId !== run.poisoned && !stored.has(id),
    ).length;
    if (missing === 0 || Date.now() - waitFrom > 5 * 60_000) {
      const waited = Math.round((Date.now() - waitFrom) / 1000);
      if (waited > 0)
        run.notes.push(
          `the last accepted events were stored ${waited} s after the check began${missing ? ` (${missing} never)` : ''}`,
        );
      break;
    }
    await sleep(5000);
    events = await readEvents();
  }

  // A notice planned shortly before the cutoff may still wait for its delivery task on a loaded
  // machine: waited for the same way (at most 5 minutes), so one still pending then is lost. Rows a
  // killed worker left 'sending' are judged by their lease instead (invariants.mjs).
  const cutoffAt = new Date(checkedAt - opts.grace * 1000);
  const outboxFrom = Date.now();
  for (;;) {
    const { rows } = await stack.db.query(
      `SELECT count(*)::int AS n FROM notification_outbox
        WHERE case_id = ANY($1::uuid[]) AND status = 'pending' AND created_at < $2`,
      [caseIds, cutoffAt],
    );
    const waiting = rows[0].n;
    if (waiting === 0 || Date.now() - outboxFrom > 5 * 60_000) {
      const waited = Math.round((Date.now() - outboxFrom) / 1000);
      if (waited > 0)
        run.notes.push(
          `the last notices due before the cutoff left 'pending' ${waited} s after the events were in${waiting ? ` (${waiting} never)` : ''}`,
        );
      break;
    }
    await sleep(5000);
  }

  // The scenario's notices: the outbox rows of its cases, and every copy of them the SMTP server holds.
  const { rows: outbox } = await stack.db.query(
    `SELECT message_id, status, kind, created_at, updated_at FROM notification_outbox WHERE case_id = ANY($1::uuid[])`,
    [caseIds],
  );
  const ours = new Set(outbox.map((o) => bare(o.message_id)));
  const mail = stack.smtp.messages().filter((m) => m.messageId && ours.has(bare(m.messageId)));

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
    plannedKills: run.scenario === SCENARIO_NAMES.r1 ? opts.kills : 0,
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
    mail: mail.map((m) => ({ messageId: bare(m.messageId) })),
    outbox: outbox.map((o) => ({
      messageId: bare(o.message_id),
      status: o.status,
      kind: o.kind,
      createdAt: new Date(o.created_at).getTime(),
      updatedAt: new Date(o.updated_at).getTime(),
    })),
    failedWorkflows,
    poisoned: run.poisoned,
    poisonedStatus,
    outage: run.outage && {
      what: run.outage.what,
      seconds: run.outage.seconds,
      downMs: run.outage.downMs,
      answers: Object.fromEntries(run.outage.answers),
      reasons: Object.fromEntries(run.outage.reasons),
      probes: Object.fromEntries([...run.outage.probes].map(([k, v]) => [k, Object.fromEntries(v)])),
      slowestMs: run.outage.slowestMs,
    },
    // A stage due before this must have fired; one after may or may not have yet.
    cutoff: cutoffAt.getTime(),
    graceMs: opts.grace * 1000,
    deadlineTypes: DEADLINE_TYPES,
  };
}

/**
 * Before judging: until Temporal has no workflow or activity task waiting on the task queue (twice in
 * a row), at most 10 minutes. On a busy machine the workers fall minutes behind a large load; a stage
 * not yet fired then is late, not lost, and the check waits for it rather than guessing. The cutoff
 * is taken after the wait, so the judgement only gets stricter. The wait is in the notes.
 */
async function quiesce(stack, run) {
  const { spawnSync } = await import('node:child_process');
  const started = Date.now();
  let quiet = 0;
  let last = null;
  while (Date.now() - started < 10 * 60_000) {
    const r = spawnSync(
      stack.cli,
      [
        'task-queue',
        'describe',
        '--address',
        stack.temporal.address,
        '--task-queue',
        stack.env.TEMPORAL_TASK_QUEUE,
        '-o',
        'json',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    try {
      const stats = JSON.parse(r.stdout).stats ?? [];
      last = stats.reduce((n, s) => n + Number(s.approximateBacklogCount ?? 0), 0);
    } catch {
      last = null;
    }
    quiet = last === 0 ? quiet + 1 : 0;
    if (quiet >= 2) break;
    await sleep(5000);
  }
  const waited = Math.round((Date.now() - started) / 1000);
  if (waited > 10 || last !== 0)
    run.notes.push(
      last === 0
        ? `Temporal's task backlog took ${waited} s after the settling to drain`
        : `Temporal's task backlog was still ${last ?? 'unknown'} after ${waited} s`,
    );
}

const bare = (messageId) => String(messageId).replace(/^<|>$/g, '');

/**
 * After the SMTP outage: Temporal retries each notice with backoff (up to 10 minutes apart), so the
 * last ones go out up to that long after the server is back. Waits until every notice of the
 * scenario's cases is sent, or failed for good, at most 11 minutes.
 */
async function drainOutbox(stack, run) {
  const until = Date.now() + 11 * 60_000;
  for (;;) {
    const { rows } = await stack.db.query(
      `SELECT count(*)::int AS n FROM notification_outbox
        WHERE case_id = ANY($1::uuid[]) AND status IN ('pending', 'sending')`,
      [run.cases.map((c) => c.caseId)],
    );
    if (rows[0].n === 0 || Date.now() > until) {
      const since = Math.round((Date.now() - run.outage.backAt) / 1000);
      run.notes.push(
        rows[0].n
          ? `${rows[0].n} notices still unsent ${since} s after SMTP was back`
          : `every notice was out within ${since} s of SMTP being back (checked every 5 s after the settling)`,
      );
      return;
    }
    await sleep(5000);
  }
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

let stopping = false;
const stop = (code) => {
  stopping = true;
  void cleanup().then(() => process.exit(code));
};
process.on('SIGINT', () => stop(130));
process.on('SIGTERM', () => stop(143));
// Stopped in the middle, the load still runs while its pool closes: those errors are expected then.
process.on('uncaughtException', (err) => {
  if (stopping) return;
  console.error(`[chaos] ${err.stack ?? err.message}`);
  stop(2);
});

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
