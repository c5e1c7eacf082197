// Closed-loop load and the figures the suites report: n clients, each sending its next request when
// the last one answered, for a fixed time; throughput, p50, p95, p99 of the successful ones.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './stack.mjs';

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
