// Integration tier: real Kafka, PostgreSQL and Redis, one set per run (see test/support/services).
const base = require('./jest.base');

module.exports = {
  ...base,
  displayName: 'integration',
  testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  // Suites isolate themselves, but two cores do not gain from many workers talking to one broker.
  maxWorkers: 2,
};
