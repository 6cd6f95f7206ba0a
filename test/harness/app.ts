// Launches Duet against the fake WeChat runtime and keeps its page stack through miniprogram-simulate:
// pages open, close and show again as WeChat's route APIs (played by the fake) say. Several phones can run
// in one test (each a LaunchedApp with its own fake, storage and store, sharing one fake cloud): the global
// `wx` follows the phone whose code is running, carried through promises and timers by AsyncLocalStorage.
import { AsyncLocalStorage } from 'async_hooks'
import * as fs from 'fs'
import * as path from 'path'
import type { config as Config } from '../../miniprogram/config'
import { PageName, routeTo } from '../../miniprogram/services/navigation'
import type { RootStore } from '../../miniprogram/store/index'
import { createFakeWx, Environment, FakeCloud, FakeWx, ScriptedUser } from '../../wechat-model'
import { afterEachTest } from './after-each-test'
import { attach, detach, forgetEarlierLaunches, loadSimulate, register, renderPage } from './jcomponent'
import { PageStack } from '../../wechat-model/view/page-stack'
import { dropPendingTimers, PageHandle, settle } from './page'

/** The TypeScript sources by default; DUET_ROOT=dist drives the built mini program (gallery, bench). */
export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../..', process.env.DUET_ROOT || 'miniprogram')
export type { PageName }
type LaunchShowOption = WechatMiniprogram.App.LaunchShowOption

const appJson = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as {
  pages: string[]
  darkmode?: boolean
}

/** Every fake launched since the last check: each phone's problems count. */
const launchedFakes: FakeWx[] = []

/** Apps launched and not yet closed. */
const openApps: LaunchedApp[] = []

/**
 * Closes every app still open, as WeChat ends a closed mini program: what ticks on its own (the invitation
 * and ring clocks) stops, so an earlier launch neither keeps running nor keeps its store alive. The jest
 * setup calls it after each test; a relaunch, for the launches before it.
 */
export function closeApps(): void {
  for (const app of openApps.splice(0)) app.close()
}

/** Problems the fakes recorded since the last call. */
function takeProblems(): string[] {
  return launchedFakes.splice(0).flatMap((fake) => fake.problems.splice(0))
}

/**
 * Ends every launch so far: closes the apps and throws if a fake recorded a problem. The jest setup calls it
 * after each test; a test of thousands of launches calls it after each one, so that none outlives its check
 * (held until the end of the test, their stores and fakes made a worker's heap grow to 770 MB).
 */
export function endLaunches(): void {
  closeApps()
  const problems = takeProblems()
  if (problems.length) throw new Error(`fake WeChat reported problems:\n- ${problems.join('\n- ')}`)
}

afterEachTest(endLaunches)

/**
 * One run of a property over random sequences, whose launches end with it (a run of thousands would fill the
 * heap otherwise): their problems fail that run. A run that failed on its own drops them instead, so they are
 * never blamed on the next run (fast-check's shrinking replays runs one after another in this process).
 */
export function endingItsLaunches<A extends unknown[]>(run: (...args: A) => Promise<void>) {
  return async (...args: A): Promise<void> => {
    try {
      await run(...args)
    } catch (err) {
      closeApps()
      takeProblems()
      throw err
    }
    endLaunches()
  }
}

// ---- which phone is running -------------------------------------------------------------------------

const running = new AsyncLocalStorage<LaunchedApp>()
let lastLaunched: LaunchedApp | null = null

/** The phone whose code is running: the one that started this chain of calls, else the last launched. */
function currentPhone(): LaunchedApp {
  const phone = running.getStore() ?? lastLaunched
  if (!phone) throw new Error('no phone has been launched')
  return phone
}

/** The globals WeChat gives a mini program, each following the running phone. */
const phoneWx = new Proxy({} as WechatMiniprogram.Wx, {
  get: (_target, prop) => (currentPhone().fake.wx as unknown as Record<string | symbol, unknown>)[prop],
  has: (_target, prop) => prop in currentPhone().fake.wx,
  set: (_target, prop) => currentPhone().fake.problem(`code assigned wx.${String(prop)}`),
})

/** Installs them at every launch: requiring miniprogram-simulate puts its own loose `wx` stub in their place. */
function installGlobals(): void {
  const g = global as unknown as Record<string, unknown>
  g.wx = phoneWx
  g.getCurrentPages = () => currentPhone().stack.map((p) => ({ route: p.route, options: p.query }))
}

