// Shared Jest settings. ts-jest transpiles only (isolatedModules); `npm run typecheck` type-checks.
const path = require('node:path');

/** @param {string[]} testMatch */
module.exports = (testMatch, extra = {}) => ({
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'].filter((r) =>
    require('node:fs').existsSync(r.replace('<rootDir>', __dirname)),
  ),
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.jest.json') }],
    // ESM-only packages (see tools/test-env/esm-to-cjs.js).
    '/node_modules/(jose|openid-client|oauth4webapi)/.+\\.js$': '<rootDir>/tools/test-env/esm-to-cjs.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|openid-client|oauth4webapi)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@tiltak/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^@tiltak/([a-z-]+)/testing$': '<rootDir>/libs/$1/src/testing/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/.data/', '<rootDir>/.test-data/'],
  ...extra,
});
