// P1 events: recording a note through the API, the same Update straight through the Temporal client,
// and a no-op Update on a trivial workflow, on the same server, at 1, 8 and 32 concurrent clients
// (closed loop, each client on a case of its own). Also GET /cases/{id} while the API records at 8,
// and the split of one request's time at 1. `node bench/p1-events.mjs [--quick] [--server dev|postgres]`
import {
  addStudents,
  api,
  cpuPerRequest,
  finishNoop,
  log,
  noopUpdate,
  openViaApi,
  postNote,
  recordDirect,
  stackCpu,
  startNoop,
  startStack,
  wholeStackCpu,
} from './lib/stack.mjs';
import {
  closedLoop,
  errorNotes,
  figureLine,
  round,
  row,
  runSuiteCommand,
  threeWayRows,
} from './lib/measure.mjs';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const CONCURRENCIES = [1, 8, 32];

export async function runP1Events({ server, quick }) {
  const seconds = quick ? 4 : 5;
  const stack = await startStack({ server, name: 'p1-events' });
  const notes = [];
  try {
    const maxClients = Math.max(...CONCURRENCIES);
    // One more case than clients: the runs at 1 use it alone, so its history (the persistence split)
    // holds only theirs, however many events the runs at 8 and 32 add to the others.
    const students = await addStudents(stack, maxClients + 1);
    const SOLO = maxClients;
    let current = 1;
    const at = (c) => (current === 1 ? SOLO : c);
    log(`${server}: opening ${maxClients} cases`);
    const cases = [];
    for (const s of students) cases.push({ ...(await openViaApi(stack, s)), student: s });
    const noops = await Promise.all(cases.map(() => startNoop(stack)));

    const ways = {
      noop: (c) => noopUpdate(noops[at(c)], cases[at(c)].student.teacher.id).then(() => true),
      direct: (c) =>
        recordDirect(stack, cases[at(c)].caseId, cases[at(c)].student.teacher.id).then(() => true),
      api: (c) => postNote(stack, cases[at(c)].caseId, cases[at(c)].student),
    };
    const figures = {};
    const cpu = {};
    const windows = {};
    let readWhileRecording = null;
    for (const concurrency of CONCURRENCIES) {
      current = concurrency;
      for (const [way, op] of Object.entries(ways)) {
        log(`${server}: ${way} at ${concurrency} for ${seconds} s`);
        // While the API records at 8: one reader asks for a case (GET /cases/{id}) all along.
        let reader = null;
        if (way === 'api' && concurrency === 8) {
          let stop = false;
          const readLatencies = [];
          reader = {
            done: (async () => {
              while (!stop) {
                const c = cases[maxClients - 1];
                const res = await api(stack, c.student.teacher.token, 'GET', `/api/cases/${c.caseId}`);
                if (res.status === 200) readLatencies.push(res.ms);
              }
            })(),
            stop: async () => {
              stop = true;
              await reader.done;
              const sorted = readLatencies.sort((a, b) => a - b);
              return {
                count: sorted.length,
                p50: sorted[Math.floor(sorted.length * 0.5)],
                p95: sorted[Math.ceil(sorted.length * 0.95) - 1],
              };
            },
          };
        }
        const cpuBefore = stackCpu(stack);
        const windowStart = Date.now();
        figures[`${way}@${concurrency}`] = await closedLoop({ concurrency, seconds, op });
        windows[`${way}@${concurrency}`] = [windowStart, Date.now()];
        const cpuAfter = stackCpu(stack);
        if (concurrency === 8) {
          // CPU milliseconds each process spent per request in this window (a reader adds to the API's).
          cpu[way] = cpuPerRequest(cpuBefore, cpuAfter, figures[`${way}@${concurrency}`].count);
        }
        if (reader) readWhileRecording = await reader.stop();
        const f = figures[`${way}@${concurrency}`];
        log(figureLine(f));
      }
    }

    // The split of one request (at 1): the API's answer to a body it refuses (auth, access check and
    // validation, no Update) and the persistence activity's own time in the workflow's history.
    const c0 = cases[SOLO];
    const refused = await closedLoop({
      concurrency: 1,
      seconds: quick ? 2 : 4,
      op: async () => {
        const res = await api(
          stack,
          c0.student.teacher.token,
          'POST',
          `/api/cases/${c0.caseId}/events`,
          { type: 'note-added', payload: {} },
          {
            'idempotency-key': randomUUID(),
          },
        );
        return res.status === 400;
      },
    });
    // Only the activities of the windows at 1 (the same case also served the runs at 8 and 32).
    const activity = await persistActivityTimes(stack, c0.caseId, [windows['direct@1'], windows['api@1']]);
    await finishNoop(noops);

    const rows = threeWayRows({
      concurrencies: CONCURRENCIES,
      figures,
      names: { api: 'note via API', direct: 'note as direct Update', noop: 'no-op Update' },
      unit: 'events/s',
      noopUnit: 'updates/s',
      target: ({ way, stat, concurrency, value, baselineValue }) => {
        if (way !== 'api' || concurrency !== 8) return null;
        if (stat === 'throughput')
          return {
            target: '>= 50 events/s and >= 0.5× no-op',
            met: value >= 50 && value >= 0.5 * baselineValue,
          };
        if (stat === 'p99') return { target: '< 300 ms', met: value < 300 };
        return null;
      },
    });
    const f = (way, c) => figures[`${way}@${c}`];
    const api1 = f('api', 1).p50;
    const direct1 = f('direct', 1).p50;
    const noop1 = f('noop', 1).p50;
    const apiOwn = api1 - direct1;
    rows.push(
      row({
        figure: "the API's own cost at 1 (API p50 − direct p50)",
        value: apiOwn,
        unit: 'ms',
        baseline: 'direct Update p50',
        baselineValue: direct1,
        target: '<= 0.2× direct Update',
        met: apiOwn <= 0.2 * direct1,
      }),
      row({
        figure: 'split at 1: auth + access + validation (p50 of a refused body, 400)',
        value: refused.p50,
        unit: 'ms',
        baseline: 'API p50',
        baselineValue: api1,
      }),
      row({
        figure: 'split at 1: Update round trip, the floor (no-op Update p50)',
        value: noop1,
        unit: 'ms',
        baseline: 'API p50',
        baselineValue: api1,
      }),
      row({
        figure: "split at 1: the workflow's work (direct p50 − no-op p50)",
        value: direct1 - noop1,
        unit: 'ms',
        baseline: 'API p50',
        baselineValue: api1,
      }),
      row({
        figure: 'split at 1: of which the persistence activity (p50 from history)',
        detail:
          activity.kind === 'activity'
            ? `persistCaseEvents scheduled → completed, ${activity.count} in the history`
            : `a local activity: started → completed of the workflow task that ran it, ${activity.count} in the history`,
        value: activity.p50,
        unit: 'ms',
        baseline: 'API p50',
        baselineValue: api1,
      }),
      row({
        figure:
          'split at 1: the API after the Update (API p50 − refused p50 − direct p50: idempotency, response)',
        value: api1 - refused.p50 - direct1,
        unit: 'ms',
        baseline: 'API p50',
        baselineValue: api1,
      }),
    );
    const cpuSum = (w) => wholeStackCpu(cpu[w]);
    if (cpu.api && cpu.noop) {
      rows.push(
        row({
          figure: 'CPU per note via API at 8, whole stack (Temporal + worker + API + PostgreSQL)',
          value: cpuSum('api'),
          unit: 'ms CPU',
          baseline: 'no-op Update, whole stack',
          baselineValue: cpuSum('noop'),
        }),
        row({
          figure: 'CPU per note at 8: Temporal server',
          value: cpu.api.temporal,
          unit: 'ms CPU',
          baseline: 'no-op Update',
          baselineValue: cpu.noop.temporal,
        }),
        row({
          figure: 'CPU per note at 8: worker',
          value: cpu.api.worker,
          unit: 'ms CPU',
          baseline: 'no-op worker per no-op Update',
          baselineValue: cpu.noop.noopWorker,
        }),
        row({ figure: 'CPU per note at 8: API (incl. the GET reader)', value: cpu.api.api, unit: 'ms CPU' }),
        row({
          figure: 'CPU per note at 8: PostgreSQL (app + Temporal databases)',
          value: cpu.api.postgres,
          unit: 'ms CPU',
          baseline: 'no-op Update',
          baselineValue: cpu.noop.postgres,
        }),
        row({
          figure: 'CPU per direct Update at 8, whole stack',
          value: cpuSum('direct'),
          unit: 'ms CPU',
          baseline: 'no-op Update, whole stack',
          baselineValue: cpuSum('noop'),
        }),
      );
    }
    if (readWhileRecording) {
      rows.push(
        row({
          figure: 'GET /cases/{id} while the API records at 8: p95',
          detail: `p50 ${round(readWhileRecording.p50)} ms, ${readWhileRecording.count} reads`,
          value: readWhileRecording.p95,
          unit: 'ms',
          target: '< 30 ms',
          met: readWhileRecording.p95 < 30,
        }),
      );
    }
    notes.push(...errorNotes(figures));
    notes.push(
      `closed loop, ${seconds} s per figure after one warm-up request per client; each client on a case of its own`,
    );
    notes.push(
      "split: by subtraction of the three ways' p50 at 1, the refused body's p50 and the persistence activity's times in the case's history (ActivityTaskScheduled → ActivityTaskCompleted)",
    );
    return { rows, notes, raw: { figures, refused, activity, cpu } };
  } finally {
    await stack.stop();
  }
}

