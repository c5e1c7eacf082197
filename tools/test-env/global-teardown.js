const fs = require('node:fs');
const path = require('node:path');

module.exports = async function globalTeardown() {
  const state = globalThis.__TILTAK_TEST_ENV__;
  if (!state) return;
  const { stopChild } = await import(path.resolve(__dirname, '..', 'lib', 'temporal-dev-server.mjs'));
  if (state.temporal) await stopChild(state.temporal.child, state.temporal.exited);
  if (state.pg) {
    await state.pg.stop();
    fs.rmSync(state.pgDataDir, { recursive: true, force: true });
    fs.rmSync(`${state.pgDataDir}.port`, { force: true });
  }
};
