// What WeChat draws around the pages: toasts, modals, the screen, routes (§8.4), and what its open-type
// buttons do when tapped (§1.3, §2.5, §7.2).
import type { ApiTable, Callbacks, FakeWx } from './fake-wx'
import { api } from './fake-wx'

/** The page stack as the harness keeps it; the fake decides what WeChat allows and tells it what to do. */
export interface Router {
  /** Routes of the open pages, bottom first. */
  stack(): string[]
  open(url: string): void
  replace(url: string): void
  back(delta: number): void
  relaunch(url: string): void
}

/** A tapped `<button open-type>` as WeChat sees it. */
export interface OpenTypeButton {
  openType: string
  id: string
  dataset: Record<string, unknown>
}

/** The page a button sits on, for what WeChat asks of it (the share card comes from onShareAppMessage). */
export interface ButtonPage {
  route: string
  shareAppMessage(from: { from: 'button'; target: { id: string; dataset: Record<string, unknown> } }): unknown
}

/** A share card sent into a chat: what the friend taps (§7.2). */
export interface SharedCard {
  title: string
  path: string
  imageUrl?: string
}

/** What WeChat delivers to the button's own bind handler after its open-type action. */
export interface ButtonEvent {
  name: string
  detail: Record<string, unknown>
}

/** A `<picker>` as the page drew it: its mode and bounds, as WXML evaluated them (§8.7). */
export interface PickerShown {
  mode?: unknown
  start?: unknown
  end?: unknown
  range?: unknown
  /** What it shows chosen when it opens. */
  value?: unknown
}

const PICKER_FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  time: /^\d{2}:\d{2}$/,
}

type ModalOptions = Callbacks & {
  title?: string
  content?: string
  showCancel?: boolean
  confirmText?: string
  cancelText?: string
}

/** WeChat's page stack holds at most ten pages. */
const MAX_PAGES = 10

export class FakeUi {
  readonly toasts: string[] = []
  readonly modalsShown: string[] = []
  readonly navigations: string[] = []
  /** Share cards sent from this phone, newest last. */
  readonly shared: SharedCard[] = []
  /** wx.setKeepScreenOn as last set. */
  keepScreenOn = false
  /** Temporary files on this phone (e.g. a chosen avatar), which only this phone can read or upload. */
  readonly localFiles = new Set<string>()
  router: Router | null = null

  constructor(private readonly fake: FakeWx) {}

  /**
   * A `<button open-type>` was tapped: WeChat does what the open type means and answers with the events it
   * delivers to the button's bind handlers. A scripted person answers at once: the events are returned. A person
   * at a drawn screen answers later: [] is returned, and `later` gets the events once they have answered. An
   * open type not modelled here fails the test.
   */
  pressButton(
    button: OpenTypeButton,
    page: ButtonPage,
    later: (events: ButtonEvent[]) => void = () => undefined,
  ): ButtonEvent[] {
    const fake = this.fake
    const answer: { atOnce: ButtonEvent[] | null; returned: boolean } = { atOnce: null, returned: false }
    const deliver = (events: ButtonEvent[]) => {
      if (answer.returned) later(events)
      else answer.atOnce = events
    }
    switch (button.openType) {
      case 'agreePrivacyAuthorization':
        fake.privacy.tapAgreeButton(button.id)
        return [{ name: 'agreeprivacyauthorization', detail: {} }]
      case 'openSetting':
        fake.record('openSetting', 'openSetting(button)', 'permission', {})
        fake.scopes.openSettingsPage((authSetting) =>
          deliver([{ name: 'opensetting', detail: { authSetting, errMsg: 'openSetting:ok' } }]),
        )
        break
      case 'chooseAvatar':
        // §6.1: the picture's temporary path; a picture the content check rejects fires nothing.
        fake.ask(
          'avatar',
          {},
          () => fake.user.avatars.shift(),
          (picked) => {
            if (picked === undefined) return fake.problem('the avatar picker opened but the test scripted no choice')
            fake.record('chooseAvatar', `chooseAvatar(${picked.startsWith('wxfile://') ? 'picked' : picked})`, 'ui', {})
            if (picked === 'rejected' || picked === 'cancel') return deliver([])
            this.localFiles.add(picked)
            deliver([{ name: 'chooseavatar', detail: { avatarUrl: picked } }])
          },
        )
        break
      case 'share': {
        const card = this.shareCard(page, button)
        if (!card) return []
        // The share sheet: a script always sends; a person may cancel.
        fake.ask(
          'share',
          { card },
          () => 'send',
          (answer) => {
            if (answer === 'send') this.shared.push(card)
            deliver([])
          },
        )
        break
      }
      default:
        return fake.problem(`<button open-type="${button.openType}"> is not modelled`)
    }
    answer.returned = true
    return answer.atOnce ?? []
  }

