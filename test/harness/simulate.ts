// One miniprogram-simulate (and the exparser instance its j-component uses) per test file.
// Requiring it costs ~90 ms; page modules it loads still resolve through jest's current registry, so
// each launch still gets fresh app modules and a fresh store.
type Simulate = typeof import('miniprogram-simulate')
export type Exparser = {
  globalOptions: { throwGlobalError: boolean }
  Event: {
    create(name: string, detail: unknown, options: Record<string, boolean>): unknown
    dispatchEvent(target: unknown, event: unknown): void
  }
}

let loaded: { simulate: Simulate; exparser: Exparser } | null = null

export function loadSimulate(): { simulate: Simulate; exparser: Exparser } {
  if (!loaded) {
    const simulate = require('miniprogram-simulate') as Simulate
    const exparser = require('miniprogram-exparser') as Exparser
    // An exception in a page handler would otherwise only be logged: make it fail the test.
    exparser.globalOptions.throwGlobalError = true
    loaded = { simulate, exparser }
  }
  return loaded
}
