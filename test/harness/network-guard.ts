// No test may reach the network (DEVELOPERS.md): every attempt to resolve a name or open a socket is
// refused at once, as on a phone with no connection, and recorded; the jest setup fails the test that
// made it. Core modules are shared by every test file of a worker, so the patches go in once per process.
// The modules themselves, not import namespaces (whose properties cannot be replaced).
const dns = require('dns') as typeof import('dns')
const net = require('net') as typeof import('net')

interface Guard {
  attempts: string[]
}

const KEY = Symbol.for('duet.network-guard')
const store = dns as unknown as Record<symbol, Guard | undefined>

export function installNetworkGuard(): Guard {
  const installed = store[KEY]
  if (installed) return installed
  const guard: Guard = { attempts: [] }
  store[KEY] = guard
  // The patches outlive this test file's sandbox (jest tears it down): they may close over core modules only.
  const vm = require('vm') as typeof import('vm')
  const CoreError = vm.runInThisContext('Error') as ErrorConstructor
  const later = (vm.runInThisContext('process') as NodeJS.Process).nextTick
  /** A network error made in Node's own realm, as a real one would be. */
  const refused = (code: string, target: string): Error =>
    Object.assign(new CoreError(`${code} ${target} (tests never reach the network)`), {
      code,
      errno: code,
      hostname: target,
    })
  const lookup = (hostname: string, options: unknown, callback?: unknown) => {
    const done = (typeof options === 'function' ? options : callback) as (err: Error) => void
    guard.attempts.push(`dns.lookup ${hostname}`)
    later(() => done(refused('ENOTFOUND', hostname)))
  }
  ;(dns as { lookup: unknown }).lookup = lookup
  ;(dns.promises as { lookup: unknown }).lookup = async (hostname: string) => {
    guard.attempts.push(`dns.lookup ${hostname}`)
    throw refused('ENOTFOUND', hostname)
  }
  net.Socket.prototype.connect = function connect(this: import('net').Socket, ...args: unknown[]) {
    // http passes its normalised [options, callback] pair as the one argument.
    const given = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0]
    const first = given as { host?: string; port?: number; path?: string } | number | string
    const target =
      typeof first === 'object' && first ? (first.path ?? `${first.host ?? 'localhost'}:${first.port}`) : String(first)
    guard.attempts.push(`connect ${target}`)
    later(() => this.destroy(refused('ECONNREFUSED', target)))
    return this
  } as typeof net.Socket.prototype.connect
  return guard
}

/** The attempts since the last call. */
export function takeNetworkAttempts(): string[] {
  return installNetworkGuard().attempts.splice(0)
}
