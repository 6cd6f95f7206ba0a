// What j-component keeps off the DOM, carried onto it so a browser draws the page as WeChat would: template
// attributes (id, aria-label, aria-role, disabled, checked, value, type), images from their src, WeChat's <icon> as WeUI's icon font,
// native buttons with the WeUI classes WeChat draws them with, and WeUI's own classes unprefixed.
import { attr, attrs, everyElement, RenderedPage, tagOf } from './elements'

const DRAWN_FROM_ATTRIBUTES = ['button', 'input', 'switch', 'image', 'icon']

/** `imageUrl` says where the browser finds an image's picture (a phone's temporary file has none of its own). */
export function exposeAttributes(comp: RenderedPage, imageUrl: (src: string) => string = (src) => src): void {
  const elements = everyElement(comp)
  for (const el of elements.filter((e) => DRAWN_FROM_ATTRIBUTES.includes(tagOf(e)))) {
    const values: Record<string, string> = {}
    for (const a of attrs(el)) values[a.name] = String(a.value ?? '')
    for (const name of ['disabled', 'checked', 'value', 'placeholder', 'type']) {
      if (name in values) el.dom.setAttribute(`data-${name}`, values[name])
    }
    if (tagOf(el) === 'input' && !el.dom.hasAttribute('data-value')) el.dom.setAttribute('data-value', '')
    if (tagOf(el) === 'image' && values.src) el.dom.style.backgroundImage = `url("${imageUrl(values.src)}")`
    // WeChat's <icon> is WeUI's icon font: the same glyph and colour as weui-icon-<type>.
    if (tagOf(el) === 'icon') {
      el.dom.classList.add(`weui-icon-${values.type}`)
      el.dom.style.fontSize = `${Number(values.size || 23) / 2.4}px`
      el.dom.style.color =
        values.type === 'warn'
          ? 'var(--weui-RED)'
          : values.type === 'success'
            ? 'var(--weui-BRAND)'
            : 'var(--weui-BLUE)'
    }
    if (tagOf(el) === 'button') {
      const type = values.type === 'primary' || values.type === 'warn' ? values.type : 'default'
      el.dom.setAttribute('data-type', type)
      el.dom.classList.add('weui-btn', `weui-btn_${type}`)
      if (values.size === 'mini') el.dom.classList.add('weui-btn_mini')
      el.dom.classList.toggle('weui-btn_disabled', values.disabled === 'true')
    }
  }
  for (const el of elements) {
    // The WXML id as the DOM id, and the accessible name and role, as WeChat's view layer keeps them.
    const id = attr(el, 'id')
    if (typeof id === 'string' && id && el.dom.id !== id) el.dom.id = id
    const label = attr(el, 'aria-label')
    if (typeof label === 'string' && el.dom.getAttribute('aria-label') !== label)
      el.dom.setAttribute('aria-label', label)
    const role = attr(el, 'aria-role')
    if (typeof role === 'string' && el.dom.getAttribute('role') !== role) el.dom.setAttribute('role', role)
    // Inside WeUI's components, j-component prefixes each class with the tag; WeUI's stylesheet wants them bare.
    for (const name of Array.from(el.dom.classList)) {
      const bare = /^[\w-]+?--(weui-[\w-]+)$/.exec(name)?.[1]
      if (bare && !el.dom.classList.contains(bare)) el.dom.classList.add(bare)
    }
  }
}
