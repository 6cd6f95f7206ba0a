// The house rules the README's Architecture states, checked over every template and source file.
import * as fs from 'fs'
import * as path from 'path'

const ROOT = path.resolve(__dirname, '../../miniprogram')
const files = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? (e.name === 'miniprogram_npm' ? [] : files(path.join(dir, e.name))) : [path.join(dir, e.name)],
    )
const all = files(ROOT)
const rel = (f: string) => path.relative(ROOT, f)
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/

test('every button and every tappable element has an accessible label', () => {
  const missing: string[] = []
  for (const file of all.filter((f) => f.endsWith('.wxml'))) {
    const wxml = fs.readFileSync(file, 'utf8')
    for (const tag of wxml.match(/<[a-z-]+\b[^>]*>/g) ?? []) {
      const tappable = tag.startsWith('<button') || /\bbindtap=/.test(tag)
      if (tappable && !/\baria-label="[^"]+"/.test(tag)) missing.push(`${rel(file)}: ${tag.slice(0, 80)}`)
    }
  }
  expect(missing).toEqual([])
})

test("UI text lives in strings.ts (page titles excepted: WeChat reads them from each page's json)", () => {
  const stray: string[] = []
  for (const file of all.filter((f) => /\.(wxml|ts|wxs|json)$/.test(f) && rel(f) !== 'strings.ts')) {
    const code = fs
      .readFileSync(file, 'utf8')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '')
      .replace(/"navigationBarTitleText":\s*"[^"]*"/g, '')
    code.split('\n').forEach((line, i) => {
      if (CJK.test(line)) stray.push(`${rel(file)}:${i + 1}: ${line.trim()}`)
    })
  }
  expect(stray).toEqual([])
})

test('only services/ call wx', () => {
  const callers = all
    .filter((f) => f.endsWith('.ts') && !rel(f).startsWith('services/'))
    .filter((f) => /(^|[^.\w])wx\.\w/.test(fs.readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
  expect(callers.map(rel)).toEqual([])
})

// The simulator renders an undeclared or unresolvable custom tag as an empty element, silently: check here.
test('every custom tag a template uses is declared in its json, and every declared component exists', () => {
  const BUILT_IN =
    /^(view|text|button|input|switch|form|image|icon|block|template|wxs|import|include|scroll-view|label|slot|picker)$/
  const WEUI = path.resolve(__dirname, '../../node_modules/weui-miniprogram/miniprogram_dist')
  const included = (file: string) =>
    [...fs.readFileSync(file, 'utf8').matchAll(/<include src="([^"]+)"/g)].map((m) =>
      path.resolve(path.dirname(file), m[1]),
    )
  const wrong: string[] = []
  // A fragment brought in with <include> has no json: it is checked as part of the page that includes it.
  for (const file of all.filter((f) => f.endsWith('.wxml') && fs.existsSync(f.replace(/\.wxml$/, '.json')))) {
    const json = JSON.parse(fs.readFileSync(file.replace(/\.wxml$/, '.json'), 'utf8')) as {
      usingComponents?: Record<string, string>
    }
    const using = json.usingComponents ?? {}
    const text = [file, ...included(file)].map((f) => fs.readFileSync(f, 'utf8')).join('\n')
    const tags = new Set([...text.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]))
    for (const tag of tags) if (!BUILT_IN.test(tag) && !using[tag]) wrong.push(`${rel(file)}: <${tag}> not declared`)
    for (const [tag, target] of Object.entries(using)) {
      // WeUI comes from WeChat's extended library on a phone, and from the npm package in tests.
      const resolved = target.startsWith('weui-miniprogram/')
        ? path.join(WEUI, target.slice('weui-miniprogram/'.length))
        : target.startsWith('/')
          ? path.join(ROOT, target)
          : path.resolve(path.dirname(file), target)
      if (!fs.existsSync(`${resolved}.json`)) wrong.push(`${rel(file)}: ${tag} → ${target} does not exist`)
    }
  }
  expect(wrong).toEqual([])
})

// What every page does lives in one behavior (behaviors/duet-page.ts): the theme for WeUI, starting the store,
// reading permissions again. A page that did any of it by hand would be a second home for it.
test('every page uses the duet-page behavior and leaves the page lifecycle to it', () => {
  const wrong: string[] = []
  for (const file of all.filter((f) => /^pages\/[^/]+\/index\.ts$/.test(rel(f)))) {
    const code = fs.readFileSync(file, 'utf8')
    if (!/withBehaviors\([^)]*\bduetPage\b/.test(code)) wrong.push(`${rel(file)}: no duetPage behavior`)
    for (const hook of code.match(/^\s+(onLoad|onShow|onHide|onUnload)\(/gm) ?? [])
      wrong.push(`${rel(file)}: its own ${hook.trim()}`)
    if (/void store\.start\(\)(?!\.)|store\.pageShown\(|appearance\.theme/.test(code))
      wrong.push(`${rel(file)}: does what the behavior does`)
    const wxml = fs.readFileSync(file.replace(/\.ts$/, '.wxml'), 'utf8')
    if (!/data-weui-theme="\{\{theme\}\}"/.test(wxml)) wrong.push(`${rel(file)}: its root lacks data-weui-theme`)
  }
  expect(wrong).toEqual([])
})
