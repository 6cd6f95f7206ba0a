// One phone of the playground, in its own iframe (its own realm: its own `wx`, Component, storage and module
// registry). Duet's built pages run on miniprogram-simulate as in the tests, on the same model of WeChat, with a
// person answering WeChat's questions on drawn screens; its cloud and the other phone are the host page's.
import * as FakeTimers from '@sinonjs/fake-timers'
import { createFakeWx, FakeWx, TEST_CLOUD_ENV, TEST_REMINDER_TEMPLATE, TEST_RING_TEMPLATE } from '../wechat-model'
import { callMethod, dispatch, elementAt, El, tagOf } from '../wechat-model/view/elements'
import { exposeAttributes } from '../wechat-model/view/expose'
import { PageStack, parseUrl } from '../wechat-model/view/page-stack'
import { leaveField, PageInHand, tap, toggleSwitch, typeInto } from '../wechat-model/view/person'
import {
  ChatMessage,
  defaultSettings,
  freshMemory,
  Host,
  memoryKey,
  other,
  PEOPLE,
  Phone,
  PhoneMemory,
  PhoneSettings,
  readJson,
  settingsKey,
  Who,
} from './contract'
import { duet, loadDuet, Rendered } from './phone/loader'
import { avatarPicture, clockTime, h, WechatScreens } from './phone/screens'

const who = (new URLSearchParams(location.search).get('who') === 'B' ? 'B' : 'A') as Who
const host = (window.parent as unknown as { playground: Host }).playground
const report = (message: string) => host.problem(who, message)

// ---- the phone's clock: real time, moved forward with the other phone's by the host ------------------------
/** The browser's own timer, for the playground's upkeep: moving the phone's clock forward leaves it alone. */
const upkeep = window.setInterval.bind(window)
const clock = FakeTimers.withGlobal(window).install({
  now: Date.now() + host.clockOffset(),
  shouldAdvanceTime: true,
  toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
})

// ---- what this phone is, and what it remembers ------------------------------------------------------------
const settings: PhoneSettings = readJson(settingsKey(who), defaultSettings)
const memory: PhoneMemory = readJson(memoryKey(who), freshMemory)
const remember = () => localStorage.setItem(memoryKey(who), JSON.stringify(memory))
/** The page a cold start from a card opens on, for the next load of this phone. */
const coldStartKey = `duet-playground-cold-start-${who}`

const loaded = loadDuet((error) => report(`Duet threw: ${String((error as Error)?.stack ?? error)}`))
window.addEventListener('error', (e) => report(`error: ${e.message}`))
window.addEventListener('unhandledrejection', (e) => report(`unhandled rejection: ${String(e.reason)}`))

const layer = document.getElementById('wechat')!
const screens = new WechatScreens(
  layer,
  PEOPLE[other(who)].nickname,
  (message) => openCard(message),
  () => openDuet(),
)

const fake: FakeWx = createFakeWx(
  {
    openid: PEOPLE[who].openid,
    platform: settings.platform,
    sdkVersion: settings.sdkVersion,
    network: settings.online ? 'wifi' : 'none',
    os: { ...settings.os },
    guideDeclares: { ...settings.guideDeclares },
    adminConsole1v1: settings.adminConsole1v1,
    theme: settings.theme,
    privacyNeedsAgreement: memory.privacyNeedsAgreement,
    authSetting: memory.authSetting,
    storage: memory.storage,
  },
  {},
  host.cloud,
)
fake.knownPages = duet.pages
fake.darkmode = duet.darkmode
fake.person = screens
fake.voip.phoneBook = host.phoneBook
fake.voip.onScreen((screen) =>
  screens.showCall(screen, { answer: () => fake.voip.answerOnScreen(), hangUp: () => fake.voip.hangUpOnScreen() }),
)

// ---- the pages --------------------------------------------------------------------------------------------
const webview = document.getElementById('webview')!
const pageStyle = document.getElementById('page-css')!
const bars = document.getElementById('bars')!
const registered = new Map<string, string>()

