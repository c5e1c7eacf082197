// What one workflow instance costs the worker, in isolation (issue 13): the heap one more cached case
// workflow holds, and the CPU of creating one (the SDK runs every module factory of the bundle again
// for each new or replayed instance) and of replaying a recorded history. No server, no database.
//
//   node --expose-gc bench/workflow-instance-cost.mjs [--bundle a.js --bundle b.js ...] [--instances 300]
//        [--rounds 5] [--replays 3]
//
// Every bundle is measured in the same run, in a fresh child process each round, interleaved, so that
// figures compare as ratios against the first bundle (default: apps/worker/dist/workflow-bundle.js).
// Instance creation goes through the SDK's own reusable-context creator (what the worker's workflow
// thread uses by default), with the cache holding every instance; replay through Worker.runReplayHistories
// over libs/workflows/history-fixtures (decrypted with the fixtures' public test key).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function args(argv) {
  const out = { bundles: [], instances: 300, rounds: 5, replays: 3, child: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--bundle') out.bundles.push(path.resolve(argv[++i]));
    else if (a === '--instances') out.instances = Number(argv[++i]);
    else if (a === '--rounds') out.rounds = Number(argv[++i]);
    else if (a === '--replays') out.replays = Number(argv[++i]);
    else if (a === '--child') out.child = argv[++i];
    else throw new Error(`Unknown argument ${a}`);
  }
  if (out.bundles.length === 0) out.bundles.push(path.join(ROOT, 'apps/worker/dist/workflow-bundle.js'));
  return out;
}

const gc = () => {
  for (let i = 0; i < 4; i++) globalThis.gc();
};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

let seq = 0;
function info(workflowType) {
  const { TypedSearchAttributes } = require('@temporalio/common');
  const runId = `bench-run-${++seq}`;
  const start = new Date('2026-12-01T08:00:00.000Z');
  return {
    workflowId: `case-bench-${seq}`,
    runId,
    workflowType,
    searchAttributes: {},
    typedSearchAttributes: new TypedSearchAttributes(),
    taskQueue: 'bench',
    namespace: 'default',
    firstExecutionRunId: runId,
    originalExecutionRunId: runId,
    startTime: start,
    runStartTime: start,
    taskTimeoutMs: 10_000,
    attempt: 1,
    historyLength: 1,
    historySize: 0,
    continueAsNewSuggested: false,
    targetWorkerDeploymentVersionChanged: false,
    suggestedContinueAsNewReasons: [],
    currentBuildId: '',
    unsafe: {
      now: () => Date.now(),
      isReplaying: false,
      isReplayingHistoryEvents: false,
      random: Math.random,
    },
    priority: {},
  };
}

/** Heap and CPU of `n` instances created and kept, as the worker's cache keeps them. */
async function instances(bundlePath, n) {
  const { ReusableVMWorkflowCreator } = require('@temporalio/worker/lib/workflow/reusable-vm');
  const { parseWorkflowCode } = require('@temporalio/worker/lib/worker');
  const t0 = cpuMs();
  // As the worker loads `workflowBundle: { codePath }`.
  const bundle = parseWorkflowCode(readFileSync(bundlePath, 'utf8'), bundlePath);
  const creator = await ReusableVMWorkflowCreator.create(bundle, 5_000, new Set());
  const contextCpuMs = cpuMs() - t0;
  const create = () =>
    creator.createWorkflow({
      info: info('caseWorkflow'),
      randomnessSeed: [1, 2, 3, 4],
      now: Date.now(),
      showStackTraceSources: false,
      failureExceptionTypeNames: [],
    });
  // Warm up (JIT, the context's first instance) and let go of it.
  for (let i = 0; i < 20; i++) await (await create()).dispose();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const c0 = cpuMs();
  const kept = [];
  for (let i = 0; i < n; i++) kept.push(await create());
  const createCpuMs = cpuMs() - c0;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  for (const wf of kept) await wf.dispose();
  await creator.destroy();
  return {
    contextCpuMs,
    createCpuMsPerInstance: createCpuMs / n,
    heapKiBPerInstance: (heapAfter - heapBefore) / 1024 / n,
  };
}

/** CPU per replayed history (each fixture `replays` times), the full SDK path of a replay. */
async function replays(bundlePath, times) {
  const { Worker } = require('@temporalio/worker');
  const { readHistoryFixtures, fixtureDataConverter } = require(
    path.join(ROOT, 'apps/worker/dist/testing/history-fixtures.js'),
  );
  const fixtures = readHistoryFixtures();
  const histories = [];
  for (let r = 0; r < times; r++)
    for (const f of fixtures) histories.push({ workflowId: `${f.name}#${r}`, history: f.history });
  const options = {
    workflowBundle: { codePath: bundlePath },
    dataConverter: fixtureDataConverter(),
  };
  // Warm-up pass (worker thread, JIT), not counted.
  for await (const r of Worker.runReplayHistories(options, histories.slice(0, fixtures.length)))
    if (r.error) throw r.error;
  const c0 = cpuMs();
  const w0 = performance.now();
  let failed = 0;
  for await (const r of Worker.runReplayHistories(options, histories)) if (r.error) failed++;
  return {
    replayCpuMsPerHistory: (cpuMs() - c0) / histories.length,
    replayWallMsPerHistory: (performance.now() - w0) / histories.length,
    replayed: histories.length,
    failed,
  };
}

async function child(spec) {
  const { bundle, n, times } = JSON.parse(spec);
  const { Runtime, DefaultLogger } = require('@temporalio/worker');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const a = await instances(bundle, n);
  const b = times > 0 ? await replays(bundle, times) : {};
  process.stdout.write(JSON.stringify({ ...a, ...b }));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const opts = args(process.argv.slice(2));
  if (opts.child) return child(opts.child);
  const runs = new Map(opts.bundles.map((b) => [b, []]));
  for (let round = 0; round < opts.rounds; round++) {
    for (const bundle of opts.bundles) {
      const out = execFileSync(
        process.execPath,
        [
          '--expose-gc',
          fileURLToPath(import.meta.url),
          '--child',
          JSON.stringify({ bundle, n: opts.instances, times: opts.replays }),
        ],
        { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      runs.get(bundle).push(JSON.parse(out.trim().split('\n').at(-1)));
    }
  }
  const keys = [
    'heapKiBPerInstance',
    'createCpuMsPerInstance',
    'replayCpuMsPerHistory',
    'replayWallMsPerHistory',
    'contextCpuMs',
  ];
  const base = opts.bundles[0];
  const summary = {};
  for (const bundle of opts.bundles) {
    const row = {};
    for (const k of keys) row[k] = Number(median(runs.get(bundle).map((r) => r[k])).toFixed(2));
    row.failedReplays = runs.get(bundle).reduce((s, r) => s + r.failed, 0);
    summary[path.relative(ROOT, bundle)] = row;
  }
  const baseRow = summary[path.relative(ROOT, base)];
  console.log(
    `Medians of ${opts.rounds} rounds, ${opts.instances} instances kept, replays x${opts.replays}:`,
  );
  for (const [name, row] of Object.entries(summary)) {
    const ratios = Object.fromEntries(
      keys.map((k) => [k, baseRow[k] ? Number((row[k] / baseRow[k]).toFixed(3)) : null]),
    );
    console.log(name, JSON.stringify(row), '\n  ratio vs first:', JSON.stringify(ratios));
  }
}

await main();
