// Runs embedded PostgreSQL in a process of its own, so the start script's orderly shutdown decides
// when it stops. Prints one JSON line when ready, {"port":…}, or {"error":"<one sentence>"} when it
// cannot start; stops PostgreSQL on SIGTERM/SIGINT.
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const [dataDir, port] = process.argv.slice(2);
let pg;
try {
  pg = await startEmbeddedPostgres({
    dataDir,
    port: port ? Number(port) : undefined,
    onLog: (l) => process.stderr.write(l),
  });
} catch (err) {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.stdout.write(`${JSON.stringify({ error: err.message })}\n`);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify({ port: pg.port, dataDir: pg.dataDir })}\n`);
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    pg.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
