// Renders each gallery state from the built pages (DUET_ROOT=dist) into a standalone HTML file: the
// simulated DOM, the page's compiled WXSS (as miniprogram-simulate prefixed it), app.wxss, rpx at a
// 375 px wide screen, and what WeChat itself draws: its navigation bar, and its native buttons and switches
// and WeUI's components in WeUI's own stylesheet (weui-miniprogram's weui.wxss, the look the extended
// library gives them on a phone). scripts/gallery.js screenshots them. A dark state runs the phone in dark
// mode (the fake's theme, the browser's colour scheme); WeUI's parts turn dark only under the page's own
// data-weui-theme, as on a phone, so nothing here sets it for the page.
import * as fs from 'fs'
import * as path from 'path'
import { launch, MINIPROGRAM_ROOT } from '../harness/app'
import { attrs, compileWxss, everyElement, rootDom, tagOf } from '../harness/jcomponent'
import { PageHandle, settle } from '../harness/page'
import { FRAME_CSS, phoneBars, webViewVh } from './phone-frame'
import { GALLERY_NOW, GALLERY_TIME_ZONE, STATES, TRUNCATED_BY_DESIGN } from './states'

const OUT = path.resolve(__dirname, '../../gallery/html')
const WEUI = path.resolve(__dirname, '../../node_modules/weui-miniprogram/miniprogram_dist')
const SCREEN_WIDTH = 375

/** WeChat's built-in components as the browser should lay them out (buttons get WeUI's classes below). */
const WX_ELEMENTS = `
  html, body { margin: 0; font-family: "Noto Sans CJK SC", "PingFang SC", sans-serif; -webkit-text-size-adjust: none; }
  wx-view, wx-block, wx-form { display: block; }
  wx-text { display: inline; white-space: pre-wrap; }
  wx-image { display: inline-block; background-size: cover; background-position: center; }
  wx-button { display: block; }
  wx-input { display: flex; align-items: center; min-height: 1.4em; overflow: hidden; white-space: nowrap; }
  wx-input::before { content: attr(data-value); overflow: hidden; text-overflow: ellipsis; }
  wx-input[data-value=""]::before { content: attr(data-placeholder); color: var(--weui-FG-2); }
  /* WeUI's switch (weui.wxss .weui-switch): 52 by 32, the brand green when on, a white knob. */
  wx-switch { position: relative; display: inline-block; flex: none; width: 52px; height: 32px; border-radius: 16px;
    background: var(--weui-FG-3); }
  wx-switch::after { content: " "; position: absolute; top: 2px; left: 2px; width: 28px; height: 28px;
    border-radius: 15px; background: #fff; box-shadow: 0 2px 3px 0 rgba(0,0,0,.06); }
  wx-switch[data-checked="true"] { background: var(--weui-BRAND); }
  wx-switch[data-checked="true"]::after { transform: translateX(20px); }
  wx-icon { display: inline-block; }
  .weui-mask, .weui-actionsheet, .weui-half-screen-dialog { position: fixed; }
`

/**
 * Carries the template attributes j-component keeps off the DOM (disabled, checked, value, type) onto it,
 * draws images from their src, and gives native buttons the WeUI classes WeChat draws them with.
 */
function exposeAttributes(page: PageHandle): void {
  for (const el of everyElement(page.comp).filter((e) =>
    ['button', 'input', 'switch', 'image', 'icon'].includes(tagOf(e)),
  )) {
    const values: Record<string, string> = {}
    for (const a of attrs(el)) values[a.name] = String(a.value ?? '')
    for (const name of ['disabled', 'checked', 'value', 'placeholder', 'type']) {
      if (name in values) el.dom.setAttribute(`data-${name}`, values[name])
    }
    if (tagOf(el) === 'input' && !el.dom.hasAttribute('data-value')) el.dom.setAttribute('data-value', '')
    if (tagOf(el) === 'image' && values.src) el.dom.style.backgroundImage = `url("${values.src}")`
    // WeChat's <icon> is WeUI's icon font: the same glyph and colour as weui-icon-<type>.
    if (tagOf(el) === 'icon') {
      el.dom.classList.add(`weui-icon-${values.type}`)
      el.dom.style.fontSize = `${Number(values.size || 23) / 2.4}px`
      el.dom.style.color = values.type === 'warn' ? 'var(--weui-RED)' : values.type === 'success' ? 'var(--weui-BRAND)' : 'var(--weui-BLUE)'
    }
    if (tagOf(el) === 'button') {
      const type = values.type === 'primary' || values.type === 'warn' ? values.type : 'default'
      el.dom.setAttribute('data-type', type)
      el.dom.classList.add('weui-btn', `weui-btn_${type}`)
      if (values.size === 'mini') el.dom.classList.add('weui-btn_mini')
      if (values.disabled === 'true') el.dom.classList.add('weui-btn_disabled')
    }
  }
  // Inside WeUI's components, j-component prefixes each class with the tag; WeUI's stylesheet wants them bare.
  for (const el of everyElement(page.comp)) {
    for (const name of Array.from(el.dom.classList)) {
      const bare = /^[\w-]+?--(weui-[\w-]+)$/.exec(name)?.[1]
      if (bare) el.dom.classList.add(bare)
    }
  }
}

