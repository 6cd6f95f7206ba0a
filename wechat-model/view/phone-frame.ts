// What WeChat draws around a page on a 375 × 812 phone (an iPhone X's screen): the status bar, and the
// native navigation bar with its title, its back arrow or home button, and the capsule (··· and ◎). They sit
// outside the page's web view: a mask or sheet the page opens covers the page only, never these bars.
import * as fs from 'fs'
import * as path from 'path'

export const STATUS_BAR_HEIGHT = 44
export const NAV_BAR_HEIGHT = 44
/** Where the page's web view starts: its `position: fixed` and its `vh` count from here. */
export const BARS_HEIGHT = STATUS_BAR_HEIGHT + NAV_BAR_HEIGHT

type Theme = 'light' | 'dark'

interface WindowJson {
  navigationBarTitleText?: string
  navigationBarBackgroundColor?: string
  navigationBarTextStyle?: string
}

/** A page's bar settings as WeChat reads them: the page's json over app.json's window, `@name`s from theme.json. */
function navSettings(root: string, route: string, theme: Theme): { title: string; background: string; white: boolean } {
  const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as T
  const app = read<{ window?: WindowJson; themeLocation?: string }>('app.json')
  const page = read<WindowJson>(`${route}.json`)
  const themeVars = app.themeLocation ? read<Record<Theme, Record<string, string>>>(app.themeLocation)[theme] : {}
  const setting = (key: keyof WindowJson, fallback: string): string => {
    const value = page[key] ?? app.window?.[key] ?? fallback
    return value.startsWith('@') ? (themeVars[value.slice(1)] ?? fallback) : value
  }
  return {
    title: setting('navigationBarTitleText', ''),
    background: setting('navigationBarBackgroundColor', '#000000'),
    white: setting('navigationBarTextStyle', 'white') === 'white',
  }
}

// WeChat's own glyphs: the back arrow is the one weui-navigation-bar draws.
const BACK_ARROW = `<svg width="12" height="24" viewBox="0 0 12 24"><path fill="currentColor" d="M10 19.438L8.955 20.5l-7.666-7.79a1.02 1.02 0 0 1 0-1.42L8.955 3.5 10 4.563 2.682 12 10 19.438z"/></svg>`
const HOME = `<svg width="20" height="20" viewBox="0 0 20 20" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"><path d="M3 9.2 10 3l7 6.2V17H12.4v-4.6H7.6V17H3z"/></svg>`
const CAPSULE_ICONS = `<svg width="87" height="32" viewBox="0 0 87 32" fill="currentColor">
<circle cx="15" cy="16" r="2.3"/><circle cx="22.5" cy="16" r="3.3"/><circle cx="30" cy="16" r="2.3"/>
<rect x="43" y="9.5" width="1" height="13" opacity=".2"/>
<circle cx="64.5" cy="16" r="8" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="64.5" cy="16" r="3"/></svg>`
const BATTERY = `<svg width="27" height="13" viewBox="0 0 27 13" fill="currentColor"><rect x=".5" y=".5" width="22" height="12" rx="3.5" fill="none" stroke="currentColor" opacity=".4"/><rect x="2" y="2" width="16" height="9" rx="2"/><rect x="24" y="4.5" width="1.5" height="4" rx=".75" opacity=".4"/></svg>`

export const FRAME_CSS = `
  .gallery-bars { position: fixed; top: 0; left: 0; right: 0; z-index: 2147483647; }
  .gallery-status { height: ${STATUS_BAR_HEIGHT}px; display: flex; align-items: center; justify-content: space-between;
    padding: 0 26px 0 32px; box-sizing: border-box; font: 600 15px/1 -apple-system, "Noto Sans CJK SC", sans-serif; }
  .gallery-nav { position: relative; height: ${NAV_BAR_HEIGHT}px; }
  .gallery-nav__title { position: absolute; left: 95px; right: 95px; top: 0; height: ${NAV_BAR_HEIGHT}px;
    line-height: ${NAV_BAR_HEIGHT}px; text-align: center; font-size: 17px; font-weight: 500; overflow: hidden;
    white-space: nowrap; text-overflow: ellipsis; }
  .gallery-nav__back { position: absolute; left: 10px; top: 0; height: ${NAV_BAR_HEIGHT}px; display: flex; align-items: center; }
  .gallery-nav__home, .gallery-capsule { position: absolute; top: 6px; height: 32px; box-sizing: border-box;
    border-radius: 16px; display: flex; align-items: center; justify-content: center; }
  .gallery-nav__home { left: 7px; width: 40px; }
  .gallery-capsule { right: 7px; width: 87px; }
  .gallery-bars--black { color: #000; }
  .gallery-bars--black .gallery-nav__home, .gallery-bars--black .gallery-capsule {
    background: rgba(255, 255, 255, .6); border: .5px solid rgba(0, 0, 0, .12); }
  .gallery-bars--white { color: #fff; }
  .gallery-bars--white .gallery-nav__home, .gallery-bars--white .gallery-capsule {
    background: rgba(0, 0, 0, .15); border: .5px solid rgba(255, 255, 255, .25); }
  .gallery-webview { padding-top: ${BARS_HEIGHT}px; }
  /* A sheet or dialog is open: the web view is the screen below the bars, and its fixed layers sit in it. */
  .gallery-overlay .gallery-webview { position: fixed; top: ${BARS_HEIGHT}px; left: 0; right: 0; bottom: 0;
    padding-top: 0; overflow: hidden; transform: translateZ(0); }
`

/** `vh` in a page counts the web view's height, below the bars. */
export const webViewVh = (css: string): string =>
  css.replace(/(-?\d*\.?\d+)vh\b/g, (_m, n: string) => `calc(${n} * (100vh - ${BARS_HEIGHT}px) / 100)`)

/**
 * The bars over a page. WeChat shows a back arrow over any page but the bottom one, and a home button when the
 * bottom page is not app.json's first (a card or a redirect opened it); the capsule is always there.
 */
export function phoneBars(o: { root: string; route: string; stackDepth: number; theme: Theme; now: number }): string {
  const nav = navSettings(o.root, o.route, o.theme)
  const home = (JSON.parse(fs.readFileSync(path.join(o.root, 'app.json'), 'utf8')) as { pages: string[] }).pages[0]
  const left =
    o.stackDepth > 1
      ? `<div class="gallery-nav__back" aria-label="返回">${BACK_ARROW}</div>`
      : o.route !== home
        ? `<div class="gallery-nav__home" aria-label="返回首页">${HOME}</div>`
        : ''
  const time = new Date(o.now).toLocaleTimeString('en-GB', { hour: 'numeric', minute: '2-digit' })
  return `<div class="gallery-bars gallery-bars--${nav.white ? 'white' : 'black'}" style="background:${nav.background}">
<div class="gallery-status"><span>${time}</span>${BATTERY}</div>
<div class="gallery-nav">${left}<div class="gallery-nav__title">${nav.title}</div>
<div class="gallery-capsule" aria-label="菜单">${CAPSULE_ICONS}</div></div></div>`
}
