export type PageName = 'onboarding' | 'contacts' | 'dial' | 'invite'

export function pageUrl(page: PageName, query: Record<string, string> = {}): string {
  const qs = Object.keys(query)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(query[k])}`)
    .join('&')
  return `/pages/${page}/index${qs ? `?${qs}` : ''}`
}

const routeOf = (page: PageName) => `pages/${page}/index`

/**
 * How to get back to `page` from the top of `stack` (routes, bottom first) without a second copy of it:
 * back down the stack where it is already open, or replace the top page where it is not.
 */
export function routeBack(stack: readonly string[], page: PageName): { back: number } | { replace: true } {
  const below = stack.slice(0, -1).lastIndexOf(routeOf(page))
  return below >= 0 ? { back: stack.length - 1 - below } : { replace: true }
}

export function goTo(page: PageName, query?: Record<string, string>): void {
  wx.navigateTo({ url: pageUrl(page, query) })
}

/** Replaces the current page, so "back" does not return to it. */
export function replaceWith(page: PageName, query?: Record<string, string>): void {
  wx.redirectTo({ url: pageUrl(page, query) })
}

/** Returns to `page`: back down the stack where it is open, otherwise in place of the current page. */
export function backTo(page: PageName): void {
  const route = routeBack(
    getCurrentPages().map((p) => p.route),
    page,
  )
  if ('back' in route) wx.navigateBack({ delta: route.back })
  else replaceWith(page)
}
