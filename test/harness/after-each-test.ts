// The clean-ups the jest setup runs after each test. A harness module adds its own when a test file first
// loads it, so the setup itself loads neither the model of WeChat nor miniprogram-simulate: a file that
// launches nothing (unit and store tests) pays for neither.
const cleanUps: (() => void)[] = []

/** Runs `cleanUp` after each test of the file that called this, in the order added. */
export function afterEachTest(cleanUp: () => void): void {
  cleanUps.push(cleanUp)
}

export function runCleanUps(): void {
  for (const cleanUp of cleanUps) cleanUp()
}
