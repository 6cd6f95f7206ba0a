// Node's createRequire in a browser: the model of WeChat Cloud asks for `process` (whose environment the cloud
// functions read, on the server) and `timers`; nothing else is there.
import timers = require('./timers')

export function createRequire(): ((id: string) => unknown) & { resolve(id: string): string } {
  const require = (id: string): unknown => {
    if (id === 'process') return { env: {} }
    if (id === 'timers') return timers
    throw new Error(`not in the browser: ${id}`)
  }
  return Object.assign(require, { resolve: (id: string) => id })
}
