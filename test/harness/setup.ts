// Every test fails if the fake WeChat saw something it does not model or the test did not script, and if
// anything tried to reach the network. After each test, the apps it launched are closed.
import { closeApps, takeProblems } from './app'
import { installNetworkGuard, takeNetworkAttempts } from './network-guard'

installNetworkGuard()

afterEach(() => {
  closeApps()
  const problems = takeProblems()
  if (problems.length) throw new Error(`fake WeChat reported problems:\n- ${problems.join('\n- ')}`)
  const attempts = takeNetworkAttempts()
  if (attempts.length) throw new Error(`a test tried to reach the network:\n- ${attempts.join('\n- ')}`)
})
