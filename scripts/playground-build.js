#!/usr/bin/env node
// Builds the playground into playground/out/ (about 1 s): what each phone needs, read in Node ahead of time.
//   - dist/, built first when missing or older than miniprogram/ (scripts/build.js);
//   - dist/ and WeUI's build as a file map (json, wxss, js) under virtual paths, as miniprogram-simulate reads
//     them in a browser;
//   - every template compiled by WeChat's own WXML compiler (miniprogram-compiler's wcc), into one script;
//   - each page's styles and WeChat's bars as the gallery draws them (wechat-model/view/);
//   - the phone runtime and the host page bundled by esbuild for the browser, and the model of WeChat Cloud for
//     the server (scripts/playground.js), which runs the real cloud functions.
const fs = require('fs')
const path = require('path')
const { execFileSync } = require('child_process')

const ROOT = path.resolve(__dirname, '..')
const DIST = path.join(ROOT, 'dist')
const SRC = path.join(ROOT, 'miniprogram')
const OUT = path.join(ROOT, 'playground/out')
const SHIMS = path.join(ROOT, 'playground/shims')
// esbuild is required where it builds: scripts/launch-probe.js reads `newest` here without loading it.
/** Where the phone's files live in the browser: simulate resolves paths under it. */
const V_ROOT = '/duet/dist'

const newest = (dir) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .map((e) =>
      e.isDirectory()
        ? e.name === 'miniprogram_npm'
          ? 0
          : newest(path.join(dir, e.name))
        : fs.statSync(path.join(dir, e.name)).mtimeMs,
    )
    .reduce((a, b) => Math.max(a, b), 0)

/** dist/ as `npm run build` makes it, rebuilt only when the sources changed since. */
function ensureDist() {
  const stamp = path.join(DIST, 'app.js')
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= newest(SRC)) return false
  execFileSync(process.execPath, [path.join(__dirname, 'build.js')], { stdio: 'inherit' })
  return true
}

/** wechat-model/view's build-time half (styles, bars, WeUI's wiring), bundled for Node so this script can use it. */
function viewTools() {
  const file = path.join(OUT, 'view-tools.js')
  require('esbuild').buildSync({
    stdin: {
      contents: `export * from './styles'; export * from './phone-frame'; export * from './weui'`,
      resolveDir: path.join(ROOT, 'wechat-model/view'),
      loader: 'ts',
    },
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    logLevel: 'error',
  })
  return require(file)
}

function duetFiles(view) {
  const weuiDist = path.join(ROOT, view.WEUI_DIST)
  const weui = view.weuiOptions(DIST, weuiDist)
  const outside = path.relative(DIST, weuiDist).split(path.sep).join('/')
  const files = {}
  for (const ext of ['.json', '.wxss', '.js']) {
    for (const f of view.filesUnder(DIST, ext)) files[`${V_ROOT}/${f}`] = fs.readFileSync(path.join(DIST, f), 'utf8')
    for (const f of view.filesUnder(weuiDist, ext))
      files[path.posix.join(V_ROOT, outside, f)] = fs.readFileSync(path.join(weuiDist, f), 'utf8')
  }
  // The npm packages Duet requires, where DevTools' "build npm" puts them.
  for (const f of view.filesUnder(path.join(DIST, 'miniprogram_npm'), '.js'))
    files[`${V_ROOT}/miniprogram_npm/${f}`] = fs.readFileSync(path.join(DIST, 'miniprogram_npm', f), 'utf8')
  const started = Date.now()
  const gwx = require('miniprogram-compiler').wxmlToJs(DIST, weui.compilerOptions)
  const wccMs = Date.now() - started
  const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
  const pageCss = {}
  const bars = {}
  for (const route of app.pages) {
    pageCss[route] = view.pageCss(ROOT, DIST, route)
    for (const depth of [1, 2])
      for (const theme of ['light', 'dark'])
        // The status bar's time is the phone's clock, filled in by the phone.
        bars[`${route}|${depth}|${theme}`] = view.phoneBars({ root: DIST, route, stackDepth: depth, theme, now: 0 })
  }
  const functions = fs
    .readdirSync(path.join(ROOT, 'cloudfunctions'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(ROOT, 'cloudfunctions', e.name, 'index.js')))
    .map((e) => e.name)
  return {
    data: {
      files,
      gwx,
      vRoot: V_ROOT,
      wxmlList: weui.compilerOptions.wxmlList.map((f) => path.posix.join(V_ROOT, f)),
      usingComponents: weui.usingComponents,
      pages: app.pages,
      darkmode: app.darkmode === true,
      styles: { weui: view.weuiCss(ROOT), elements: view.WX_ELEMENTS, frame: view.FRAME_CSS },
      pageCss,
      bars,
      functions,
    },
    wccMs,
  }
}

