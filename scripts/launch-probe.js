#!/usr/bin/env node
// The fixed launch as a phone pays it (issue 22): in this fresh Node process, the built app (dist/) runs on the
// model of WeChat's logic layer (wechat-model/logic-layer.ts) with nothing stored: app.js evaluated, onLaunch,
// onShow, app.json's first page loaded (its code and its components' code evaluated, created, attached, onLoad,
// onShow) until what it sends first to the view is computed (its setData, once the launch settles). Prints one
// JSON line: wall and CPU ms from before app.js to the last of those setData. The model is bundled by esbuild
// beforehand (`--build`, or on first use) and loaded, with dist/'s files read, before the clock starts.
//   node scripts/launch-probe.js               one launch, timed
//   node scripts/launch-probe.js --model-only  only what comes before the clock (the whole-process baseline)
//   node scripts/launch-probe.js --runs 7      seven launches, each in its own process: their median and best
//   node scripts/launch-probe.js --dist DIR    one launch of the build in DIR
// Exits non-zero, saying why, when the launch throws or the first page has not received its data.
const fs = require('fs')
const path = require('path')
const { Buffer } = require('buffer')
const { execFileSync } = require('child_process')
const { performance } = require('perf_hooks')
const { setImmediate } = require('timers')

const ROOT = path.resolve(__dirname, '..')
/** The build to launch: dist/, or another (`--dist DIR`, as a test's broken copy). */
const distAt = process.argv.indexOf('--dist')
const DIST = distAt > 0 ? path.resolve(process.argv[distAt + 1]) : path.join(ROOT, 'dist')
const MODEL = path.join(ROOT, 'bench/launch-probe-model.js')

/** The model of WeChat bundled for Node (about 0.3 s; never in the time). */
function buildModel() {
  require('./playground-build').ensureDist()
  const modelDir = path.join(ROOT, 'wechat-model')
  require('esbuild').buildSync({
    stdin: {
      contents: [
        `export { createFakeWx, FakeCloud, TEST_CLOUD_ENV, TEST_RING_TEMPLATE } from './index'`,
        `export { LogicLayer } from './logic-layer'`,
        `export { moduleLoader } from './modules'`,
        `export { PageStack, parseUrl } from './view/page-stack'`,
      ].join('\n'),
      resolveDir: modelDir,
      loader: 'ts',
    },
    outfile: MODEL,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    define: { __dirname: JSON.stringify(modelDir), __filename: JSON.stringify(path.join(modelDir, 'index.ts')) },
    logLevel: 'error',
  })
}

/** Every file of the package, as the phone has it once downloaded: path under dist/ → text. */
function readPackage() {
  const files = new Map()
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name)
      if (e.isDirectory()) walk(full)
      else if (/\.(js|json)$/.test(e.name))
        files.set(`/${path.relative(DIST, full).split(path.sep).join('/')}`, fs.readFileSync(full, 'utf8'))
    }
  }
  walk(DIST)
  return files
}

function fail(message) {
  process.stderr.write(`launch-probe: ${message}\n`)
  process.exit(1)
}

