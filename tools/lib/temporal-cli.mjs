// Makes the `temporal` CLI (dev server + Web UI) available. Order: TEMPORAL_CLI_PATH; a cached build
// in a per-user cache outside the clone (fresh clones and CI reuse it); the build itself when Go is
// present; else the SDK's own download, which needs a host our machines cannot reach, so it is only a
// last resort on machines with open internet.
//
// The build is the CLI's own release (TEMPORAL_CLI_VERSION) compiled from tools/temporal-cli/, a Go
// module that pins it with a newer modernc.org/sqlite than the release's go.mod names: with the
// release's v1.34.1 a dev server on a database file could stop answering for good, every query
// failing with SQLITE_INTERRUPT after one was cancelled under load (docs/adr/0016).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const BUILD_MODULE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'temporal-cli');
/** The first modernc.org/sqlite without the wedge (the version Temporal's own server moved to). */
export const MIN_SQLITE_VERSION = 'v1.44.3';

/** The modernc.org/sqlite version tools/temporal-cli/go.mod builds the CLI with. */
export function pinnedSqliteVersion() {
  const goMod = readFileSync(path.join(BUILD_MODULE, 'go.mod'), 'utf8');
  const m = goMod.match(/^\s*modernc\.org\/sqlite (v\S+)/m);
  if (!m) throw new Error('tools/temporal-cli/go.mod names no modernc.org/sqlite');
  return m[1];
}

export function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(
    base,
    'tiltakstrappa',
    'temporal-cli',
    `${TEMPORAL_CLI_VERSION}-sqlite-${pinnedSqliteVersion()}`,
  );
}

function works(bin) {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/**
 * The modernc.org/sqlite version a Go binary was built with, from the module list Go embeds in every
 * binary (what `go version -m` prints), or null when it holds none.
 */
export function sqliteVersionOf(binary) {
  const bytes = readFileSync(binary);
  const marker = Buffer.from('\tmodernc.org/sqlite\t');
  const at = bytes.indexOf(marker);
  if (at < 0) return null;
  const rest = bytes.subarray(at + marker.length, at + marker.length + 64).toString('latin1');
  return rest.match(/^v[0-9][^\t\n\s]*/)?.[0] ?? null;
}

/** Semantic order of two `vX.Y.Z` versions (pre-release suffixes ignored). */
export function compareVersions(a, b) {
  const parts = (v) => v.replace(/^v/, '').split(/[-+]/)[0].split('.').map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

function warnIfWedgeProne(bin, log) {
  const version = sqliteVersionOf(bin);
  if (version && compareVersions(version, MIN_SQLITE_VERSION) < 0)
    log(
      `Warning: ${bin} is built with modernc.org/sqlite ${version}; a dev server on a database file may stop ` +
        `answering under load (SQLITE_INTERRUPT, docs/adr/0016). Unset TEMPORAL_CLI_PATH to use the project's build.`,
    );
}

/** Returns the path of a working `temporal` binary, building (or, failing that, downloading) it once. */
export async function ensureTemporalCli({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!works(fromEnv)) throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} is not a working temporal binary`);
    warnIfWedgeProne(fromEnv, log);
    return fromEnv;
  }
  const dir = cacheDir();
  const cached = path.join(dir, 'temporal');
  if (existsSync(cached) && works(cached)) return cached;

  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status === 0) {
    log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${dir} (once; a few minutes)…`);
    mkdirSync(dir, { recursive: true });
    try {
      execFileSync('go', ['build', '-o', cached, 'github.com/temporalio/cli/cmd/temporal'], {
        cwd: BUILD_MODULE,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    } catch (err) {
      log(`go build failed: ${err.message}`);
    }
    if (existsSync(cached) && works(cached)) return cached;
  }
  const downloaded = await sdkDownload(path.join(dir, 'sdk-download'), log);
  if (downloaded) {
    warnIfWedgeProne(downloaded, log);
    return downloaded;
  }
  throw new Error(
    [
      'No Temporal CLI found. Do one of:',
      `  - install Go (1.25+) and run in tools/temporal-cli: go build -o ${cached} github.com/temporalio/cli/cmd/temporal`,
      '  - or install the Temporal CLI yourself and set TEMPORAL_CLI_PATH to the binary',
      '  - or point the system at a running Temporal with TEMPORAL_ADDRESS',
    ].join('\n'),
  );
}

/**
 * The Temporal SDK's own download of the CLI (a host our machines cannot reach, so only where the
 * network allows): start and stop an ephemeral server once, then use the binary it left behind.
 */
async function sdkDownload(downloadDir, log) {
  const existing = findDownloaded(downloadDir);
  if (existing) return existing;
  log('Trying the Temporal SDK download of the CLI…');
  try {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'cached-download', downloadDir } },
    });
    await env.teardown();
  } catch (err) {
    log(`The SDK download failed: ${err.message.split('\n')[0]}`);
    return null;
  }
  return findDownloaded(downloadDir);
}

function findDownloaded(downloadDir) {
  if (!existsSync(downloadDir)) return null;
  const candidates = readdirSync(downloadDir)
    .filter((f) => f.startsWith('temporal'))
    .map((f) => path.join(downloadDir, f))
    .filter((f) => statSync(f).isFile() && works(f));
  return candidates[0] ?? null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(await ensureTemporalCli());
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
