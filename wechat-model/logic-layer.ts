// WeChat's logic layer without a view: what App(), Behavior() and Component() do with a definition, and a page's
// instance with its lifecycle and setData, each setData recorded (what would be sent to the view) rather than
// drawn; data crosses as JSON, as to a view. scripts/launch-probe.js times a launch of the built app on it, in a
// fresh Node process, as a phone's JavaScript thread runs it. Only what Duet's first page uses is modelled:
// anything else fails loudly.
import { clone } from './fake-wx'
import type { StackedPage } from './view/page-stack'

export type Definition = Record<string, unknown>
type Method = (this: LogicInstance, ...args: unknown[]) => unknown

/** What Behavior() returns: the definition, for the components that list it. */
interface BehaviorMark {
  readonly behaviorDefinition: Definition
}

/** Definition fields this model reads; a page using another (observers, relations...) is refused when created. */
const MODELLED = new Set(['data', 'methods', 'lifetimes', 'behaviors', 'options', 'definitionFilter'])
/** Fields WeChat reads that this model does not: fine in a definition only registered, refused in an instance. */
const NOT_MODELLED = new Set(['properties', 'observers', 'relations', 'externalClasses', 'pageLifetimes'])
const LIFETIMES = ['created', 'attached', 'ready', 'moved', 'detached', 'error'] as const

export function Behavior(definition: Definition): BehaviorMark {
  return { behaviorDefinition: definition }
}

const behaviorsOf = (d: Definition): Definition[] =>
  ((d.behaviors as BehaviorMark[] | undefined) ?? []).map((b) => {
    if (!b || typeof b !== 'object' || !('behaviorDefinition' in b))
      throw new Error(`a behavior not made by Behavior() (WeChat's built-in behaviors are not modelled): ${String(b)}`)
    return b.behaviorDefinition
  })

/**
 * A definition with its behaviors merged in WeChat's order: each behavior's (its own behaviors first) before the
 * component's own; data and methods of later ones win; every lifetime runs, in that order. Each behavior's
 * definitionFilter rewrites the definition that lists it first, as WeChat does.
 */
function flatten(d: Definition): Definition[] {
  for (const b of behaviorsOf(d)) (b.definitionFilter as ((def: Definition) => void) | undefined)?.(d)
  return [...behaviorsOf(d).flatMap(flatten), d]
}

/** What setData sends: each path's value, as given. */
export type Patch = Record<string, unknown>

/** One instance of a page or component, as Duet's code sees `this`. */
export interface LogicInstance extends Record<string, unknown> {
  data: Record<string, unknown>
  setData(patch: Patch, then?: () => void): void
}

/** Sets `path` ("a.b[2].c") in `data`, as setData does. */
function setPath(data: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '')
  let at = data as Record<string, unknown>
  for (const key of keys.slice(0, -1)) {
    if (at[key] === null || typeof at[key] !== 'object') at[key] = /^\d+$/.test(key) ? [] : {}
    at = at[key] as Record<string, unknown>
  }
  at[keys[keys.length - 1]] = value
}

/** The instance API that exists on a phone and is not modelled here: a call fails loudly. */
const UNMODELLED_API = [
  'selectComponent',
  'selectAllComponents',
  'createSelectorQuery',
  'createIntersectionObserver',
  'triggerEvent',
  'getOpenerEventChannel',
  'animate',
]

export class LogicLayer {
  /** App({...}), as WeChat holds it. */
  app: Partial<WechatMiniprogram.App.Option> = {}
  /** Component() definitions, by the module that registered them ("pages/contacts/index"). */
  readonly components = new Map<string, Definition>()
  /** Each definition with its behaviors, flattened once when registered (definitionFilters run then, as WeChat's). */
  private readonly flattened = new Map<string, Definition[]>()
  /** Every setData of every instance, in order, with when it returned (performance.now()). */
  readonly sent: Array<{ route: string; patch: Patch; at: number }> = []

  /** `onSetData` hears each setData once applied (a probe's clock, say). */
  constructor(private readonly onSetData: (route: string, patch: Patch) => void = () => undefined) {}
  /** The module now running: Component() registers under its name. */
  registering: string | null = null

  /** The globals a mini program's code finds: App, Component, Behavior, getApp. */
  globals(): Record<string, unknown> {
    return {
      App: (options: WechatMiniprogram.App.Option) => {
        this.app = options
      },
      getApp: () => this.app,
      Behavior,
      Component: (definition: Definition) => {
        if (!this.registering) throw new Error('Component() called outside a component or page module')
        this.components.set(this.registering, definition)
        this.flattened.set(this.registering, flatten(definition))
      },
      Page: () => {
        throw new Error('Page() is not modelled: Duet makes its pages with Component()')
      },
    }
  }

  /** A new instance of the component registered at `route`: created and attached run. */
  create(route: string): LogicInstance {
    const parts = this.flattened.get(route)
    if (!parts) throw new Error(`${route} did not call Component()`)
    for (const part of parts)
      for (const key of Object.keys(part)) {
        if (NOT_MODELLED.has(key)) throw new Error(`${route}: "${key}" is not modelled by the logic layer`)
        if (!MODELLED.has(key) && !LIFETIMES.includes(key as (typeof LIFETIMES)[number]) && key !== 'storeBindings')
          throw new Error(`${route}: unknown definition field "${key}"`)
      }
    const { sent, onSetData } = this
    const instance = {
      is: route,
      route,
      data: clone(Object.assign({}, ...parts.map((p) => p.data ?? {})) as Record<string, unknown>),
      setData(patch: Patch, then?: () => void) {
        for (const [path, value] of Object.entries(patch)) setPath(this.data, path, clone(value))
        sent.push({ route, patch, at: performance.now() })
        onSetData(route, patch)
        then?.()
      },
    } as LogicInstance
    for (const name of UNMODELLED_API)
      instance[name] = () => {
        throw new Error(`${route}: this.${name}() is not modelled by the logic layer`)
      }
    for (const part of parts)
      for (const [name, method] of Object.entries((part.methods as Record<string, Method>) ?? {}))
        instance[name] = method.bind(instance)
    const lifetime = (name: (typeof LIFETIMES)[number]) => {
      for (const part of parts) {
        const own = (part.lifetimes as Record<string, Method> | undefined)?.[name] ?? (part[name] as Method | undefined)
        own?.call(instance)
      }
    }
    lifetime('created')
    lifetime('attached')
    return instance
  }

  /** A page on WeChat's stack (wechat-model/view/page-stack.ts), its handlers run on the instance. */
  page(route: string, query: Record<string, string>): StackedPage & { instance: LogicInstance } {
    const instance = this.create(route)
    const run = (handler: string, ...args: unknown[]) => (instance[handler] as Method | undefined)?.(...args)
    return {
      route,
      query,
      instance,
      load: () => run('onLoad', query),
      show: () => run('onShow'),
      hide: () => run('onHide'),
      unload: () => run('onUnload'),
    }
  }
}