class PhonePage implements PageInHand {
  readonly typed = new WeakMap<HTMLElement, string>()
  readonly fake = fake
  readonly box = h('div', { class: 'pg-page' })

  constructor(
    readonly route: string,
    readonly query: Record<string, string>,
    readonly comp: Rendered,
  ) {
    webview.append(this.box)
    comp.attach(this.box)
  }

  within<T>(work: () => T): T {
    return work()
  }
  load(): void {
    callMethod(this.comp, 'onLoad', [this.query])
  }
  show(): void {
    callMethod(this.comp, 'onShow', [])
    draw()
  }
  hide(): void {
    callMethod(this.comp, 'onHide', [])
  }
  unload(): void {
    callMethod(this.comp, 'onUnload', [])
  }
}

const pages = new PageStack<PhonePage>(
  (route, query) => {
    let id = registered.get(route)
    if (!id) {
      id = loaded.simulate.load(`${duet.vRoot}/${route}`, {
        rootPath: duet.vRoot,
        usingComponents: duet.usingComponents,
      })
      registered.set(route, id)
    }
    return new PhonePage(route, query, loaded.simulate.render(id))
  },
  (page) => {
    page.comp.detach()
    page.box.remove()
    draw()
  },
)

let app: Partial<WechatMiniprogram.App.Option> = {}
const g = window as unknown as Record<string, unknown>
g.wx = fake.wx
g.getCurrentPages = () => pages.pages.map((p) => ({ route: p.route, options: p.query }))
g.App = (options: WechatMiniprogram.App.Option) => {
  app = options
}
const showApp = () =>
  app.onShow?.({
    path: pages.top()?.route ?? duet.pages[0],
    query: {},
    scene: 1001,
  } as WechatMiniprogram.App.LaunchShowOption)
pages.connect(fake, showApp)

// ---- drawing: the top page with its styles, WeChat's bars, and what j-component keeps off the DOM ------------

/** Where the browser finds a picture: a chosen avatar, or the cloud file uploaded from one. */
function imageUrl(src: string): string {
  const local = avatarPicture(src)
  if (local) return local
  for (const file of host.cloud.files.values())
    if (src.endsWith(`/${file.cloudPath}`)) return avatarPicture(file.from) ?? ''
  // Nothing leaves the machine: a picture from elsewhere is not drawn.
  return src.startsWith('data:') ? src : ''
}

/**
 * The page's styles in this phone's appearance: each phone has its own, and a browser has one colour scheme for
 * all its frames, so the styles for the other scheme are switched off rather than left to the browser.
 */
function themed(css: string, theme: 'light' | 'dark'): string {
  return css.replace(/@media\s*\(prefers-color-scheme:\s*(light|dark)\)/g, (_m, scheme: string) =>
    scheme === theme ? '@media all' : '@media not all',
  )
}

let drawn: { top: PhonePage; theme: string } | undefined
function draw(): void {
  const top = pages.top()
  for (const page of pages.pages) page.box.hidden = page !== top
  if (!top) return
  if (drawn?.top !== top || drawn.theme !== fake.env.theme) {
    drawn = { top, theme: fake.env.theme }
    pageStyle.textContent = themed(duet.pageCss[top.route] ?? '', fake.env.theme)
  }
  bars.innerHTML = duet.bars[`${top.route}|${pages.pages.length > 1 ? 2 : 1}|${fake.env.theme}`] ?? ''
  bars.querySelector('.gallery-status span')!.textContent = clockTime()
  const back = bars.querySelector<HTMLElement>('.gallery-nav__back')
  if (back) back.onclick = () => pages.back(1)
  const home = bars.querySelector<HTMLElement>('.gallery-nav__home')
  if (home) home.onclick = () => fake.ui.router?.relaunch(duet.pages[0])
  const capsule = bars.querySelector<HTMLElement>('.gallery-capsule')!
  capsule.id = 'wx-leave-duet'
  capsule.setAttribute('role', 'button')
  capsule.setAttribute('aria-label', '离开 Duet，回到聊天')
  capsule.onclick = leaveDuet
  expose()
}

