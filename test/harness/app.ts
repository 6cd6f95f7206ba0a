// Launches Duet against the fake WeChat runtime and opens real pages through miniprogram-simulate.
import * as fs from 'fs'
import * as path from 'path'
import type { RootStore } from '../../miniprogram/store/index'
import { createFakeWx, Environment, FakeWx, ScriptedUser } from '../fake-wx'
import { PageHandle, settle } from './page'
import { loadSimulate } from './simulate'

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

type Simulate = typeof import('miniprogram-simulate')

export class LaunchedApp {
  private readonly pages: PageHandle[] = []
  /** A page module runs once per launch (as in WeChat); later opens render new instances of it. */
  private readonly registered = new Map<PageName, string>()
  /** Called with each rendered page before it attaches (the benchmark wraps setData here). */
  onRender: ((comp: ReturnType<Simulate['render']>, name: PageName) => void) | null = null
  constructor(readonly fake: FakeWx, readonly store: RootStore, private readonly simulate: Simulate) {
    // Settings pages close back onto the top page, whose onShow runs again.
    fake.onReturnToMiniProgram(() => this.top()?.show())
  }

  top(): PageHandle | undefined {
    return this.pages[this.pages.length - 1]
  }

  /** Opens a page as WeChat would: render, attach, onLoad(query), onShow, then let everything settle. */
  async open(name: PageName, query: Record<string, string> = {}): Promise<PageHandle> {
    const id = this.registered.get(name)
      ?? this.simulate.load(path.join(MINIPROGRAM_ROOT, 'pages', name, 'index'), { rootPath: MINIPROGRAM_ROOT })
    this.registered.set(name, id)
    const comp = this.simulate.render(id)
    this.onRender?.(comp, name)
    comp.attach(document.createElement('parent-wrapper'))
    const page = new PageHandle(comp, this.fake)
    this.pages.push(page)
    page.load(query)
    page.show()
    await settle()
    return page
  }
}

/**
 * A fresh launch: new module registry (so a fresh store, as after a relaunch), the fake installed as
 * the global `wx`, and app.ts's onLaunch run. Pass `storage` from an earlier fake to model a relaunch.
 */
export async function launch(env: Partial<Environment> = {}, user: Partial<ScriptedUser> = {}): Promise<LaunchedApp> {
  jest.resetModules()
  // Each render adds the page's WXSS to document.head; a relaunch starts from an empty document.
  document.head.innerHTML = ''
  document.body.innerHTML = ''
  // miniprogram-simulate installs its own loose wx stub; the strict fake replaces it wholesale.
  const { simulate } = loadSimulate()
  const fake = createFakeWx(env, user)
  fake.knownPages = appJson.pages
  current = fake
  const g = global as unknown as { wx: WechatMiniprogram.Wx; App: (o: WechatMiniprogram.App.Option) => void }
  g.wx = fake.wx
  let appOptions: Partial<WechatMiniprogram.App.Option> = {}
  g.App = (options) => { appOptions = options }
  require(path.join(MINIPROGRAM_ROOT, 'app'))
  appOptions.onLaunch?.({ path: appJson.pages[0], query: {}, scene: 1001 } as WechatMiniprogram.App.LaunchShowOption)
  const { store } = require(path.join(MINIPROGRAM_ROOT, 'store/index')) as { store: RootStore }
  // No settling here: WeChat runs onLaunch and the first page's onLoad/onShow back to back.
  return new LaunchedApp(fake, store, simulate)
}
