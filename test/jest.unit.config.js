// Unit tier: pure code, no services. Runs first.
const base = require('./jest.base');

module.exports = {
  ...base,
  displayName: 'unit',
  testMatch: ['<rootDir>/{apps,libs,deploy}/**/*.spec.ts'],
};
