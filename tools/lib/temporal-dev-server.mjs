// Starts the Temporal CLI dev server as a child process and registers the project's search
// attributes (the start flag only applies to a new database, so they are also created afterwards).
import { spawn, spawnSync } from 'node:child_process';
import { SEARCH_ATTRIBUTES } from './search-attributes.mjs';
import { freePort, waitForPort } from './ports.mjs';

export async function startTemporalDevServer({
  cli,
  port,
  uiPort,
  dbFile,
  headless = false,
  codecEndpoint,
  logFile,
  detached = false,
  // A database file is written on every workflow task: the dev server's default (rollback journal,
  // synchronous=FULL) syncs it to disk each time. WAL with synchronous=NORMAL syncs only at checkpoints;
  // a power cut may lose the last transactions, never corrupt the file: fine for a development server
  // (docs/adr/0012 has the measured effect). The in-memory database (tests) has nothing to tune.
  sqlitePragmas = { journal_mode: 'wal', synchronous: 'normal' },
}) {
  port = port ?? (await freePort());
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
  // Other ports the dev server opens by default (HTTP API, metrics) must not clash with a running stack.
  const metricsPort = await freePort();
  args.push('--http-port', String(await freePort()), '--metrics-port', String(metricsPort));
  if (headless) args.push('--headless');
  else args.push('--ui-port', String(uiPort ?? (await freePort())), '--ui-ip', '127.0.0.1');
  if (dbFile) {
    args.push('--db-filename', dbFile);
    for (const [name, value] of Object.entries(sqlitePragmas))
      args.push('--sqlite-pragma', `${name}=${value}`);
  }
  if (codecEndpoint) args.push('--ui-codec-endpoint', codecEndpoint);
  for (const sa of SEARCH_ATTRIBUTES) args.push('--search-attribute', `${sa.name}=${sa.type}`);
  // Workflows continue-as-new when history grows; keep the server's own limit default.
  // Detached (own process group) when the caller stops it in order itself, rather than on the terminal's Ctrl-C.
  const child = spawn(cli, args, { stdio: ['ignore', logFile ?? 'ignore', logFile ?? 'ignore'], detached });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await Promise.race([
    waitForPort(port, '127.0.0.1', 90_000),
    exited.then(({ code }) => {
      throw new Error(`temporal dev server exited early with code ${code}`);
    }),
  ]);
  const address = `127.0.0.1:${port}`;
  await ensureSearchAttributes(cli, address);
  return { child, address, port, uiPort, metricsPort, exited };
}

/** Idempotent: creating an attribute that exists with the same type is a no-op here. */
export async function ensureSearchAttributes(cli, address, namespace = 'default') {
  const list = spawnSync(
    cli,
    ['operator', 'search-attribute', 'list', '--address', address, '--namespace', namespace, '-o', 'json'],
    {
      encoding: 'utf8',
    },
  );
  const existing = list.status === 0 ? list.stdout : '';
  for (const sa of SEARCH_ATTRIBUTES) {
    if (existing.includes(`"${sa.name}"`)) continue;
    const r = spawnSync(
      cli,
      [
        'operator',
        'search-attribute',
        'create',
        '--address',
        address,
        '--namespace',
        namespace,
        '--name',
        sa.name,
        '--type',
        sa.type,
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0 && !/already exists/i.test(r.stderr)) {
      throw new Error(`Could not register search attribute ${sa.name}: ${r.stderr.trim()}`);
    }
  }
}

export async function stopChild(child, exited, timeoutMs = 15_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}
