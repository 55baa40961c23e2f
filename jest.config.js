const os = require('os');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Each file transpiled on its own; the type check runs once, in the global setup.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  // The slow suites mostly wait on child processes (the CLI, LibreOffice, a browser): one
  // worker per core (jest's default leaves one core idle, which on 2 cores runs them one by one).
  maxWorkers: Math.max(2, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length),
  // Tests that spawn the CLI run the compiled JavaScript; build it once first.
  globalSetup: '<rootDir>/test/support/global-setup.js',
  // …and fail the run if a test left a tongbao-* folder in the temp folder.
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  // the slowest suites of the run, printed at the end
  reporters: ['default', '<rootDir>/test/support/slowest-reporter.js'],
  testTimeout: 60000,
};
