// §8.1–§8.2: what the phone keeps and whether it is online; and the optional login server of §5.1.
import type { NetworkType } from './environment'
import type { ApiTable, Callbacks, FakeWx } from './fake-wx'
import { api, clone } from './fake-wx'

const MAX_BYTES_PER_KEY = 1024 * 1024
/** The mini program's storage in all (not the phone's). */
const MAX_BYTES_IN_ALL = 10 * 1024 * 1024

/** What a key takes up: its name and its value as JSON. */
const sizeOf = (key: string, json: string) => Buffer.byteLength(key, 'utf8') + Buffer.byteLength(json, 'utf8')

export class FakeStorage {
  private readonly networkListeners = new Set<(res: unknown) => void>()
  private loginCount = 0
  /**
   * What each key takes up, with the value it was measured with: a write measures only its own value, as
   * WeChat keeps a running total, instead of serializing every key again (18 ms at 2 MB). A value put in
   * `env.storage` by other means (a test's stored data, a relaunch) is measured at the next write.
   */
  private readonly sizes = new Map<string, { value: unknown; bytes: number }>()

  constructor(private readonly fake: FakeWx) {}

  /** What `key` takes up holding `value`: as measured before when it held that very value. */
  private sizeOfKey(key: string, value: unknown): number {
    const known = this.sizes.get(key)
    if (known && known.value === value) return known.bytes
    const bytes = sizeOf(key, JSON.stringify(value) ?? '')
    this.sizes.set(key, { value, bytes })
    return bytes
  }

  setNetwork(type: NetworkType): void {
    this.fake.env.network = type
    for (const listener of [...this.networkListeners]) listener({ isConnected: type !== 'none', networkType: type })
  }

  apis(): ApiTable {
    const fake = this.fake
    const { env } = fake
    return {
      getStorageSync: api('1.0.0', 'storage', (key: string) => {
        fake.record('getStorageSync', `getStorageSync(${key})`, 'storage', { key })
        return key in env.storage ? clone(env.storage[key]) : ''
      }),
      setStorageSync: api('1.0.0', 'storage', (key: string, data: unknown) => {
        fake.record('setStorageSync', `setStorageSync(${key})`, 'storage', { key })
        const full = new Error('setStorageSync:fail exceed storage max size 10MB')
        if (env.storageFull) throw full
        const json = JSON.stringify(data) ?? ''
        if (Buffer.byteLength(json, 'utf8') > MAX_BYTES_PER_KEY) {
          throw new Error('setStorageSync:fail entry size limit reached')
        }
        const bytes = sizeOf(key, json)
        const others = Object.keys(env.storage)
          .filter((k) => k !== key)
          .reduce((sum, k) => sum + this.sizeOfKey(k, env.storage[k]), 0)
        if (others + bytes > MAX_BYTES_IN_ALL) throw full
        const value = data === undefined ? data : (JSON.parse(json) as unknown)
        env.storage[key] = value
        this.sizes.set(key, { value, bytes })
      }),
      getStorageInfoSync: api('1.0.0', 'storage', () => {
        fake.record('getStorageInfoSync', 'getStorageInfoSync', 'storage', {})
        const keys = Object.keys(env.storage)
        const bytes = keys.reduce((sum, k) => sum + this.sizeOfKey(k, env.storage[k]), 0)
        return { keys, currentSize: Math.ceil(bytes / 1024), limitSize: MAX_BYTES_IN_ALL / 1024 }
      }),
      removeStorageSync: api('1.0.0', 'storage', (key: string) => {
        fake.record('removeStorageSync', `removeStorageSync(${key})`, 'storage', { key })
        delete env.storage[key]
        this.sizes.delete(key)
      }),
      getNetworkType: api('1.0.0', 'network', (o: Callbacks) => {
        fake.record('getNetworkType', 'getNetworkType', 'network', {})
        fake.succeed('getNetworkType', o, { networkType: env.network })
      }),
      onNetworkStatusChange: api('1.1.0', 'network', (listener: (res: unknown) => void) => {
        fake.record('onNetworkStatusChange', 'onNetworkStatusChange', 'network', {})
        this.networkListeners.add(listener)
      }),
      offNetworkStatusChange: api('2.9.3', 'network', (listener: (res: unknown) => void) => {
        this.networkListeners.delete(listener)
      }),
      // §5.1: the optional login server of one's own.
      login: api('1.0.0', 'login', (o: Callbacks) => {
        fake.record('login', 'login', 'login', {})
        fake.succeed('login', o, { code: `fake-code-${++this.loginCount}` })
      }),
      request: api('1.0.0', 'login', (o: Callbacks & { url: string; data?: unknown }) => {
        fake.record('request', `request(${o.url})`, 'login', { url: o.url })
        const server = env.loginServer
        if (!server) return fake.failWith(o, { errMsg: 'request:fail', errno: 600001 })
        if (server === 'no-answer') return
        const code = (o.data as { code?: string } | undefined)?.code ?? ''
        fake.succeed('request', o, { ...server(code) })
      }),
    }
  }
}
