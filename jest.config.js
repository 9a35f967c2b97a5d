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
  // Three suites at a time on two cores: alone, a heavy suite keeps about 0.6 of a core busy (CPU
  // time over its wall time in the last full run: console 45/60 s, executionPage 21/31 s, ten e2e
  // suites 67/120 s, invoicePages 14/48 s, cityBacklog 8/28 s); the rest of its time it waits on
  // the cloud's timers (retries, latency knobs, heartbeats at time scale 0.1). Two workers left
  // about a third of the machine idle.
  maxWorkers: 3,
};
