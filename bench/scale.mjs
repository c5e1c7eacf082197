// P2 scale and P4 growth, on one population that grows 100 → 1,000 → 10,000 open cases on one server
// and one worker, with a seconds-scale policy so thousands of deadlines fall due during the run. At
// each size: recording a note (API, direct Update, no-op Update at 8 concurrent) while the timers
// fire, GET /api/cases p95, worker RSS; at the end: timer lateness (the timeline's recordedAt of each
// `deadline-missed` vs its dueAt), deadlines due but not fired, history length per case.
// The population is seeded SEED_CONCURRENCY at a time (not through the API: P1 open
// measures that), within a budget of growing time; a size not reached in it is reported as such, with the rate.
// `node bench/scale.mjs [--quick] [--server dev|postgres] [--sizes 100,1000,10000] [--budget S]`
import {
  addStudents,
  api,
  cpuSeconds,
  finishNoop,
  log,
  noopUpdate,
  noteBody,
  openDirect,
  recordDirect,
  rssMiB,
  secondsPolicy,
  seedCase,
  sleep,
  startNoop,
  startNoopTimer,
  startStack,
} from './lib/stack.mjs';
import { closedLoop, parseSuiteArgs, percentile, round, row, writeServerResult } from './lib/measure.mjs';
import {
  describeServerMetrics,
  describeWorkerMetrics,
  scrapeServer,
  scrapeWorker,
  workerMetricsBetween,
} from './lib/worker-metrics.mjs';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// --population start: every case opened by a plain workflow start, on a policy of SPAN_SECONDS.
const SPAN_SECONDS = 30;
// --population seed (default): each case seeded with a policy of its own, its first deadline due
// between SPAN_MIN_SECONDS and SPAN_MIN_SECONDS + SPAN_SPREAD_SECONDS after it was seeded, so the
// deadlines keep falling due all through the run (a quarter to a half of them within it).
const SPAN_MIN_SECONDS = 20;
const SPAN_SPREAD_SECONDS = 360;
// Seeds at once: enough to keep PostgreSQL and the Temporal frontend busy on 2 cores.
const SEED_CONCURRENCY = 64;
// The timers' floor at each size: this many trivial workflows (the no-op worker's, on the same
// server at the same moment) whose timers fall due during that size's measurements.
const NOOP_TIMERS = 40;

// An operation that has not answered in this long counts as an error, so a worker far behind makes
// a figure bad, never the suite hang (npm run bench must end within its 20 minutes).
const OP_TIMEOUT_MS = 30_000;
const timeBound = (promise) =>
  Promise.race([
    promise,
    new Promise((_, reject) =>
      setTimeout(
        () => reject(new Error(`no answer within ${OP_TIMEOUT_MS / 1000} s`)),
        OP_TIMEOUT_MS,
      ).unref(),
    ),
  ]);

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

