// What every page does, in this one file: hands WeUI the phone's appearance (each page's root carries
// data-weui-theme="{{theme}}": WeUI turns dark only under it, platform doc §8.6), makes sure the store has
// started, and reads permissions again whenever the page shows again (back from a settings page, perhaps). A page
// adds its own steps through the hooks below, never its own onLoad/onShow/onHide/onUnload.
import { reaction } from 'mobx-miniprogram'
import { store } from '../store/index'

type Stop = () => void

/** What a page may add to what every page does. */
export interface DuetPageHooks {
  /** The page opens with its query (untrusted). */
  load?(query: Record<string, string | undefined>): void
  /** The page shows; `again` once it has shown before (back from another page, or from outside Duet). */
  show?(again: boolean): void
  /** Watchers for as long as the page lives: each returns its stop. */
  whileLoaded?(): Stop[]
  /** Watchers only while the page is on top (a redirect replaces whichever page is on top): started on show. */
  whileOnTop?(): Stop[]
}

/** The behavior's own bookkeeping on each page instance. */
interface PageRun {
  shown: boolean
  stopTheme: Stop
  loaded: Stop[]
  onTop: Stop[]
}

type DuetPage = DuetPageHooks & {
  duetPage?: PageRun
  data: { theme: string }
  setData(data: { theme: string }): void
}

const stopAll = (stops: Stop[]) => stops.splice(0).forEach((stop) => stop())

export const duetPage = Behavior({
  data: { theme: store.appearance.theme },
  lifetimes: {
    attached(this: unknown) {
      const page = this as DuetPage
      const follow = (theme: string) => {
        if (page.data.theme !== theme) page.setData({ theme })
      }
      follow(store.appearance.theme)
      page.duetPage = {
        shown: false,
        stopTheme: reaction(() => store.appearance.theme, follow),
        loaded: [],
        onTop: [],
      }
    },
    detached(this: unknown) {
      const run = (this as DuetPage).duetPage
      if (!run) return
      run.stopTheme()
      stopAll(run.onTop)
      stopAll(run.loaded)
    },
  },
  methods: {
    onLoad(this: unknown, query?: Record<string, string | undefined>) {
      const page = this as DuetPage
      void store.start()
      page.duetPage?.loaded.push(...(page.whileLoaded?.() ?? []))
      page.load?.(query ?? {})
    },
    onShow(this: unknown) {
      const page = this as DuetPage
      const run = page.duetPage
      if (!run) return
      const again = run.shown
      run.shown = true
      stopAll(run.onTop)
      run.onTop.push(...(page.whileOnTop?.() ?? []))
      page.show?.(again)
      // Back on this page (from another, or from the settings): what was allowed may have changed.
      if (again) void store.pageShown()
    },
    onHide(this: unknown) {
      const run = (this as DuetPage).duetPage
      if (run) stopAll(run.onTop)
    },
    onUnload(this: unknown) {
      const run = (this as DuetPage).duetPage
      if (!run) return
      stopAll(run.onTop)
      stopAll(run.loaded)
    },
  },
})