function expose(): void {
  const top = pages.top()
  if (!top) return
  exposeAttributes(top.comp, imageUrl)
  for (const field of Array.from(top.box.querySelectorAll<HTMLElement>('wx-input, wx-textarea'))) fieldFor(field, top)
}

/** A real text field inside j-component's empty <input>: typing and leaving it go through person.ts. */
function fieldFor(dom: HTMLElement, page: PhonePage): void {
  const el = elementAt(dom)
  if (!el) return
  let field = dom.querySelector<HTMLInputElement>(':scope > .pg-field')
  if (!field) {
    field = h(tagOf(el) === 'textarea' ? 'textarea' : 'input', { class: 'pg-field' }) as HTMLInputElement
    field.addEventListener('input', () => typeInto(el, field!.value, page))
    field.addEventListener('blur', () => {
      screens.hideSuggestion()
      leaveField(el, page)
    })
    if (dom.dataset.type === 'nickname')
      field.addEventListener('focus', () =>
        screens.suggestNickname(PEOPLE[who].nickname, () => {
          field!.value = PEOPLE[who].nickname
          typeInto(el, field!.value, page)
          field!.blur()
        }),
      )
    dom.append(field)
  }
  field.placeholder = dom.dataset.placeholder ?? ''
  field.setAttribute('aria-label', dom.getAttribute('aria-label') ?? field.placeholder)
  if (document.activeElement !== field) field.value = page.typed.get(dom) ?? dom.dataset.value ?? ''
}

new MutationObserver(() => requestAnimationFrame(expose)).observe(webview, {
  childList: true,
  subtree: true,
  characterData: true,
})

// ---- a person's clicks: taps as the tests tap -------------------------------------------------------------
function tapped(target: EventTarget | null): El | null {
  const dom = target as HTMLElement | null
  if (!dom || dom.classList?.contains('pg-field')) return null
  return elementAt(dom)
}

webview.addEventListener('click', (event) => {
  const el = tapped(event.target)
  const top = pages.top()
  if (!el || !top) return
  tap(el, top)
  if (tagOf(el) === 'switch') toggleSwitch(el, top)
  requestAnimationFrame(expose)
})
// A long press is a right click here (contacts' rows open their action sheet on one).
webview.addEventListener('contextmenu', (event) => {
  const el = tapped(event.target)
  const top = pages.top()
  if (!el || !top) return
  event.preventDefault()
  fake.inTap = true
  try {
    dispatch(el, 'longpress', {})
  } finally {
    fake.inTap = false
  }
})

// ---- leaving Duet for the chat, and cards that open it ------------------------------------------------------
/** §4.5: WeChat destroys a mini program left in the background for about this long. */
const DESTROYED_AFTER_MS = 30 * 60_000
/** When the person left Duet for the chat, on the phone's clock; null while Duet is in front. */
let leftAt: number | null = null
const destroyed = () => leftAt !== null && Date.now() - leftAt >= DESTROYED_AFTER_MS

function leaveDuet(): void {
  if (screens.chatOpen) return
  fake.leave()
  leftAt = Date.now()
  screens.showChat(memory.chat)
}

/** Back to Duet: where the person left it, or, once WeChat has destroyed it, a cold start on its first page. */
function openDuet(): void {
  if (destroyed()) return coldStart(duet.pages[0])
  leftAt = null
  screens.hideChat()
  fake.cameBack()
}

/**
 * §7.2: a card opens Duet at its path: a Duet still in the background comes to the front with the card's
 * page (a hot start); one WeChat has destroyed starts again on it (a cold start).
 */
function openCard(message: ChatMessage): void {
  if (destroyed()) return coldStart(message.path)
  leftAt = null
  screens.hideChat()
  fake.ui.tapCard(message.path)
}

/** Duet starts again, on `path`: this phone's frame loads again, with what the phone remembers. */
function coldStart(path: string): void {
  sessionStorage.setItem(coldStartKey, path)
  relaunch()
}

