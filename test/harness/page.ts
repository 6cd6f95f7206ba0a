// What a person can do on a page, and what they can see there.
import { AsyncResource } from 'async_hooks'
import type { FakeWx } from '../../wechat-model'
import { attr, callMethod, dispatch, El, hasMethod, queryAll, rootDom } from '../../wechat-model/view/elements'
import type { OpenedBy } from '../../wechat-model/view/page-stack'
import { isDisabled, leaveField, PageInHand, pick, tap, typeInto } from '../../wechat-model/view/person'
import { keepWxsDateMethods, type Rendered } from './jcomponent'

export type { El }

/** Node's own, never faked: settling is about the app going quiet, not about the app's clock. */
const { setImmediate: nextTurn } = require('timers') as typeof import('timers')

let fakeClock = false

/**
 * Lets WeChat's callbacks, promises and store → view updates run until the page is quiet. The fake answers
 * in microtasks, and so do Duet and the bindings; each turn of the event loop drains them, without the
 * millisecond a timer would cost. Waiting on the app's clock is `wait()`.
 */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => nextTurn(r))
}

/**
 * Time passes on the app's clock (jest's fake timers: the app's timeouts, the listener's ringing and
 * answering), and then everything settles. Tests that use it call `useFakeClock()` first.
 */
export async function wait(seconds: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(seconds * 1000)
  await settle()
}

/** The app's and the fake WeChat's timers and Date run on a clock the test moves with `wait()`. */
export function useFakeClock(): void {
  jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] })
  keepPhoneAcrossTimers()
  keepWxsDateMethods()
  fakeClock = true
}

type TimerFunction = (callback: unknown, ms?: number, ...args: unknown[]) => unknown

/**
 * Real timers run their callback in the async context that scheduled it, which is how a phone's timer keeps
 * talking to its own WeChat (app.ts `within`); jest's fake timers run it in the context of whoever moves the
 * clock, so one phone's timer would act as the phone launched last (its saves landing in that phone's storage).
 * Each callback is bound to the context that scheduled it, as with real timers.
 */
function keepPhoneAcrossTimers(): void {
  const timers = global as unknown as Record<'setTimeout' | 'setInterval', TimerFunction>
  for (const name of ['setTimeout', 'setInterval'] as const) {
    const fake = timers[name]
    const bound: TimerFunction = (callback, ms, ...args) =>
      fake(
        typeof callback === 'function' ? AsyncResource.bind(callback as (...a: unknown[]) => unknown) : callback,
        ms,
        ...args,
      )
    // What the fake carries (its `clock`, by which the model knows the test's clock runs) stays visible.
    timers[name] = Object.assign(bound, fake)
  }
}

/** Back to real timers (an afterEach of tests that used the fake clock). */
export function useRealClock(): void {
  jest.useRealTimers()
  keepWxsDateMethods()
  fakeClock = false
}

/**
 * A mini program that is closed takes its pending timers with it: a relaunch calls this. The clock itself
 * goes on (the phone's time does not restart with Duet): jest's clearAllTimers also winds it back to when the
 * fake clock was installed, so the time is put back where it was.
 */
export function dropPendingTimers(): void {
  if (!fakeClock) return
  const now = Date.now()
  jest.clearAllTimers()
  jest.setSystemTime(now)
}

const squash = (text: string | null) => (text || '').replace(/\s+/g, ' ').trim()

export type { OpenedBy }

export class PageHandle implements PageInHand {
  /** What the person typed into each input, by its element: what a form submits (the simulator's inputs keep no value). */
  readonly typed = new WeakMap<HTMLElement, string>()

  constructor(
    readonly route: string,
    readonly query: Record<string, string>,
    readonly comp: Rendered,
    readonly fake: FakeWx,
    readonly openedBy: OpenedBy = 'person',
    /** Runs work as this page's phone (see LaunchedApp.within). */
    readonly within: <T>(work: () => T) => T = (work) => work(),
  ) {}

  // ---- lifecycle, as WeChat runs it (the app harness calls these) --------------------------------

  private lifecycle(name: string, ...args: unknown[]): unknown {
    return this.within(() => callMethod(this.comp, name, args))
  }

  load(): void {
    this.lifecycle('onLoad', this.query)
  }
  show(): void {
    this.lifecycle('onShow')
  }
  hide(): void {
    this.lifecycle('onHide')
  }
  unload(): void {
    this.lifecycle('onUnload')
  }

  /** Calls a page hook such as onShareAppMessage and returns its result. */
  hook<T>(name: string, ...args: unknown[]): T {
    if (!hasMethod(this.comp, name)) throw new Error(`page has no ${name}`)
    return this.lifecycle(name, ...args) as T
  }

  // ---- what a person sees -------------------------------------------------------------------------

  find(selector: string): El | null {
    return queryAll(this.comp, selector)[0] ?? null
  }

  all(selector: string): El[] {
    return queryAll(this.comp, selector)
  }

  exists(selector: string): boolean {
    return this.find(selector) !== null
  }

  private get(selector: string): El {
    const el = this.find(selector)
    if (!el) throw new Error(`nothing on the page matches ${selector}. The page shows:\n${this.visibleText()}`)
    return el
  }

  text(selector: string): string {
    return squash(this.get(selector).dom.textContent)
  }

  /** The text of every element matching `selector`, in order. */
  texts(selector: string): string[] {
    return this.all(selector).map((el) => squash(el.dom.textContent))
  }

  /** Everything a person can read on the page. */
  visibleText(): string {
    return squash(rootDom(this.comp).textContent)
  }

  /** A template attribute as WXML evaluated it (e.g. `disabled="{{busy}}"` → true/false). */
  attr(selector: string | El, name: string): unknown {
    return attr(typeof selector === 'string' ? this.get(selector) : selector, name)
  }

  isDisabled(selector: string | El): boolean {
    return isDisabled(typeof selector === 'string' ? this.get(selector) : selector)
  }

  // ---- what a person does (wechat-model/view/person.ts, shared with the playground) ---------------

  /** A person's tap, as WeChat delivers it (see person.ts's tap). */
  tap(selector: string | El): void {
    tap(typeof selector === 'string' ? this.get(selector) : selector, this)
  }

  /** A tap, then the page goes quiet: the usual way a test moves a person on. */
  async press(selector: string): Promise<void> {
    this.tap(selector)
    await settle()
  }

  /** Taps the n-th element matching a selector (e.g. one contact in a list). */
  tapNth(selector: string, index: number): void {
    const el = this.all(selector)[index]
    if (!el) throw new Error(`no element ${index} for ${selector}`)
    this.tap(el)
  }

  /**
   * Typing: delivered synchronously like taps, so a tap right after sees what was typed. A nickname field
   * (`type="nickname"`) then goes through WeChat's content check, which may empty it (§6.1).
   */
  input(selector: string | El, value: string): void {
    const el = typeof selector === 'string' ? this.get(selector) : selector
    typeInto(el, value, this)
    leaveField(el, this)
  }

  /**
   * The person opens a `<picker>`, chooses `value` and confirms (§8.7): its change event, as WeChat gives it.
   * A value the picker could not offer fails the test.
   */
  pick(selector: string, value: string | number): void {
    pick(this.get(selector), value, this)
  }

  change(selector: string, value: unknown): void {
    this.within(() => dispatch(this.get(selector), 'change', { value }))
  }
}