export class LaunchedApp {
  /** Page and component modules run once per launch (as in WeChat); later opens render new instances. */
  private readonly registered = new Map<string, string>()
  private readonly pages: PageStack<PageHandle>
  store!: RootStore
  /** How this phone was launched: a relaunch of it launches the same way. */
  options: LaunchOptions = {}

  constructor(readonly fake: FakeWx) {
    this.pages = new PageStack<PageHandle>(
      (route, query, openedBy) => {
        const id = register(path.join(MINIPROGRAM_ROOT, route), MINIPROGRAM_ROOT, this.registered)
        const page = new PageHandle(route, query, renderPage(id), fake, openedBy, (work) => this.within(work))
        attach(page.comp)
        return page
      },
      (page) => detach(page.comp),
      (work) => this.within(work),
    )
    // The person leaves (a settings page, another app) and comes back: App.onShow, then the top page's onShow.
    this.pages.connect(fake, () => this.showApp())
    // WeChat's events reach this phone's Duet as this phone, also when the other phone set them off.
    fake.asThisPhone = (work) => this.within(work)
  }

  /** Open pages, bottom first, as getCurrentPages() reports them. */
  get stack(): readonly PageHandle[] {
    return this.pages.pages
  }

  /** app.ts's App({...}), as WeChat holds it. */
  appOptions: Partial<WechatMiniprogram.App.Option> = {}

  /** WeChat's App.onShow: at launch, and each time the person comes back to Duet. */
  showApp(): void {
    const route = this.top()?.route ?? appJson.pages[0]
    this.within(() => this.appOptions.onShow?.({ path: route, query: {}, scene: 1001 } as LaunchShowOption))
  }

  /** The mini program is closed: its store stops what runs on its own. */
  close(): void {
    this.within(() => this.store?.dispose())
  }

  /** Runs `work` as this phone: every wx call it makes, now or later, goes to this phone's WeChat. */
  within<T>(work: () => T): T {
    return running.run(this, work)
  }

  top(): PageHandle | undefined {
    return this.pages.top()
  }

  /**
   * The person arrives on a page (from a chat card, a link, or a test's say-so): it opens on top of the
   * stack as WeChat would, render, onLoad(query), onShow, and everything settles.
   */
  async open(name: PageName, query: Record<string, string> = {}): Promise<PageHandle> {
    const page = this.pages.push(`pages/${name}/index`, query)
    await settle()
    return page
  }

  /**
   * The person goes to a page the way Duet's own controls take them (services/navigation's routeTo): back to the
   * copy already open for this query, in place of a copy open for someone else, or new on top. `open` pushes
   * whatever the stack holds, which can make a stack no person could (two dial pages); random sequences use this.
   */
  async go(name: PageName, query: Record<string, string> = {}): Promise<PageHandle> {
    const encoded = (q: Record<string, string>) =>
      Object.fromEntries(Object.entries(q).map(([k, v]) => [k, encodeURIComponent(v)]))
    const route = routeTo(
      this.stack.map((p) => ({ route: p.route, options: encoded(p.query) })),
      name,
      query,
    )
    if ('stay' in route) return this.top()!
    if ('open' in route) return this.open(name, query)
    this.pages.back(route.back)
    if (route.replace) {
      this.pages.pop()
      this.pages.push(`pages/${name}/index`, query)
    }
    await settle()
    return this.top()!
  }

  /** The person taps the navigation bar's back arrow: the top page closes, the one below shows again. */
  async back(): Promise<PageHandle> {
    if (this.stack.length < 2) throw new Error('WeChat shows no back arrow on the first page')
    this.pages.back(1)
    await settle()
    return this.top()!
  }

  /** WeChat opens Duet with no path (from the recent mini programs, a cold start): app.json's first page. */
  openHome(): Promise<PageHandle> {
    return this.openUrl(appJson.pages[0])
  }

  /**
   * The person taps a card whose path is `url` (a shared card, a subscribe message): that page opens with its
   * query, on a cleared stack if Duet was running (WeChat's hot start, played by the fake).
   */
  async openUrl(url: string): Promise<PageHandle> {
    this.within(() => this.fake.ui.tapCard(url))
    const page = this.stack[0]
    await settle()
    return page
  }

