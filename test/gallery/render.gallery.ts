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
import { rootDom } from '../harness/jcomponent'
import { PageHandle, settle } from '../harness/page'
import { exposeAttributes } from '../../wechat-model/view/expose'
import { FRAME_CSS, phoneBars } from '../../wechat-model/view/phone-frame'
import { pageCss, SCREEN_WIDTH, weuiCss, WX_ELEMENTS } from '../../wechat-model/view/styles'
import { GALLERY_NOW, GALLERY_TIME_ZONE, STATES, TRUNCATED_BY_DESIGN } from './states'

const OUT = path.resolve(__dirname, '../../gallery/html')
const REPO = path.resolve(__dirname, '../..')

function html(page: PageHandle, title: string, theme: 'light' | 'dark', stackDepth: number): string {
  exposeAttributes(page.comp)
  const root = rootDom(page.comp)
  const bars = phoneBars({ root: MINIPROGRAM_ROOT, route: page.route, stackDepth, theme, now: GALLERY_NOW })
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=${SCREEN_WIDTH}">
<style>${weuiCss(REPO)}</style><style>${WX_ELEMENTS}${FRAME_CSS}</style><style>${pageCss(REPO, MINIPROGRAM_ROOT, page.route)}</style></head>
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
