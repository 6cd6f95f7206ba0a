// What the gallery fails a screen for. `checkScreen` runs inside the browser (page.evaluate), on a rendered
// state at rest: it must not use anything outside its own body. scripts/gallery-broken-pages.js proves that
// each rule catches a page broken that way.
/* global document, window, NodeFilter, getComputedStyle */

/**
 * The problems of the screen on show, as sentences; none for a good screen.
 * - heading: the exact text of the screen's title (the navigation bar's, a card's, a dialog's or a sheet's):
 *   an element with a title class, on the first screen (the screen as shown: scrolled, for a state further
 *   down a page), with a size, not hidden and not covered.
 * - shows: texts the state is about, each on that screen, shown and not covered.
 * - below: texts further down, each shown and not covered once scrolled to.
 * - truncated: texts deliberately long, which may be cut off with an ellipsis (a text cut off must be one of
 *   them, or part of one).
 * - width: the screen's width; nothing may run past it.
 */
function checkScreen({ heading, shows = [], below = [], truncated = [], width }) {
  const problems = []
  const squash = (text) => (text || '').replace(/\s+/g, ' ').trim()
  const describe = (el) => `${el.tagName.toLowerCase()}${Array.from(el.classList, (c) => `.${c}`).join('')}`
  const style = (el) => getComputedStyle(el)
  const bars = document.querySelector('.gallery-bars')
  const screenTop = bars ? bars.getBoundingClientRect().bottom : 0
  const screenBottom = window.innerHeight
  const webView = document.querySelector('.gallery-webview') || document.body

  /** Rendered with a size, and neither it nor anything around it hidden or fully transparent. */
  const shown = (el) => {
    const r = el.getBoundingClientRect()
    if (r.width < 1 || r.height < 1) return false
    for (let e = el; e; e = e.parentElement) {
      const s = style(e)
      if (s.visibility === 'hidden' || s.display === 'none' || Number(s.opacity) === 0) return false
    }
    return true
  }
  /** What lies on top of the element, if anything, at its centre and just inside the middle of each edge. */
  const coveredBy = (el) => {
    const r = el.getBoundingClientRect()
    const inset = Math.min(2, r.width / 4, r.height / 4)
    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2]
    // Not the corners: a rounded button's corners are not the button.
    const points = [
      [x, y],
      [r.left + inset, y],
      [r.right - inset, y],
      [x, r.top + inset],
      [x, r.bottom - inset],
    ]
    for (const [px, py] of points) {
      const hit = document.elementFromPoint(px, py)
      if (hit && hit !== el && !el.contains(hit)) return hit
    }
    return null
  }
  /** Wholly between the bars (or in them: the navigation bar's title) and the bottom of the screen. */
  const onFirstScreen = (el) => {
    const r = el.getBoundingClientRect()
    const top = bars && bars.contains(el) ? 0 : screenTop
    return r.top >= top - 0.5 && r.bottom <= screenBottom + 0.5
  }
  /** Why a person cannot read `el` where it is, or null when they can. */
  const unreadable = (el, where) => {
    if (!shown(el)) return 'has no size or is hidden'
    const r = el.getBoundingClientRect()
    if (where === 'first screen' && !onFirstScreen(el))
      return `is not on the first screen (${Math.round(r.top)}–${Math.round(r.bottom)} px of ${screenTop}–${screenBottom})`
    const cover = coveredBy(el)
    return cover ? `is covered by ${describe(cover)}` : null
  }
  /** The innermost elements whose text contains `text`. */
  const holding = (text) =>
    Array.from(webView.querySelectorAll('*')).filter(
      (el) =>
        squash(el.textContent).includes(text) &&
        !Array.from(el.children).some((child) => squash(child.textContent).includes(text)),
    )

  // The heading: a title element whose whole text it is, readable on the first screen without scrolling.
  const titleClass = /(^|__|-)title(-text)?$/
  const titles = Array.from(document.querySelectorAll('*')).filter((el) =>
    Array.from(el.classList).some((c) => titleClass.test(c)),
  )
  const headings = titles.filter((el) => squash(el.textContent) === heading)
  if (!headings.length) {
    const seen = [...new Set(titles.filter(shown).map((el) => squash(el.textContent)))]
    problems.push(`heading "${heading}" is not a title on this screen (titles: ${seen.join(' / ') || 'none'})`)
  } else {
    const why = headings.map((el) => unreadable(el, 'first screen'))
    if (why.every(Boolean)) problems.push(`heading "${heading}" ${why[0]}`)
  }
  for (const text of shows) {
    const found = holding(text)
    const why = found.map((el) => unreadable(el, 'first screen'))
    if (!found.length) problems.push(`"${text}" is not on the page`)
    else if (why.every(Boolean)) problems.push(`"${text}" ${why[0]}`)
  }

  // Nothing runs past the screen's width.
  const overflowing = []
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect()
    if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5))
      overflowing.push(`${describe(el)}: ${Math.round(r.left)}–${Math.round(r.right)}px`)
  }
  const pageWidth = document.documentElement.scrollWidth
  if (pageWidth > width || overflowing.length)
    problems.push(`wider than the screen (${pageWidth}px): ${overflowing.slice(0, 5).join('; ')}`)

  // Text: squeezed into a narrow column, or cut off by an ellipsis or a box that hides what overflows it.
  const squeezed = []
  const clipped = []
  const walker = document.createTreeWalker(webView, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = squash(node.textContent)
    const parent = node.parentElement
    if (!text || !parent) continue
    const range = document.createRange()
    range.selectNodeContents(node)
    const lines = Array.from(range.getClientRects()).filter((r) => r.width > 1)
    if (!lines.length) continue
    const size = parseFloat(style(parent).fontSize)
    const characters = Array.from(text).length
    // Two characters or fewer a line ("知道/了"), or a short label that is the whole of its element broken at all.
    const narrow = lines.length >= 2 && lines.every((r) => r.width <= size * 2.3)
    const brokenLabel = lines.length >= 2 && characters <= 8 && !/\s/.test(text) && squash(parent.textContent) === text
    if (characters >= 2 && (narrow || brokenLabel)) squeezed.push(text)
    // Glyphs laid out beyond an ancestor that hides its overflow are not seen (an ellipsis, a clamp, a cut).
    // A line's box is taller than its glyphs by up to a third of the font size, so only more than that counts.
    const slack = size * 0.35
    for (let box = parent; box && box !== webView && box !== document.body; box = box.parentElement) {
      const s = style(box)
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue
      const b = box.getBoundingClientRect()
      const left = b.left + box.clientLeft
      const top = b.top + box.clientTop
      const cut = lines.some(
        (r) =>
          (s.overflowX !== 'visible' && (r.left < left - 1 || r.right > left + box.clientWidth + 1)) ||
          (s.overflowY !== 'visible' && (r.top < top - slack || r.bottom > top + box.clientHeight + slack)),
      )
      if (cut) {
        if (!truncated.some((t) => t.includes(text))) clipped.push(`"${text}" in ${describe(box)}`)
        break
      }
    }
  }
  if (squeezed.length) problems.push(`squeezed to a character or two per line: ${squeezed.slice(0, 5).join(' / ')}`)
  if (clipped.length) problems.push(`text cut off: ${clipped.slice(0, 5).join('; ')}`)

  // A sheet, dialog or anything fixed to the screen lies wholly on it: nothing cut off at its bottom.
  for (const layer of webView.querySelectorAll('*')) {
    if (style(layer).position !== 'fixed' || !shown(layer)) continue
    const parts = [layer, ...Array.from(layer.querySelectorAll('*')).filter(shown)]
    const off = parts.find((el) => {
      const r = el.getBoundingClientRect()
      return r.bottom > screenBottom + 1 || r.top < screenTop - 1
    })
    if (off) {
      const r = off.getBoundingClientRect()
      problems.push(
        `${describe(layer)} runs off the screen: ${describe(off)} at ${Math.round(r.top)}–${Math.round(r.bottom)} px`,
      )
    }
  }

  // One primary action per screen: a primary button, or anything painted in the primary colour like one.
  // With a dialog or sheet open, the screen is that layer.
  const layers = Array.from(
    document.querySelectorAll('.weui-half-screen-dialog, .weui-actionsheet, .weui-dialog'),
  ).filter(shown)
  const probe = document.createElement('div')
  webView.appendChild(probe)
  const primaryColours = new Set(
    ['var(--weui-BRAND)', 'var(--duet-primary)', '#07c160'].map((colour) => {
      probe.style.backgroundColor = ''
      probe.style.backgroundColor = colour
      return style(probe).backgroundColor
    }),
  )
  probe.remove()
  primaryColours.delete('rgba(0, 0, 0, 0)')
  const looksPrimary = (el) => {
    // A switch that is on, and icons (drawn in their colour through a mask), are not actions.
    const mask = style(el).maskImage || style(el).webkitMaskImage
    if (el.closest('wx-switch, wx-icon') || (mask && mask !== 'none')) return false
    if (el.matches('wx-button[data-type="primary"]')) return true
    const r = el.getBoundingClientRect()
    return primaryColours.has(style(el).backgroundColor) && r.width >= 32 && r.height >= 24
  }
  const primaries = (layers.length ? layers : [webView])
    .flatMap((layer) => Array.from(layer.querySelectorAll('*')))
    .filter((el) => shown(el) && looksPrimary(el))
  const outermost = primaries.filter((el) => !primaries.some((other) => other !== el && other.contains(el)))
  if (outermost.length > 1)
    problems.push(`${outermost.length} primary actions: ${outermost.map((el) => squash(el.innerText)).join(' / ')}`)

  // Texts further down: readable once the person scrolls to them.
  const scrolled = window.scrollY
  for (const text of below) {
    const found = holding(text)
    if (!found.length) {
      problems.push(`"${text}" is not on the page`)
      continue
    }
    found[0].scrollIntoView({ block: 'center' })
    const why = unreadable(found[0], 'anywhere')
    if (why) problems.push(`"${text}" ${why}`)
    window.scrollTo(0, scrolled)
  }
  return problems
}

/**
 * The person has scrolled down to the element holding `text` (in the browser): it sits just below the bars.
 * False when no element holds it.
 */
function scrollToText(text) {
  const squash = (t) => (t || '').replace(/\s+/g, ' ').trim()
  const webView = document.querySelector('.gallery-webview') || document.body
  const target = Array.from(webView.querySelectorAll('*')).find((el) => squash(el.textContent) === text)
  if (!target) return false
  const bars = document.querySelector('.gallery-bars')
  const top = target.getBoundingClientRect().top - (bars ? bars.getBoundingClientRect().bottom : 0)
  window.scrollBy(0, top - 8)
  return true
}

module.exports = { checkScreen, scrollToText }
