// `npm start`: the whole system on one machine, nothing pre-installed but Node, npm and Go.
// Embedded PostgreSQL, the Temporal dev server (with Web UI) and an SMTP catcher start unless their
// variables point elsewhere; then migrations, worker and API (which seeds synthetic demo data).
// Ctrl-C stops every child; data stays in .data/ for the next start.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { ensureInstalled, build } from './lib/install.mjs';
import { localSecrets } from './lib/secrets.mjs';
import { freePort, waitForPort } from './lib/ports.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, '.data');
const logDir = path.join(dataDir, 'logs');
const require = createRequire(import.meta.url);
const children = [];
let shuttingDown = false;

function log(msg) {
  console.log(`[start] ${msg}`);
}

async function main() {
  ensureInstalled(root);
  build(root);
  mkdirSync(logDir, { recursive: true });
  const env = { ...process.env };
  const secrets = localSecrets(dataDir);
  env.PAYLOAD_CODEC_KEYS ??= secrets.PAYLOAD_CODEC_KEYS;
  env.API_PORT ??= '3000';
  env.PUBLIC_BASE_URL ??= `http://localhost:${env.API_PORT}`;
  // Without an OIDC provider of your own (Feide), the local one signs people in, and demo tokens work.
  const localOidc = !env.AUTH_OIDC_ISSUER;
  if (localOidc) {
    env.AUTH_LOCAL_SIGNING_KEY ??= secrets.AUTH_LOCAL_SIGNING_KEY;
    env.OIDC_PROVIDER_PORT ??= '4000';
    env.AUTH_OIDC_ISSUER = `http://localhost:${env.OIDC_PROVIDER_PORT}`;
    env.AUTH_OIDC_CLIENT_ID ??= 'tiltakstrappa-local';
    env.AUTH_OIDC_CLIENT_SECRET ??= secrets.AUTH_OIDC_CLIENT_SECRET;
  }
  env.SEED_DEMO_DATA ??= 'true';
  const urls = [];

  // Bad configuration stops start-up before anything starts, naming the variable. The addresses of
  // services this script is about to start stand in for the moment.
  checkConfig(
    {
      ...env,
      DATABASE_URL: env.DATABASE_URL ?? 'postgres://app@127.0.0.1:5432/placeholder',
      SMTP_URL: env.SMTP_URL ?? 'smtp://127.0.0.1:1025',
    },
    // An external PostgreSQL needs its owner role for the migrations too.
    { migrations: Boolean(env.DATABASE_URL) },
  );

  // Fixed ports are part of what users bookmark; say which one is taken instead of failing obscurely.
  const wanted = [['API_PORT', Number(env.API_PORT)]];
  if (localOidc)
    wanted.push(['the local OIDC provider (OIDC_PROVIDER_PORT)', Number(env.OIDC_PROVIDER_PORT)]);
  if (!env.SMTP_URL) wanted.push(['the SMTP catcher', 1025], ['the mail inbox', 1080]);
  if (!env.TEMPORAL_ADDRESS) wanted.push(['the Temporal dev server', 7233], ['the Temporal UI', 8233]);
  // The metrics endpoints (ADR 0013), unless turned off with 0 or an empty value.
  const { metrics } = require('@tiltak/config').loadConfig(
    { ...env, DATABASE_URL: 'postgres://app@127.0.0.1:5432/placeholder', SMTP_URL: 'smtp://127.0.0.1:1025' },
    { mail: false, auth: false },
  );
  if (metrics.apiPort !== null) wanted.push(["the API's metrics (API_METRICS_PORT)", metrics.apiPort]);
  if (metrics.workerPort !== null)
    wanted.push(["the worker's metrics (WORKER_METRICS_PORT)", metrics.workerPort]);
  const taken = [];
  for (const [what, port] of wanted) if ((await freePort(port)) !== port) taken.push(`${port} (${what})`);
  if (taken.length) {
    throw new Error(
      `Port(s) already in use: ${taken.join(', ')}. Is another \`npm start\` running? Stop it, or set the variables to use running services.`,
    );
  }

  // PostgreSQL
  if (!env.DATABASE_URL) {
    log('Starting embedded PostgreSQL (data in .data/postgres)…');
    const pgDataDir = path.join(dataDir, 'postgres');
    const { port, dataDir: actualDataDir } = await startPostgresProcess(pgDataDir, env.EMBEDDED_PG_PORT);
    if (actualDataDir !== pgDataDir)
      log(`The postgres user cannot enter this folder: PostgreSQL's data is in ${actualDataDir}.`);
    const { provisionDatabase, LOCAL_OWNER_ROLE, LOCAL_APP_ROLE } = await import('./lib/database.mjs');
    const admin = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
    // The superuser only sets up the roles; migrations run as the owner, the api and worker as the app role.
    const urls = await provisionDatabase(admin, {
      database: 'tiltakstrappa',
      owner: { name: LOCAL_OWNER_ROLE, password: secrets.POSTGRES_OWNER_PASSWORD },
      app: { name: LOCAL_APP_ROLE, password: secrets.POSTGRES_APP_PASSWORD },
    });
    env.DATABASE_URL = urls.url;
    env.DATABASE_MIGRATION_URL = urls.migrationUrl;
  }

  // SMTP catcher with a web inbox
  if (!env.SMTP_URL) {
    const smtpPort = 1025;
    const webPort = 1080;
    log(`Starting the SMTP catcher (MailDev) on ${smtpPort}, inbox on http://localhost:${webPort}…`);
    const maildevBin = path.join(path.dirname(require.resolve('maildev/package.json')), 'bin', 'maildev');
    startChild(
      'maildev',
      process.execPath,
      [
        maildevBin,
        '--smtp',
        String(smtpPort),
        '--web',
        String(webPort),
        '--ip',
        '127.0.0.1',
        '--mail-directory',
        path.join(dataDir, 'mail'),
      ],
      env,
    );
    await waitForPort(smtpPort);
    await waitForPort(webPort);
    env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    urls.push(['Mail inbox', `http://localhost:${webPort}`]);
  }

  // Temporal dev server (SQLite file, Web UI)
  if (!env.TEMPORAL_ADDRESS) {
    const { ensureTemporalCli } = await import('./lib/temporal-cli.mjs');
    const { startTemporalDevServer } = await import('./lib/temporal-dev-server.mjs');
    const cli = await ensureTemporalCli({ log });
    log('Starting the Temporal dev server (data in .data/temporal.db), UI on http://localhost:8233…');
    const server = await startTemporalDevServer({
      cli,
      port: 7233,
      uiPort: 8233,
      dbFile: path.join(dataDir, 'temporal.db'),
      codecEndpoint: `${env.PUBLIC_BASE_URL}/api/codec`,
      logFile: openSync(path.join(logDir, 'temporal.log'), 'a'),
      detached: true,
    });
    children.push({ name: 'temporal', child: server.child, exited: server.exited });
    env.TEMPORAL_ADDRESS = server.address;
    urls.push(['Temporal UI', 'http://localhost:8233']);
  }

  // Checked again now that the services' addresses are known.
  checkConfig(env, { migrations: true });

  log('Running database migrations…');
  const migrate = spawnSync(process.execPath, [path.join(root, 'tools', 'migrate.mjs')], {
    env,
    stdio: 'inherit',
  });
  if (migrate.status !== 0) throw new Error('Migrations failed');

  // The local OIDC provider: the demo staff as accounts, "Velg en demoperson" as its login page.
  if (localOidc) {
    log(`Starting the local OIDC provider on ${env.AUTH_OIDC_ISSUER}…`);
    startChild('oidc-provider', process.execPath, [path.join(root, 'tools', 'oidc-provider.mjs')], {
      PATH: env.PATH ?? '',
      OIDC_PROVIDER_PORT: env.OIDC_PROVIDER_PORT,
      AUTH_OIDC_CLIENT_ID: env.AUTH_OIDC_CLIENT_ID,
      AUTH_OIDC_CLIENT_SECRET: env.AUTH_OIDC_CLIENT_SECRET,
      PUBLIC_BASE_URL: env.PUBLIC_BASE_URL,
      OIDC_PROVIDER_SIGNING_JWK: env.OIDC_PROVIDER_SIGNING_JWK ?? secrets.OIDC_PROVIDER_SIGNING_JWK,
    });
    await waitForPort(Number(env.OIDC_PROVIDER_PORT));
    urls.unshift(['Sign-in (local)', env.AUTH_OIDC_ISSUER]);
  }

  // The owner's connection stays with the migrations: the api and worker never see it.
  const { DATABASE_MIGRATION_URL: _owner, OIDC_PROVIDER_SIGNING_JWK: _jwk, ...appEnv } = env;
  startChild('worker', process.execPath, [path.join(root, 'apps', 'worker', 'dist', 'main.js')], appEnv);
  startChild('api', process.execPath, [path.join(root, 'apps', 'api', 'dist', 'main.js')], appEnv);
  await waitForReady(`http://127.0.0.1:${env.API_PORT}/api/health/ready`);

  console.log('\nTiltakstrappa is running:');
  for (const [name, url] of [
    ['Web app', `${env.PUBLIC_BASE_URL}/`],
    ['API', `${env.PUBLIC_BASE_URL}/api`],
    ['OpenAPI docs', `${env.PUBLIC_BASE_URL}/api/docs`],
    ...urls,
    ...(metrics.apiPort !== null
      ? [['API metrics', `http://${metrics.host}:${metrics.apiPort}/metrics`]]
      : []),
    ...(metrics.workerPort !== null
      ? [['Worker metrics', `http://${metrics.host}:${metrics.workerPort}/metrics`]]
      : []),
  ]) {
    console.log(`  ${name.padEnd(16)} ${url}`);
  }
  if (localOidc) console.log('\nSign in as a synthetic demo person: open the web app and choose one.');
  console.log('A demo bearer token (synthetic staff): npm run demo-token -- --list');
  console.log('Logs: .data/logs/   Stop: Ctrl-C (data is kept in .data/)\n');
}

