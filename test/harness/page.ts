// What a person can do on a page, and what they can see there.
import type { FakeWx } from '../../wechat-model'
import {
  ancestor,
  attr,
  callMethod,
  dataset,
  descendants,
  dispatch,
  El,
  hasMethod,
  queryAll,
  Rendered,
  rootDom,
  tagOf,
} from './jcomponent'

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
  fakeClock = true
}

/** Back to real timers (an afterEach of tests that used the fake clock). */
export function useRealClock(): void {
  jest.useRealTimers()
  fakeClock = false
}

/** A mini program that is closed takes its pending timers with it: a relaunch calls this. */
export function dropPendingTimers(): void {
  if (fakeClock) jest.clearAllTimers()
}

const squash = (text: string | null) => (text || '').replace(/\s+/g, ' ').trim()

/** Who put a page on the stack: Duet, through WeChat's route APIs, or the person (a card, a test's say-so). */
export type OpenedBy = 'duet' | 'person'

export class PageHandle {
  /** What the person typed into each input, by its element: what a form submits (the simulator's inputs keep no value). */
  private readonly typed = new WeakMap<HTMLElement, string>()

  constructor(
    readonly route: string,
    readonly query: Record<string, string>,
    readonly comp: Rendered,
    private readonly fake: FakeWx,
    readonly openedBy: OpenedBy = 'person',
    /** Runs work as this page's phone (see LaunchedApp.within). */
    private readonly within: <T>(work: () => T) => T = (work) => work(),
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
    const value = this.attr(selector, 'disabled')
    return value === true || value === 'true' || value === ''
  }

  // ---- what a person does -------------------------------------------------------------------------

  /**
   * A person's tap. Delivered synchronously with the fake's "in a tap" flag set, so WeChat's rule that
   * openSetting works only inside a tap handler is checked. An open-type button then does what WeChat
   * does for it (the fake decides), and WeChat's answer reaches the button's handler.
   */
  tap(selector: string | El): void {
    const el = typeof selector === 'string' ? this.get(selector) : selector
    if (tagOf(el) === 'button' && this.isDisabled(el)) return
    this.within(() => {
      this.fake.inTap = true
      try {
        dispatch(el, 'tap', {})
      } finally {
        this.fake.inTap = false
      }
      if (tagOf(el) !== 'button') return
      if (attr(el, 'form-type') === 'submit') this.submit(el)
      const openType = attr(el, 'open-type')
      if (typeof openType !== 'string' || !openType) return
      const button = { openType, id: String(attr(el, 'id') ?? ''), dataset: dataset(el) }
      const page = { route: this.route, shareAppMessage: (from: unknown) => this.hook('onShareAppMessage', from) }
      for (const event of this.fake.ui.pressButton(button, page)) dispatch(el, event.name, event.detail)
    })
  }

  /** A submit button inside a `<form>`: the form's submit event carries each named field's value. */
  private submit(button: El): void {
    const form = ancestor(button, 'form')
    if (!form) return
    const value: Record<string, unknown> = {}
    for (const field of descendants(form)) {
      const name = attr(field, 'name')
      if (typeof name !== 'string' || !name) continue
      const tag = tagOf(field)
      if (tag === 'switch' || tag === 'checkbox') value[name] = attr(field, 'checked') === true
      else value[name] = this.typed.get(field.dom) ?? attr(field, 'value') ?? ''
    }
    dispatch(form, 'submit', { value })
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
    this.within(() => {
      this.typed.set(el.dom, value)
      dispatch(el, 'input', { value })
      if (attr(el, 'type') !== 'nickname') return
      const review = this.fake.ui.reviewNickname(value)
      if (!review.pass) {
        this.typed.set(el.dom, review.value)
        dispatch(el, 'input', { value: review.value })
      }
      dispatch(el, 'nicknamereview', { pass: review.pass, timeout: false })
    })
  }

  /**
   * The person opens a `<picker>`, chooses `value` and confirms (§8.7): its change event, as WeChat gives it.
   * A value the picker could not offer fails the test.
   */
  pick(selector: string, value: string | number): void {
    const el = this.get(selector)
    if (tagOf(el) !== 'picker') throw new Error(`${selector} is a <${tagOf(el)}>, not a <picker>`)
    this.within(() => {
      this.fake.inTap = true
      try {
        const shown = {
          mode: attr(el, 'mode'),
          start: attr(el, 'start'),
          end: attr(el, 'end'),
          range: attr(el, 'range'),
        }
        dispatch(el, 'change', this.fake.ui.pickerChange(shown, value))
      } finally {
        this.fake.inTap = false
      }
    })
  }

  change(selector: string, value: unknown): void {
    this.within(() => dispatch(this.get(selector), 'change', { value }))
  }
}
