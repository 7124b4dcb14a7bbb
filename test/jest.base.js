// Shared jest settings: TypeScript through SWC (fast, keeps decorator metadata for Nest)
// and the same @schematrace/* aliases as tsconfig.json.
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
const swcConfig = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));

module.exports = {
  rootDir: root,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcConfig, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@schematrace/([a-z-]+)$': '<rootDir>/libs/$1/src' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  errorOnDeprecated: true,
};
