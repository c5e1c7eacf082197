// The case worker's own cost, this build against another one on the same stack: two workers (this
// worktree's apps/worker/dist and `--base <root>`'s, laid out as for bench/api-ab.mjs) on one database
// and one Temporal server, each on a task queue of its own with an API of its own (this build's API,
// both) that opens cases on that queue; notices start on the case's queue, so every task of an opening
// and of a note runs on the one worker measured. In turns that alternate which goes first: opening at 8
// (the window held open until every notice is sent) and notes at 8 via the API on cases of that worker,
// the worker process's CPU (user + system, /proc) per open and per note. Prints each round and the
// medians with the ratios new/base. Writes nothing to bench/results.
// `node bench/worker-ab.mjs --base /tmp/worker-base [--rounds 3] [--seconds 4] [--open-count 24] [--server dev]
//   [--base-env K=V,K=V]` (`--base .` and `--base-env`: this build against itself with another setting)`
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CASE_TASK_QUEUE,
  addStudents,
  cpuSeconds,
  cpuSplit,
  log,
  notificationsSettled,
  openViaApi,
  postNote,
  sleep,
  startExtraApi,
  startStack,
} from './lib/stack.mjs';
import { baseBuildRoot, cliValue, closedLoop, fixedCount, median } from './lib/measure.mjs';
import { freePort } from '../tools/lib/ports.mjs';

const BASE_TASK_QUEUE = `${CASE_TASK_QUEUE}-base`;

function args() {
  const argv = process.argv.slice(2);
  const value = (name, fallback) => cliValue(name, fallback, argv);
  return {
    base: baseBuildRoot(argv),
    rounds: Number(value('--rounds', '3')),
    seconds: Number(value('--seconds', '4')),
    server: value('--server', 'dev'),
    openCount: Number(value('--open-count', '24')),
    // More environment for the base worker only (K=V,K=V), e.g. the same build with another setting.
    baseEnv: Object.fromEntries(
      (value('--base-env', '') || '')
        .split(',')
        .filter(Boolean)
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    ),
  };
}

/**
 * CPU seconds by thread of a process (/proc/<pid>/task): the main thread apart ('main'), the others by
 * name (the SDK's workflow thread, its Rust core's tokio threads, libuv's pool, V8's helpers).
 */
function threadCpu(pid) {
  const byName = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      // Node names its own threads (V8's platform, libuv's pool, worker_threads) all "node": by id.
      const name = tid === String(pid) ? 'main' : comm === 'node' ? `node#${tid}` : comm;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byName[name] = (byName[name] ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // The thread ended meanwhile.
    }
  }
  return byName;
}
const threadDelta = (before, after, n) =>
  Object.fromEntries(
    Object.keys(after)
      .map((k) => [k, Math.round((((after[k] ?? 0) - (before[k] ?? 0)) * 10000) / n) / 10])
      .filter(([, v]) => v > 0),
  );
const r1 = (x) => (x === null ? null : Math.round(x * 10) / 10);