  /** Registers every page of app.json now, so each phone's page modules bind to its own store. */
  preloadPages(): void {
    for (const route of appJson.pages) register(path.join(MINIPROGRAM_ROOT, route), MINIPROGRAM_ROOT, this.registered)
  }
}

export interface LaunchOptions {
  /** Deployment settings (miniprogram/config.ts) this launch runs with. */
  config?: Partial<typeof Config>
  /** The WeChat Cloud this phone talks to; phones of one test share one to meet there. */
  cloud?: FakeCloud
  /** Other phones run in this test: load every page now, so this phone's pages bind to its own store. */
  preload?: boolean
  /** Keep what other phones show and their timers: this launch is another phone, not a relaunch. */
  keepOtherPhones?: boolean
}

/**
 * A fresh launch: new module registry (so a fresh store, as after a relaunch), a fake WeChat for the phone,
 * and app.ts's onLaunch run. Pass `storage` from an earlier fake to model a relaunch.
 */
export async function launch(
  env: Partial<Environment> = {},
  user: Partial<ScriptedUser> = {},
  options: LaunchOptions = {},
): Promise<LaunchedApp> {
  jest.resetModules()
  if (!options.keepOtherPhones) {
    // A relaunch: the closed mini program takes its timers with it, and the document starts empty
    // (each render adds the page's WXSS to document.head).
    closeApps()
    dropPendingTimers()
    document.head.innerHTML = ''
    document.body.innerHTML = ''
  }
  loadSimulate()
  if (!options.keepOtherPhones) forgetEarlierLaunches()
  installGlobals()
  const fake = createFakeWx(env, user, options.cloud)
  fake.knownPages = appJson.pages
  fake.darkmode = appJson.darkmode === true
  launchedFakes.push(fake)
  const app = new LaunchedApp(fake)
  app.options = options
  openApps.push(app)
  lastLaunched = app
  ;(global as unknown as { App: (o: WechatMiniprogram.App.Option) => void }).App = (o) => {
    app.appOptions = o
  }
  app.within(() => {
    const { config } = require(path.join(MINIPROGRAM_ROOT, 'config')) as { config: typeof Config }
    Object.assign(config, options.config)
    require(path.join(MINIPROGRAM_ROOT, 'app'))
    app.store = (require(path.join(MINIPROGRAM_ROOT, 'store/index')) as { store: RootStore }).store
    // With other phones about, this phone's modules load now, in its own registry.
    if (options.preload) app.preloadPages()
    app.appOptions.onLaunch?.({ path: appJson.pages[0], query: {}, scene: 1001 } as LaunchShowOption)
  })
  app.showApp()
  // No settling here: WeChat runs onLaunch and the first page's onLoad/onShow back to back.
  return app
}

/**
 * WeChat closed Duet and the person opens it again from the recent mini programs: the same phone as it is
 * now (its storage, settings and WeChat Cloud), launched as before, on app.json's first page as WeChat opens it.
 */
export async function relaunch(
  app: LaunchedApp,
  user: Partial<ScriptedUser> = {},
): Promise<{ app: LaunchedApp; home: PageHandle }> {
  const again = await launch(app.fake.env, user, { ...app.options, cloud: app.fake.cloud.server })
  return { app: again, home: await again.openHome() }
}

/**
 * Duet's store alone, with no pages and no fresh module registry: what a launch does, a hundred times
 * cheaper, for tables that check thousands of states. Each call builds a new RootStore on a new fake.
 */
export async function launchStore(
  env: Partial<Environment> = {},
  user: Partial<ScriptedUser> = {},
): Promise<{ fake: FakeWx; store: RootStore }> {
  installGlobals()
  const fake = createFakeWx(env, user)
  fake.knownPages = appJson.pages
  fake.darkmode = appJson.darkmode === true
  launchedFakes.push(fake)
  const app = new LaunchedApp(fake)
  openApps.push(app)
  lastLaunched = app
  const { RootStore } = require(path.join(MINIPROGRAM_ROOT, 'store/index')) as { RootStore: new () => RootStore }
  app.store = new RootStore()
  await app.within(() => app.store.start())
  await settle(1)
  return { fake, store: app.store }
}
