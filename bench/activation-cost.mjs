// What one local activity costs the worker, with the activation that brings its result back: on the
// bench's no-op worker (the project's codec, nothing else), the no-op Update against the same Update
// answered after one trivial local activity (`noopLocal`), at 8 concurrent on 8 workflows, in
// alternating rounds; the no-op worker's CPU (user + system, /proc) per Update. Every local activity
// the case or the notice workflow runs (4 per opening, 1 per note) costs at least the difference, plus
// its own work. Prints each round and the medians. Writes nothing to bench/results.
// `node bench/activation-cost.mjs [--rounds 5] [--seconds 4] [--server dev]`
import { cpuSeconds, log, noopUpdate, startNoop, startStack } from './lib/stack.mjs';
import { cliValue, closedLoop, median } from './lib/measure.mjs';
import { randomUUID } from 'node:crypto';

const value = (name, fallback) => cliValue(name, fallback);
const rounds = Number(value('--rounds', '5'));
const seconds = Number(value('--seconds', '4'));
const server = value('--server', 'dev');

const stack = await startStack({ server, name: 'activation-cost' });
try {
  const staffId = randomUUID();
  const handles = [];
  for (let i = 0; i < 8; i++) handles.push(await startNoop(stack));
  const ways = {
    noop: (c) => noopUpdate(handles[c], staffId).then(() => true),
    noopLocal: async (c) => {
      const event = { eventId: randomUUID(), staffId };
      await handles[c].executeUpdate('noopLocal', { args: [event], updateId: event.eventId });
      return true;
    },
  };
  for (const op of Object.values(ways)) await closedLoop({ concurrency: 8, seconds: 1, op });
  const pid = stack.noopWorker.child.pid;
  const results = { noop: [], noopLocal: [] };
  for (let round = 0; round < rounds; round++) {
    for (const way of round % 2 === 0 ? ['noop', 'noopLocal'] : ['noopLocal', 'noop']) {
      let done = 0;
      const before = cpuSeconds(pid);
      const f = await closedLoop({
        concurrency: 8,
        seconds,
        op: async (c) => {
          await ways[way](c);
          done += 1;
          return true;
        },
      });
      const ms = ((cpuSeconds(pid) - before) * 1000) / done;
      results[way].push(ms);
      log(
        `round ${round + 1} ${way}: worker CPU per Update ${ms.toFixed(2)} ms (${done} Updates, errors ${f.errors})`,
      );
    }
  }
  const noop = median(results.noop);
  const local = median(results.noopLocal);
  console.log(
    JSON.stringify(
      {
        rounds,
        seconds,
        medianMs: { noop: Number(noop.toFixed(2)), noopLocal: Number(local.toFixed(2)) },
        oneLocalActivityMs: Number((local - noop).toFixed(2)),
        results,
      },
      null,
      2,
    ),
  );
} finally {
  await stack.stop();
}
