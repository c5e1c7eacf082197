// P2 scale and P4 growth, on one population that grows 100 → 1,000 → 10,000 open cases on one server
// and one worker, with a seconds-scale policy so thousands of deadlines fall due during the run. At
// each size: recording a note (API, direct Update, no-op Update at 8 concurrent) while the timers
// fire, GET /api/cases p95, worker RSS; at the end: timer lateness (the timeline's recordedAt of each
// `deadline-missed` vs its dueAt), deadlines due but not fired, history length per case.
// The population is created with plain workflow starts at 32 concurrent (not through the API: P1 open
// measures that), within a time budget; a size not reached in it is reported as such, with the rate.
// `node bench/scale.mjs [--quick] [--server dev|postgres] [--sizes 100,1000,10000] [--budget S]`
import {
  addStudents,
  api,
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
  startStack,
} from './lib/stack.mjs';
import { closedLoop, parseSuiteArgs, percentile, round, row, writeResult } from './lib/measure.mjs';
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

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

export async function runScale({ server, quick, sizes, budgetSeconds, population = 'seed' }) {
  const window = quick ? 4 : 5;
  const stack = await startStack({ server, name: 'scale', policy: secondsPolicy(SPAN_SECONDS) });
  const rows = [];
  const notes = [];
  const started = Date.now();
  try {
    const students = await addStudents(stack, Math.max(...sizes));
    const cases = [];
    const recorded = [];
    const creationDeadline = Date.now() + budgetSeconds * 1000;
    const noops = await Promise.all(Array.from({ length: 8 }, () => startNoop(stack)));
    let creationSeconds = 0;
    const reached = [];
    for (const size of sizes) {
      // Grow to `size` (starts at 32 concurrent), then wait until the read model holds them all.
      const t0 = Date.now();
      let next = cases.length;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
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
      const atSize = stored;
      log(
        `${server}: ${cases.length} started, ${stored} in the read model after ${Math.round(creationSeconds)} s`,
      );
      reached.push({ size, started: cases.length, stored });
      const label = `${size}`;
      const reachedNote = stored >= size ? undefined : `reached ${stored} of ${size}`;

      // Recording while the timers fire: the first 8 cases that are in the read model.
      const { rows: ready } = await stack.db.query(`SELECT case_id FROM cases WHERE status = 'open' LIMIT 8`);
      const clients = ready.map((r) => cases.find((c) => c.caseId === r.case_id)).filter(Boolean);
      for (const c of clients) recorded.push(c.caseId);
      if (clients.length < 8) {
        notes.push(`${label}: fewer than 8 cases stored, no recording figures`);
      } else {
        const figures = {};
        for (const [way, op] of Object.entries({
          noop: (c) => noopUpdate(noops[c], clients[c].student.teacher.id).then(() => true),
          direct: (c) =>
            recordDirect(stack, clients[c].caseId, clients[c].student.teacher.id).then(() => true),
          api: async (c) => {
            const { caseId, student } = clients[c];
            const res = await api(
              stack,
              student.teacher.token,
              'POST',
              `/api/cases/${caseId}/events`,
              noteBody(),
              {
                'idempotency-key': randomUUID(),
              },
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
            (await api(stack, clients[0].student.teacher.token, 'GET', '/api/cases')).status === 200,
        });
        const workerRss = rssMiB(stack.worker.child.pid);
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
            met: figures.api.p99 < 300,
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
      if (atSize < size) break;
    }
    await finishNoop(noops);

    // Timer lateness: every deadline-missed the timeline holds, fired (recorded) vs due.
    const { rows: missed } = await stack.db.query(
      `SELECT extract(epoch FROM (recorded_at - (payload->>'dueAt')::timestamptz)) * 1000 AS late_ms
         FROM case_events WHERE type = 'deadline-missed'`,
    );
    const lateness = missed.map((r) => Number(r.late_ms)).sort((a, b) => a - b);
    // Due by now but not (yet) in the timeline: their lateness is at least their age.
    const { rows: overdue } = await stack.db.query(
      `SELECT count(*) AS n FROM cases c, jsonb_array_elements(c.deadlines) d
        WHERE c.status = 'open' AND (d->>'dueAt')::timestamptz < now() - interval '5 seconds'
          AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.case_id AND e.type = 'deadline-missed'
                          AND e.payload->>'deadlineId' = d->>'id')`,
    );
    const notFired = Number(overdue[0].n);
    const p99Late = percentile(lateness, 99);
    rows.push(
      row({
        figure: 'timer lateness p50',
        detail: `${lateness.length} deadline-missed fired`,
        value: percentile(lateness, 50) === null ? null : percentile(lateness, 50) / 1000,
        unit: 's',
      }),
      row({
        figure: 'timer lateness p99',
        detail: `${notFired} more due > 5 s before the end and not fired yet`,
        value: p99Late === null ? null : p99Late / 1000,
        unit: 's',
        target: '< 5 s',
        met: p99Late !== null && p99Late < 5000 && notFired === 0,
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
        ? `population: plain workflow starts at 32 concurrent; policy: every deadline ${SPAN_SECONDS} s after it opens, reminded ${SPAN_SECONDS / 3} s before, escalated ${SPAN_SECONDS / 3} s after`
        : `population: seeded at 32 concurrent (the opening written through the persistence library, the workflow started with that state carried over, as continue-as-new starts it; no opening notice), each case on a seconds policy of its own: its first deadline due ${SPAN_MIN_SECONDS}–${SPAN_MIN_SECONDS + SPAN_SPREAD_SECONDS} s after seeding, reminded a third of that before, escalated a third after`,
      'recording and list figures are measured while those timers fire',
      `${window} s per figure at each size; lateness from deadline-missed rows (recorded_at − payload.dueAt)`,
      `suite took ${Math.round((Date.now() - started) / 1000)} s`,
    );
    return { rows, notes };
  } finally {
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { quick, servers } = parseSuiteArgs();
  const sizes = option('--sizes', quick ? '100,1000' : '100,1000,10000')
    .split(',')
    .map(Number);
  const budgetSeconds = Number(option('--budget', quick ? 60 : 90));
  const population = option('--population', 'seed');
  for (const server of servers) {
    const result = await runScale({ server, quick, sizes, budgetSeconds, population });
    const file = writeResult(`scale-${server}`, {
      title: `P2 scale and P4 growth (${server === 'dev' ? 'Temporal dev server, as npm start' : 'Temporal 1.29.1 on PostgreSQL'})`,
      server,
      quick,
      rows: result.rows,
      notes: result.notes,
    });
    log(`wrote ${file}`);
  }
  process.exit(0);
}
