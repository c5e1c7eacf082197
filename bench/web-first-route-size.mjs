// Measures the JavaScript the browser loads for the web app's first route: every script and module
// preload index.html references, gzipped (level 9, as a server would send it). Budget: 300 kB.
// Run after `npm run build`: `node bench/web-first-route-size.mjs`. Writes bench/results/web-first-route-size.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'apps', 'web', 'dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const scripts = [
  ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g),
].map((m) => m[1]);
const files = scripts.map((src) => {
  const bytes = readFileSync(path.join(dist, src.replace(/^\//, '')));
  return { src, rawKb: bytes.length / 1024, gzipKb: gzipSync(bytes, { level: 9 }).length / 1024 };
});
const total = files.reduce((sum, f) => sum + f.gzipKb, 0);
const result = {
  suite: 'web-first-route-size',
  title: "Web app: the first route's JavaScript",
  server: 'n/a',
  measuredAt: new Date().toISOString(),
  files,
  totalGzipKb: Number(total.toFixed(1)),
  budgetKb: 300,
};
mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  path.join(root, 'bench', 'results', 'web-first-route-size.json'),
  JSON.stringify(result, null, 2),
);
for (const f of files) console.log(`${f.src}: ${f.rawKb.toFixed(1)} kB, ${f.gzipKb.toFixed(1)} kB gzipped`);
console.log(`First route: ${total.toFixed(1)} kB of JavaScript gzipped (budget 300 kB).`);
