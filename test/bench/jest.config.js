// The benchmark's measurements; not part of `npm test`. scripts/bench.js runs it with DUET_ROOT=dist.
const base = require('../../jest.config.js')
module.exports = { ...base, rootDir: '../..', testMatch: ['<rootDir>/test/bench/**/*.bench.ts'] }
