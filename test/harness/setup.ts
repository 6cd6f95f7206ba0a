// Every test fails if the fake WeChat saw something it does not model or the test did not script.
import { takeProblems } from './app'

afterEach(() => {
  const problems = takeProblems()
  if (problems.length) throw new Error(`fake WeChat reported problems:\n- ${problems.join('\n- ')}`)
})
