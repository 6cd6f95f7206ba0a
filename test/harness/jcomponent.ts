// The one adapter over miniprogram-simulate, j-component and exparser internals. Everything else in the
// tests asks this file; if a version bump moves an internal, this is the only file to change.
type Simulate = typeof import('miniprogram-simulate')
export type Rendered = ReturnType<Simulate['render']>

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
interface Exparser {
  globalOptions: { throwGlobalError: boolean }
  Element: new () => unknown
  Event: {
    create(name: string, detail: unknown, options: Record<string, boolean>): unknown
    dispatchEvent(target: unknown, event: unknown): void
  }
}
interface ExparserStatics {
  Element: { matchSelector(selector: string, node: unknown): boolean }
}

/**
 * An element of a rendered page, wherever it sits (the page itself or a component inside it): its DOM, for
 * reading; its exparser node stays in this file.
 */
export interface El {
  readonly dom: HTMLElement
}

const nodes = new WeakMap<El, ExparserElement>()

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

let loaded: { simulate: Simulate; exparser: Exparser & ExparserStatics } | null = null

/**
 * One miniprogram-simulate (and the exparser its j-component uses) per test file: requiring it costs
 * ~90 ms. Page modules it loads still resolve through jest's current registry, so each launch gets fresh
 * app modules and a fresh store.
 */
export function loadSimulate(): Simulate {
  if (!loaded) {
    const simulate = require('miniprogram-simulate') as Simulate
    const exparser = require('miniprogram-exparser') as Exparser & ExparserStatics
    // An exception in a page handler would otherwise only be logged: make it fail the test.
    exparser.globalOptions.throwGlobalError = true
    loaded = { simulate, exparser }
    // In the same module registry as simulate itself, so the patched runJs is the one it calls.
    installReplay()
    installForgettableRegistry()
    // Every setData of every page and component passes here (the benchmark counts what crosses to views).
    const proto = (exparser as unknown as { Component: { prototype: { setData(d: object): void; is?: string } } })
      .Component.prototype
    const setData = proto.setData
    proto.setData = function (this: { is?: string }, data: object) {
      setDataListener?.(data as Record<string, unknown>, this.is ?? '')
      return setData.call(this, data)
    }
  }
  return loaded.simulate
}

type DataListener = (data: Record<string, unknown>, component: string) => void
let setDataListener: DataListener | null = null
let createdListener: DataListener | null = null

/** Hears every setData (pages and components, WeUI's too) until the returned function is called. */
export function watchSetData(listener: DataListener): () => void {
  loadSimulate()
  setDataListener = listener
  return () => {
    setDataListener = null
  }
}

/**
 * Hears every page and component as it is created, with its initial `data` (what WeChat sends its view with
 * it; properties come from the parent's data, which the view has already) and the file it comes from, until the
 * returned function is called.
 */
export function watchCreated(listener: DataListener): () => void {
  loadSimulate()
  createdListener = listener
  return () => {
    createdListener = null
  }
}

/** A definition (from `file`) whose instances report their initial data when created (see watchCreated). */
function reportingCreation(definition: Definition, file: string): Definition {
  const lifetimes = { ...(definition.lifetimes as Record<string, unknown> | undefined) }
  // A lifetimes entry overrides a top-level one, so the component's own `created` is called from here.
  const own = (lifetimes.created ?? definition.created) as ((this: unknown) => void) | undefined
  const properties = new Set(Object.keys((definition.properties as object | undefined) ?? {}))
  lifetimes.created = function (this: { data: Record<string, unknown> }) {
    if (createdListener) {
      const initial = Object.fromEntries(Object.entries(this.data).filter(([key]) => !properties.has(key)))
      createdListener(initial, file)
    }
    return own?.call(this)
  }
  return { ...definition, lifetimes }
}

function exparser(): Exparser & ExparserStatics {
  loadSimulate()
  return loaded!.exparser
}

const rootOf = (comp: Rendered) => (comp as unknown as { _exparserNode: ExparserElement })._exparserNode

