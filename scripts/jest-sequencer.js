// The order jest runs test files in. With timings cached from an earlier run, jest's own order (longest first)
// is kept. On a fresh clone it has none and orders by file size, which starts the every-state proofs (small
// files over one shared table, 5-15 s each) last, leaving one of the two workers idle at the end: the proofs
// go first here, longest first (figures from a 2-core run), then the rest in jest's order.
const Sequencer = require('@jest/test-sequencer').default

const PROOFS_LONGEST_FIRST = [
  'test/proof/sequences.test.ts',
  'test/proof/every-state-ios.test.ts',
  'test/proof/every-state-elsewhere.test.ts',
  'test/proof/sequences-appointments.test.ts',
  'test/proof/bad-input.test.ts',
  'test/proof/every-state-android.test.ts',
  'test/proof/every-state-calendar.test.ts',
]

class ProofsFirst extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests)
    if (ordered.some((test) => test.duration != null)) return ordered
    const rank = (test) => {
      const at = PROOFS_LONGEST_FIRST.findIndex((proof) => test.path.endsWith(proof))
      return at < 0 ? PROOFS_LONGEST_FIRST.length : at
    }
    // Array.prototype.sort is stable: the rest keep jest's order.
    return ordered.sort((a, b) => rank(a) - rank(b))
  }
}

module.exports = ProofsFirst
