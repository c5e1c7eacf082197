// Summarises V8 .cpuprofile files (node --cpu-prof, e.g. BENCH_API_NODE_OPTIONS in bench/lib/stack.mjs):
// self time by module (the package, or the app's file), self and total time by function, as shares of
// the sampled time that was not idle. `node bench/cpuprofile-summary.mjs <file.cpuprofile>… [--top 40]
// [--since-ms N]` (`--since-ms`: skip the first N ms, the start-up).
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const [v] = argv.splice(i, 2).slice(1);
  return Number(v);
};
const top = opt('--top', 40);
const sinceMs = opt('--since-ms', 0);
const files = argv;
if (!files.length) throw new Error('usage: cpuprofile-summary.mjs <file.cpuprofile>…');

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

function moduleOf(url) {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return url;
  const m = /\/(apps|libs)\/([^/]+)\/dist\/(.*)$/.exec(url);
  if (m) return `${m[1]}/${m[2]}/${m[3]}`;
  return url;
}

const selfByModule = new Map();
const selfByFn = new Map();
const totalByFn = new Map();
let busy = 0;
let gc = 0;
let all = 0;
for (const file of files) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const start = prof.startTime;
  let t = start;
  const counts = new Map();
  prof.samples.forEach((id, i) => {
    const dt = prof.timeDeltas[i] ?? 0;
    t += dt;
    if ((t - start) / 1000 < sinceMs) return;
    counts.set(id, (counts.get(id) ?? 0) + dt);
  });
  for (const [id, us] of counts) {
    const n = nodes.get(id);
    const name = n.callFrame.functionName || '(anonymous)';
    all += us;
    if (name === '(garbage collector)') gc += us;
    if (IDLE.has(name)) {
      if (name === '(garbage collector)') busy += us;
      continue;
    }
    busy += us;
    const mod = moduleOf(n.callFrame.url);
    selfByModule.set(mod, (selfByModule.get(mod) ?? 0) + us);
    const key = `${name} ${mod}:${n.callFrame.lineNumber + 1}`;
    selfByFn.set(key, (selfByFn.get(key) ?? 0) + us);
    // Total: every distinct function on the stack once.
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const cn = nodes.get(cur);
      const cname = cn.callFrame.functionName || '(anonymous)';
      if (IDLE.has(cname) || cname === '(root)') continue;
      const ckey = `${cname} ${moduleOf(cn.callFrame.url)}:${cn.callFrame.lineNumber + 1}`;
      if (seen.has(ckey)) continue;
      seen.add(ckey);
      totalByFn.set(ckey, (totalByFn.get(ckey) ?? 0) + us);
    }
  }
}

const pct = (us) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
};
console.log(
  `sampled ${(all / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s (GC ${(gc / 1e6).toFixed(1)} s, ${pct(gc)})`,
);
print('self time by module', selfByModule);
print('self time by function', selfByFn);
print('total time by function', totalByFn);