export async function runScale({
  server,
  quick,
  sizes,
  budgetSeconds,
  population = 'seed',
  workerEnv = {},
  seedConcurrency = SEED_CONCURRENCY,
}) {
  const window = quick ? 4 : 5;
  const stack = await startStack({ server, name: 'scale', policy: secondsPolicy(SPAN_SECONDS), workerEnv });
  const temporalBound = (fn) => stack.client.withAbortSignal(AbortSignal.timeout(OP_TIMEOUT_MS), fn);
  let scraped = await scrapeWorker(stack);
  let serverScraped = await scrapeServer(stack);
  const firstScrape = scraped;
  // The worker's and the Temporal server's CPU (user + system) per phase, as a share of one core.
  const cpuNow = () => ({
    at: Date.now(),
    worker: cpuSeconds(stack.worker.child.pid),
    temporal: cpuSeconds(stack.temporal.pid),
  });
  let cpuMark = cpuNow();
  const workerCpuShare = () => {
    const mark = cpuNow();
    const share = (k) =>
      mark[k] === null || cpuMark[k] === null
        ? 'n/a'
        : `${Math.round(((mark[k] - cpuMark[k]) / ((mark.at - cpuMark.at) / 1000)) * 100)} %`;
    const line = `worker ${share('worker')}, Temporal server ${share('temporal')} of a core`;
    cpuMark = mark;
    return line;
  };
  const rows = [];
  const notes = [];
  const started = Date.now();
  try {
    const students = await addStudents(stack, Math.max(...sizes));
    const cases = [];
    const recorded = [];
    const noops = await Promise.all(Array.from({ length: 8 }, () => startNoop(stack)));
    let creationSeconds = 0;
    let noopTimerFloor = { p50: null, p99: null, fired: 0, notFired: 0 };
    // When the population last grew: deadlines due after it fall due at a size that stays put.
    let grownAt = Date.now();
    const reached = [];
    for (const size of sizes) {
      // Grow to `size` (seeds at SEED_CONCURRENCY at once), then wait until the read model holds
      // them all. The budget is the growing's alone; the measurements at each size come on top.
      const t0 = Date.now();
      const creationDeadline = t0 + Math.max(0, budgetSeconds - creationSeconds) * 1000;
      let next = cases.length;
      await Promise.all(
        Array.from({ length: seedConcurrency }, async () => {
          while (next < size && Date.now() < creationDeadline) {
            const student = students[next++];
            const caseId =
              population === 'start'
                ? await openDirect(stack, student, { wait: false })
                : await seedCase(
                    stack,
                    student,
                    SPAN_MIN_SECONDS + Math.floor(Math.random() * SPAN_SPREAD_SECONDS),
                  );
            cases.push({ caseId, student });
          }
        }),
      );
      let stored = 0;
      for (;;) {
        stored = Number((await stack.db.query(`SELECT count(*) AS n FROM cases`)).rows[0].n);
        if (stored >= cases.length || Date.now() >= creationDeadline) break;
        await sleep(500);
      }
      creationSeconds += (Date.now() - t0) / 1000;
      grownAt = Date.now();
      const atSize = stored;
      if (stack.seeding) {
        const { append, start, seeds } = stack.seeding.spent;
        log(
          `  seeding so far: ${seeds} seeds, per seed ${round(append / seeds)} ms writing the read model, ${round(start / seeds)} ms starting the workflow (${seedConcurrency} at once)`,
        );
      }
      log(
        `${server}: ${cases.length} started, ${stored} in the read model after ${Math.round(creationSeconds)} s`,
      );
      reached.push({ size, started: cases.length, stored });
      const label = `${size}`;
      const reachedNote = stored >= size ? undefined : `reached ${stored} of ${size}`;

      // The timers' floor, due while this size is measured: how late a trivial workflow's timer fires
      // on the same server under the same load, beside how late the cases' deadlines fire.
      const measureMs = window * 4 * 1000;
      // Due from 8 s on: long after their start's own first task, as the cases' deadlines are.
      const noopTimersFrom = Date.now() + 8000;
      const noopTimers = await Promise.all(
        Array.from({ length: NOOP_TIMERS }, (_, i) =>
          temporalBound(() =>
            startNoopTimer(stack, noopTimersFrom + Math.round((i / NOOP_TIMERS) * measureMs)),
          ).catch(() => null),
        ),
      );

      // Recording while the timers fire: the first 8 cases that are in the read model.
      const { rows: ready } = await stack.db.query(`SELECT case_id FROM cases WHERE status = 'open' LIMIT 8`);
      const clients = ready.map((r) => cases.find((c) => c.caseId === r.case_id)).filter(Boolean);
      for (const c of clients) recorded.push(c.caseId);
      if (clients.length < 8) {
        notes.push(`${label}: fewer than 8 cases stored, no recording figures`);
      } else {
        const figures = {};
        for (const [way, op] of Object.entries({
          // Cancelled, not abandoned, at the bound: an abandoned call would retry after the stack stopped.
          noop: (c) =>
            temporalBound(() => noopUpdate(noops[c], clients[c].student.teacher.id)).then(() => true),
          direct: (c) =>
            temporalBound(() => recordDirect(stack, clients[c].caseId, clients[c].student.teacher.id)).then(
              () => true,
            ),
          api: async (c) => {
            const { caseId, student } = clients[c];
            const res = await timeBound(
              api(stack, student.teacher.token, 'POST', `/api/cases/${caseId}/events`, noteBody(), {
                'idempotency-key': randomUUID(),
              }),
            );
            return res.status === 201;
          },
        })) {
          figures[way] = await closedLoop({ concurrency: 8, seconds: window, op });
        }
        const list = await closedLoop({
          concurrency: 1,
          seconds: window,
          op: async () =>
            (await timeBound(api(stack, clients[0].student.teacher.token, 'GET', '/api/cases'))).status ===
            200,
        });
        // The list's statement itself, as the API runs it for this teacher (a contact teacher lists
        // the cases they own), so the figure above splits into PostgreSQL's part and the rest.
        const { listStatement } = require('@tiltak/persistence');
        const statement = listStatement({ ownerStaffId: clients[0].student.teacher.id }, { limit: 50 });
        const plan = (
          await stack.db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.sql}`, statement.params)
        ).rows[0]['QUERY PLAN'][0];
        const scans = [];
        const walk = (node) => {
          if (/Scan/.test(node['Node Type']))
            scans.push(
              `${node['Node Type']}${node['Index Name'] ? ` ${node['Index Name']}` : ''} (${node['Actual Rows']} rows)`,
            );
          for (const child of node.Plans ?? []) walk(child);
        };
        walk(plan.Plan);
        notes.push(
          `${label}: the list statement for that teacher in PostgreSQL: ${round(plan['Execution Time'])} ms; ${scans.join(', ')}`,
        );
        const workerRss = rssMiB(stack.worker.child.pid);
        const nowScraped = await scrapeWorker(stack);
        const metricsLine = describeWorkerMetrics(workerMetricsBetween(nowScraped, scraped));
        scraped = nowScraped ?? scraped;
        const cpuLine = workerCpuShare();
        log(`  ${label}: worker since the last size (CPU ${cpuLine}): ${metricsLine}`);
        notes.push(`${label}: the worker since the last size (CPU ${cpuLine}): ${metricsLine}`);
        const serverNow = await scrapeServer(stack);
        const serverLine = describeServerMetrics(serverNow, serverScraped);
        serverScraped = serverNow ?? serverScraped;
        log(`  ${label}: the Temporal server since the last size: ${serverLine}`);
        notes.push(`${label}: the Temporal server since the last size, largest totals first: ${serverLine}`);
        log(
          `  ${label}: API ${round(figures.api.throughput)}/s p99 ${round(figures.api.p99)} ms, direct ${round(figures.direct.throughput)}/s, no-op ${round(figures.noop.throughput)}/s, list p95 ${round(list.p95)} ms, worker ${round(workerRss)} MiB`,
        );
        rows.push(
          row({
            figure: `${label} cases: note via API at 8, throughput`,
            detail: reachedNote,
            value: figures.api.throughput,
            unit: 'events/s',
            baseline: 'no-op Update',
            baselineValue: figures.noop.throughput,
            target: '>= 50 events/s',
            met: figures.api.throughput >= 50,
          }),
          row({
            figure: `${label} cases: note via API at 8, p99`,
            detail: reachedNote,
            value: figures.api.p99,
            unit: 'ms',
            baseline: 'no-op Update',
            baselineValue: figures.noop.p99,
            target: '< 300 ms',
            met: figures.api.p99 !== null && figures.api.p99 < 300,
          }),
          row({
            figure: `${label} cases: note as direct Update at 8, throughput`,
            detail: reachedNote,
            value: figures.direct.throughput,
            unit: 'events/s',
            baseline: 'no-op Update',
            baselineValue: figures.noop.throughput,
          }),
          row({
            figure: `${label} cases: GET /api/cases p95`,
            detail: [reachedNote, `p50 ${round(list.p50)} ms`].filter(Boolean).join(', '),
            value: list.p95,
            unit: 'ms',
            target: '< 50 ms',
            met: list.p95 < 50,
          }),
          row({
            figure: `${label} cases: worker RSS`,
            detail: reachedNote,
            value: workerRss,
            unit: 'MiB',
            target: '< 1024 MiB',
            met: workerRss !== null && workerRss < 1024,
          }),
        );
        for (const [k, v] of Object.entries(figures))
          if (v.errors) notes.push(`${label} ${k}: ${v.errors} errors ${v.firstErrors.join(' | ')}`);
      }
      noopTimerFloor = await noopTimerLateness(noopTimers, noopTimersFrom + measureMs);
      log(
        `  ${label}: no-op timers p50 ${noopTimerFloor.p50} s p99 ${noopTimerFloor.p99} s (${noopTimerFloor.fired} fired, ${noopTimerFloor.notFired} not)`,
      );
      rows.push(
        row({
          figure: `${label} cases: the timers' floor, a trivial workflow's timer lateness p99`,
          detail: [
            reachedNote,
            `${NOOP_TIMERS} due during the measurements, p50 ${noopTimerFloor.p50} s`,
            noopTimerFloor.notFired ? `${noopTimerFloor.notFired} not fired within 60 s` : undefined,
          ]
            .filter(Boolean)
            .join(', '),
          value: noopTimerFloor.p99,
          unit: 's',
        }),
      );
      if (atSize < size) break;
    }
    await finishNoop(noops);

    // Timer lateness: every deadline-missed the timeline holds, fired (recorded) vs due; once over the
    // whole run, once for the deadlines that fell due after the population stopped growing (at the
    // last size, while only timers, the recording figures and the list load the worker).
    const lateness = async (dueFrom) => {
      const { rows: missed } = await stack.db.query(
        `SELECT extract(epoch FROM (recorded_at - (payload->>'dueAt')::timestamptz)) * 1000 AS late_ms
           FROM case_events WHERE type = 'deadline-missed' AND (payload->>'dueAt')::timestamptz >= $1`,
        [dueFrom],
      );
      // Due by now but not (yet) in the timeline: their lateness is at least their age.
      const { rows: overdue } = await stack.db.query(
        `SELECT count(*) AS n FROM cases c, jsonb_array_elements(c.deadlines) d
          WHERE c.status = 'open' AND (d->>'dueAt')::timestamptz < now() - interval '5 seconds'
            AND (d->>'dueAt')::timestamptz >= $1
            AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.case_id AND e.type = 'deadline-missed'
                            AND e.payload->>'deadlineId' = d->>'id')`,
        [dueFrom],
      );
      const sorted = missed.map((r) => Number(r.late_ms)).sort((a, b) => a - b);
      const p = (q) => (percentile(sorted, q) === null ? null : percentile(sorted, q) / 1000);
      return { fired: sorted.length, notFired: Number(overdue[0].n), p50: p(50), p99: p(99) };
    };
    const whole = await lateness(new Date(started));
    const atSize = await lateness(new Date(grownAt));
    // Demand against what the stack kept up with, after the population stopped growing: the deadline
    // stages (reminder, deadline, escalation) that fell due per second, and those the workflows fired
    // (their system events in the timeline). Fewer fired than due means a growing backlog, so the
    // lateness grows with the length of the run whatever the target.
    const stages = await deadlineStageRates(stack.db, new Date(grownAt), new Date());
    log(
      `  deadline stages at ${reached.at(-1).stored} cases over ${round(stages.seconds)} s: ${round(stages.duePerSecond)}/s due, ${round(stages.firedPerSecond)}/s fired`,
    );
    const wholeRun = describeWorkerMetrics(workerMetricsBetween(await scrapeWorker(stack), firstScrape));
    log(`  the worker over the whole run: ${wholeRun}`);
    notes.push(`the worker over the whole run: ${wholeRun}`);
    if (Object.keys(workerEnv).length) notes.push(`worker environment: ${JSON.stringify(workerEnv)}`);
    const finalSize = reached.at(-1).stored;
    log(
      `  lateness: whole run p50 ${whole.p50} s p99 ${whole.p99} s (${whole.fired} fired, ${whole.notFired} not); at ${finalSize} after growing p50 ${atSize.p50} s p99 ${atSize.p99} s (${atSize.fired} fired, ${atSize.notFired} not)`,
    );
    rows.push(
      row({
        figure: 'timer lateness p50, whole run (while the population grew too)',
        detail: `${whole.fired} deadline-missed fired`,
        value: whole.p50,
        unit: 's',
      }),
      row({
        figure: 'timer lateness p99, whole run (while the population grew too)',
        detail: `${whole.notFired} more due > 5 s before the end and not fired yet`,
        value: whole.p99,
        unit: 's',
      }),
      row({
        figure: `timer lateness p50 at ${finalSize} cases (due after the population stopped growing)`,
        detail: `${atSize.fired} deadline-missed fired`,
        value: atSize.p50,
        unit: 's',
        baseline: "a trivial workflow's timer (p50)",
        baselineValue: noopTimerFloor.p50,
      }),
      row({
        figure: `timer lateness p99 at ${finalSize} cases (due after the population stopped growing)`,
        detail: `${atSize.notFired} more due > 5 s before the end and not fired yet`,
        value: atSize.p99,
        unit: 's',
        baseline: "a trivial workflow's timer (p99)",
        baselineValue: noopTimerFloor.p99,
        target: '< 5 s',
        met: atSize.p99 !== null && atSize.p99 < 5 && atSize.notFired === 0,
      }),
    );

    rows.push(
      row({
        figure: `deadline stages fired per second at ${reached.at(-1).stored} cases (after the population stopped growing)`,
        detail: `${stages.fired} fired of ${stages.due} due in ${round(stages.seconds)} s, with the recording figures' load`,
        value: stages.firedPerSecond,
        unit: 'stages/s',
        baseline: 'due per second',
        baselineValue: stages.duePerSecond,
      }),
    );

    // History length per case (a sample).
    const { caseWorkflowId } = require('@tiltak/workflows');
    // A random sample, without the cases the recording figures wrote to (their notes make them long).
    const recorders = new Set(recorded);
    const sample = cases
      .filter((c) => !recorders.has(c.caseId))
      .sort(() => Math.random() - 0.5)
      .slice(0, 20);
    const lengths = [];
    for (const c of sample) {
      try {
        const d = await stack.client.workflow.getHandle(caseWorkflowId(c.caseId)).describe();
        lengths.push(d.historyLength);
      } catch {
        // not started yet
      }
    }
    lengths.sort((a, b) => a - b);
    rows.push(
      row({
        figure: 'history length per case (median)',
        detail: `${lengths.length} cases sampled at random (not those recorded on), max ${lengths.at(-1)}`,
        value: percentile(lengths, 50),
        unit: 'events',
      }),
    );
    const createdRate = cases.length / creationSeconds;
    rows.push(
      row({
        figure: 'population growth (starts absorbed into the read model)',
        value: reached.at(-1).stored / creationSeconds,
        unit: 'cases/s',
      }),
    );
    for (const r of reached)
      if (r.stored < r.size)
        notes.push(
          `${r.size} cases not reached within the ${budgetSeconds} s creation budget: ${r.started} started, ${r.stored} stored (${round(createdRate)} starts/s); ${r.size} would need ≈ ${Math.round(r.size / Math.max(0.1, r.stored / creationSeconds))} s at this rate`,
        );
    notes.push(
      population === 'start'
        ? `population: plain workflow starts at ${seedConcurrency} concurrent; policy: every deadline ${SPAN_SECONDS} s after it opens, reminded ${SPAN_SECONDS / 3} s before, escalated ${SPAN_SECONDS / 3} s after`
        : `population: seeded at ${seedConcurrency} concurrent (the opening written through the persistence library, the workflow started with that state carried over, as continue-as-new starts it; no opening notice), each case on a seconds policy of its own: its first deadline due ${SPAN_MIN_SECONDS}–${SPAN_MIN_SECONDS + SPAN_SPREAD_SECONDS} s after seeding, reminded a third of that before, escalated a third after`,
      'recording and list figures are measured while those timers fire',
      `${window} s per figure at each size; lateness from deadline-missed rows (recorded_at − payload.dueAt)`,
      `suite took ${Math.round((Date.now() - started) / 1000)} s`,
    );
    return { rows, notes };
  } finally {
    await stack.stop();
  }
}

