// WeChat's page stack: pages open on top, close, and show again as the route APIs (played by the model) say,
// with each page's lifecycle in WeChat's order. The tests' harness and the playground's phones keep one each.
import type { FakeWx } from '../fake-wx'
import type { Router } from '../ui'

/** Who put a page on the stack: Duet, through WeChat's route APIs, or the person (a card, a test's say-so). */
export type OpenedBy = 'duet' | 'person'

/** A page on the stack: its lifecycle, which the stack runs. */
export interface StackedPage {
  readonly route: string
  readonly query: Record<string, string>
  load(): void
  show(): void
  hide(): void
  unload(): void
}

/** A card's or route's path: the page's route and its query, values as they stand (still percent-encoded). */
export function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [route, qs = ''] = url.replace(/^\//, '').split('?')
  const query: Record<string, string> = {}
  for (const pair of qs.split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=')
    // WeChat hands onLoad the values as they stand in the path, still percent-encoded: Duet decodes them.
    query[k] = v
  }
  return { route, query }
}

export class PageStack<P extends StackedPage> {
  /** Open pages, bottom first, as getCurrentPages() reports them. */
  readonly pages: P[] = []

  constructor(
    /** Renders and attaches the page at `route` (not yet loaded). */
    private readonly create: (route: string, query: Record<string, string>, openedBy: OpenedBy) => P,
    /** Takes a closed page out of the document. */
    private readonly destroy: (page: P) => void,
    /** Runs work as this phone. */
    private readonly within: <T>(work: () => T) => T = (work) => work(),
  ) {}

  top(): P | undefined {
    return this.pages[this.pages.length - 1]
  }

  /** A page opens on top: render, onLoad(query), onShow; the page below hides. */
  push(url: string, extraQuery: Record<string, string> = {}, openedBy: OpenedBy = 'person'): P {
    return this.within(() => {
      const { route, query } = parseUrl(url)
      this.top()?.hide()
      const page = this.create(route, { ...query, ...extraQuery }, openedBy)
      this.pages.push(page)
      page.load()
      page.show()
      return page
    })
  }

  pop(): void {
    this.within(() => {
      const page = this.pages.pop()
      if (!page) return
      page.unload()
      this.destroy(page)
    })
  }

  /** `delta` pages close and the one below shows again. */
  back(delta: number): void {
    for (let i = 0; i < delta; i++) this.pop()
    this.within(() => this.top()?.show())
  }

  /**
   * Connects the stack to the phone's WeChat: its route APIs move the stack, and leaving the mini program
   * (a settings page, another app) hides the top page, coming back shows it.
   */
  connect(fake: FakeWx, appShown: () => void): void {
    const router: Router = {
      stack: () => this.pages.map((p) => p.route),
      open: (url) => this.push(url, {}, 'duet'),
      replace: (url) => {
        this.pop()
        this.push(url, {}, 'duet')
      },
      back: (delta) => this.back(delta),
      relaunch: (url) => {
        while (this.pages.length) this.pop()
        this.push(url, {}, 'duet')
      },
    }
    fake.ui.router = router
    fake.onLeaveMiniProgram(() => this.within(() => this.top()?.hide()))
    fake.onAppShow(appShown)
    fake.onReturnToMiniProgram(() => this.within(() => this.top()?.show()))
  }
}
