export type PageName = 'onboarding' | 'contacts' | 'dial' | 'invite' | 'me'

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

/** The one way Duet moves between pages: by routeTo's rule, a new page opened `how` where it is not open. */
function show(page: PageName, query: Record<string, string> = {}, how: 'navigateTo' | 'redirectTo'): void {
  const route = routeTo(
    getCurrentPages().map((p) => ({ route: p.route, options: p.options })),
    page,
    query,
  )
  const url = pageUrl(page, query)
  if ('open' in route && how === 'navigateTo') wx.navigateTo({ url })
  else if ('open' in route) wx.redirectTo({ url })
  else if (!('back' in route)) return
  else if (!route.replace) wx.navigateBack({ delta: route.back })
  else if (route.back === 0) wx.redirectTo({ url })
  else wx.navigateBack({ delta: route.back, success: () => wx.redirectTo({ url }) })
}

/** Shows `page`, opened on top of the current one where it is not open yet, so "back" returns here. */
export function goTo(page: PageName, query?: Record<string, string>): void {
  show(page, query, 'navigateTo')
}

/** Shows `page`, in place of the current one where it is not open yet (e.g. home after a walkthrough). */
export function replaceWith(page: PageName, query?: Record<string, string>): void {
  show(page, query, 'redirectTo')
}