async function startPostgresProcess(pgDataDir, port) {
  const child = startChild(
    'postgres',
    process.execPath,
    [path.join(root, 'tools', 'lib', 'postgres-process.mjs'), pgDataDir, port ?? ''],
    process.env,
    { pipeStdout: true },
  );
  let buffer = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const line = buffer.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      const ready = JSON.parse(line);
      if (ready.error) reject(new Error(`Embedded PostgreSQL did not start: ${ready.error}`));
      else resolve(ready);
    });
    child.once('exit', (code) =>
      reject(new Error(`embedded PostgreSQL exited with code ${code}; see .data/logs/postgres.log`)),
    );
  });
}

function checkConfig(env, { migrations }) {
  const { loadConfig, loadMigrationConfig, ConfigError } = require('@tiltak/config');
  try {
    loadConfig(env, { mail: true, auth: true });
    if (migrations) loadMigrationConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) throw new Error(err.message);
    throw err;
  }
}

function startChild(name, cmd, args, env, { pipeStdout = false } = {}) {
  const out = openSync(path.join(logDir, `${name}.log`), 'a');
  // Own process group: the terminal's Ctrl-C reaches us only, and we stop children in order.
  const child = spawn(cmd, args, {
    env,
    cwd: root,
    stdio: ['ignore', pipeStdout ? 'pipe' : out, out],
    detached: true,
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(({ code, signal }) => {
    if (!shuttingDown) {
      console.error(
        `[start] ${name} exited unexpectedly (code ${code}, signal ${signal}); see .data/logs/${name}.log`,
      );
      void shutdown(1);
    }
  });
  children.push({ name, child, exited });
  return child;
}

async function waitForReady(url, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = await res.text();
    } catch (err) {
      last = err.message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`API not ready after ${timeoutMs / 1000}s: ${last}`);
}

async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  log('Stopping…');
  for (const c of [...children].reverse()) {
    try {
      if (c.stop) await c.stop();
      else if (c.child.exitCode === null && c.child.signalCode === null) {
        c.child.kill('SIGTERM');
        const timer = setTimeout(() => c.child.kill('SIGKILL'), 20_000);
        await c.exited;
        clearTimeout(timer);
      }
      log(`${c.name} stopped`);
    } catch (err) {
      console.error(`[start] stopping ${c.name}: ${err.message}`);
    }
  }
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
// The terminal closed: stop everything rather than leave PostgreSQL, Temporal and MailDev running.
process.on('SIGHUP', () => void shutdown(0));
// Output to a terminal or pipe that is gone (`npm start | tee log`, then Ctrl-C, which ends tee
// first) must not crash the shutdown half-way and orphan the services: such writes are dropped.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
main().catch(async (err) => {
  console.error(`[start] ${err.message}`);
  await shutdown(1);
});
