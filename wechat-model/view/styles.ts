// A page's styles as a 375 px phone draws them, computed in Node from the built mini program: the page's and
// its components' WXSS with the classes prefixed as j-component renders them, rpx at a 375 px wide screen,
// WeUI's stylesheet (the look the extended library gives its components), and WeChat's built-in components.
// The gallery and the playground draw pages with exactly these.
import * as fs from 'fs'
import * as path from 'path'
import { webViewVh } from './phone-frame'

export const SCREEN_WIDTH = 375
/** Where the weui-miniprogram package keeps its build (the extended library's WeUI, for tests and drawing). */
export const WEUI_DIST = path.join('node_modules', 'weui-miniprogram', 'miniprogram_dist')

/** WeChat's built-in components as the browser should lay them out (buttons get WeUI's classes: expose.ts). */
export const WX_ELEMENTS = `
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

/** WeUI's stylesheet, as the extended library gives it to every page and component. */
export function weuiCss(repoRoot: string): string {
  return (
    fs
      .readFileSync(path.join(repoRoot, WEUI_DIST, 'weui-wxss/dist/style/weui.wxss'), 'utf8')
      // Its variables hang on WeChat's `page`; the browser's page is `body`.
      .replace(/(^|[{},\]])page(?=[\s{,:])/g, '$1body')
  )
}

const rpx = (css: string) =>
  css.replace(/(-?\d*\.?\d+)rpx/g, (_m, n: string) => `${+((Number(n) * SCREEN_WIDTH) / 750).toFixed(3)}px`)

/** A built .wxss as a page or component sees it: classes prefixed the way j-component renders them. */
function css(root: string, file: string, prefix: string): string {
  const compiler = require('miniprogram-simulate/src/wxss') as { compile(css: string, o: { prefix: string }): string }
  const wxss = fs.readFileSync(path.join(root, file), 'utf8')
  return compiler.compile(wxss, { prefix }).replace(/(^|[{},])page(?=[\s{,])/g, '$1body')
}

/**
 * The page's own styles, then, for each custom component it uses, app.wxss and the component's own styles
 * under the component's prefix: Duet's components apply the app's shared classes (styleIsolation apply-shared).
 * `root` is the mini program (its built dist/ or its sources); `route` e.g. pages/contacts/index.
 */
export function pageCss(repoRoot: string, root: string, route: string): string {
  const weui = path.join(repoRoot, WEUI_DIST)
  const json = JSON.parse(fs.readFileSync(path.join(root, `${route}.json`), 'utf8')) as {
    usingComponents?: Record<string, string>
  }
  const parts = [css(root, 'app.wxss', 'main')]
  if (fs.existsSync(path.join(root, `${route}.wxss`))) parts.push(css(root, `${route}.wxss`, 'main'))
  for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
    if (target.startsWith('weui-miniprogram/')) {
      parts.push(fs.readFileSync(path.join(weui, `${target.slice('weui-miniprogram/'.length)}.wxss`), 'utf8'))
      continue
    }
    const own = path.relative(root, path.join(root, path.dirname(route), target))
    const file = target.startsWith('/') ? `${target.slice(1)}.wxss` : `${own}.wxss`
    parts.push(css(root, 'app.wxss', tag))
    if (fs.existsSync(path.join(root, file))) parts.push(css(root, file, tag))
  }
  return parts.map((part) => webViewVh(rpx(part))).join('\n')
}
