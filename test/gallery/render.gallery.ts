// Renders each gallery state from the built pages (DUET_ROOT=dist) into a standalone HTML file: the
// simulated DOM, the page's compiled WXSS (as miniprogram-simulate prefixed it), app.wxss, rpx at a
// 375 px wide screen, and WeChat's display rules for wx-* elements. scripts/gallery.js screenshots them.
import * as fs from 'fs'
import * as path from 'path'
import { launch, MINIPROGRAM_ROOT } from '../harness/app'
import { attrs, everyElement, rootDom, tagOf } from '../harness/jcomponent'
import { PageHandle, settle } from '../harness/page'
import { STATES } from './states'

const OUT = path.resolve(__dirname, '../../gallery/html')
const SCREEN_WIDTH = 375
const wxssCompiler = require('miniprogram-simulate/src/wxss') as { compile(css: string, o: { prefix: string }): string }

/** WeChat's built-in components as the browser should lay them out. */
const WX_ELEMENTS = `
  html, body { margin: 0; font-family: "Noto Sans CJK SC", "PingFang SC", sans-serif; -webkit-text-size-adjust: none; }
  wx-view, wx-block { display: block; }
  wx-text { display: inline; white-space: pre-wrap; }
  wx-button { display: block; position: relative; box-sizing: border-box; padding: 0 14px; text-align: center;
    font-size: 18px; line-height: 2.55555556; border-radius: 5px; background: #f2f2f2; color: #000; overflow: hidden; }
  wx-button[data-disabled="true"] { opacity: 0.6; }
  wx-input { display: block; min-height: 1.4em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  wx-input::before { content: attr(data-value); }
  wx-input[data-value=""]::before { content: attr(data-placeholder); color: #999; }
  wx-switch { display: inline-block; width: 52px; height: 32px; border-radius: 16px; background: #dfdfdf; flex: none; }
  wx-switch[data-checked="true"] { background: #07c160; }
`

/** Carries the template attributes j-component keeps off the DOM (disabled, checked, value) onto it. */
function exposeAttributes(page: PageHandle): void {
  for (const el of everyElement(page.comp).filter((e) => ['button', 'input', 'switch'].includes(tagOf(e)))) {
    for (const a of attrs(el)) {
      if (['disabled', 'checked', 'value', 'placeholder'].includes(a.name)) el.dom.setAttribute(`data-${a.name}`, String(a.value ?? ''))
    }
    if (tagOf(el) === 'input' && !el.dom.hasAttribute('data-value')) el.dom.setAttribute('data-value', '')
  }
}

const rpx = (css: string) => css.replace(/(-?\d*\.?\d+)rpx/g, (_m, n: string) => `${+(Number(n) * SCREEN_WIDTH / 750).toFixed(3)}px`)

/** A built .wxss as a page or component sees it: classes prefixed the way j-component renders them. */
function css(file: string, prefix: string): string {
  const wxss = fs.readFileSync(path.join(MINIPROGRAM_ROOT, file), 'utf8')
  return wxssCompiler.compile(wxss, { prefix }).replace(/(^|[{},])page(?=[\s{,])/g, '$1body')
}

/**
 * The page's own styles, then, for each custom component it uses, app.wxss and the component's own styles
 * under the component's prefix: Duet's components apply the app's shared classes (styleIsolation apply-shared).
 */
function pageCss(pageName: string): string {
  const page = `pages/${pageName}/index`
  const json = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM_ROOT, `${page}.json`), 'utf8')) as {
    usingComponents?: Record<string, string>
  }
  const parts = [css('app.wxss', 'main'), css(`${page}.wxss`, 'main')]
  for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
    const own = path.relative(MINIPROGRAM_ROOT, path.join(MINIPROGRAM_ROOT, path.dirname(page), target))
    const file = target.startsWith('/') ? `${target.slice(1)}.wxss` : `${own}.wxss`
    parts.push(css('app.wxss', tag))
    if (fs.existsSync(path.join(MINIPROGRAM_ROOT, file))) parts.push(css(file, tag))
  }
  return parts.map(rpx).join('\n')
}

function html(page: PageHandle, pageName: string, title: string): string {
  exposeAttributes(page)
  const root = rootDom(page.comp)
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=${SCREEN_WIDTH}">
<style>${WX_ELEMENTS}</style><style>${pageCss(pageName)}</style></head>
<body>${root.outerHTML}</body></html>`
}

test('render every gallery state', async () => {
  fs.rmSync(OUT, { recursive: true, force: true })
  fs.mkdirSync(OUT, { recursive: true })
  const index: Array<{ file: string; page: string; state: string; heading: string; dark: boolean }> = []
  for (const [i, s] of STATES.entries()) {
    const app = await launch(s.env ?? {}, s.user ?? {})
    const page = await app.open(s.page, s.query ?? {})
    await s.drive?.(page, app)
    await settle()
    await new Promise((r) => setTimeout(r, 5))
    const file = `${String(i + 1).padStart(2, '0')}-${s.page}-${s.state}`
    // The heading is checked here too, against the DOM, before any browser is involved.
    expect([file, page.visibleText().includes(s.heading)]).toEqual([file, true])
    fs.writeFileSync(path.join(OUT, `${file}.html`), html(page, s.page, `${s.page} · ${s.state}`))
    index.push({ file, page: s.page, state: s.state, heading: s.heading, dark: !!s.dark })
    app.fake.problems.length = 0 // states are pictures, not tests of the fake's script
  }
  fs.writeFileSync(path.join(OUT, 'states.json'), JSON.stringify(index, null, 2))
}, 120_000)
