// The gallery renders pages; it is not part of `npm test`. scripts/gallery.js runs it with DUET_ROOT=dist.
const base = require('../../jest.config.js')
module.exports = { ...base, rootDir: '../..', testMatch: ['<rootDir>/test/gallery/**/*.gallery.ts'] }
