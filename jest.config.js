/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  // Type-checking is `npm run typecheck`; tests only strip types (esbuild), which keeps a 2-core run fast.
  transform: { '^.+\\.ts$': '<rootDir>/scripts/jest-transform.js' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/harness/setup.ts'],
  testTimeout: 20000,
  // The proof files (every-state in three, sequences) take 20-40 s each; on a 2-core machine two workers share
  // them and the rest (150 s -> 82 s when the split was made).
  maxWorkers: 2,
  // On a fresh clone, the proofs first (scripts/jest-sequencer.js).
  testSequencer: '<rootDir>/scripts/jest-sequencer.js',
  // A worker's event loop is empty within milliseconds of jest's "end" (nothing left open), but Node then
  // takes 0.3-1 s to free a worker's 200-250 MB heap on a busy 2-core machine: past jest's default 500 ms,
  // jest kills it and warns of a leak that is not there.
  workerGracefulExitTimeout: 3000,
}
