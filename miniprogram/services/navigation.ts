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

/** A page on the stack, as getCurrentPages() lists it. */
export interface OpenPage {
  route: string
  options?: Record<string, string | undefined>
}

/**
 * How to show `page` for `query` (e.g. one person's dial page) from the top of `stack` without a second copy
 * of it: stay where it is on top; back down the stack where it is open; where the page is open for someone
 * else, back to it and replace it; otherwise open it over the top.
 */
export function routeTo(
  stack: readonly OpenPage[],
  page: PageName,
  query: Record<string, string>,
): { stay: true } | { open: true } | { back: number; replace?: true } {
  const route = routeOf(page)
  const top = stack.length - 1
  const forQuery = stack.map((p) => p.route === route && Object.keys(query).every((k) => p.options?.[k] === query[k]))
  const same = forQuery.lastIndexOf(true)
  if (same === top) return { stay: true }
  if (same >= 0) return { back: top - same }
  const other = stack.map((p) => p.route).lastIndexOf(route)
  return other >= 0 ? { back: top - other, replace: true } : { open: true }
}

/** Shows `page` for `query` by routeTo's rule. */
export function showPage(page: PageName, query: Record<string, string>): void {
  const route = routeTo(
    getCurrentPages().map((p) => ({ route: p.route, options: p.options })),
    page,
    query,
  )
  if ('open' in route) goTo(page, query)
  else if (!('back' in route)) return
  else if (!route.replace) wx.navigateBack({ delta: route.back })
  else if (route.back === 0) replaceWith(page, query)
  else wx.navigateBack({ delta: route.back, success: () => replaceWith(page, query) })
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
