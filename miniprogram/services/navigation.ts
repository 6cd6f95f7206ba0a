export type PageName = 'onboarding' | 'contacts' | 'dial' | 'invite' | 'me' | 'book' | 'appointment'

export function pageUrl(page: PageName, query: Record<string, string> = {}): string {
  const qs = Object.keys(query)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(query[k])}`)
    .join('&')
  return `/pages/${page}/index${qs ? `?${qs}` : ''}`
}

const routeOf = (page: PageName) => `pages/${page}/index`

/** A page on the stack, as getCurrentPages() lists it: its query values still encoded, as in its path. */
export interface OpenPage {
  route: string
  options?: Record<string, string | undefined>
}

export type Route = { stay: true } | { open: true } | { back: number; replace?: true }

/**
 * How to show `page` for `query` (e.g. one person's dial page) from the top of `stack` (bottom first) without
 * a second copy of it: stay where it is on top; back down the stack to its nearest copy; where the page is
 * open for someone else, back to that copy and replace it; otherwise a new page.
 */
export function routeTo(stack: readonly OpenPage[], page: PageName, query: Record<string, string> = {}): Route {
  const route = routeOf(page)
  const top = stack.length - 1
  const isFor = (p: OpenPage) =>
    p.route === route && Object.keys(query).every((k) => p.options?.[k] === encodeURIComponent(query[k]))
  const same = stack.map(isFor).lastIndexOf(true)
  if (same === top && top >= 0) return { stay: true }
  if (same >= 0) return { back: top - same }
  const other = stack.map((p) => p.route).lastIndexOf(route)
  return other >= 0 ? { back: top - other, replace: true } : { open: true }
}

/**
 * Pages a navigation Duet started is still on its way to. WeChat opens a page after navigateTo returns, so a
 * fast second tap (before the first page arrived) would otherwise open a second copy: it is dropped instead.
 */
const arriving = new Set<string>()

/** The one way Duet moves between pages: by routeTo's rule, a new page opened `how` where it is not open. */
function show(page: PageName, query: Record<string, string> = {}, how: 'navigateTo' | 'redirectTo'): void {
  const target = routeOf(page)
  if (arriving.has(target)) return
  const route = routeTo(
    getCurrentPages().map((p) => ({ route: p.route, options: p.options })),
    page,
    query,
  )
  if ('stay' in route) return
  const url = pageUrl(page, query)
  arriving.add(target)
  const complete = () => void arriving.delete(target)
  if ('open' in route && how === 'navigateTo') wx.navigateTo({ url, complete })
  else if ('open' in route || route.back === 0) wx.redirectTo({ url, complete })
  else if (!route.replace) wx.navigateBack({ delta: route.back, complete })
  else wx.navigateBack({ delta: route.back, success: () => wx.redirectTo({ url, complete }), fail: complete })
}

/** Shows `page`, opened on top of the current one where it is not open yet, so "back" returns here. */
export function goTo(page: PageName, query?: Record<string, string>): void {
  show(page, query, 'navigateTo')
}

/** Shows `page`, in place of the current one where it is not open yet (e.g. home after a walkthrough). */
export function replaceWith(page: PageName, query?: Record<string, string>): void {
  show(page, query, 'redirectTo')
}