async function launchOnce() {
  const stale = () => fs.statSync(MODEL).mtimeMs < require('./playground-build').newest(path.join(ROOT, 'wechat-model'))
  if (!fs.existsSync(MODEL) || stale()) buildModel()
  const model = require(MODEL)
  const files = readPackage()
  if (process.argv.includes('--model-only')) return
  process.on('unhandledRejection', (reason) => fail(`unhandled rejection: ${reason?.stack ?? reason}`))

  // WeChat as a phone with nothing stored; its globals as a mini program's code finds them.
  const appJson = JSON.parse(files.get('/app.json'))
  // Deployed with WeChat Cloud; a function's answer comes over the network, after the first page has drawn: the
  // function's run is the server's work, not the phone's launch, so none answers here.
  class CloudAnsweringLater extends model.FakeCloud {
    invoke() {
      return new Promise(() => undefined)
    }
  }
  const fake = model.createFakeWx({}, {}, new CloudAnsweringLater())
  fake.knownPages = appJson.pages
  fake.darkmode = appJson.darkmode === true
  const cpu = () => {
    const { user, system } = process.cpuUsage()
    return (user + system) / 1000
  }
  const firstPage = appJson.pages[0]
  /** The clocks at each of the first page's setData: its first, and its last once the launch has settled. */
  const sentAt = []
  const layer = new model.LogicLayer((route) => {
    if (route === firstPage) sentAt.push({ wall: performance.now(), cpu: cpu() })
  })
  const requireFile = model.moduleLoader((file) => files.get(file), '/')
  /** lazyCodeLoading "requiredComponents": a page's code runs when it opens, with its own components' code. */
  const registerComponent = (route) => {
    if (layer.components.has(route)) return
    const json = JSON.parse(files.get(`/${route}.json`) ?? '{}')
    for (const used of Object.values(json.usingComponents ?? {}))
      // WeUI comes with WeChat (useExtendedLib): already loaded, as it is on a phone.
      if (used.startsWith('/')) registerComponent(used.slice(1))
    layer.registering = route
    try {
      requireFile(`/${route}.js`)
    } finally {
      layer.registering = null
    }
  }
  /** Pages in the order they opened: the first page first, then any it hands over to. */
  const opened = []
  const pages = new model.PageStack(
    (route, query) => {
      registerComponent(route)
      const page = layer.page(route, query)
      opened.push(page)
      return page
    },
    () => undefined,
  )
  const showApp = () => layer.app.onShow?.({ path: pages.top()?.route ?? appJson.pages[0], query: {}, scene: 1001 })
  pages.connect(fake, showApp)
  Object.assign(global, layer.globals(), {
    wx: fake.wx,
    getCurrentPages: () => pages.pages.map((p) => p.instance),
  })

  const startedCpu = cpu()
  const started = performance.now()
  try {
    Object.assign(requireFile('/config.js').config, {
      cloudEnv: model.TEST_CLOUD_ENV,
      ringTemplateId: model.TEST_RING_TEMPLATE,
    })
    requireFile('/app.js')
    if (!layer.app.onLaunch) throw new Error('app.js did not call App() with onLaunch')
    layer.app.onLaunch({ path: firstPage, query: {}, scene: 1001 })
    showApp()
    fake.ui.tapCard(firstPage)
    // What the launch leaves to the next turns (setData batched by wx.nextTick, promises) runs before the end.
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r))
  } catch (error) {
    fail(`the launch threw: ${error?.stack ?? error}`)
  }
  const page = opened[0]
  if (page?.route !== firstPage) fail(`the first page did not open (opened: ${page?.route ?? 'none'})`)
  const sent = layer.sent.filter((s) => s.route === firstPage)
  if (!sent.length) fail(`${firstPage} sent nothing to its view`)
  // Every store-bound field of the page reached its data: the first page has what it shows.
  const bindings = page.instance._mobxMiniprogramBindings
  const fields = Object.keys(layer.components.get(firstPage).storeBindings?.fields ?? {})
  const missing = fields.filter((f) => !(f in page.instance.data))
  if (!bindings || missing.length) fail(`${firstPage}'s store bindings did not reach its data: ${missing.join(', ')}`)
  if (fake.problems.length) fail(`the model of WeChat recorded problems: ${fake.problems.join('; ')}`)
  const ms = (n) => Math.round(n * 100) / 100
  const [first, last] = [sentAt[0], sentAt[sentAt.length - 1]]
  console.log(
    JSON.stringify({
      page: firstPage,
      // To the first setData (the goal's measure), and to the last the page makes while the launch settles.
      wallMs: ms(first.wall - started),
      cpuMs: ms(first.cpu - startedCpu),
      settledWallMs: ms(last.wall - started),
      settledCpuMs: ms(last.cpu - startedCpu),
      setData: sent.length,
      sentBytes: Buffer.byteLength(JSON.stringify(sent.map((s) => s.patch))),
      dataKeys: Object.keys(page.instance.data).length,
      // A person new to Duet: home hands them to the walkthrough (after its first data, not in the time).
      then: opened.slice(1).map((p) => p.route),
    }),
  )
  process.exit(0)
}

/** `runs` launches, each in a fresh process: every run's figures, their medians and bests. */
function probeRuns(runs) {
  buildModel()
  const results = []
  for (let i = 0; i < runs; i++) {
    // Each run launches the same build this process was given (`--dist`), not dist/ by default.
    const out = execFileSync(process.execPath, [__filename, '--dist', DIST], { cwd: ROOT, encoding: 'utf8' })
    results.push(JSON.parse(out.trim().split('\n').pop()))
  }
  const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const of = (key) => ({ median: median(results.map((r) => r[key])), best: Math.min(...results.map((r) => r[key])) })
  return {
    runs: results,
    wallMs: of('wallMs'),
    cpuMs: of('cpuMs'),
    settledWallMs: of('settledWallMs'),
    settledCpuMs: of('settledCpuMs'),
  }
}

module.exports = { buildModel, probeRuns, MODEL }

if (require.main === module) {
  const at = process.argv.indexOf('--runs')
  if (process.argv.includes('--build')) buildModel()
  else if (at > 0) console.log(JSON.stringify(probeRuns(Number(process.argv[at + 1]) || 7)))
  else void launchOnce()
}
