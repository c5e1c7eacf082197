// The API over HTTP against a running worker, as a user drives it.
module.exports = require('./jest.preset')(['**/*.e2e-spec.ts'], {
  globalSetup: '<rootDir>/tools/test-env/global-setup.js',
  globalTeardown: '<rootDir>/tools/test-env/global-teardown.js',
  testTimeout: 180_000,
  maxWorkers: 1,
});
