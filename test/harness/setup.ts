// Every test fails if the fake WeChat saw something it does not model or the test did not script, and if
// anything tried to reach the network; a file fails for an attempt made after its last test. After each test,
// the apps it launched are closed (test/harness/app.ts adds that clean-up when a file first loads it).
import { runCleanUps } from './after-each-test'
import { failOnNetworkAttempts, installNetworkGuard } from './network-guard'

installNetworkGuard()

afterEach(() => {
  runCleanUps()
  failOnNetworkAttempts('a test')
})

/** Node's own timers, never faked: what the last test left running gets a moment to make its attempt here. */
const { setTimeout: nodeTimeout } = require('timers') as typeof import('timers')

afterAll(async () => {
  await new Promise((r) => nodeTimeout(r, 5))
  failOnNetworkAttempts('this file, after its last test,')
})
