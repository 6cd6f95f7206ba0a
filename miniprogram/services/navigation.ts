export type PageName = 'onboarding' | 'contacts' | 'dial'

export function pageUrl(page: PageName, query: Record<string, string> = {}): string {
  const qs = Object.keys(query)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(query[k])}`)
    .join('&')
  return `/pages/${page}/index${qs ? `?${qs}` : ''}`
}

export function goTo(page: PageName, query?: Record<string, string>): void {
  wx.navigateTo({ url: pageUrl(page, query) })
}

/** Replaces the current page, so "back" does not return to it. */
export function replaceWith(page: PageName, query?: Record<string, string>): void {
  wx.redirectTo({ url: pageUrl(page, query) })
}
