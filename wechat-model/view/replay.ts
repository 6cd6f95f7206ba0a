// simulate registers a page's child components by running their scripts, once per page that uses them. On a
// phone (and in jest's module cache, and in the playground's loader) a module runs once: the second page's run
// registers nothing and the child renders empty, silently. This records each definition the first time its
// script runs and replays it when the module does not run again. Keeps the child's WXSS and relations.

/** A component definition as passed to Component(). */
export type Definition = Record<string, unknown>
/** simulate's utils module, whose runJs runs a component's script. */
export interface SimulateUtils {
  runJs(file: string): void
}
/** Where simulate puts its Component() (the global object of the phone). */
export interface ComponentGlobal {
  Component: (definition: Definition) => unknown
}

// mobx-miniprogram-bindings and simulate both rewrite parts of a definition in place: keep pristine copies.
function copy(d: Definition): Definition {
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

/**
 * Replaces simulate's runJs: `runModule` runs the script at `file` (once, as its loader caches modules), and a
 * definition seen before is replayed when it does not run. `wrap` may decorate each definition registered.
 */
export function replayComponentDefinitions(o: {
  utils: SimulateUtils
  globals: ComponentGlobal
  runModule: (file: string) => void
  wrap?: (definition: Definition, file: string) => Definition
}): void {
  const wrap = o.wrap ?? ((d: Definition) => d)
  const simulateComponent = o.globals.Component
  const definitions = new Map<string, Definition>()
  let running: string | null = null
  let called = false
  o.globals.Component = (definition: Definition) => {
    if (running) {
      definitions.set(running, copy(definition))
      called = true
    }
    return simulateComponent(wrap(definition, running ?? ''))
  }
  o.utils.runJs = (file: string) => {
    running = file
    called = false
    try {
      o.runModule(file)
    } finally {
      running = null
    }
    if (called) return
    const definition = definitions.get(file)
    if (!definition) throw new Error(`${file} did not call Component()`)
    simulateComponent(wrap(copy(definition), file))
  }
}
