#!/usr/bin/env node
// The long run of random action sequences: chunks of 1,000 in separate jest processes, each with its own
// seed; each chunk also runs an eighth as many appointment sequences on two phones (test/proof/sequences*).
// (j-component and exparser keep every registered page in global maps, ~1.4 MB per launch, so one process
// cannot run tens of thousands.) Each run starts from a fresh seed, printed so a failure can be replayed;
// DUET_FUZZ_SEED (or the second argument) starts from a given one instead.
// Usage: npm run fuzz [-- total [firstSeed]]
const { spawnSync } = require('child_process')
const { randomInt } = require('crypto')

const total = Number(process.argv[2] || process.env.DUET_FUZZ_TOTAL || 20000)
const given = process.argv[3] || process.env.DUET_FUZZ_SEED
// fast-check takes any 32-bit integer as a seed.
const firstSeed = given ? Number(given) : randomInt(1, 2 ** 31 - 1 - Math.ceil(total / 1000))
const chunk = 1000
console.log(`fuzz: ${total} sequences from seed ${firstSeed}${given ? ' (given)' : ' (fresh)'}`)
let done = 0
for (let seed = firstSeed; done < total; seed++) {
  const runs = Math.min(chunk, total - done)
  const started = Date.now()
  const res = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), 'test/proof/sequences', '--silent'], {
    env: { ...process.env, DUET_FUZZ_RUNS: String(runs), DUET_FUZZ_SEED: String(seed) },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  done += runs
  console.log(
    `fuzz: seed ${seed}: ${runs} sequences, ${res.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s (${done}/${total})`,
  )
  if (res.status !== 0) {
    console.log(`fuzz: replay with DUET_FUZZ_SEED=${seed} DUET_FUZZ_RUNS=${runs} npx jest test/proof/sequences`)
    process.exit(1)
  }
}
console.log(`fuzz: ${done} sequences passed`)
