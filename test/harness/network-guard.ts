// No test may reach the network (the README's "What the tests prove"): every attempt to resolve a name (dns.lookup, dns.resolve*,
// dns.promises, a Resolver of one's own), open a TCP socket (http, https, tls and net all end there) or send a
// UDP datagram is refused at once, as on a phone with no connection, and recorded; the jest setup fails the
// test that made it, or the file, for an attempt after its last test. Core modules are shared by every test file of a worker, so the patches go in once per process.
// The modules themselves, not import namespaces (whose properties cannot be replaced).
const dns = require('dns') as typeof import('dns')
const net = require('net') as typeof import('net')
const dgram = require('dgram') as typeof import('dgram')

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
  // Every resolver method a name or address can go through, on the module and on Resolver objects alike.
  const resolverMethods = [
    'lookupService',
    ...Object.getOwnPropertyNames(dns.Resolver.prototype).filter((name) => /^(resolve|reverse)/.test(name)),
  ]
  type Methods = Record<string, unknown>
  for (const owner of [dns, dns.Resolver.prototype] as unknown as Methods[]) {
    for (const name of resolverMethods) {
      owner[name] = (target: string, ...rest: unknown[]) => {
        const done = rest[rest.length - 1] as (err: Error) => void
        guard.attempts.push(`dns.${name} ${target}`)
        later(() => done(refused('ENOTFOUND', target)))
      }
    }
  }
  for (const owner of [dns.promises, dns.promises.Resolver.prototype] as unknown as Methods[]) {
    for (const name of resolverMethods) {
      owner[name] = async (target: string) => {
        guard.attempts.push(`dns.${name} ${target}`)
        throw refused('ENOTFOUND', target)
      }
    }
  }
  dgram.Socket.prototype.send = function send(this: import('dgram').Socket, ...args: unknown[]) {
    // (msg, [offset, length,] port, [address], [callback]): the port is the first number after the message.
    const numbers = args.slice(1).filter((a): a is number => typeof a === 'number')
    const port = args.length > 3 && typeof args[3] === 'number' ? numbers[2] : numbers[0]
    const address = args.find((a, i) => i > 1 && typeof a === 'string') ?? 'localhost'
    const target = `${String(address)}:${port}`
    const callback = args.find((a) => typeof a === 'function') as ((err: Error) => void) | undefined
    guard.attempts.push(`dgram.send ${target}`)
    later(() =>
      callback ? callback(refused('ECONNREFUSED', target)) : this.emit('error', refused('ECONNREFUSED', target)),
    )
  } as typeof dgram.Socket.prototype.send
  dgram.Socket.prototype.connect = function connect(this: import('dgram').Socket, port: number, address?: unknown) {
    const target = `${typeof address === 'string' ? address : 'localhost'}:${port}`
    guard.attempts.push(`dgram.connect ${target}`)
    later(() => this.emit('error', refused('ECONNREFUSED', target)))
  } as typeof dgram.Socket.prototype.connect
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

/** Fails with every attempt since the last check, if there were any; `when` says where they were made. */
export function failOnNetworkAttempts(when: string): void {
  const attempts = takeNetworkAttempts()
  if (attempts.length) throw new Error(`${when} tried to reach the network:\n- ${attempts.join('\n- ')}`)
}

/** The attempts since the last call. */
export function takeNetworkAttempts(): string[] {
  return installNetworkGuard().attempts.splice(0)
}