async function main() {
  const opts = args();
  const stack = await startStack({ server: opts.server, name: 'worker-ab', noop: false });
  try {
    const baseWorker = await stack.spawnProcess(
      'worker-base',
      path.join(opts.base, 'apps', 'worker', 'dist', 'main.js'),
      {
        ...stack.env,
        LOG_LEVEL: 'info',
        TEMPORAL_TASK_QUEUE: BASE_TASK_QUEUE,
        // Metrics on, as for the stack's worker: the exporter costs CPU too.
        WORKER_METRICS_PORT: String(await freePort()),
        ...(process.env.BENCH_BASE_WORKER_NODE_OPTIONS
          ? { NODE_OPTIONS: process.env.BENCH_BASE_WORKER_NODE_OPTIONS }
          : {}),
        ...(process.env.BENCH_CPU_PROF_DIR ? { BENCH_CPU_PROF_DIR: process.env.BENCH_CPU_PROF_DIR } : {}),
        ...opts.baseEnv,
      },
      '"msg":"Worker started"',
    );
    stack.onStop(() => baseWorker.stop());
    const baseApi = await startExtraApi(stack, {
      name: 'api-base-queue',
      main: path.join(process.cwd(), 'apps', 'api', 'dist', 'main.js'),
      env: { TEMPORAL_TASK_QUEUE: BASE_TASK_QUEUE },
    });
    const workers = {
      new: { stack, pid: stack.worker.child.pid, cases: [] },
      base: { stack: { ...stack, apiBase: baseApi.base }, pid: baseWorker.child.pid, cases: [] },
    };
    const clients = 8;
    const students = await addStudents(stack, 2 * (clients + opts.openCount * opts.rounds + 4));
    let nextStudent = 0;
    const take = () => students[nextStudent++];
    const done = Object.fromEntries(Object.keys(workers).map((w) => [w, { notes: 0, opens: 0 }]));
    const open = async (which) => {
      const student = take();
      const { caseId } = await openViaApi(workers[which].stack, student);
      done[which].opens += 1;
      workers[which].cases.push({ caseId, student });
      return true;
    };
    const note = (which) => async (c) => {
      const { caseId, student } = workers[which].cases[c];
      await postNote(workers[which].stack, caseId, student);
      done[which].notes += 1;
      return true;
    };
    // Warm-up: the cases notes are recorded on, and each worker's code paths.
    for (const which of Object.keys(workers)) {
      for (let i = 0; i < clients; i++) await open(which);
      await closedLoop({ concurrency: clients, seconds: 1, op: note(which) });
    }
    await notificationsSettled(stack);

    const results = { new: [], base: [] };
    const threads = { new: [], base: [] };
    for (let round = 0; round < opts.rounds; round++) {
      const order = round % 2 === 0 ? ['new', 'base'] : ['base', 'new'];
      for (const which of order) {
        const { pid } = workers[which];
        log(`${which}: opening ×${opts.openCount} at 8 (from ${Date.now()})`);
        const openBefore = cpuSplit(pid);
        const openThreadsBefore = threadCpu(pid);
        const opened = await fixedCount({
          concurrency: clients,
          count: opts.openCount,
          op: () => open(which),
        });
        const settled = await notificationsSettled(stack);
        const openAfter = cpuSplit(pid);
        const openThreads = threadDelta(openThreadsBefore, threadCpu(pid), opts.openCount);
        log(`${which}: notes at 8 for ${opts.seconds} s (from ${Date.now()})`);
        const notesBefore = done[which].notes;
        const noteBefore = cpuSplit(pid);
        const noteThreadsBefore = threadCpu(pid);
        const eight = await closedLoop({ concurrency: clients, seconds: opts.seconds, op: note(which) });
        const noteAfter = cpuSplit(pid);
        const notes = done[which].notes - notesBefore;
        log(`${which}: ${notes} notes (until ${Date.now()})`);
        const noteThreads = threadDelta(noteThreadsBefore, threadCpu(pid), notes);
        const ms = (a, b, n) => ((b.user + b.system - a.user - a.system) * 1000) / n;
        const figures = {
          workerCpuPerOpenMs: ms(openBefore, openAfter, opts.openCount),
          workerSystemPerOpenMs: ((openAfter.system - openBefore.system) * 1000) / opts.openCount,
          workerCpuPerNoteMs: ms(noteBefore, noteAfter, notes),
          workerSystemPerNoteMs: ((noteAfter.system - noteBefore.system) * 1000) / notes,
          opensPerSecondAt8: opened.throughput,
          notesPerSecondAt8: eight.throughput,
          noteP50At8: eight.p50,
          errors: opened.errors + eight.errors + (settled ? 0 : 1),
        };
        results[which].push(figures);
        threads[which].push({ open: openThreads, note: noteThreads });
        log(
          `round ${round + 1} ${which}: ` +
            Object.entries(figures)
              .map(([k, v]) => `${k} ${r1(v)}`)
              .join(', '),
        );
        log(
          `  ms by thread per open ${JSON.stringify(openThreads)}, per note ${JSON.stringify(noteThreads)}`,
        );
        if (opened.firstErrors?.length || eight.firstErrors?.length)
          log(`  errors: ${[...(opened.firstErrors ?? []), ...(eight.firstErrors ?? [])].join(' | ')}`);
      }
    }
    const summary = {};
    for (const k of Object.keys(results.new[0])) {
      const n = median(results.new.map((f) => f[k]));
      const b = median(results.base.map((f) => f[k]));
      summary[k] = { new: r1(n), base: r1(b), ratio: b ? Math.round((n / b) * 100) / 100 : null };
    }
    const pids = Object.fromEntries(Object.entries(workers).map(([which, w]) => [which, w.pid]));
    console.log(JSON.stringify({ options: opts, summary, pids, done, rounds: results, threads }, null, 2));
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
