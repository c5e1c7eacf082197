// The dev server `npm start`, the tests, bench/ and the chaos harness run is the Temporal CLI built
// from tools/temporal-cli/ (docs/adr/0016): the release's own modernc.org/sqlite (v1.34.1) left a dev
// server on a database file answering every request with SQLITE_INTERRUPT for good once a query had
// been cancelled under load (found by `npm run chaos`, temporal-restart at 500 cases). These keep the
// fixed driver in the binary the suite runs and in the module that builds it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs `expression` with tools/lib/temporal-cli.mjs imported as `cli` (an ES module) and returns its JSON. */
function withCliLib<T>(expression: string, env: NodeJS.ProcessEnv = {}): T {
  const out = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import * as cli from './tools/lib/temporal-cli.mjs'; console.log(JSON.stringify(await (async () => ${expression})()));`,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } },
  );
  return JSON.parse(out) as T;
}

describe('the Temporal CLI build', () => {
  it('the binary this suite runs carries a modernc.org/sqlite without the interrupt wedge', () => {
    const binary = process.env.TEMPORAL_CLI_PATH;
    expect(binary).toBeTruthy();
    const found = withCliLib<{ version: string | null; min: string; order: number | null }>(
      `{ const version = cli.sqliteVersionOf(${JSON.stringify(binary)}); return { version, min: cli.MIN_SQLITE_VERSION, order: version && cli.compareVersions(version, cli.MIN_SQLITE_VERSION) }; }`,
    );
    expect(found.version).toMatch(/^v\d+\.\d+\.\d+/);
    expect(found.order).toBeGreaterThanOrEqual(0);
  });

  it('builds from a module that pins that driver, into a cache keyed by it', () => {
    const found = withCliLib<{ pinned: string; order: number; dir: string }>(
      `({ pinned: cli.pinnedSqliteVersion(), order: cli.compareVersions(cli.pinnedSqliteVersion(), cli.MIN_SQLITE_VERSION), dir: cli.cacheDir() })`,
      { XDG_CACHE_HOME: '/cache-home' },
    );
    expect(found.order).toBeGreaterThanOrEqual(0);
    expect(found.dir).toBe(`/cache-home/tiltakstrappa/temporal-cli/v1.5.1-sqlite-${found.pinned}`);
  });

  it('reads the driver version from the module list Go embeds, and orders versions by number', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tiltak-cli-'));
    const withDep = path.join(dir, 'with');
    const without = path.join(dir, 'without');
    writeFileSync(
      withDep,
      Buffer.concat([
        Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]),
        Buffer.from(
          'path\tgithub.com/temporalio/cli/cmd/temporal\ndep\tmodernc.org/sqlite\tv1.34.1\th1:abc=\n',
        ),
      ]),
    );
    writeFileSync(without, 'no module list here');
    const found = withCliLib<unknown[]>(
      `[cli.sqliteVersionOf(${JSON.stringify(withDep)}), cli.sqliteVersionOf(${JSON.stringify(without)}), cli.compareVersions('v1.34.1', 'v1.44.3') < 0, cli.compareVersions('v1.100.0', 'v1.44.3') > 0, cli.compareVersions('v1.44.3', 'v1.44.3')]`,
    );
    expect(found).toEqual(['v1.34.1', null, true, true, 0]);
  });
});
