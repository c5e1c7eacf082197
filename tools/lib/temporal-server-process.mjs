// Runs Temporal server 1.29.1 on PostgreSQL (temporal-server.mjs) from a process of its own, for
// callers that cannot import ES modules (the Jest specs). Arguments: the superuser URL, the data
// folder, and a prefix for the two databases. Prints one JSON line when ready, {"address":…}, or
// {"error":"…"}; stops the server on SIGTERM/SIGINT.
import { startTemporalServer } from './temporal-server.mjs';

const [adminUrl, dataDir, databasePrefix = ''] = process.argv.slice(2);
let server;
try {
  server = await startTemporalServer({
    adminUrl,
    dataDir,
    databasePrefix,
    logFile: `${dataDir}.log`,
    log: (m) => process.stderr.write(`${m}\n`),
  });
} catch (err) {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.stdout.write(`${JSON.stringify({ error: err.message })}\n`);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify({ address: server.address })}\n`);
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