/** The deadline stages (remind, due, escalate) due between `from` and `to`, and the system events fired then. */
async function deadlineStageRates(db, from, to) {
  const { rows } = await db.query(
    `SELECT (SELECT count(*) FROM cases c, jsonb_array_elements(c.deadlines) d,
                    LATERAL (VALUES (d->>'remindAt'), (d->>'dueAt'), (d->>'escalateAt')) AS s (at)
              WHERE s.at IS NOT NULL AND s.at::timestamptz >= $1 AND s.at::timestamptz < $2) AS due,
            (SELECT count(*) FROM case_events
              WHERE type IN ('reminder-due', 'deadline-missed', 'escalated')
                AND recorded_at >= $1 AND recorded_at < $2) AS fired`,
    [from, to],
  );
  const seconds = Math.max(0.001, (to - from) / 1000);
  const due = Number(rows[0].due);
  const fired = Number(rows[0].fired);
  return { due, fired, seconds, duePerSecond: due / seconds, firedPerSecond: fired / seconds };
}

/**
 * How late the trivial timers fired (s): each answers its own lateness; one that has not answered 60 s
 * after the last was due counts as not fired.
 */
async function noopTimerLateness(handles, lastDueMs) {
  const bound = Math.max(0, lastDueMs - Date.now()) + 60_000;
  const results = await Promise.all(
    handles.map((h) =>
      h
        ? Promise.race([
            h.result().catch(() => null),
            new Promise((resolve) => setTimeout(() => resolve(null), bound).unref()),
          ])
        : null,
    ),
  );
  const sorted = results
    .filter((r) => typeof r === 'number')
    .map((ms) => Math.max(0, ms))
    .sort((a, b) => a - b);
  const p = (q) => (percentile(sorted, q) === null ? null : round(percentile(sorted, q) / 1000));
  return { fired: sorted.length, notFired: results.length - sorted.length, p50: p(50), p99: p(99) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { quick, servers } = parseSuiteArgs();
  const sizes = option('--sizes', quick ? '100,1000' : '100,1000,10000')
    .split(',')
    .map(Number);
  const budgetSeconds = Number(option('--budget', quick ? 60 : 150));
  const population = option('--population', 'seed');
  // `--worker-env K=V,K=V`: more environment for the case worker (e.g. WORKER_MAX_CACHED_WORKFLOWS=500).
  const workerEnv = Object.fromEntries(
    (option('--worker-env', '') || '')
      .split(',')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
  for (const server of servers) {
    const result = await runScale({ server, quick, sizes, budgetSeconds, population, workerEnv });
    const file = writeServerResult({
      suite: 'scale',
      label: 'P2 scale and P4 growth',
      server,
      quick,
      result,
    });
    log(`wrote ${file}`);
  }
  process.exit(0);
}
