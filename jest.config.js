const os = require('os');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Each file transpiled on its own, through the cache the global setup's build of dist/ fills
  // (test/support/ts-transform.js); the type check runs once, beside the tests (global setup).
  transform: { '^.+\\.ts$': ['<rootDir>/test/support/ts-transform.js', { tsconfig: 'tsconfig.jest.json' }] },
  // The slow suites mostly wait on child processes (the CLI, LibreOffice, a browser): two
  // workers more than cores, so that the cores stay busy while suites wait (2 cores, same tree:
  // 3 workers 209 s, 4 workers 137 s, 5 workers 148 s; jest's default leaves one core idle).
  maxWorkers: 2 + Math.max(2, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length),
  // Tests that spawn the CLI run the compiled JavaScript; build it once first (and start the type checks).
  globalSetup: '<rootDir>/test/support/global-setup.js',
  // …wait for the type checks, and fail the run if one failed or a test left a tongbao-* folder in the temp folder.
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  // the longest files start first, also in a fresh clone without jest's cache
  testSequencer: '<rootDir>/test/support/sequencer.js',
  // the slowest suites of the run, printed at the end
  reporters: ['default', '<rootDir>/test/support/slowest-reporter.js'],
  testTimeout: 60000,
};
