// The logic layer without a view (wechat-model/logic-layer.ts), on which scripts/launch-probe.js times a launch:
// behaviors merge in WeChat's order, a behavior's definitionFilter rewrites the definition that lists it, setData
// applies paths and is recorded, and what it does not model fails loudly.
import { Definition, LogicLayer } from '../../wechat-model/logic-layer'

type Globals = {
  Behavior: (d: Definition) => unknown
  Component: (d: Definition) => void
}

/** Registers `definition` as the module at `route`, as the probe does while that module runs. */
function register(layer: LogicLayer, route: string, definition: (g: Globals) => Definition): void {
  const g = layer.globals() as Globals
  layer.registering = route
  g.Component(definition(g))
  layer.registering = null
}

test("behaviors' data, methods and lifetimes come first, the component's own last", () => {
  const layer = new LogicLayer()
  const order: string[] = []
  register(layer, 'pages/a/index', (g) => ({
    behaviors: [
      g.Behavior({
        data: { shared: 'behavior', own: 1 },
        lifetimes: { attached: () => order.push('behavior attached') },
        methods: { who: () => 'behavior', only: () => 'behavior only' },
      }),
    ],
    data: { shared: 'page' },
    lifetimes: { created: () => order.push('page created'), attached: () => order.push('page attached') },
    methods: { who: () => 'page', onLoad: () => order.push('onLoad') },
  }))
  const page = layer.page('pages/a/index', {})
  page.load()
  expect(page.instance.data).toEqual({ shared: 'page', own: 1 })
  expect((page.instance.who as () => string)()).toBe('page')
  expect((page.instance.only as () => string)()).toBe('behavior only')
  expect(order).toEqual(['page created', 'behavior attached', 'page attached', 'onLoad'])
})

test("a behavior's definitionFilter rewrites the definition that lists it, before it is merged", () => {
  const layer = new LogicLayer()
  register(layer, 'pages/a/index', (g) => ({
    behaviors: [
      g.Behavior({
        definitionFilter: (d: Definition) => {
          d.methods = { ...(d.methods as object), added: () => d.storeBindings }
        },
      }),
    ],
    storeBindings: 'bound',
  }))
  expect((layer.create('pages/a/index').added as () => string)()).toBe('bound')
})

test('setData applies each path and is recorded, in order', () => {
  const heard: string[] = []
  const layer = new LogicLayer((route) => heard.push(route))
  register(layer, 'pages/a/index', () => ({ data: { rows: { a: { n: 1 } }, list: [] } }))
  const page = layer.create('pages/a/index')
  page.setData({ 'rows.a.n': 2, 'list[1]': 'x', top: true })
  expect(page.data).toEqual({ rows: { a: { n: 2 } }, list: [undefined, 'x'], top: true })
  expect(layer.sent.map((s) => s.patch)).toEqual([{ 'rows.a.n': 2, 'list[1]': 'x', top: true }])
  expect(heard).toEqual(['pages/a/index'])
})

test('what it does not model fails loudly', () => {
  const layer = new LogicLayer()
  register(layer, 'pages/observed/index', () => ({ observers: { x: () => undefined } }))
  expect(() => layer.create('pages/observed/index')).toThrow('"observers" is not modelled')
  register(layer, 'pages/odd/index', () => ({ somethingElse: 1 }))
  expect(() => layer.create('pages/odd/index')).toThrow('unknown definition field "somethingElse"')
  register(layer, 'pages/a/index', () => ({}))
  expect(() => (layer.create('pages/a/index').selectComponent as () => void)()).toThrow('not modelled')
  expect(() => layer.create('pages/never/index')).toThrow('did not call Component()')
  expect(() => (layer.globals() as Globals).Component({})).toThrow('outside a component or page module')
})
