/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  // Type-checking is `npm run typecheck`; tests transpile only, which keeps a 2-core run fast.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/harness/setup.ts'],
  testTimeout: 20000,
  // The two proof files take a minute each; on a 2-core machine two workers halve the suite (150 s -> 82 s).
  maxWorkers: 2,
}