/** Every element of the page that `keep` accepts, in document order, inside child components too. */
function collect(comp: Rendered, keep: (node: ExparserElement) => boolean): El[] {
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
export function queryAll(comp: Rendered, selector: string): El[] {
  return collect(comp, (node) => exparser().Element.matchSelector(selector, node))
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

/** Every element of the page, in document order. */
export function everyElement(comp: Rendered): El[] {
  return collect(comp, () => true)
}

/** A template attribute as WXML evaluated it, e.g. `disabled="{{busy}}"` → true; null when absent. */
export function attr(el: El, name: string): unknown {
  // j-component keeps attributes camelCased: open-type → openType, aria-label → ariaLabel.
  const key = name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())
  // data-* attributes become the element's dataset: data-weui-theme → weuiTheme.
  if (name.startsWith('data-')) return nodeOf(el).dataset?.[key.charAt(4).toLowerCase() + key.slice(5)] ?? null
  return nodeOf(el)._vt?.attrs.find((a) => a.name === key)?.value ?? null
}

/** Every evaluated attribute, for drawing the page outside the simulator (the gallery). */
export function attrs(el: El): Array<{ name: string; value: unknown }> {
  return nodeOf(el)._vt?.attrs ?? []
}

export function dataset(el: El): Record<string, unknown> {
  return { ...nodeOf(el).dataset }
}

export const tagOf = (el: El): string => el.dom.tagName.toLowerCase().replace(/^wx-/, '')

/**
 * Delivers an event the way j-component does internally, but synchronously (its own dispatchEvent waits a
 * microtask, so a handler could not be told from code after an `await`; see the tap rule in the fake).
 */
export function dispatch(el: El, name: string, detail: unknown): void {
  const ex = exparser()
  ex.Event.dispatchEvent(
    nodeOf(el),
    ex.Event.create(name, detail, { bubbles: true, composed: true, capturePhase: true }),
  )
}

/** Renders a registered page, not yet attached: store bindings first send their data on attach. */
export function renderPage(id: string): Rendered {
  return loadSimulate().render(id)
}

/** Puts a rendered page into the document, as WeChat does when it opens one. */
export function attach(comp: Rendered): void {
  ;(comp as unknown as { attach(parent: Element): void }).attach(document.createElement('parent-wrapper'))
}

export function detach(comp: Rendered): void {
  ;(comp as unknown as { detach(): void }).detach()
}

/** The page's own method `name` (a lifecycle method such as onLoad, or a hook), if it has one. */
export function hasMethod(comp: Rendered, name: string): boolean {
  return typeof (comp.instance as unknown as Record<string, unknown>)[name] === 'function'
}

/** Calls the page's method `name` with the page as `this`, as WeChat does; nothing when it has none. */
export function callMethod(comp: Rendered, name: string, args: unknown[]): unknown {
  const page = comp.instance as unknown as Record<string, unknown>
  const method = page[name]
  return typeof method === 'function' ? (method as (...a: unknown[]) => unknown).apply(page, args) : undefined
}

export function rootDom(comp: Rendered): HTMLElement {
  return comp.dom as HTMLElement
}

/**
 * A page's WXSS compiled the way miniprogram-simulate compiles it when it renders the page: each class
 * prefixed with `prefix` (the gallery draws built pages outside the simulator with it).
 */
export function compileWxss(wxss: string, prefix: string): string {
  const compiler = require('miniprogram-simulate/src/wxss') as { compile(css: string, o: { prefix: string }): string }
  return compiler.compile(wxss, { prefix })
}

/** A component definition as passed to Component(). */
type Definition = Record<string, unknown>

/**
 * j-component keeps every component it ever registered (its definition, and so the modules and the store of
 * the launch it came from) in a private cache, and exparser keeps each one's registration and behaviors: a
 * worker that launches Duet ten thousand times would keep ten thousand stores (1.5 MB a launch). The cache is reached through the utils
 * module's `cache` function, so it is replaced with one that can forget; `forgetEarlierLaunches` drops what
 * earlier launches registered from both.
 */
const registeredNow = new Set<string>()
const registeredBefore = new Set<string>()
const managers = new Map<string, unknown>()
function installForgettableRegistry(): void {
  const utils = require('j-component/src/tool/utils') as { cache(id: string, instance?: unknown): unknown }
  // What was registered before this (the built-in view, button, …) stays in the original cache.
  const original = utils.cache
  utils.cache = (id: string, instance?: unknown) => {
    if (instance === undefined) return managers.get(id) ?? original(id)
    managers.set(id, instance)
    registeredNow.add(id)
    return undefined
  }
}

/** Behaviors (Behavior() calls, and the bindings' own) seen so far, and those of the launch before this one. */
const behaviorsSeen = new Set<string>()
let behaviorsBefore: string[] = []

/**
 * A relaunch: what the launch before last registered is dropped (the current launch's pages, and the last
 * one's, which a test may still be looking at, keep working).
 */
export function forgetEarlierLaunches(): void {
  const ex = exparser() as unknown as {
    Component: { _list: Record<string, unknown> }
    Behavior: { _list: Record<string, unknown> }
  }
  for (const id of registeredBefore) {
    managers.delete(id)
    delete ex.Component._list[id]
  }
  registeredBefore.clear()
  for (const id of registeredNow) registeredBefore.add(id)
  registeredNow.clear()
  for (const id of behaviorsBefore) delete ex.Behavior._list[id]
  behaviorsBefore = Object.keys(ex.Behavior._list).filter((id) => !behaviorsSeen.has(id))
  for (const id of behaviorsBefore) behaviorsSeen.add(id)
}

let replayInstalled = false

/**
 * simulate registers a page's child components by running their scripts, once per page that uses them; jest
 * caches modules, so the second page's run returns the cached module and registers nothing (the child
 * renders empty, silently). This records each definition the first time its script runs in a registry and
 * replays it when the module comes back from the cache. Keeps the child's WXSS and components' relations.
 */
function installReplay(): void {
  if (replayInstalled) return
  replayInstalled = true
  const utils = require('miniprogram-simulate/src/utils') as { runJs(file: string): void }
  const g = global as unknown as { Component: (d: Definition) => unknown }
  const simulateComponent = g.Component
  const definitions = new Map<string, Definition>()
  let running: string | null = null
  let called = false
  // mobx-miniprogram-bindings and simulate both rewrite parts of a definition in place: keep pristine copies.
  const copy = (d: Definition): Definition => {
    const out: Definition = { ...d }
    for (const key of ['methods', 'options', 'lifetimes', 'pageLifetimes', 'data']) {
      if (d[key] && typeof d[key] === 'object') out[key] = { ...(d[key] as object) }
    }
    if (Array.isArray(d.behaviors)) out.behaviors = [...d.behaviors]
    if (d.relations && typeof d.relations === 'object') {
      out.relations = Object.fromEntries(
        Object.entries(d.relations as Record<string, object>).map(([k, v]) => [k, { ...v }]),
      )
    }
    return out
  }
  g.Component = (definition: Definition) => {
    if (running) {
      definitions.set(running, copy(definition))
      called = true
    }
    return simulateComponent(reportingCreation(definition, running ?? ''))
  }
  utils.runJs = (file: string) => {
    running = file
    called = false
    try {
      require(file)
    } finally {
      running = null
    }
    if (called) return
    const definition = definitions.get(file)
    if (!definition) throw new Error(`${file} did not call Component()`)
    simulateComponent(reportingCreation(copy(definition), file))
  }
}

/** Registers a page (and the components it uses) for this launch; a page already registered is reused. */
export function register(pagePath: string, rootPath: string, registry: Map<string, string>): string {
  const known = registry.get(pagePath)
  if (known) return known
  const id = loadSimulate().load(pagePath, { rootPath, ...weuiOptions(rootPath) })
  registry.set(pagePath, id)
  return id
}

/** What a json names to use WeUI from WeChat's extended library (app.json `useExtendedLib.weui`). */
const WEUI_PREFIX = 'weui-miniprogram/'
const weuiByRoot = new Map<string, Record<string, unknown>>()

/**
 * On a phone WeChat supplies WeUI's components; here they come from the npm package's build, outside the
 * mini program's root: each tag a json maps to `weui-miniprogram/…` is pointed there, and the template
 * compiler (which runs once per root, so these options must be the same on every load) is given its files.
 */
function weuiOptions(rootPath: string): Record<string, unknown> {
  const known = weuiByRoot.get(rootPath)
  if (known) return known
  const fs = require('fs') as typeof import('fs')
  const path = require('path') as typeof import('path')
  const dist = path.resolve(__dirname, '../../node_modules/weui-miniprogram/miniprogram_dist')
  const outside = path.relative(rootPath, dist).split(path.sep).join('/')
  const filesUnder = (dir: string, ext: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      if (e.isDirectory())
        return e.name === 'miniprogram_npm' || e.name === 'node_modules'
          ? []
          : filesUnder(path.join(dir, e.name), ext).map((f) => `${e.name}/${f}`)
      return e.name.endsWith(ext) ? [e.name] : []
    })
  const usingComponents: Record<string, string> = {}
  for (const json of filesUnder(rootPath, '.json')) {
    const using =
      (JSON.parse(fs.readFileSync(path.join(rootPath, json), 'utf8')) as { usingComponents?: Record<string, string> })
        .usingComponents ?? {}
    for (const [tag, target] of Object.entries(using))
      if (target.startsWith(WEUI_PREFIX)) usingComponents[tag] = `/${outside}/${target.slice(WEUI_PREFIX.length)}`
  }
  const both = (ext: string) => [...filesUnder(rootPath, ext), ...filesUnder(dist, ext).map((f) => `${outside}/${f}`)]
  const options = { usingComponents, compilerOptions: { wxmlList: both('.wxml'), wxsList: both('.wxs') } }
  weuiByRoot.set(rootPath, options)
  return options
}

/** A throwaway page from a template and methods, for testing the harness itself. */
export function registerInline(template: string, methods: Record<string, (this: unknown) => unknown>): string {
  return loadSimulate().load({ template, methods }) as unknown as string
}
