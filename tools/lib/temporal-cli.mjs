// Makes the `temporal` CLI (dev server + Web UI) available. Order: TEMPORAL_CLI_PATH; a cached
// `go install` build in a per-user cache outside the clone (fresh clones and CI reuse it); the build
// itself when Go is present; else the SDK's own download, which needs a host our machines cannot
// reach, so it is only a last resort on machines with open internet.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';

export function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'tiltakstrappa', 'temporal-cli', TEMPORAL_CLI_VERSION);
}

function works(bin) {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** Returns the path of a working `temporal` binary, building (or, failing that, downloading) it once. */
export async function ensureTemporalCli({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!works(fromEnv)) throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} is not a working temporal binary`);
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
      execFileSync('go', ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
        env: { ...process.env, GOBIN: dir },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    } catch (err) {
      log(`go install failed: ${err.message}`);
    }
    if (existsSync(cached) && works(cached)) return cached;
  }
  const downloaded = await sdkDownload(path.join(dir, 'sdk-download'), log);
  if (downloaded) return downloaded;
  throw new Error(
    [
      'No Temporal CLI found. Do one of:',
      `  - install Go (1.22+) and run: GOBIN=${dir} go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`,
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
