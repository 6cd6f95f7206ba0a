// A stateful, strict model of the WeChat runtime, written from docs/platform.md.
// - An API it does not model throws when touched: Duet must not depend on behaviour nobody wrote down.
// - An API newer than the base library is `undefined`, as on a real phone.
// - Anything the person would be asked that the test did not script is recorded in `problems`
//   (the jest setup fails the test on any), so a test cannot pass by accident.
// This file is the core: recording, callbacks and the `wx` object. Each area of the platform lives in
// its own module (privacy.ts, scopes.ts, …), with its state and its APIs.
import type { Answer, Person, QuestionKind, Questions } from './ask'
import { FakeCalendar } from './calendar'
import { FakeCloud, FakeCloudClient } from './cloud'
import { defaultEnvironment, defaultUser, Environment, ScriptedUser } from './environment'
import { FakePhone } from './phone'
import { FakePrivacy } from './privacy'
import { FakeRuntime } from './runtime'
import { FakeScopes } from './scopes'
import { FakeStorage } from './storage'
import { FakeSubscribe } from './subscribe'
import { FakeUi } from './ui'
import { FakeVoip } from './voip'

/** What a call was about; 'event' is listening to WeChat's events and the events themselves. */
export type Category =
  'privacy' | 'permission' | 'call' | 'event' | 'system' | 'network' | 'storage' | 'ui' | 'route' | 'login' | 'cloud'

export interface CallRecord {
  api: string
  /** A short readable form, e.g. `authorize(scope.record)`. */
  summary: string
  category: Category
  args: unknown
}

export interface Callbacks {
  success?: (res: unknown) => void
  fail?: (res: unknown) => void
  complete?: (res: unknown) => void
}
export type Options = Callbacks & Record<string, unknown>
type ApiImpl = (...args: never[]) => unknown

/** One modelled API, or a namespace of them (`wx.cloud`), with the base library that brought it. */
export interface ApiEntry {
  since: string
  category: Category
  impl?: ApiImpl
  namespace?: ApiTable
}
export type ApiTable = Record<string, ApiEntry>

export const api = <F extends ApiImpl>(since: string, category: Category, impl: F): ApiEntry => ({
  since,
  category,
  impl,
})

