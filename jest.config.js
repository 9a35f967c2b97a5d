/** One local cloud per test run: started in global setup, shared by every suite. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': '<rootDir>/tests/harness/esbuildTransform.js' },
  globalSetup: '<rootDir>/tests/harness/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/harness/globalTeardown.ts',
  setupFiles: ['<rootDir>/tests/harness/setupEnv.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