// ---- what the model records: toasts shown, cards sent, problems ----------------------------------------------
let toastsSeen = 0
let sharedSeen = 0
let problemsSeen = 0
function watchModel(): void {
  for (const words of fake.ui.toasts.slice(toastsSeen)) screens.toast(words)
  toastsSeen = fake.ui.toasts.length
  for (const card of fake.ui.shared.slice(sharedSeen))
    host.send(who, { kind: 'card', title: card.title, path: card.path })
  sharedSeen = fake.ui.shared.length
  for (const problem of fake.problems.slice(problemsSeen)) report(problem)
  problemsSeen = fake.problems.length
  const now = JSON.stringify([fake.env.storage, fake.env.authSetting, fake.env.privacyNeedsAgreement])
  if (now !== remembered) {
    remembered = now
    Object.assign(memory, {
      storage: fake.env.storage,
      authSetting: fake.env.authSetting,
      privacyNeedsAgreement: fake.env.privacyNeedsAgreement,
    })
    remember()
  }
}
let remembered = ''
upkeep(() => {
  watchModel()
  expose()
}, 150)
upkeep(() => {
  const time = bars.querySelector('.gallery-status span')
  if (time) time.textContent = clockTime()
}, 1000)
window.addEventListener('pagehide', watchModel)

// ---- controls ----------------------------------------------------------------------------------------------
function change(next: Partial<PhoneSettings>): void {
  Object.assign(settings, next)
  localStorage.setItem(settingsKey(who), JSON.stringify(settings))
  // What this WeChat is (platform, base library) is fixed for a run: it changes with a cold start.
  if (next.platform || next.sdkVersion) return relaunch()
  if (next.online !== undefined) fake.storage.setNetwork(next.online ? 'wifi' : 'none')
  if (next.os) Object.assign(fake.env.os, next.os)
  if (next.guideDeclares) Object.assign(fake.env.guideDeclares, next.guideDeclares)
  if (next.adminConsole1v1 !== undefined) fake.env.adminConsole1v1 = next.adminConsole1v1
  if (next.theme) {
    fake.runtime.setTheme(next.theme)
    document.body.dataset.theme = next.theme
    draw()
  }
}

function relaunch(): void {
  watchModel()
  location.reload()
}

const phone: Phone = {
  who,
  fake,
  routes: () => pages.pages.map((p) => p.route),
  receive(message) {
    memory.chat.push(message)
    remember()
    if (screens.chatOpen) screens.showChat(memory.chat)
    else screens.toast(`${PEOPLE[other(who)].nickname}：${message.title}`)
  },
  forward(ms) {
    clock.tick(ms)
  },
  settings: () => ({ ...settings }),
  change,
  reset() {
    localStorage.removeItem(memoryKey(who))
    localStorage.removeItem(settingsKey(who))
    location.reload()
  },
  relaunch,
}
;(window as unknown as { phone: Phone }).phone = phone

// ---- launch, as WeChat starts a mini program: app.js, onLaunch, onShow, the first page ----------------------
document.body.dataset.theme = settings.theme
const { config } = loaded.requireFile(`${duet.vRoot}/config.js`) as { config: Record<string, unknown> }
Object.assign(config, {
  cloudEnv: TEST_CLOUD_ENV,
  ringTemplateId: TEST_RING_TEMPLATE,
  reminderTemplateId: TEST_REMINDER_TEMPLATE,
})
loaded.requireFile(`${duet.vRoot}/app.js`)
;(phone as { store?: unknown }).store = loaded.requireFile(`${duet.vRoot}/store/index.js`).store
// A cold start from a card opens on the card's page; otherwise on app.json's first.
const startedOn = sessionStorage.getItem(coldStartKey) ?? duet.pages[0]
sessionStorage.removeItem(coldStartKey)
;(phone as { startedOn?: string }).startedOn = startedOn
const { route: launchRoute, query: launchQuery } = parseUrl(startedOn)
app.onLaunch?.({ path: launchRoute, query: launchQuery, scene: 1001 } as WechatMiniprogram.App.LaunchShowOption)
showApp()
fake.ui.tapCard(startedOn)
watchModel()
host.ready(who)
