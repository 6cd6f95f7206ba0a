export type PageName = 'onboarding' | 'contacts' | 'dial' | 'invite'

export function pageUrl(page: PageName, query: Record<string, string> = {}): string {
  const qs = Object.keys(query)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(query[k])}`)
    .join('&')
  return `/pages/${page}/index${qs ? `?${qs}` : ''}`
}

const routeOf = (page: PageName) => `pages/${page}/index`

/**
 * How to reach `page` from the top of `stack` (routes, bottom first) without a second copy of it: back down
 * the stack to its nearest copy, nothing when it is on top already, or a new page where it is not open.
 */
export function routeTo(stack: readonly string[], page: PageName): { back: number } | { here: true } | { new: true } {
  const at = stack.lastIndexOf(routeOf(page))
  if (at < 0) return { new: true }
  return at === stack.length - 1 ? { here: true } : { back: stack.length - 1 - at }
}

/**
 * The one way Duet moves between pages. A page already open is gone back to as it is (the query is for a
 * new page only: the dial page, the one page opened with one, is only ever opened from home, on top).
 */
function open(page: PageName, query: Record<string, string> | undefined, how: 'navigateTo' | 'redirectTo'): void {
  const route = routeTo(
    getCurrentPages().map((p) => p.route),
    page,
  )
  if ('back' in route) wx.navigateBack({ delta: route.back })
  else if ('new' in route && how === 'navigateTo') wx.navigateTo({ url: pageUrl(page, query) })
  else if ('new' in route) wx.redirectTo({ url: pageUrl(page, query) })
}

/** Opens `page` on top of the current one, so "back" returns here. */
export function goTo(page: PageName, query?: Record<string, string>): void {
  open(page, query, 'navigateTo')
}

/** Opens `page` in place of the current one, so "back" does not return to it (e.g. home after a walkthrough). */
export function replaceWith(page: PageName, query?: Record<string, string>): void {
  open(page, query, 'redirectTo')
}
