// P1 open: opening a case through the API (POST /cases, answered with the first state), the same
// workflow start straight through the Temporal client, and update-with-start of a trivial workflow, on
// the same server, at 1, 8 and 32 concurrent clients; each case opened once, for a student of its own.
// `node bench/p1-open.mjs [--quick] [--server dev|postgres]`
import { addStudents, log, noopOpen, openDirect, openViaApi, startStack } from './lib/stack.mjs';
import { errorNotes, figureLine, fixedCount, runSuiteCommand, threeWayRows } from './lib/measure.mjs';

const CONCURRENCIES = [1, 8, 32];

export async function runP1Open({ server, quick }) {
  // Opens per figure: enough for a p99 at 32 without making the run long.
  const countFor = (c) => (quick ? { 1: 6, 8: 16, 32: 32 } : { 1: 6, 8: 16, 32: 32 })[c];
  const stack = await startStack({ server, name: 'p1-open' });
  try {
    const total = CONCURRENCIES.reduce((n, c) => n + 2 * countFor(c) + 2, 0);
    const students = await addStudents(stack, total);
    let next = 0;
    const take = () => students[next++];
    // Warm-up: one of each.
    await openViaApi(stack, take());
    await openDirect(stack, take());
    await noopOpen(stack);

    const figures = {};
    for (const concurrency of CONCURRENCIES) {
      const count = countFor(concurrency);
      const ways = {
        noop: () => noopOpen(stack).then(() => true),
        direct: () => openDirect(stack, take()).then(() => true),
        api: () => openViaApi(stack, take()).then(() => true),
      };
      for (const [way, op] of Object.entries(ways)) {
        log(`${server}: open ${way} ×${count} at ${concurrency}`);
        const f = await fixedCount({ concurrency, count, op });
        figures[`${way}@${concurrency}`] = f;
        log(figureLine(f));
      }
    }
    const rows = threeWayRows({
      concurrencies: CONCURRENCIES,
      figures,
      names: {
        api: 'open via API',
        direct: 'open direct (Temporal client)',
        noop: 'no-op update-with-start',
      },
      unit: 'cases/s',
      noopUnit: 'starts/s',
      target: ({ way, stat, concurrency, value }) => {
        if (way !== 'api') return null;
        if (stat === 'throughput' && concurrency === 8) return { target: '>= 30 cases/s', met: value >= 30 };
        if (stat === 'p50' && concurrency === 1) return { target: '< 150 ms', met: value < 150 };
        return null;
      },
    });
    const { openedUpdate } = (await import('node:module')).createRequire(import.meta.url)(
      '@tiltak/workflows',
    );
    const notes = [
      `each figure opens a fixed number of cases (${CONCURRENCIES.map((c) => `${countFor(c)} at ${c}`).join(', ')}), each for a new student`,
      openedUpdate
        ? 'direct: update-with-start of the case workflow with its `opened` Update, as the API opens'
        : 'direct: workflow start, then the state query until it answers (the workflow has no `opened` Update in this build)',
      'no-op: update-with-start of a workflow whose Update answers at once',
    ];
    notes.push(...errorNotes(figures));
    return { rows, notes, raw: figures };
  } finally {
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runSuiteCommand({ suite: 'p1-open', label: 'P1 open', run: runP1Open });
}
