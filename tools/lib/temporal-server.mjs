// A production-shaped Temporal: the real server 1.29.1 (not the CLI's dev server) on PostgreSQL, with
// 4 history shards, its own ports and its own databases `temporal` and `temporal_visibility`, the
// schema set up with Temporal's sql tool, namespace `default` and the project's search attributes
// registered. What a municipality that outgrows one machine runs, here in one process; used by bench/
// and the chaos harness, and by the integration tier that runs a case against it.
//
// Binaries: `server` and `sql` built once with `go install` into a per-user cache outside the clone
// (like tools/lib/temporal-cli.mjs does for the CLI); the schema and config templates come from the
// same module in Go's module cache.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import YAML from 'yaml';
import { freePort, waitForPort } from './ports.mjs';
import { SEARCH_ATTRIBUTES } from './search-attributes.mjs';

export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const MODULE = 'go.temporal.io/server';
const HISTORY_SHARDS = 4;

export function serverCacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'tiltakstrappa', 'temporal-server', TEMPORAL_SERVER_VERSION);
}

function works(bin) {
  return existsSync(bin) && spawnSync(bin, ['--version'], { encoding: 'utf8' }).status === 0;
}

/**
 * The paths of the `server` and `sql` binaries and of the module's source (schema and config
 * templates), building the binaries once with Go when they are not in the cache yet.
 */