/** -1 / 0 / 1 for a < b, a = b, a > b, comparing dotted base-library versions. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0)
    if (d !== 0) return d < 0 ? -1 : 1
  }
  return 0
}

export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}

/** Ways of looking at an object that are not API calls (jest's matchers, promises, JSON). */
const INTROSPECTION = new Set(['toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'then', 'constructor'])

export class FakeWx {
  readonly env: Environment
  readonly user: ScriptedUser
  /** Every call Duet made, in order. */
  readonly calls: CallRecord[] = []
  readonly problems: string[] = []
  /** Set only while a tap handler runs synchronously (see test/harness). */
  inTap = false
  /** Pages that exist, set by the harness from app.json; navigation elsewhere is a problem. */
  knownPages: string[] | null = null
  /** app.json's `darkmode`, set by the harness: WeChat reports the phone's theme only when it is on (§8.6). */
  darkmode = false
  /** Duet is what the person sees (not left for a settings page, the chat or another app): §4.5. */
  inFront = true
  /** Who answers WeChat's questions: null, the test's script (`user`); or a person looking at drawn screens. */
  person: Person | null = null

  readonly runtime = new FakeRuntime(this)
  readonly privacy = new FakePrivacy(this)
  readonly scopes = new FakeScopes(this)
  readonly phone = new FakePhone(this)
  readonly voip = new FakeVoip(this)
  readonly storage = new FakeStorage(this)
  readonly ui = new FakeUi(this)
  readonly subscribe = new FakeSubscribe(this)
  readonly calendar = new FakeCalendar(this)
  /** `wx.cloud` on this phone, talking to a cloud other phones of the test may share. */
  readonly cloud: FakeCloudClient
  readonly wx: WechatMiniprogram.Wx

  /**
   * Runs an event's listeners as this phone: a harness running several phones in one process sets it, since an
   * event here may be set off from another phone (its person hanging up a call with this one).
   */
  asThisPhone: <T>(work: () => T) => T = (work) => work()

  private readonly leaveListeners: Array<() => void> = []
  private readonly appShowListeners: Array<() => void> = []
  private readonly returnListeners: Array<() => void> = []

  constructor(env: Partial<Environment> = {}, user: Partial<ScriptedUser> = {}, cloud: FakeCloud = new FakeCloud()) {
    const base = defaultEnvironment()
    this.env = {
      ...base,
      ...env,
      os: { ...base.os, ...env.os },
      authSetting: { ...env.authSetting },
      // The phone's own copy: a fixture passed in (or an earlier phone's storage, for a relaunch) stays as it was.
      storage: clone(env.storage ?? {}),
      guideDeclares: { ...base.guideDeclares, ...env.guideDeclares },
      listener: { ...base.listener, ...env.listener },
    }
    // The fake uses up scripted answers; a copy keeps a script shared between tests intact.
    this.user = { ...defaultUser(), ...clone(user) }
    this.cloud = new FakeCloudClient(this, cloud)
    if (this.env.platform === 'android' && Object.values(this.env.os).includes('not determined')) {
      this.noteProblem(`'not determined' is iOS only (§3.2); this phone is ${this.env.platform}`)
    }
    this.wx = this.proxy(this.table())
  }

  // ---- what a test reads -------------------------------------------------------------------

  /** Readable log of the calls in the given categories (by default: what touches the platform). */
  trace(categories: Category[] | 'all' = ['privacy', 'permission', 'call', 'system', 'network']): string[] {
    return this.calls.filter((c) => categories === 'all' || categories.includes(c.category)).map((c) => c.summary)
  }

  count(api: string): number {
    return this.calls.filter((c) => c.api === api).length
  }

  // ---- leaving the mini program (a settings page, the home screen, another app), and coming back ---------

  /** The person left the mini program (the harness hides the top page). */
  onLeaveMiniProgram(listener: () => void): void {
    this.leaveListeners.push(listener)
  }

  /** The mini program comes to the front again: the harness runs App.onShow. */
  onAppShow(listener: () => void): void {
    this.appShowListeners.push(listener)
  }

  /** The person came back to the page they left (the harness shows the top page again). */
  onReturnToMiniProgram(listener: () => void): void {
    this.returnListeners.push(listener)
  }

  /**
   * The person leaves the mini program and comes back: a settings page opens over it, or they go to the home
   * screen or another app. `change` is what they do meanwhile.
   */
  visitOutside(change: () => void): void {
    this.leave()
    change()
    this.later(() => this.cameBack())
  }

  /**
   * As visitOutside, for a visit where the person is asked something (a settings page): a scripted answer
   * applies at once; a person's applies when they come back.
   */
  visitOutsideAsking<K extends QuestionKind>(
    kind: K,
    shows: Questions[K]['shows'],
    scripted: () => Answer<K>,
    apply: (answer: Answer<K>) => void,
    answered: () => void = () => undefined,
  ): void {
    if (!this.person) {
      this.visitOutside(() => apply(scripted()))
      return answered()
    }
    this.leave()
    this.ask(kind, shows, scripted, (answer) => {
      if (answer !== undefined) apply(answer)
      answered()
      this.later(() => this.cameBack())
    })
  }

  /** The person left the mini program: its top page hides, and keep-screen-on ends (§8.3). */
  leave(): void {
    this.ui.keepScreenOn = false
    this.inFront = false
    for (const listener of this.leaveListeners) listener()
  }

  /** The person comes back to the mini program where they left it: App.onShow, then the top page's onShow. */
  cameBack(): void {
    this.cameToFront()
    for (const listener of this.returnListeners) listener()
  }

  /** The mini program is in front again (App.onShow), back where it was or on a card's page (§7.2). */
  cameToFront(): void {
    this.inFront = true
    for (const listener of this.appShowListeners) listener()
  }

  // ---- for the modules -----------------------------------------------------------------------

  /**
   * WeChat asks the person something (ask.ts). Without a person the test's script answers, synchronously, so
   * tests keep their timing; a person answers when they click, and `then` runs then.
   */
  ask<K extends QuestionKind>(
    kind: K,
    shows: Questions[K]['shows'],
    scripted: () => Answer<K> | undefined,
    then: (answer: Answer<K> | undefined) => void,
  ): void {
    if (!this.person) return then(scripted())
    this.person.answer(kind, shows).then(then, (err: unknown) => this.noteProblem(`${kind}: ${String(err)}`))
  }

  /** Records a problem and throws: for calls WeChat would reject outright. */
  problem(message: string): never {
    this.problems.push(message)
    throw new Error(`fake-wx: ${message}`)
  }

  /** Records a problem and carries on: for what a real phone would do but the test did not script. */
  noteProblem(message: string): void {
    this.problems.push(message)
  }

  record(api: string, summary: string, category: Category, args: unknown): void {
    this.calls.push({ api, summary, category, args: clone(args) })
  }

  sdkAtLeast(version: string): boolean {
    return compareVersions(this.env.sdkVersion, version) >= 0
  }

  /** WeChat answers asynchronously; a microtask keeps that true while letting a test settle in one turn. */
  later(fn: () => void): void {
    queueMicrotask(fn)
  }

  succeed(api: string, options: Callbacks, result: Record<string, unknown> = {}): void {
    const res = { errMsg: `${api}:ok`, ...result }
    this.later(() => {
      options.success?.(res)
      options.complete?.(res)
    })
  }

  failWith(options: Callbacks, res: Record<string, unknown>): void {
    this.later(() => {
      options.fail?.(res)
      options.complete?.(res)
    })
  }

  // ---- the wx object -------------------------------------------------------------------------

  private apiTable: ApiTable | null = null

  private table(): ApiTable {
    return (this.apiTable ??= {
      ...this.runtime.apis(),
      ...this.privacy.apis(),
      ...this.scopes.apis(),
      ...this.phone.apis(),
      ...this.voip.apis(),
      ...this.storage.apis(),
      ...this.ui.apis(),
      ...this.subscribe.apis(),
      ...this.calendar.apis(),
      ...this.cloud.apis(),
    })
  }

  /** Whether `name` is a modelled API (or namespace) in this base library; `canIUse` asks this. */
  supports(path: string): boolean {
    let table: ApiTable | undefined = this.table()
    const names = path.split('.')
    for (const [i, name] of names.entries()) {
      const entry: ApiEntry | undefined = table?.[name]
      if (!entry) return this.problem(`canIUse('${path}') is not modelled`)
      if (!this.present(names.slice(0, i + 1).join('.'), entry)) return false
      table = entry.namespace
    }
    return true
  }

  /** Whether this phone's WeChat has the API at dotted `name`: new enough, and not removed by the test. */
  private present(name: string, entry: ApiEntry): boolean {
    return this.sdkAtLeast(entry.since) && !this.env.missingApis.includes(name)
  }

  private proxy(table: ApiTable, prefix = ''): WechatMiniprogram.Wx {
    return new Proxy({} as WechatMiniprogram.Wx, {
      get: (_target, prop) => {
        if (typeof prop === 'symbol' || INTROSPECTION.has(prop)) return undefined
        const entry = table[prop]
        const name = `${prefix}${prop}`
        if (!entry) return this.problem(`wx.${name} is not modelled`)
        if (!this.present(name, entry)) return undefined
        if (entry.namespace) return this.proxy(entry.namespace, `${name}.`)
        return (...args: unknown[]) => {
          const failure = this.env.failures[name]
          if (!failure) return (entry.impl as (...a: unknown[]) => unknown)(...args)
          // WeChat fails the call outright: callback APIs through fail, synchronous ones by throwing.
          this.record(name, `${name}(fails)`, entry.category, failure)
          const options = args[0]
          if (typeof options === 'object' && options !== null)
            return this.failWith(options as Callbacks, { ...failure })
          throw new Error(failure.errMsg)
        }
      },
      set: (_target, prop) => this.problem(`code assigned wx.${prefix}${String(prop)}`),
      has: (_target, prop) =>
        typeof prop === 'string' && prop in table && this.present(`${prefix}${prop}`, table[prop]),
    })
  }
}

export function createFakeWx(
  env: Partial<Environment> = {},
  user: Partial<ScriptedUser> = {},
  cloud?: FakeCloud,
): FakeWx {
  return new FakeWx(env, user, cloud)
}