/** WeUI's stylesheet, as the extended library gives it to every page and component. */
const weuiCss = () =>
  fs
    .readFileSync(path.join(WEUI, 'weui-wxss/dist/style/weui.wxss'), 'utf8')
    // Its variables hang on WeChat's `page`; the browser's page is `body`.
    .replace(/(^|[{},\]])page(?=[\s{,:])/g, '$1body')

const rpx = (css: string) => css.replace(/(-?\d*\.?\d+)rpx/g, (_m, n: string) => `${+(Number(n) * SCREEN_WIDTH / 750).toFixed(3)}px`)

/** A built .wxss as a page or component sees it: classes prefixed the way j-component renders them. */
function css(file: string, prefix: string): string {
  const wxss = fs.readFileSync(path.join(MINIPROGRAM_ROOT, file), 'utf8')
  return compileWxss(wxss, prefix).replace(/(^|[{},])page(?=[\s{,])/g, '$1body')
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
  const parts = [css('app.wxss', 'main')]
  if (fs.existsSync(path.join(MINIPROGRAM_ROOT, `${page}.wxss`))) parts.push(css(`${page}.wxss`, 'main'))
  for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
    if (target.startsWith('weui-miniprogram/')) {
      parts.push(fs.readFileSync(path.join(WEUI, `${target.slice('weui-miniprogram/'.length)}.wxss`), 'utf8'))
      continue
    }
    const own = path.relative(MINIPROGRAM_ROOT, path.join(MINIPROGRAM_ROOT, path.dirname(page), target))
    const file = target.startsWith('/') ? `${target.slice(1)}.wxss` : `${own}.wxss`
    parts.push(css('app.wxss', tag))
    if (fs.existsSync(path.join(MINIPROGRAM_ROOT, file))) parts.push(css(file, tag))
  }
  return parts.map((part) => webViewVh(rpx(part))).join('\n')
}

function html(page: PageHandle, title: string, theme: 'light' | 'dark', stackDepth: number): string {
  exposeAttributes(page)
  const root = rootDom(page.comp)
  const bars = phoneBars({ root: MINIPROGRAM_ROOT, route: page.route, stackDepth, theme, now: GALLERY_NOW })
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=${SCREEN_WIDTH}">
<style>${weuiCss()}</style><style>${WX_ELEMENTS}${FRAME_CSS}</style><style>${pageCss(page.route.split('/')[1])}</style></head>
<body>${bars}<div class="gallery-webview">${root.outerHTML}</div></body></html>`
}

/**
 * The phone's clock stands still at GALLERY_NOW: only Date is faked, so the harness's timers and settling run
 * as in every other test, and a countdown shows what it shows at that moment.
 */
function stopTheClock(): void {
  jest.useFakeTimers({
    now: GALLERY_NOW,
    doNotFake: [
      'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
      'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval',
      'setTimeout', 'clearTimeout',
    ],
  })
}

test('render every gallery state', async () => {
  stopTheClock()
  // The time zone comes from test/gallery/jest.config.js: without it, "今天" would depend on the machine.
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(GALLERY_TIME_ZONE)
  fs.rmSync(OUT, { recursive: true, force: true })
  fs.mkdirSync(OUT, { recursive: true })
  const index: object[] = []
  for (const [i, s] of STATES.entries()) {
    const file = `${String(i + 1).padStart(2, '0')}-${s.page}-${s.state}`
    if (!new RegExp(process.env.DUET_GALLERY_ONLY ?? '').test(file)) continue
    // A dark state is a phone in dark mode: what WeChat tells the app, and the browser's colour scheme.
    const app = await launch({ ...s.env, ...(s.dark ? { theme: 'dark' } : {}) }, s.user ?? {}, s.options ?? {})
    const opened = await (s.arrive ? s.arrive(app) : app.open(s.page, s.query ?? {}))
    await s.drive?.(opened, app)
    await settle()
    await new Promise((r) => setTimeout(r, 5))
    // What the person sees: the page on top (a drive may have moved on, e.g. from a card to the walkthrough).
    const page = app.top() ?? opened
    const drawn = html(page, `${s.page} · ${s.state}`, app.fake.env.theme, app.stack.length)
    // Whether the state got there at all is known now, before any browser is involved; how each reads, later.
    const missing = [s.heading, ...(s.shows ?? []), ...(s.below ?? [])].filter(
      (text) => !page.visibleText().includes(text) && !drawn.includes(`>${text}<`),
    )
    expect([file, missing]).toEqual([file, []])
    fs.writeFileSync(path.join(OUT, `${file}.html`), drawn)
    const { heading, shows, below, scrollTo } = s
    const dark = app.fake.env.theme === 'dark'
    const truncated = [...TRUNCATED_BY_DESIGN, ...(s.truncated ?? [])]
    index.push({ file, page: s.page, state: s.state, heading, shows, below, scrollTo, truncated, dark })
    app.fake.problems.length = 0 // states are pictures, not tests of the fake's script
  }
  fs.writeFileSync(path.join(OUT, 'states.json'), JSON.stringify(index, null, 2))
}, 120_000)
