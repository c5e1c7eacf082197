// Closed-loop load and the figures the suites report: n clients, each sending its next request when
// the last one answered, for a fixed time; throughput, p50, p95, p99 of the successful ones.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { log, root } from './stack.mjs';

export function percentile(sorted, p) {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(latencies, seconds, errors = 0) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    errors,
    throughput: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/**
 * Runs `op(clientIndex, i)` from `concurrency` clients for `seconds` (after `warmup` requests per
 * client that are not counted). `op` resolves to true on success; a throw or false is an error.
 */
export async function closedLoop({ concurrency, seconds, warmup = 1, op }) {
  await Promise.all(
    Array.from({ length: concurrency }, async (_, c) => {
      for (let i = 0; i < warmup; i++) await op(c, -1 - i).catch(() => false);
    }),
  );
  const latencies = [];
  let errors = 0;
  const firstErrors = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, c) => {
      for (let i = 0; performance.now() < end; i++) {
        const t = performance.now();
        let ok;
        try {
          ok = await op(c, i);
        } catch (err) {
          ok = false;
          if (firstErrors.length < 3) firstErrors.push(String(err?.message ?? err).slice(0, 300));
        }
        if (ok) latencies.push(performance.now() - t);
        else errors += 1;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return { ...summarize(latencies, elapsed, errors), seconds: elapsed, concurrency, firstErrors };
}

/** A fixed number of operations at a concurrency (for opening: each case is opened once). */
export async function fixedCount({ concurrency, count, op }) {
  const latencies = [];
  let errors = 0;
  const firstErrors = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const t = performance.now();
        try {
          if (await op(i)) latencies.push(performance.now() - t);
          else errors += 1;
        } catch (err) {
          errors += 1;
          if (firstErrors.length < 3) firstErrors.push(String(err?.message ?? err).slice(0, 300));
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return { ...summarize(latencies, elapsed, errors), seconds: elapsed, concurrency, firstErrors };
}

export const round = (v, digits = 1) => (v === null || v === undefined ? null : Number(v.toFixed(digits)));

/** A result row of the bench/ contract. */
export function row({
  figure,
  detail,
  value,
  unit,
  baseline = null,
  baselineValue = null,
  target = null,
  met = null,
  server,
}) {
  const ratio =
    baselineValue && value !== null && value !== undefined
      ? Number((value / baselineValue).toFixed(2))
      : null;
  return {
    figure,
    ...(detail ? { detail } : {}),
    value: round(value),
    unit,
    ...(server ? { server } : {}),
    baseline,
    baselineValue: round(baselineValue),
    ratio,
    target,
    met,
  };
}

/** Writes bench/results/<suite>.json. */
export function writeResult(suite, result) {
  const dir = path.join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${suite}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ suite, measuredAt: new Date().toISOString(), ...result }, null, 2)}\n`,
  );
  return file;
}

/** `--quick`, `--server dev|postgres|both` from argv. */
export function parseSuiteArgs(argv = process.argv.slice(2)) {
  const quick = argv.includes('--quick');
  const i = argv.indexOf('--server');
  const server = i >= 0 ? argv[i + 1] : 'both';
  if (!['dev', 'postgres', 'both'].includes(server)) throw new Error('--server is dev, postgres or both');
  return { quick, servers: server === 'both' ? ['dev', 'postgres'] : [server] };
}

/** The log line of one closedLoop/fixedCount figure. */
export function figureLine(f) {
  return `  ${round(f.throughput)}/s p50 ${round(f.p50)} ms p99 ${round(f.p99)} ms errors ${f.errors} ${f.firstErrors.join(' | ')}`;
}

/**
 * The rows of a suite that measures one operation three ways at each concurrency (`figures` keyed
 * `${way}@${concurrency}`): through the API and straight through the Temporal client, each's
 * throughput, p50 and p99 against the no-op of the same Temporal call, then the no-op's own
 * throughput. `names` are the ways' names in the figures (the no-op's is also the baseline's);
 * `target({ way, stat, concurrency, value, baselineValue })` returns `{ target, met }` where a
 * figure has one.
 */
export function threeWayRows({ concurrencies, figures, names, unit, noopUnit, target = () => null }) {
  const f = (way, c) => figures[`${way}@${c}`];
  const rows = [];
  for (const c of concurrencies) {
    for (const way of ['api', 'direct']) {
      for (const stat of ['throughput', 'p50', 'p99']) {
        const value = f(way, c)[stat];
        const baselineValue = f('noop', c)[stat];
        rows.push(
          row({
            figure: `${names[way]}, ${c} concurrent: ${stat}`,
            value,
            unit: stat === 'throughput' ? unit : 'ms',
            baseline: names.noop,
            baselineValue,
            ...(target({ way, stat, concurrency: c, value, baselineValue }) ?? {}),
          }),
        );
      }
    }
    rows.push(
      row({
        figure: `${names.noop}, ${c} concurrent: throughput`,
        detail: `p50 ${round(f('noop', c).p50)} ms, p99 ${round(f('noop', c).p99)} ms`,
        value: f('noop', c).throughput,
        unit: noopUnit,
      }),
    );
  }
  return rows;
}

/** A note for each figure that had errors, with its first ones. */
export function errorNotes(figures) {
  return Object.entries(figures)
    .filter(([, v]) => v.errors)
    .map(([k, v]) => `${k}: ${v.errors} errors (${v.firstErrors.join(' | ')})`);
}

/** Writes bench/results/<suite>-<server>.json, titled `<label> (<the server>)`. */
export function writeServerResult({ suite, label, server, quick, result }) {
  return writeResult(`${suite}-${server}`, {
    title: `${label} (${server === 'dev' ? 'Temporal dev server, as npm start' : 'Temporal 1.29.1 on PostgreSQL'})`,
    server,
    quick,
    rows: result.rows,
    notes: result.notes,
  });
}

/** A suite's command line (`--quick`, `--server`): runs it on each server asked for, writes each result. */
export async function runSuiteCommand({ suite, label, run }) {
  const { quick, servers } = parseSuiteArgs();
  for (const server of servers) {
    const result = await run({ server, quick });
    log(`wrote ${writeServerResult({ suite, label, server, quick, result })}`);
  }
  process.exit(0);
}

/** The median of the finite numbers among `xs` (the mean of the middle two for an even count), or null. */
export function median(xs) {
  const s = xs.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A command-line option's value (`--name value`), or `fallback` when it is not given. */
export function cliValue(name, fallback, argv = process.argv.slice(2)) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
}

/** `--base <dir>` of the A/B tools (the other build's root), resolved; refused when missing. */
export function baseBuildRoot(argv = process.argv.slice(2)) {
  const base = cliValue('--base', null, argv);
  if (!base) throw new Error('--base <root of the other build> is required');
  return path.resolve(base);
}
