// `npm run bench`: installs what is missing, builds, runs every suite in sequence (each a standalone
// script that starts and stops what it needs), then renders bench/results/*.json into bench/RESULTS.md.
//   --quick             the short version of every suite
//   --only a,b          only these suites (names as in SUITES)
//   --server dev|postgres   only one Temporal server (default both)
//   --no-build          skip `npm run build` (the built dist must be current)
//   --render            only render RESULTS.md from the results already in bench/results/
//   --note "text"       a line about this run for RESULTS.md (e.g. what else ran on the machine)
// Never part of `npm test`. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, ensureInstalled } from '../tools/lib/install.mjs';
import { explainMissed } from './missed-targets.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bench = path.join(root, 'bench');
const resultsDir = path.join(bench, 'results');

/** In order; a suite whose script is absent (another branch adds it) is skipped. */
const SUITES = [
  { name: 'p1-events', script: 'p1-events.mjs', servers: true },
  { name: 'p1-open', script: 'p1-open.mjs', servers: true },
  { name: 'scale', script: 'scale.mjs', servers: true },
  { name: 'absence-import', script: 'absence-import.mjs' },
  { name: 'web-first-route-size', script: 'web-first-route-size.mjs' },
];

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

async function main() {
  const started = Date.now();
  const machine = {
    cpus: os.cpus().length,
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    loadBefore: os.loadavg().map((l) => Number(l.toFixed(1))),
  };
  const runs = [];
  if (!flag('--render')) {
    ensureInstalled(root);
    if (!flag('--no-build')) build(root);
    const only = value('--only')?.split(',');
    for (const suite of SUITES) {
      if (only && !only.includes(suite.name)) continue;
      const script = path.join(bench, suite.script);
      if (!existsSync(script)) {
        console.log(`\n=== ${suite.name}: skipped (no bench/${suite.script}) ===`);
        continue;
      }
      const args = [script];
      if (flag('--quick')) args.push('--quick');
      if (suite.servers && value('--server')) args.push('--server', value('--server'));
      console.log(`\n=== ${suite.name} ===`);
      const t = Date.now();
      const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
      runs.push({ suite: suite.name, ok: r.status === 0, seconds: Math.round((Date.now() - t) / 1000) });
    }
  }
  machine.loadAfter = os.loadavg().map((l) => Number(l.toFixed(1)));
  const totalSeconds = Math.round((Date.now() - started) / 1000);
  const markdown = render({
    runs,
    machine,
    totalSeconds,
    quick: flag('--quick'),
    renderOnly: flag('--render'),
  });
  writeFileSync(path.join(bench, 'RESULTS.md'), markdown);
  await formatCommitted();
  console.log('\n=== summary ===');
  for (const r of runs) console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.suite} (${r.seconds} s)`);
  console.log(`npm run bench took ${totalSeconds} s; table in bench/RESULTS.md`);
  process.exit(runs.every((r) => r.ok) ? 0 : 1);
}

const fmt = (v) => (v === null || v === undefined ? '–' : String(v));
const escape = (s) => String(s ?? '').replace(/\|/g, '\\|');

function render({ runs, machine, totalSeconds, quick, renderOnly }) {
  const results = existsSync(resultsDir)
    ? readdirSync(resultsDir)
        .filter((f) => f.endsWith('.json'))
        .sort(bySuiteOrder)
        .map((f) => ({ file: f, ...JSON.parse(readFileSync(path.join(resultsDir, f), 'utf8')) }))
    : [];
  const lines = [
    '# Bench results',
    '',
    'Written by `npm run bench` (bench/run.mjs); how each figure is measured: bench/README.md.',
    'Each figure stands beside a baseline measured in the same run on the same server (the no-op',
    'Update or start of a trivial workflow), so the ratio is what to compare between runs.',
    '',
  ];
  if (!renderOnly) {
    lines.push(
      `Run: ${new Date().toISOString()}${quick ? ' (--quick)' : ''}, ${totalSeconds} s in all` +
        ` (${runs.map((r) => `${r.suite} ${r.seconds} s${r.ok ? '' : ' FAILED'}`).join(', ')}).`,
      `Machine: ${machine.cpus} cores, ${machine.memoryGiB} GiB; load average before ${machine.loadBefore.join(' / ')}, after ${machine.loadAfter.join(' / ')}` +
        ' (1/5/15 min; a load far above the core count means other work shared the machine).',
      '',
    );
  }
  if (value('--note')) lines.push(`Note: ${value('--note')}`, '');
  lines.push(...headline(results));
  const missed = [];
  for (const r of results) {
    lines.push(`## ${r.title ?? r.suite}`, '');
    const meta = [
      `suite \`${r.suite}\``,
      `server ${r.server ?? 'n/a'}`,
      r.measuredAt ? `measured ${r.measuredAt}` : null,
    ];
    if (r.quick) meta.push('--quick');
    lines.push(meta.filter(Boolean).join(', '), '');
    if (Array.isArray(r.rows)) {
      lines.push('| figure | value | baseline | ratio | target | met |', '|---|---:|---|---:|---|:-:|');
      for (const x of r.rows) {
        const base = x.baseline ? `${x.baseline}: ${fmt(x.baselineValue)}` : '–';
        const met = x.met === true ? 'yes' : x.met === false ? '**no**' : '';
        lines.push(
          `| ${escape(x.figure)}${x.detail ? ` (${escape(x.detail)})` : ''} | ${fmt(x.value)} ${escape(x.unit)} | ${escape(base)} | ${fmt(x.ratio)} | ${escape(x.target ?? '')} | ${met} |`,
        );
        if (x.met === false) {
          const why = explainMissed(r, x, { cores: machine?.cpus ?? os.cpus().length });
          missed.push(
            `${r.title ?? r.suite}: ${x.figure} = ${fmt(x.value)} ${x.unit} (target ${x.target})${why ? `. ${why}` : ''}`,
          );
        }
      }
    } else if (r.totalGzipKb !== undefined) {
      // The first-route size bench writes its own shape.
      const met = r.totalGzipKb <= r.budgetKb;
      lines.push(
        `First route's JavaScript: ${r.totalGzipKb} kB gzipped (budget ${r.budgetKb} kB): ${met ? 'met' : '**missed**'}.`,
      );
      if (!met) missed.push(`first route: ${r.totalGzipKb} kB (budget ${r.budgetKb} kB)`);
    }
    for (const n of r.notes ?? []) lines.push(`- ${escape(n)}`);
    lines.push('');
  }
  lines.push('## Targets missed', '');
  if (missed.length) for (const m of missed) lines.push(`- ${m}`);
  else lines.push('None.');
  lines.push('');
  return lines.join('\n');
}

