// The API's own cost, this build against another one on the same stack: two APIs (this worktree's
// apps/api/dist and `--base <root>`'s, a copy of an older build's apps/ and libs/ with node_modules
// beside it) on one database, one Temporal server and one worker, measured in turns, alternating which
// goes first each round. Per API and round: a note at 1 concurrent (p50), at 8 (throughput, p99) with the
// API process's CPU per note, and the same Update straight through the Temporal client at 1 (the "API's
// own cost" is API p50 − direct p50); with --open, opening at 1 and 8 too. Prints each round and the
// medians with the ratios new/base. Writes nothing to bench/results.
// `node bench/api-ab.mjs --base /tmp/api-base [--rounds 3] [--seconds 4] [--open] [--server dev]`
import path from 'node:path';
import {
  addStudents,
  api,
  cpuSeconds,
  cpuSplit,
  log,
  postNote,
  openViaApi,
  recordDirect,
  startExtraApi,
  startStack,
} from './lib/stack.mjs';
import { baseBuildRoot, cliValue, closedLoop, fixedCount, median } from './lib/measure.mjs';

function args() {
  const argv = process.argv.slice(2);
  const value = (name, fallback) => cliValue(name, fallback, argv);
  return {
    base: baseBuildRoot(argv),
    rounds: Number(value('--rounds', '3')),
    seconds: Number(value('--seconds', '4')),
    server: value('--server', 'dev'),
    open: argv.includes('--open'),
    openCount: Number(value('--open-count', '16')),
  };
}

const r1 = (x) => (x === null ? null : Math.round(x * 10) / 10);

async function main() {
  const opts = args();
  const stack = await startStack({ server: opts.server, name: 'api-ab', noop: false });
  try {
    const other = await startExtraApi(stack, {
      name: 'api-base',
      main: path.join(opts.base, 'apps', 'api', 'dist', 'main.js'),
      env: process.env.BENCH_BASE_API_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_BASE_API_NODE_OPTIONS }
        : {},
    });
    const apis = {
      new: { stack: stack, pid: stack.api.child.pid },
      base: { stack: { ...stack, apiBase: other.base }, pid: other.proc.child.pid },
    };
    const clients = 8;
    // Opens per API and round: 4 at 1, openCount at 8; one warm-up each.
    const perRoundOpens = opts.open ? 2 * (opts.openCount + 4) * opts.rounds + 2 : 0;
    const students = await addStudents(stack, clients + perRoundOpens + 2);
    let nextStudent = clients;
    const take = () => students[nextStudent++];
    // Requests each API served, all of them (warm-ups too): a CPU profile's samples divided by these.
    const served = Object.fromEntries(
      Object.entries(apis).map(([which, a]) => [a.stack.apiBase, { which, notes: 0, opens: 0 }]),
    );
    log(`opening ${clients} cases`);
    const cases = [];
    for (const s of students.slice(0, clients)) {
      served[stack.apiBase].opens += 1;
      cases.push({ ...(await openViaApi(stack, s)), student: s });
    }

    const open = (target) => {
      served[target.apiBase].opens += 1;
      return openViaApi(target, take());
    };
    const note = (target) => async (c) => {
      served[target.apiBase].notes += 1;
      const { caseId, student } = cases[c];
      return postNote(target, caseId, student);
    };
    const direct = async (c) => {
      await recordDirect(stack, cases[c].caseId, cases[c].student.teacher.id);
      return true;
    };
    // Warm-up: both APIs' code paths and the connections.
    for (const which of Object.keys(apis)) {
      await closedLoop({ concurrency: clients, seconds: 1, op: note(apis[which].stack) });
      if (opts.open) await open(apis[which].stack);
    }

    const results = { new: [], base: [] };
    for (let round = 0; round < opts.rounds; round++) {
      const order = round % 2 === 0 ? ['new', 'base'] : ['base', 'new'];
      for (const which of order) {
        const { stack: target, pid } = apis[which];
        const one = await closedLoop({ concurrency: 1, seconds: opts.seconds, op: note(target) });
        const directOne = await closedLoop({ concurrency: 1, seconds: opts.seconds, op: direct });
        const cpuBefore = cpuSeconds(pid);
        const splitBefore = cpuSplit(pid);
        let sent = 0;
        const eight = await closedLoop({
          concurrency: clients,
          seconds: opts.seconds,
          op: (c) => {
            sent += 1;
            return note(target)(c);
          },
        });
        const cpuPerNoteMs = ((cpuSeconds(pid) - cpuBefore) * 1000) / sent;
        const splitAfter = cpuSplit(pid);
        const systemPerNoteMs = ((splitAfter.system - splitBefore.system) * 1000) / sent;
        const figures = {
          p50at1: one.p50,
          directP50at1: directOne.p50,
          ownCostAt1: one.p50 - directOne.p50,
          perSecondAt8: eight.throughput,
          p99at8: eight.p99,
          cpuPerNoteMs,
          systemPerNoteMs,
          errors: one.errors + eight.errors + directOne.errors,
        };
        if (opts.open) {
          const open1 = await fixedCount({
            concurrency: 1,
            count: 4,
            op: () => open(target).then(() => true),
          });
          const openCpuBefore = cpuSeconds(pid);
          const open8 = await fixedCount({
            concurrency: 8,
            count: opts.openCount,
            op: () => open(target).then(() => true),
          });
          Object.assign(figures, {
            openP50at1: open1.p50,
            openPerSecondAt8: open8.throughput,
            openP50at8: open8.p50,
            openCpuMs: ((cpuSeconds(pid) - openCpuBefore) * 1000) / opts.openCount,
            errors: figures.errors + open1.errors + open8.errors,
          });
        }
        results[which].push(figures);
        log(
          `round ${round + 1} ${which}: ` +
            Object.entries(figures)
              .map(([k, v]) => `${k} ${r1(v)}`)
              .join(', '),
        );
        if (one.firstErrors.length || eight.firstErrors.length)
          log(`  errors: ${[...one.firstErrors, ...eight.firstErrors].join(' | ')}`);
      }
    }
    const keys = Object.keys(results.new[0]);
    const summary = {};
    for (const k of keys) {
      const n = median(results.new.map((f) => f[k]));
      const b = median(results.base.map((f) => f[k]));
      summary[k] = { new: r1(n), base: r1(b), ratio: b ? Math.round((n / b) * 100) / 100 : null };
    }
    const pids = Object.fromEntries(Object.entries(apis).map(([which, a]) => [which, a.pid]));
    console.log(
      JSON.stringify(
        { options: opts, summary, pids, served: Object.values(served), rounds: results },
        null,
        2,
      ),
    );
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
