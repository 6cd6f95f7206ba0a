// Launches Duet against the fake WeChat runtime and keeps its page stack through miniprogram-simulate:
// pages open, close and show again as WeChat's route APIs (played by the fake) say.
import * as fs from 'fs'
import * as path from 'path'
import type { RootStore } from '../../miniprogram/store/index'
import type { config as Config } from '../../miniprogram/config'
import { createFakeWx, Environment, FakeWx, ScriptedUser } from '../fake-wx'
import { attach, detach, loadSimulate, register, renderPage } from './jcomponent'
import { dropPendingTimers, PageHandle, settle } from './page'

/** The TypeScript sources by default; DUET_ROOT=dist drives the built mini program (gallery, bench). */
export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../..', process.env.DUET_ROOT || 'miniprogram')
export type PageName = 'onboarding' | 'contacts' | 'dial'

const appJson = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as { pages: string[] }
let current: FakeWx | null = null

/** Problems the fake recorded since the last call; the jest setup fails a test that leaves any. */
export function takeProblems(): string[] {
  if (!current) return []
  return current.problems.splice(0)
}

function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [route, qs = ''] = url.replace(/^\//, '').split('?')
  const query: Record<string, string> = {}
  for (const pair of qs.split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=')
    // WeChat hands onLoad the values as they stand in the path, still percent-encoded: Duet decodes them.
    query[k] = v
  }
  return { route, query }
}

export class LaunchedApp {
  /** Open pages, bottom first, as getCurrentPages() reports them. */
  readonly stack: PageHandle[] = []
  /** Page and component modules run once per launch (as in WeChat); later opens render new instances. */
  private readonly registered = new Map<string, string>()
  /** Called with each rendered page before it loads (the benchmark wraps setData here). */
  onRender: ((page: PageHandle, name: PageName) => void) | null = null

  constructor(
    readonly fake: FakeWx,
    readonly store: RootStore,
  ) {
    fake.ui.router = {
      stack: () => this.stack.map((p) => p.route),
      open: (url) => this.push(url),
      replace: (url) => {
        this.pop()
        this.push(url)
      },
      back: (delta) => {
        for (let i = 0; i < delta; i++) this.pop()
        this.top()?.show()
      },
      relaunch: (url) => {
        while (this.stack.length) this.pop()
        this.push(url)
      },
    }
    // Settings pages open over the top page and close back onto it.
    fake.onLeaveMiniProgram(() => this.top()?.hide())
    fake.onReturnToMiniProgram(() => this.top()?.show())
  }

  top(): PageHandle | undefined {
    return this.stack[this.stack.length - 1]
  }

  /**
   * The person arrives on a page (from a chat card, a link, or a test's say-so): it opens on top of the
   * stack as WeChat would, render, onLoad(query), onShow, and everything settles.
   */
  async open(name: PageName, query: Record<string, string> = {}): Promise<PageHandle> {
    const page = this.push(`pages/${name}/index`, query)
    await settle()
    return page
  }

  private push(url: string, extraQuery: Record<string, string> = {}): PageHandle {
    const { route, query } = parseUrl(url)
    const id = register(path.join(MINIPROGRAM_ROOT, route), MINIPROGRAM_ROOT, this.registered)
    this.top()?.hide()
    const page = new PageHandle(route, { ...query, ...extraQuery }, renderPage(id), this.fake)
    this.onRender?.(page, route.split('/')[1] as PageName)
    attach(page.comp)
    this.stack.push(page)
    page.load()
    page.show()
    return page
  }

  private pop(): void {
    const page = this.stack.pop()
    if (!page) return
    page.unload()
    detach(page.comp)
  }
}

type Globals = {
  wx: WechatMiniprogram.Wx
  App: (o: WechatMiniprogram.App.Option) => void
  getCurrentPages: () => Array<{ route: string; options: Record<string, string> }>
}

function install(fake: FakeWx): Globals {
  fake.knownPages = appJson.pages
  current = fake
  const g = global as unknown as Globals
  g.wx = fake.wx
  return g
}

/**
 * Duet's store alone, with no pages and no fresh module registry: what a launch does, a hundred times
 * cheaper, for tables that check thousands of states. Each call builds a new RootStore on a new fake.
 */
export async function launchStore(
  env: Partial<Environment> = {},
  user: Partial<ScriptedUser> = {},
): Promise<{ fake: FakeWx; store: RootStore }> {
  const fake = createFakeWx(env, user)
  install(fake).getCurrentPages = () => []
  const { RootStore } = require(path.join(MINIPROGRAM_ROOT, 'store/index')) as { RootStore: new () => RootStore }
  const store = new RootStore()
  await store.start()
  await settle(1)
  return { fake, store }
}

export interface LaunchOptions {
  /** Deployment settings (miniprogram/config.ts) this launch runs with. */
  config?: Partial<typeof Config>
}

/**
 * A fresh launch: new module registry (so a fresh store, as after a relaunch), the fake installed as
 * the global `wx`, and app.ts's onLaunch run. Pass `storage` from an earlier fake to model a relaunch.
 */
export async function launch(
  env: Partial<Environment> = {},
  user: Partial<ScriptedUser> = {},
  options: LaunchOptions = {},
): Promise<LaunchedApp> {
  jest.resetModules()
  dropPendingTimers()
  // Each render adds the page's WXSS to document.head; a relaunch starts from an empty document.
  document.head.innerHTML = ''
  document.body.innerHTML = ''
  // miniprogram-simulate installs its own loose wx stub; the strict fake replaces it wholesale.
  loadSimulate()
  const fake = createFakeWx(env, user)
  const g = install(fake)
  let appOptions: Partial<WechatMiniprogram.App.Option> = {}
  g.App = (o) => {
    appOptions = o
  }
  const { config } = require(path.join(MINIPROGRAM_ROOT, 'config')) as { config: typeof Config }
  Object.assign(config, options.config)
  require(path.join(MINIPROGRAM_ROOT, 'app'))
  const { store } = require(path.join(MINIPROGRAM_ROOT, 'store/index')) as { store: RootStore }
  const app = new LaunchedApp(fake, store)
  g.getCurrentPages = () => app.stack.map((p) => ({ route: p.route, options: p.query }))
  appOptions.onLaunch?.({ path: appJson.pages[0], query: {}, scene: 1001 } as WechatMiniprogram.App.LaunchShowOption)
  // No settling here: WeChat runs onLaunch and the first page's onLoad/onShow back to back.
  return app
}
