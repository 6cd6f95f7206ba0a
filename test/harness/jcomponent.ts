// Loading and rendering pages through miniprogram-simulate and j-component in jest. Finding and driving their
// elements is wechat-model/view/elements.ts, shared with the playground: between the two, the only files to
// change if a version bump moves an internal.
type Simulate = typeof import('miniprogram-simulate')
export type Rendered = ReturnType<Simulate['render']>

import * as path from 'path'
import { Exparser, useExparser } from '../../wechat-model/view/elements'
import { ComponentGlobal, Definition, replayComponentDefinitions, SimulateUtils } from '../../wechat-model/view/replay'
import { weuiOptions } from '../../wechat-model/view/weui'
import { WEUI_DIST } from '../../wechat-model/view/styles'

const weuiByRoot = new Map<string, ReturnType<typeof weuiOptions>>()
/** WeUI's components for pages under `rootPath` (the same options on every load: see weuiOptions). */
function weuiFor(rootPath: string): ReturnType<typeof weuiOptions> {
  const known = weuiByRoot.get(rootPath)
  if (known) return known
  const options = weuiOptions(rootPath, path.resolve(__dirname, '../..', WEUI_DIST))
  weuiByRoot.set(rootPath, options)
  return options
}

export {
  ancestor,
  attr,
  attrs,
  dataset,
  descendants,
  dispatch,
  everyElement,
  queryAll,
  tagOf,
  callMethod,
  hasMethod,
  rootDom,
} from '../../wechat-model/view/elements'
export type { El } from '../../wechat-model/view/elements'

let loaded: { simulate: Simulate; exparser: Exparser } | null = null

/**
 * One miniprogram-simulate (and the exparser its j-component uses) per test file: requiring it costs
 * ~90 ms. Page modules it loads still resolve through jest's current registry, so each launch gets fresh
 * app modules and a fresh store.
 */
export function loadSimulate(): Simulate {
  if (!loaded) {
    const simulate = require('miniprogram-simulate') as Simulate
    const exparser = require('miniprogram-exparser') as Exparser
    // An exception in a page handler would otherwise only be logged: make it fail the test.
    exparser.globalOptions.throwGlobalError = true
    loaded = { simulate, exparser }
    useExparser(exparser)
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

function exparser(): Exparser {
  loadSimulate()
  return loaded!.exparser
}

/** Renders a registered page, not yet attached: store bindings first send their data on attach. */
export function renderPage(id: string): Rendered {
  const rendered = loadSimulate().render(id)
  keepWxsDateMethods()
  return rendered
}

const datePrototypesSeen = new Set<object>()

/**
 * WeChat's template compiler (wcc) gives its WXS runtime Date methods (`nv_getTime`, ...) by defining them on
 * `Date.prototype` once, when the first page's templates are compiled. Each jest fake clock installs a Date class
 * of its own, so in a later test `getDate()` made dates without them and every WXS date rendered empty (home's
 * last-call line, the history's times). The methods are carried onto whichever Date is current; a render and a
 * clock change (test/harness/page.ts) call this.
 */
export function keepWxsDateMethods(): void {
  datePrototypesSeen.add(Date.prototype)
  for (const seen of datePrototypesSeen) {
    for (const key of Object.getOwnPropertyNames(seen)) {
      if (key.startsWith('nv_') && !Object.prototype.hasOwnProperty.call(Date.prototype, key)) {
        Object.defineProperty(Date.prototype, key, Object.getOwnPropertyDescriptor(seen, key)!)
      }
    }
  }
}

/** Puts a rendered page into the document, as WeChat does when it opens one. */
export function attach(comp: Rendered): void {
  ;(comp as unknown as { attach(parent: Element): void }).attach(document.createElement('parent-wrapper'))
}

export function detach(comp: Rendered): void {
  ;(comp as unknown as { detach(): void }).detach()
}

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

/** simulate's page-module runs replayed as a phone runs them (see wechat-model/view/replay.ts). */
function installReplay(): void {
  if (replayInstalled) return
  replayInstalled = true
  replayComponentDefinitions({
    utils: require('miniprogram-simulate/src/utils') as SimulateUtils,
    globals: global as unknown as ComponentGlobal,
    // Through jest's registry: the module runs once per launch.
    runModule: (file) => require(file),
    wrap: reportingCreation,
  })
}

/** Registers a page (and the components it uses) for this launch; a page already registered is reused. */
export function register(pagePath: string, rootPath: string, registry: Map<string, string>): string {
  const known = registry.get(pagePath)
  if (known) return known
  const id = loadSimulate().load(pagePath, { rootPath, ...weuiFor(rootPath) })
  registry.set(pagePath, id)
  return id
}

/** A throwaway page from a template and methods, for testing the harness itself. */
export function registerInline(template: string, methods: Record<string, (this: unknown) => unknown>): string {
  return loadSimulate().load({ template, methods }) as unknown as string
}
