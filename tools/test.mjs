// `npm test`: installs what is missing, then build, lint, type-check, unit, the web app's component
// tests, integration (real PostgreSQL, Temporal dev server, SMTP) and end-to-end tests (the API over
// HTTP, and the web app in Debian's Chromium). Non-zero exit on any failure.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './lib/install.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureInstalled(root);

const jest = (config) => ['npx', ['jest', '-c', config, '--ci', ...process.argv.slice(2)]];
const steps = [
  ['build', ['npm', ['run', '--silent', 'build']], { fatal: true }],
  ['lint', ['npm', ['run', '--silent', 'lint']]],
  ['typecheck', ['npx', ['tsc', '-p', 'tsconfig.spec.json', '--noEmit']]],
  ['typecheck web app', ['npx', ['tsc', '-p', 'apps/web/tsconfig.json']]],
  // The web app's component tests and the typed client's drift check (the browser tests are e2e).
  ['web component tests', ['npx', ['vitest', 'run', '--config', 'apps/web/vite.config.ts']]],
  ['unit tests', jest('jest.unit.config.js')],
  ['integration tests', jest('jest.integration.config.js')],
  ['end-to-end tests', jest('jest.e2e.config.js')],
];

const results = [];
for (const [name, [cmd, args], opts = {}] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  if (!ok && opts.fatal) break;
}
console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.seconds}s)`);
process.exit(results.every((r) => r.ok) && results.length === steps.length ? 0 : 1);