  /**
   * §7.2: the person taps a card (shared into a chat, or a subscribe message) whose path is `path`. A mini
   * program not running starts on that page. One running in the background (a hot start: the person left it
   * for the chat) comes to the front with its page stack cleared and the card's page open, as reLaunch does.
   */
  tapCard(path: string): void {
    const router = this.router
    if (!router) return this.fake.problem('a card was tapped but nothing keeps the page stack')
    if (!router.stack().length) return router.open(path)
    // From the chat: Duet is in the background already, and its page hid when the person left it.
    if (this.fake.inFront) this.fake.leave()
    this.fake.cameToFront()
    router.relaunch(path)
  }

  /**
   * §8.7: the person chose `value` in a picker and confirmed it; what its change event carries. A date or time
   * picker gives its own text ("2026-12-08", "15:00") and offers nothing outside start..end; a selector gives
   * the index into its range. A choice the picker cannot offer, or a picker mode not modelled, fails the test.
   */
  pickerChange(picker: PickerShown, value: string | number): { value: string | number } {
    const fake = this.fake
    const mode = picker.mode === undefined || picker.mode === '' ? 'selector' : String(picker.mode)
    fake.record('picker', `picker(${mode}, ${value})`, 'ui', { value })
    if (mode === 'selector') {
      const length = Array.isArray(picker.range) ? picker.range.length : 0
      const ok = typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < length
      return ok ? { value } : fake.problem(`a selector picker of ${length} items cannot give ${value}`)
    }
    const format = PICKER_FORMATS[mode]
    if (!format) return fake.problem(`<picker mode="${mode}"> is not modelled`)
    // Both formats are fixed-width, so text order is time order.
    const inBounds =
      (typeof picker.start !== 'string' || !picker.start || String(value) >= picker.start) &&
      (typeof picker.end !== 'string' || !picker.end || String(value) <= picker.end)
    if (typeof value !== 'string' || !format.test(value) || !inBounds) {
      const bounds = `${String(picker.start ?? '')}..${String(picker.end ?? '')}`
      return fake.problem(`a ${mode} picker (${bounds}) cannot give ${value}`)
    }
    return { value }
  }

  /** §6.1: what WeChat's content check leaves of a nickname when the field loses focus. */
  reviewNickname(value: string): { value: string; pass: boolean } {
    this.fake.record(
      'nicknameReview',
      `nicknameReview(${this.fake.user.nicknameRejected ? 'rejected' : 'passed'})`,
      'ui',
      {},
    )
    return this.fake.user.nicknameRejected ? { value: '', pass: false } : { value, pass: true }
  }