/** persistCaseEvents' scheduled → completed times (ms) in the case's current run. */
async function persistActivityTimes(stack, caseId, windows) {
  const within = (at) => windows.some(([from, to]) => at >= from && at <= to);
  const { caseWorkflowId } = require('@tiltak/workflows');
  // Every run of the case: a busy one may have continued as new meanwhile.
  const events = [];
  let runId;
  for (let runs = 0; runs < 20; runs++) {
    const history = await stack.client.workflow.getHandle(caseWorkflowId(caseId), runId).fetchHistory();
    events.unshift(...(history.events ?? []));
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    if (!runId) break;
  }
  const scheduled = new Map();
  const times = [];
  // Local activities (the fewer-workflow-tasks patch) leave a marker after the workflow task that ran
  // them: that task's started → completed time is then the figure (the append and the task's work).
  const localTimes = [];
  let taskStarted = null;
  let lastTask = null;
  for (const e of events) {
    const at = Number(e.eventTime.seconds) * 1000 + e.eventTime.nanos / 1e6;
    const s = e.activityTaskScheduledEventAttributes;
    if (s && s.activityType?.name === 'persistCaseEvents' && within(at)) scheduled.set(String(e.eventId), at);
    const c = e.activityTaskCompletedEventAttributes;
    if (c && scheduled.has(String(c.scheduledEventId)))
      times.push(at - scheduled.get(String(c.scheduledEventId)));
    if (e.workflowTaskStartedEventAttributes) taskStarted = at;
    if (e.workflowTaskCompletedEventAttributes && taskStarted !== null)
      lastTask = { ms: at - taskStarted, counted: false };
    const marker = e.markerRecordedEventAttributes;
    if (
      marker &&
      /local_activity/.test(marker.markerName ?? '') &&
      lastTask &&
      !lastTask.counted &&
      within(at)
    ) {
      localTimes.push(lastTask.ms);
      lastTask.counted = true;
    }
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? null;
  if (times.length) return { kind: 'activity', count: times.length, p50: median(times) };
  return { kind: 'local', count: localTimes.length, p50: median(localTimes) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runSuiteCommand({ suite: 'p1-events', label: 'P1 events', run: runP1Events });
}
