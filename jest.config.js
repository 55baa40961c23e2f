/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Tests that spawn the CLI run the compiled JavaScript; build it once first.
  globalSetup: '<rootDir>/test/support/global-setup.js',
  // …and fail the run if a test left a tongbao-* folder in the temp folder.
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  testTimeout: 60000,
};
