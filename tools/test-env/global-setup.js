// Starts the real services the integration and end-to-end tiers need, once per Jest run, on their own
// ports and data so tests can run while `npm start` is up. Tests read the addresses from the env.
const path = require('node:path');
const fs = require('node:fs');

module.exports = async function globalSetup() {
  const root = path.resolve(__dirname, '..', '..');
  const lib = (f) => import(path.join(root, 'tools', 'lib', f));
  const { ensureTemporalCli } = await lib('temporal-cli.mjs');
  const { startTemporalDevServer } = await lib('temporal-dev-server.mjs');
  const { startEmbeddedPostgres } = await lib('embedded-postgres.mjs');
  const state = {};

  if (process.env.TEST_PG_ADMIN_URL) {
    state.pgAdminUrl = process.env.TEST_PG_ADMIN_URL;
  } else {
    const dataDir = path.join(root, '.test-data', `pg-${process.pid}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const pgServer = await startEmbeddedPostgres({ dataDir, persistent: false });
    state.pg = pgServer;
    state.pgDataDir = dataDir;
    state.pgAdminUrl = pgServer.url('postgres');
  }
  process.env.TEST_PG_ADMIN_URL = state.pgAdminUrl;

  if (process.env.TEST_TEMPORAL_ADDRESS) {
    state.temporalAddress = process.env.TEST_TEMPORAL_ADDRESS;
  } else {
    const cli = await ensureTemporalCli();
    const logDir = path.join(root, '.test-data');
    fs.mkdirSync(logDir, { recursive: true });
    const logFd = fs.openSync(path.join(logDir, `temporal-${process.pid}.log`), 'w');
    const server = await startTemporalDevServer({ cli, headless: true, logFile: logFd });
    state.temporal = server;
    state.temporalAddress = server.address;
    process.env.TEMPORAL_CLI_PATH = cli;
  }
  process.env.TEST_TEMPORAL_ADDRESS = state.temporalAddress;
  globalThis.__TILTAK_TEST_ENV__ = state;
};