/** Node's modules the model of WeChat touches, as the browser has them (see playground/shims/). */
const browserOptions = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome110',
  define: {
    global: 'window',
    __dirname: '"/duet/wechat-model"',
    __filename: '"/duet/wechat-model/cloud.ts"',
    // The database model reads the committed permission file (playground/shims/fs.ts).
    __DUET_DATABASE_PERMISSIONS__: JSON.stringify(
      fs.readFileSync(path.join(ROOT, 'database/collections.json'), 'utf8'),
    ),
  },
  alias: {
    path: 'path-browserify',
    fs: path.join(SHIMS, 'fs.ts'),
    module: path.join(SHIMS, 'module.ts'),
    timers: path.join(SHIMS, 'timers.ts'),
    // Only simulate's WXSS compiler uses these; the styles are computed here instead.
    'css-tree': path.join(SHIMS, 'unused.ts'),
    csso: path.join(SHIMS, 'unused.ts'),
    less: path.join(SHIMS, 'unused.ts'),
    postcss: path.join(SHIMS, 'unused.ts'),
    // fake-timers reaches for util.promisify only under Node.
    util: path.join(SHIMS, 'unused.ts'),
    'timers/promises': path.join(SHIMS, 'unused.ts'),
  },
  inject: [path.join(SHIMS, 'buffer.ts')],
  metafile: true,
  logLevel: 'warning',
}

function build() {
  const started = Date.now()
  fs.mkdirSync(OUT, { recursive: true })
  const rebuilt = ensureDist()
  const view = viewTools()
  const { data, wccMs } = duetFiles(view)
  fs.writeFileSync(path.join(OUT, 'duet-files.js'), `window.__DUET__ = ${JSON.stringify(data)};\n`)
  for (const entry of ['phone', 'host'])
    require('esbuild').buildSync({
      ...browserOptions,
      entryPoints: [path.join(ROOT, 'playground', `${entry}.ts`)],
      outfile: path.join(OUT, `${entry}.js`),
    })
  // The server's WeChat Cloud: the model's own, run in Node on the real wx-server-sdk.
  const modelDir = path.join(ROOT, 'wechat-model')
  require('esbuild').buildSync({
    entryPoints: [path.join(modelDir, 'cloud.ts')],
    outfile: path.join(OUT, 'cloud-server.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    define: { __dirname: JSON.stringify(modelDir), __filename: JSON.stringify(path.join(modelDir, 'cloud.ts')) },
    logLevel: 'error',
  })
  const sizes = Object.fromEntries(
    ['duet-files.js', 'phone.js', 'host.js'].map((f) => [f, fs.statSync(path.join(OUT, f)).size]),
  )
  return { ms: Date.now() - started, wccMs, rebuiltDist: rebuilt, sizes }
}

module.exports = { build, ensureDist, newest, OUT }

if (require.main === module) {
  const r = build()
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`
  console.log(
    `playground built in ${r.ms} ms (wcc ${r.wccMs} ms${r.rebuiltDist ? ', dist/ rebuilt' : ''}): ` +
      Object.entries(r.sizes)
        .map(([f, n]) => `${f} ${kb(n)}`)
        .join(', '),
  )
}
