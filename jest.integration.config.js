// Real PostgreSQL, real Temporal dev server, real SMTP: started once per run by the global setup.
module.exports = require('./jest.preset')(['**/*.integration-spec.ts'], {
  globalSetup: '<rootDir>/tools/test-env/global-setup.js',
  globalTeardown: '<rootDir>/tools/test-env/global-teardown.js',
  testTimeout: 120_000,
  maxWorkers: 1,
});
