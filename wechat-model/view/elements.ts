// The elements of a page as j-component renders it (exparser nodes, each with its DOM): finding them, reading
// their template attributes and sending them events. The tests' harness and the playground both look at pages
// through this one adapter over exparser's internals; whoever loads miniprogram-simulate hands it exparser.
interface ExparserElement {
  __id: string
  parentNode: ExparserElement | null
  /** For a shadow root: the component element it belongs to. */
  __wxHost?: ExparserElement
  childNodes: ExparserElement[]
  shadowRoot?: ExparserElement
  $$: HTMLElement | null
  dataset?: Record<string, unknown>
  _vt?: { attrs: Array<{ name: string; value: unknown }> }
}
export interface Exparser {
  globalOptions: { throwGlobalError: boolean }
  Element: (new () => unknown) & { matchSelector(selector: string, node: unknown): boolean }
  Event: {
    create(name: string, detail: unknown, options: Record<string, boolean>): unknown
    dispatchEvent(target: unknown, event: unknown): void
  }
}

/** A rendered page (simulate.render's result) as far as this adapter looks into it. */
export interface RenderedPage {
  dom: unknown
  instance: unknown
}

/**
 * An element of a rendered page, wherever it sits (the page itself or a component inside it): its DOM, for
 * reading; its exparser node stays in this file.
 */
export interface El {
  readonly dom: HTMLElement
}

const nodes = new WeakMap<El, ExparserElement>()
let current: Exparser | null = null

/** The exparser that j-component renders with: called once simulate is loaded. */
export function useExparser(exparser: Exparser): void {
  current = exparser
}

function exparser(): Exparser {
  if (!current) throw new Error('no page has been rendered: load miniprogram-simulate first')
  return current
}

function elementOf(node: ExparserElement, dom: HTMLElement): El {
  const el: El = { dom }
  nodes.set(el, node)
  return el
}

function nodeOf(el: El): ExparserElement {
  const node = nodes.get(el)
  if (!node) throw new Error('not an element this adapter found')
  return node
}

const rootOf = (comp: RenderedPage) => (comp as unknown as { _exparserNode: ExparserElement })._exparserNode

/** Every element of the page that `keep` accepts, in document order, inside child components too. */
function collect(comp: RenderedPage, keep: (node: ExparserElement) => boolean): El[] {
  const ex = exparser()
  const found: El[] = []
  const visit = (node: ExparserElement) => {
    if (node instanceof ex.Element && node.$$ && keep(node)) found.push(elementOf(node, node.$$))
    if (node.shadowRoot) visit(node.shadowRoot)
    for (const child of node.childNodes ?? []) visit(child)
  }
  const root = rootOf(comp)
  if (root.shadowRoot) visit(root.shadowRoot)
  return found
}

/** Every element matching `selector` (#id, .class, as exparser selects), in document order. */
export function queryAll(comp: RenderedPage, selector: string): El[] {
  return collect(comp, (node) => exparser().Element.matchSelector(selector, node))
}

/** Every element of the page, in document order. */
export function everyElement(comp: RenderedPage): El[] {
  return collect(comp, () => true)
}

/** The element whose DOM is `dom` or holds it (what a click in the browser landed on), if it is one. */
export function elementAt(dom: Element | null): El | null {
  for (let d = dom; d; d = d.parentElement) {
    const node = (d as unknown as { __wxElement?: ExparserElement }).__wxElement
    if (node?.$$) return elementOf(node, node.$$)
  }
  return null
}

/** The nearest enclosing element with this tag, across component boundaries. */
export function ancestor(el: El, tag: string): El | null {
  const start = nodeOf(el)
  for (let node = start.parentNode ?? start.__wxHost ?? null; node; node = node.parentNode ?? node.__wxHost ?? null) {
    if (node.$$ && node.$$.tagName.toLowerCase().replace(/^wx-/, '') === tag) return elementOf(node, node.$$)
  }
  return null
}

/** Every element inside `el`, in document order. */
export function descendants(el: El): El[] {
  const ex = exparser()
  const found: El[] = []
  const visit = (node: ExparserElement) => {
    for (const child of node.childNodes ?? []) {
      if (child instanceof ex.Element && child.$$) found.push(elementOf(child, child.$$))
      if (child.shadowRoot) visit(child.shadowRoot)
      visit(child)
    }
  }
  visit(nodeOf(el))
  return found
}

/** A template attribute as WXML evaluated it, e.g. `disabled="{{busy}}"` → true; null when absent. */
export function attr(el: El, name: string): unknown {
  // j-component keeps attributes camelCased: open-type → openType, aria-label → ariaLabel.
  const key = name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())
  // data-* attributes become the element's dataset: data-weui-theme → weuiTheme.
  if (name.startsWith('data-')) return nodeOf(el).dataset?.[key.charAt(4).toLowerCase() + key.slice(5)] ?? null
  return nodeOf(el)._vt?.attrs.find((a) => a.name === key)?.value ?? null
}

/** Every evaluated attribute, for drawing the page outside the simulator (the gallery, the playground). */
export function attrs(el: El): Array<{ name: string; value: unknown }> {
  return nodeOf(el)._vt?.attrs ?? []
}

export function dataset(el: El): Record<string, unknown> {
  return { ...nodeOf(el).dataset }
}

export const tagOf = (el: El): string => el.dom.tagName.toLowerCase().replace(/^wx-/, '')

/**
 * Delivers an event the way j-component does internally, but synchronously (its own dispatchEvent waits a
 * microtask, so a handler could not be told from code after an `await`; see the tap rule in the model).
 */
export function dispatch(el: El, name: string, detail: unknown): void {
  const ex = exparser()
  ex.Event.dispatchEvent(
    nodeOf(el),
    ex.Event.create(name, detail, { bubbles: true, composed: true, capturePhase: true }),
  )
}

export function rootDom(comp: RenderedPage): HTMLElement {
  return comp.dom as HTMLElement
}

/** The page's own method `name` (a lifecycle method such as onLoad, or a hook), if it has one. */
export function hasMethod(comp: RenderedPage, name: string): boolean {
  return typeof (comp.instance as Record<string, unknown>)[name] === 'function'
}

/** Calls the page's method `name` with the page as `this`, as WeChat does; nothing when it has none. */
export function callMethod(comp: RenderedPage, name: string, args: unknown[]): unknown {
  const page = comp.instance as Record<string, unknown>
  const method = page[name]
  return typeof method === 'function' ? (method as (...a: unknown[]) => unknown).apply(page, args) : undefined
}