export function ensureTemporalServer({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const dir = serverCacheDir();
  const server = path.join(dir, 'server');
  const sql = path.join(dir, 'sql');
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (!(works(server) && works(sql))) {
    if (go.status !== 0) {
      throw new Error(
        `No Temporal server ${TEMPORAL_SERVER_VERSION} in ${dir} and no Go to build it: install Go (1.23+), or run\n` +
          `  GOBIN=${dir} go install ${MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION} ${MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
      );
    }
    log(
      `Building the Temporal server ${TEMPORAL_SERVER_VERSION} with Go into ${dir} (once; several minutes)…`,
    );
    mkdirSync(dir, { recursive: true });
    execFileSync(
      'go',
      [
        'install',
        `${MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`,
        `${MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
      ],
      { env: { ...process.env, GOBIN: dir }, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (!(works(server) && works(sql))) throw new Error(`go install left no working server/sql in ${dir}`);
  }
  return { server, sql, moduleDir: moduleSource(go.status === 0) };
}

/** The server module's source in Go's module cache (downloaded there when `go install` has not). */
function moduleSource(haveGo) {
  if (!haveGo) return null;
  const modCache = spawnSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).stdout.trim();
  const dir = path.join(modCache, `${MODULE}@${TEMPORAL_SERVER_VERSION}`);
  if (!existsSync(path.join(dir, 'schema'))) {
    spawnSync('go', ['mod', 'download', `${MODULE}@${TEMPORAL_SERVER_VERSION}`], {
      stdio: ['ignore', 'ignore', 'inherit'],
      cwd: os.tmpdir(),
    });
  }
  return existsSync(path.join(dir, 'schema')) ? dir : null;
}

const ident = (name) => `"${String(name).replace(/"/g, '""')}"`;

/**
 * Starts Temporal server 1.29.1 on the PostgreSQL whose superuser URL is `adminUrl` (an embedded
 * PostgreSQL from tools/lib/embedded-postgres.mjs will do). Creates the role `role` and the databases
 * `temporal`/`temporal_visibility` (prefixed with `databasePrefix` if given) when missing, sets up or
 * upgrades their schema, writes the config under `dataDir`, starts the server, registers the
 * namespace and the search attributes. Idempotent: a second start on the same data reuses it all.
 *
 * Returns { address, port, metricsPort, stop(), restart(), kill(), child }.
 */
export async function startTemporalServer({
  adminUrl,
  dataDir,
  databasePrefix = '',
  role = { name: 'temporal', password: 'temporal' },
  namespace = 'default',
  port,
  logFile,
  dynamicConfig = {},
  log = (m) => process.stderr.write(`${m}\n`),
}) {
  const bins = ensureTemporalServer({ log });
  mkdirSync(dataDir, { recursive: true });
  const admin = new URL(adminUrl);
  const databases = {
    main: `${databasePrefix}temporal`,
    visibility: `${databasePrefix}temporal_visibility`,
  };

  // The role and the databases, as an operator would make them; the role owns its databases only.
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
    await client.query(
      `${rowCount ? 'ALTER' : 'CREATE'} ROLE ${ident(role.name)} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD '${role.password.replace(/'/g, "''")}'`,
    );
    for (const db of Object.values(databases)) {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
      if (!exists.rowCount) await client.query(`CREATE DATABASE ${ident(db)} OWNER ${ident(role.name)}`);
    }
  } finally {
    await client.end();
  }

  // Schema: versioning tables at 0.0, then every versioned step up to the release's latest.
  const sqlArgs = (db) => [
    '--plugin',
    'postgres12',
    '--ep',
    admin.hostname,
    '-p',
    admin.port || '5432',
    '-u',
    role.name,
    '--pw',
    role.password,
    '--db',
    db,
  ];
  for (const [kind, db] of Object.entries({ temporal: databases.main, visibility: databases.visibility })) {
    const versioned =
      bins.moduleDir && path.join(bins.moduleDir, 'schema', 'postgresql', 'v12', kind, 'versioned');
    if (!versioned || !existsSync(versioned))
      throw new Error(`The schema of ${MODULE}@${TEMPORAL_SERVER_VERSION} is not in Go's module cache`);
    const has = await hasTable(adminUrl, db, 'schema_version');
    if (!has) runTool(bins.sql, [...sqlArgs(db), 'setup-schema', '-v', '0.0']);
    runTool(bins.sql, [...sqlArgs(db), 'update-schema', '-d', versioned]);
  }

  // Config from the release's PostgreSQL template: our ports, databases, shards and role.
  // Temporal keeps membership ports in a smallint column: every port below 32768.
  const ports = {
    frontend: port ?? (await lowPort()),
    frontendHttp: await lowPort(),
    frontendMembership: await lowPort(),
    history: await lowPort(),
    historyMembership: await lowPort(),
    matching: await lowPort(),
    matchingMembership: await lowPort(),
    worker: await lowPort(),
    workerMembership: await lowPort(),
    metrics: await lowPort(),
  };
  const configDir = path.join(dataDir, 'config');
  mkdirSync(configDir, { recursive: true });
  const config = YAML.parse(
    readFileSync(path.join(bins.moduleDir, 'config', 'development-postgres12.yaml'), 'utf8'),
  );
  config.log = { stdout: true, level: 'warn' };
  config.persistence.numHistoryShards = HISTORY_SHARDS;
  for (const [store, db] of [
    ['postgres-default', databases.main],
    ['postgres-visibility', databases.visibility],
  ]) {
    Object.assign(config.persistence.datastores[store].sql, {
      databaseName: db,
      connectAddr: `${admin.hostname}:${admin.port || '5432'}`,
      user: role.name,
      password: role.password,
    });
  }
  config.global.pprof = { port: 0 };
  config.global.metrics.prometheus.listenAddress = `127.0.0.1:${ports.metrics}`;
  const rpc = (grpcPort, membershipPort, httpPort) => ({
    rpc: { grpcPort, membershipPort, bindOnLocalHost: true, ...(httpPort ? { httpPort } : {}) },
  });
  config.services = {
    frontend: rpc(ports.frontend, ports.frontendMembership, ports.frontendHttp),
    history: rpc(ports.history, ports.historyMembership),
    matching: rpc(ports.matching, ports.matchingMembership),
    worker: rpc(ports.worker, ports.workerMembership),
  };
  config.clusterMetadata.clusterInformation.active.rpcAddress = `127.0.0.1:${ports.frontend}`;
  delete config.archival;
  delete config.namespaceDefaults;
  const dynamicConfigFile = path.join(configDir, 'dynamicconfig.yaml');
  config.dynamicConfigClient = { filepath: dynamicConfigFile, pollInterval: '10s' };
  writeFileSync(path.join(configDir, 'bench.yaml'), YAML.stringify(config));
  // The release's development dynamic config (update-with-start, the host-level cache the dev server
  // also raises), plus the caller's.
  const dyn = YAML.parse(
    readFileSync(path.join(bins.moduleDir, 'config', 'dynamicconfig', 'development-sql.yaml'), 'utf8'),
  );
  for (const key of Object.keys(dyn)) if (/nexus|callback/i.test(key)) delete dyn[key];
  for (const [key, value] of Object.entries(dynamicConfig)) dyn[key] = [{ value, constraints: {} }];
  writeFileSync(dynamicConfigFile, YAML.stringify(dyn));

  const address = `127.0.0.1:${ports.frontend}`;
  let proc;
  const spawnServer = async () => {
    const out = logFile ? openSync(logFile, 'a') : 'ignore';
    const child = spawn(
      bins.server,
      ['--root', dataDir, '--config', 'config', '--env', 'bench', '--allow-no-auth', 'start'],
      { stdio: ['ignore', out, out], cwd: dataDir },
    );
    if (typeof out === 'number') closeSync(out);
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    await Promise.race([
      waitForPort(ports.frontend, '127.0.0.1', 120_000),
      exited.then(({ code, signal }) => {
        throw new Error(
          `Temporal server exited early (code ${code}, signal ${signal})${logFile ? `; see ${logFile}` : ''}`,
        );
      }),
    ]);
    proc = { child, exited };
    await waitForFrontend(address);
  };
  const stopServer = async (signal = 'SIGTERM') => {
    if (!proc) return;
    const { child, exited } = proc;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    proc = undefined;
  };
  const restartServer = async () => {
    await stopServer();
    await spawnServer();
  };
  const onExit = () => proc?.child.exitCode === null && proc.child.kill('SIGKILL');
  process.once('exit', onExit);

  await spawnServer();
  // A newly registered namespace, and search attributes added to it, reach every service's cache
  // only after a refresh (10 s and more); a restart makes each take effect at once, with default
  // settings. Only the first start on fresh databases pays for it.
  if (await registerNamespace(address, namespace)) await restartServer();
  if (await registerSearchAttributes(address, namespace)) await restartServer();
  await waitForNamespace(address, namespace);

  return {
    address,
    port: ports.frontend,
    metricsPort: ports.metrics,
    namespace,
    get child() {
      return proc?.child;
    },
    get exited() {
      return proc?.exited;
    },
    /** Stops the server (its data stays in PostgreSQL). */
    async stop() {
      process.removeListener('exit', onExit);
      await stopServer();
    },
    /** Kills the server with SIGKILL (a crash) and starts it again on the same ports and data. */
    async kill() {
      await stopServer('SIGKILL');
    },
    async restart({ crash = false } = {}) {
      await stopServer(crash ? 'SIGKILL' : 'SIGTERM');
      await spawnServer();
      await waitForNamespace(address, namespace);
    },
  };
}

const taken = new Set();
/** A free port in 20000–32767 (outside Linux's ephemeral range, inside a smallint). */
async function lowPort() {
  for (let i = 0; i < 200; i++) {
    const candidate = 20000 + Math.floor(Math.random() * 12700);
    if (taken.has(candidate)) continue;
    if ((await freePort(candidate)) === candidate) {
      taken.add(candidate);
      return candidate;
    }
  }
  throw new Error('No free port below 32768');
}

async function hasTable(adminUrl, db, table) {
  const url = new URL(adminUrl);
  url.pathname = `/${db}`;
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  try {
    const { rowCount } = await c.query(
      `SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = $1`,
      [table],
    );
    return rowCount > 0;
  } finally {
    await c.end();
  }
}

function runTool(bin, args) {
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    const cmd = args.filter((a, i) => args[i - 1] !== '--pw').join(' ');
    throw new Error(`temporal-sql-tool ${cmd} failed: ${(r.stderr || r.stdout).trim().slice(-2000)}`);
  }
}

async function connect(address) {
  const { Connection } = await import('@temporalio/client');
  return Connection.connect({ address, connectTimeout: 10_000 });
}

async function waitForFrontend(address, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const connection = await connect(address);
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`Temporal frontend on ${address} not serving: ${last?.message}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Registers the namespace when missing; true if it did. */
async function registerNamespace(address, namespace) {
  const connection = await connect(address);
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return false;
  } catch (err) {
    if (err.code !== 5 /* NOT_FOUND */) throw err;
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: { seconds: 3 * 24 * 3600 },
    });
    return true;
  } finally {
    await connection.close();
  }
}

/** Adds the project's search attributes the namespace lacks; true if any. */
async function registerSearchAttributes(address, namespace) {
  const connection = await connect(address);
  let changed = false;
  try {
    const { temporal } = (await import('@temporalio/proto')).default;
    const types = temporal.api.enums.v1.IndexedValueType;
    const typeOf = {
      Int: types.INDEXED_VALUE_TYPE_INT,
      Keyword: types.INDEXED_VALUE_TYPE_KEYWORD,
      Datetime: types.INDEXED_VALUE_TYPE_DATETIME,
      Bool: types.INDEXED_VALUE_TYPE_BOOL,
      Text: types.INDEXED_VALUE_TYPE_TEXT,
      Double: types.INDEXED_VALUE_TYPE_DOUBLE,
    };
    const listed = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = SEARCH_ATTRIBUTES.filter((sa) => !(sa.name in (listed.customAttributes ?? {})));
    if (missing.length) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map((sa) => [sa.name, typeOf[sa.type]])),
      });
      changed = true;
    }
  } finally {
    await connection.close();
  }
  return changed;
}

/** Until a visibility query naming every search attribute is accepted: the namespace is usable. */
async function waitForNamespace(address, namespace, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  const query = SEARCH_ATTRIBUTES.map((sa) => `${sa.name} IS NULL`).join(' AND ');
  let last;
  for (;;) {
    const connection = await connect(address);
    try {
      await connection.workflowService.countWorkflowExecutions({ namespace, query });
      return;
    } catch (err) {
      last = err;
    } finally {
      await connection.close();
    }
    if (Date.now() > until)
      throw new Error(`Namespace ${namespace} not usable on ${address}: ${last?.message}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
