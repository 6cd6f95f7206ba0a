// What a person can do to a page, and what they can see on it.
import type { FakeWx } from '../fake-wx'

type Comp = ReturnType<typeof import('miniprogram-simulate').render>
type Node = { dom: HTMLElement; dispatchEvent(name: string, opts?: unknown): void }
import { loadSimulate } from './simulate'

/**
 * Lets WeChat's callbacks, promises and store → view updates run until the page is quiet. The fake
 * answers in microtasks, which one timer turn drains; a few turns cover code that waits on a timer.
 */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0))
}

export class PageHandle {
  constructor(readonly comp: Comp, private readonly fake: FakeWx) {}

  private get instance(): Record<string, unknown> {
    return this.comp.instance as unknown as Record<string, unknown>
  }

  load(query: Record<string, string>): void {
    const onLoad = this.instance.onLoad as ((q: Record<string, string>) => void) | undefined
    onLoad?.call(this.comp.instance, query)
  }

  show(): void {
    const onShow = this.instance.onShow as (() => void) | undefined
    onShow?.call(this.comp.instance)
  }

  /** Calls a page hook such as onShareAppMessage and returns its result. */
  hook<T>(name: string, ...args: unknown[]): T {
    const fn = this.instance[name] as ((...a: unknown[]) => T) | undefined
    if (!fn) throw new Error(`page has no ${name}`)
    return fn.apply(this.comp.instance, args)
  }

  find(selector: string): Node | null {
    return (this.comp.querySelector(selector) as unknown as Node | undefined) ?? null
  }

  all(selector: string): Node[] {
    return this.comp.querySelectorAll(selector) as unknown as Node[]
  }

  exists(selector: string): boolean {
    return this.find(selector) !== null
  }

  private get(selector: string): Node {
    const node = this.find(selector)
    if (!node) throw new Error(`nothing on the page matches ${selector}. The page shows:\n${this.visibleText()}`)
    return node
  }

  text(selector: string): string {
    return (this.get(selector).dom.textContent || '').replace(/\s+/g, ' ').trim()
  }

  /** Everything a person can read on the page. */
  visibleText(): string {
    return (this.comp.dom?.textContent || '').replace(/\s+/g, ' ').trim()
  }

  /** A template attribute as WXML evaluated it (e.g. `disabled="{{busy}}"` → true/false). */
  attr(selector: string, name: string, node: Node = this.get(selector)): unknown {
    const vt = (node.dom as unknown as { __wxElement: { _vt?: { attrs: Array<{ name: string; value: unknown }> } } })
      .__wxElement._vt
    // j-component keeps attributes camelCased: open-type → openType, aria-label → ariaLabel.
    const key = name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())
    return vt?.attrs.find((a) => a.name === key)?.value ?? null
  }

  isDisabled(selector: string, node: Node = this.get(selector)): boolean {
    const value = this.attr(selector, 'disabled', node)
    return value === true || value === 'true' || value === ''
  }

  /**
   * A person's tap. Delivered synchronously with the fake's "in a tap" flag set, so WeChat's rule that
   * openSetting works only inside a tap handler is checked. Open-type buttons do what WeChat does for them.
   */
  tap(selector: string, node: Node = this.get(selector)): void {
    if (node.dom.tagName === 'WX-BUTTON' && this.isDisabled(selector, node)) return
    this.fake.inTap = true
    try {
      this.dispatch(node, 'tap', {})
    } finally {
      this.fake.inTap = false
    }
    const openType = this.attr(selector, 'open-type', node)
    if (openType === 'agreePrivacyAuthorization') {
      const id = String(this.attr(selector, 'id', node) || '')
      this.fake.tapAgreePrivacyButton(id)
      this.dispatch(node, 'agreeprivacyauthorization', {})
    } else if (openType === 'openSetting') {
      const authSetting = this.fake.tapOpenSettingButton()
      this.dispatch(node, 'opensetting', { authSetting, errMsg: 'openSetting:ok' })
      this.show()
    }
  }

  /** Taps the n-th element matching a selector (e.g. one contact in a list). */
  tapNth(selector: string, index: number): void {
    const node = this.all(selector)[index]
    if (!node) throw new Error(`no element ${index} for ${selector}`)
    this.tap(selector, node)
  }

  /** Typing: delivered synchronously like taps, so a tap right after sees what was typed. */
  input(selector: string, value: string): void {
    this.dispatch(this.get(selector), 'input', { value })
  }

  change(selector: string, value: unknown): void {
    this.dispatch(this.get(selector), 'change', { value })
  }

  private dispatch(node: Node, name: string, detail: unknown): void {
    // j-component's own event system: dispatching through it is synchronous (see toolchain.md).
    const { exparser } = loadSimulate()
    const target = (node.dom as unknown as { __wxElement: unknown }).__wxElement
    exparser.Event.dispatchEvent(target, exparser.Event.create(name, detail, { bubbles: true, composed: true, capturePhase: true }))
  }
}
