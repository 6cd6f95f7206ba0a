// The playground's browser tests (not part of `npm test`, which needs no browser): `npm run test:playground`
// builds the playground, serves it and drives both phones in Debian's Chromium (or CHROMIUM_PATH).
const base = require('../../jest.config.js')
module.exports = {
  ...base,
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/playground/**/*.browser.ts'],
  setupFilesAfterEnv: [],
  testTimeout: 60000,
  maxWorkers: 1,
}
