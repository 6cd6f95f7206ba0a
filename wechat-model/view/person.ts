// What a person does to a page, as WeChat delivers it: a tap (with WeChat's answer to an open-type button),
// typing into a field and leaving it, a form's submit. The tests' harness and the playground's clicks both come
// through here, so the playground clicks exactly as the tests tap.
import type { FakeWx } from '../fake-wx'
import type { ButtonEvent, PickerShown } from '../ui'
import { ancestor, attr, callMethod, dataset, descendants, dispatch, El, RenderedPage, tagOf } from './elements'

/** The page a person acts on, and the phone it runs on. */
export interface PageInHand {
  readonly route: string
  readonly comp: RenderedPage
  readonly fake: FakeWx
  /** What the person typed into each field, by its element: what a form submits (the simulator keeps no value). */
  readonly typed: WeakMap<HTMLElement, string>
  /** Runs work as this page's phone (the harness runs several phones in one process). */
  within<T>(work: () => T): T
}

export const isDisabled = (el: El): boolean => {
  const value = attr(el, 'disabled')
  return value === true || value === 'true' || value === ''
}

/**
 * A person's tap. Delivered synchronously with the model's "in a tap" flag set, so WeChat's rule that
 * openSetting works only inside a tap handler is checked. A tap anywhere on a button is the button's: an
 * open-type button then does what WeChat does for it (the model decides), and WeChat's answer reaches the
 * button's handlers, at once when scripted, or when a person at a drawn screen has answered.
 */
export function tap(el: El, page: PageInHand): void {
  const button = tagOf(el) === 'button' ? el : ancestor(el, 'button')
  if (button && isDisabled(button)) return
  page.within(() => {
    page.fake.inTap = true
    try {
      dispatch(el, 'tap', {})
    } finally {
      page.fake.inTap = false
    }
    const picker = tagOf(el) === 'picker' ? el : ancestor(el, 'picker')
    if (picker && !isDisabled(picker)) openPicker(picker, page)
    if (!button) return
    if (attr(button, 'form-type') === 'submit') submit(button, page)
    const openType = attr(button, 'open-type')
    if (typeof openType !== 'string' || !openType) return
    const pressed = { openType, id: String(attr(button, 'id') ?? ''), dataset: dataset(button) }
    const onPage = {
      route: page.route,
      shareAppMessage: (from: unknown) => page.within(() => callMethod(page.comp, 'onShareAppMessage', [from])),
    }
    const deliver = (events: ButtonEvent[]) => {
      for (const event of events) dispatch(button, event.name, event.detail)
    }
    deliver(page.fake.ui.pressButton(pressed, onPage, (events) => page.within(() => deliver(events))))
  })
}

/** A `<switch>` tapped: WeChat flips it and tells the page. */
export function toggleSwitch(el: El, page: PageInHand): void {
  page.within(() => dispatch(el, 'change', { value: attr(el, 'checked') !== true }))
}

/** A submit button inside a `<form>`: the form's submit event carries each named field's value. */
function submit(button: El, page: PageInHand): void {
  const form = ancestor(button, 'form')
  if (!form) return
  const value: Record<string, unknown> = {}
  for (const field of descendants(form)) {
    const name = attr(field, 'name')
    if (typeof name !== 'string' || !name) continue
    const tag = tagOf(field)
    if (tag === 'switch' || tag === 'checkbox') value[name] = attr(field, 'checked') === true
    else value[name] = page.typed.get(field.dom) ?? attr(field, 'value') ?? ''
  }
  dispatch(form, 'submit', { value })
}

/** Typing: what the field now holds, delivered synchronously like taps. */
export function typeInto(el: El, value: string, page: PageInHand): void {
  page.within(() => {
    page.typed.set(el.dom, value)
    dispatch(el, 'input', { value })
  })
}

/** The person leaves a field: a nickname field goes through WeChat's content check, which may empty it (§6.1). */
export function leaveField(el: El, page: PageInHand): void {
  if (attr(el, 'type') !== 'nickname') return
  page.within(() => {
    const review = page.fake.ui.reviewNickname(page.typed.get(el.dom) ?? '')
    if (!review.pass) {
      page.typed.set(el.dom, review.value)
      dispatch(el, 'input', { value: review.value })
    }
    dispatch(el, 'nicknamereview', { pass: review.pass, timeout: false })
  })
}

/**
 * The person opens a `<picker>`, chooses `value` and confirms (§8.7): its change event, as WeChat gives it. A value
 * the picker could not offer fails the test.
 */
export function pick(el: El, value: string | number, page: PageInHand): void {
  if (tagOf(el) !== 'picker') throw new Error(`a <${tagOf(el)}> is not a <picker>`)
  page.within(() => dispatch(el, 'change', page.fake.ui.pickerChange(pickerShown(el), value)))
}

/** A picker as WXML evaluated it: what it offers, and what it shows chosen. */
const pickerShown = (el: El): PickerShown => ({
  mode: attr(el, 'mode'),
  start: attr(el, 'start'),
  end: attr(el, 'end'),
  range: attr(el, 'range'),
  value: attr(el, 'value'),
})

/**
 * A tap on a `<picker>` opens it (§8.7): a person at a drawn picker chooses and confirms (its change event) or
 * cancels (its cancel event). A test chooses with `pick()` instead; a picker a test opened by a tap and left
 * unanswered is a test bug.
 */
function openPicker(el: El, page: PageInHand): void {
  const shown = pickerShown(el)
  page.fake.ask(
    'picker',
    shown,
    () => undefined,
    (choice) => {
      if (choice === undefined)
        return page.fake.noteProblem('a picker opened by a tap, and nobody chose (tests use pick())')
      page.within(() =>
        dispatch(
          el,
          choice === null ? 'cancel' : 'change',
          choice === null ? {} : page.fake.ui.pickerChange(shown, choice),
        ),
      )
    },
  )
}