  /** The card a share sends: the page's onShareAppMessage, checked the way WeChat uses it. */
  private shareCard(page: ButtonPage, button: OpenTypeButton): SharedCard | null {
    const fake = this.fake
    const content = page.shareAppMessage({ from: 'button', target: { id: button.id, dataset: button.dataset } }) as
      Partial<SharedCard> | undefined
    fake.record('share', `share(${content?.path ?? 'no path'})`, 'ui', content ?? {})
    if (!content || typeof content.title !== 'string' || typeof content.path !== 'string') {
      fake.noteProblem('a share button was tapped but onShareAppMessage gave no { title, path }')
      return null
    }
    const route = content.path.split('?')[0].replace(/^\//, '')
    if (fake.knownPages && !fake.knownPages.includes(route)) {
      fake.noteProblem(`a shared card opens a page app.json does not register: ${content.path}`)
    }
    return { title: content.title, path: content.path, ...(content.imageUrl ? { imageUrl: content.imageUrl } : {}) }
  }

  private navigate(apiName: 'navigateTo' | 'redirectTo' | 'reLaunch', o: Callbacks & { url: string }): void {
    const fake = this.fake
    fake.record(apiName, `${apiName}(${o.url})`, 'route', { url: o.url })
    const route = o.url.split('?')[0].replace(/^\//, '')
    if (fake.knownPages && !fake.knownPages.includes(route)) {
      fake.noteProblem(`${apiName} to a page app.json does not register: ${o.url}`)
      return fake.failWith(o, { errMsg: `${apiName}:fail page "${route}" is not found` })
    }
    // WeChat would open a second copy; Duet's own rule is to go back to a page already open instead.
    const stack = this.router?.stack() ?? []
    const staying = apiName === 'navigateTo' ? stack : apiName === 'redirectTo' ? stack.slice(0, -1) : []
    if (staying.includes(route))
      fake.noteProblem(`${apiName} ${o.url}: that page is already open (a second copy on the stack)`)
    if (apiName === 'navigateTo' && stack.length >= MAX_PAGES) {
      fake.noteProblem(`navigateTo with ${MAX_PAGES} pages open: ${o.url}`)
      return fake.failWith(o, { errMsg: 'navigateTo:fail webview count limit exceed' })
    }
    this.navigations.push(o.url)
    fake.later(() => {
      if (apiName === 'navigateTo') this.router?.open(o.url)
      else if (apiName === 'redirectTo') this.router?.replace(o.url)
      else this.router?.relaunch(o.url)
    })
    fake.succeed(apiName, o)
  }

  /** §2.5 (rev): the success callback of a modal opened from a tap still counts as that tap. */
  private showModal(o: ModalOptions): void {
    const fake = this.fake
    fake.record('showModal', `showModal(${o.title ?? ''})`, 'ui', { title: o.title, content: o.content })
    this.modalsShown.push(`${o.title ?? ''}: ${o.content ?? ''}`)
    const fromTap = fake.inTap
    const shows = {
      title: o.title ?? '',
      content: o.content ?? '',
      showCancel: o.showCancel !== false,
      confirmText: o.confirmText ?? '确定',
      cancelText: o.cancelText ?? '取消',
    }
    fake.ask(
      'modal',
      shows,
      () => fake.user.modals.shift(),
      (answer) => {
        if (!answer) fake.noteProblem(`a modal "${o.title ?? ''}" was shown but the test scripted no answer`)
        const res = { errMsg: 'showModal:ok', confirm: answer === 'confirm', cancel: answer !== 'confirm' }
        fake.later(() => {
          fake.inTap = fromTap
          try {
            o.success?.(res)
          } finally {
            fake.inTap = false
          }
          o.complete?.(res)
        })
      },
    )
  }

  apis(): ApiTable {
    const fake = this.fake
    return {
      showToast: api('1.0.0', 'ui', (o: Callbacks & { title: string }) => {
        fake.record('showToast', `showToast(${o.title})`, 'ui', { title: o.title })
        this.toasts.push(o.title)
        fake.succeed('showToast', o)
      }),
      showModal: api('1.0.0', 'ui', (o: ModalOptions) => this.showModal(o)),
      setKeepScreenOn: api('1.4.0', 'ui', (o: Callbacks & { keepScreenOn: boolean }) => {
        fake.record('setKeepScreenOn', `setKeepScreenOn(${String(o.keepScreenOn)})`, 'ui', {
          keepScreenOn: o.keepScreenOn,
        })
        this.keepScreenOn = o.keepScreenOn === true
        fake.succeed('setKeepScreenOn', o)
      }),
      navigateTo: api('1.0.0', 'route', (o: Callbacks & { url: string }) => this.navigate('navigateTo', o)),
      redirectTo: api('1.0.0', 'route', (o: Callbacks & { url: string }) => this.navigate('redirectTo', o)),
      reLaunch: api('1.1.0', 'route', (o: Callbacks & { url: string }) => this.navigate('reLaunch', o)),
      navigateBack: api('1.0.0', 'route', (o: Callbacks & { delta?: number }) => {
        const delta = Math.max(1, Math.floor(Number(o.delta ?? 1)) || 1)
        fake.record('navigateBack', `navigateBack(${delta})`, 'route', { delta })
        const depth = this.router?.stack().length ?? 0
        if (depth <= 1) return fake.failWith(o, { errMsg: 'navigateBack:fail cannot navigate back at first page.' })
        this.navigations.push(delta === 1 ? 'back' : `back ${delta}`)
        // Past the bottom of the stack WeChat stops at the first page.
        fake.later(() => this.router?.back(Math.min(delta, depth - 1)))
        fake.succeed('navigateBack', o)
      }),
    }
  }
}
