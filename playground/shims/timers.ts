// Node's timers in a browser: setImmediate as a macrotask of its own (a message), after the microtasks. One
// plain object, as Node's module is: the phone's clock (fake-timers) replaces its timeouts in place.
const channel = new MessageChannel()
const queue: Array<() => void> = []
channel.port1.onmessage = () => queue.shift()?.()

const timers = {
  setImmediate(fn: (...args: unknown[]) => void, ...args: unknown[]): void {
    queue.push(() => fn(...args))
    channel.port2.postMessage(0)
  },
  setTimeout: (fn: () => void, ms?: number) => window.setTimeout(fn, ms),
  clearTimeout: (id: number) => window.clearTimeout(id),
  setInterval: (fn: () => void, ms?: number) => window.setInterval(fn, ms),
  clearInterval: (id: number) => window.clearInterval(id),
}
export = timers
