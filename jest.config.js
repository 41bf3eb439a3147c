/**
 * Jest: TypeScript through ts-jest (transpile only, because tsconfig.json sets isolatedModules;
 * `npm run typecheck` checks the types). Node is the default environment: a test that needs a DOM
 * says so in its own docblock with `@jest-environment jsdom` (src/taskpane/components/**, test/taskpane/**).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // component tests live next to their component (src/taskpane/components/X/X.test.tsx, STYLE.md)
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx', '<rootDir>/src/**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  // The browser tests start Chromium; the independent check runs the CLI on the whole sample.
  testTimeout: 120_000,
  // Two cores: keep one for Chromium and the CLI subprocesses.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/dist-cli/'],
};
