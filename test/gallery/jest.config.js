// The gallery renders pages; it is not part of `npm test`. scripts/gallery.js runs it with DUET_ROOT=dist.
const base = require('../../jest.config.js')
// Days in words ("今天", "昨天") follow the phone's time zone: the gallery's phone is in China.
process.env.TZ = require('./clock.json').timeZone
module.exports = { ...base, rootDir: '../..', testMatch: ['<rootDir>/test/gallery/**/*.gallery.ts'] }