/** The targets side by side: each figure that has one, on the dev server and on PostgreSQL. */
function headline(results) {
  const byKey = new Map();
  for (const r of results) {
    const m = /^(.*)-(dev|postgres)$/.exec(r.suite ?? '');
    if (!m || !Array.isArray(r.rows)) continue;
    for (const x of r.rows) {
      if (!x.target) continue;
      const key = `${m[1]}\u0000${x.figure}`;
      if (!byKey.has(key)) byKey.set(key, { suite: m[1], figure: x.figure, target: x.target });
      byKey.get(key)[m[2]] = x;
    }
  }
  if (!byKey.size) return [];
  const cell = (x) =>
    x
      ? `${fmt(x.value)} ${escape(x.unit)}${x.detail ? ` [${escape(x.detail)}]` : ''}${x.baselineValue !== null && x.baselineValue !== undefined ? ` (${escape(x.baseline)}: ${fmt(x.baselineValue)}, ×${fmt(x.ratio)})` : ''} ${x.met === true ? '✓' : x.met === false ? '✗' : ''}`
      : '–';
  const lines = [
    '## Targets at a glance',
    '',
    'Value on each server, the baseline measured beside it in the same run (the no-op floor, or the direct Update) and the ratio; ✓ met, ✗ missed.',
    '',
    '| suite | figure | target | dev server | Temporal 1.29.1 on PostgreSQL |',
    '|---|---|---|---|---|',
  ];
  for (const k of byKey.values())
    lines.push(
      `| ${k.suite} | ${escape(k.figure)} | ${escape(k.target)} | ${cell(k.dev)} | ${cell(k.postgres)} |`,
    );
  lines.push('');
  return lines;
}

function bySuiteOrder(a, b) {
  const rank = (f) => {
    const i = SUITES.findIndex((s) => f.startsWith(s.name));
    return i < 0 ? SUITES.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** RESULTS.md and the results JSON are committed: formatted as `npm run lint` expects. */
async function formatCommitted() {
  const prettier = await import('prettier');
  const files = [
    path.join(bench, 'RESULTS.md'),
    ...(existsSync(resultsDir) ? readdirSync(resultsDir).filter((f) => f.endsWith('.json')) : []).map((f) =>
      path.join(resultsDir, f),
    ),
  ];
  for (const file of files) {
    const options = (await prettier.resolveConfig(file)) ?? {};
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
  }
}

await main();
