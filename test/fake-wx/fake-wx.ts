// A stateful, strict model of the WeChat runtime, written from docs/platform.md.
// - An API it does not model throws when touched: Duet must not depend on behaviour nobody wrote down.
// - An API newer than the base library is `undefined`, as on a real phone.
// - Anything the person would be asked that the test did not script is recorded in `problems`
//   (the page harness fails the test on any), so a test cannot pass by accident.
import { defaultEnvironment, defaultUser, Environment, FakeScope, JoinOutcome, ScriptedUser } from './environment'

type Callbacks = {
  success?: (res: unknown) => void
  fail?: (res: unknown) => void
  complete?: (res: unknown) => void
}
type Options = Callbacks & Record<string, unknown>
type ApiImpl = (...args: never[]) => unknown
type Category = 'privacy' | 'permission' | 'call' | 'system' | 'network' | 'storage' | 'ui' | 'route' | 'login'

export interface CallRecord {
  api: string
  /** A short readable form, e.g. `authorize(scope.record)`. */
  summary: string
  category: Category
  args: unknown
}

const SCOPES: readonly FakeScope[] = ['scope.record', 'scope.camera']
const PRIVACY_ENFORCED_SINCE = '2.32.3'
const PRIVACY_NOT_AUTHORIZED_ERRNO = 104
const MAX_BYTES_PER_KEY = 1024 * 1024

/** -1 / 0 / 1 for a < b, a = b, a > b, comparing dotted base-library versions. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0)
    if (d !== 0) return d < 0 ? -1 : 1
  }
  return 0
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}

export interface PrivacyResolution {
  event: 'agree' | 'disagree'
  buttonId?: string
}

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

/** A share card sent into a chat: what the friend taps. */
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

/** WeChat's page stack holds at most ten pages. */
const MAX_PAGES = 10

export class FakeWx {
  readonly env: Environment
  readonly user: ScriptedUser
  readonly calls: CallRecord[] = []
  readonly problems: string[] = []
  /** Set only while a tap handler runs synchronously (see test/harness). */
  inTap = false
  /** 1v1 enabled by setEnable1v1Chat in this run of the mini program. */
  enabled1v1 = false
  inCall = false
  readonly popupsShown: FakeScope[] = []
  readonly toasts: string[] = []
  readonly modalsShown: string[] = []
  readonly navigations: string[] = []
  privacyContractOpened = 0
  privacyListenerRegistrations = 0
  /** join1v1Chat calls whose outcome was 'hang': they never call back. */
  hangingJoins = 0
  /** Facts for invariants: what held at the moment of each sensitive call. */
  readonly audit = {
    joins: [] as Array<{ roomType: string; privacyAgreed: boolean; record: boolean; camera: boolean }>,
    authorizeAfterDenial: 0,
    openSettingOutsideTap: 0,
  }
  /** Pages that exist, set by the harness from app.json; navigation elsewhere is a problem. */
  knownPages: string[] | null = null

  /** Share cards sent from this phone, newest last. */
  readonly shared: SharedCard[] = []
  router: Router | null = null

  private privacyListener: ((resolve: (r: PrivacyResolution) => void, info: { referrer: string }) => void) | null = null
  private tappedAgreeButtonId: string | null = null
  private readonly networkListeners = new Set<(res: unknown) => void>()
  private readonly leaveListeners: Array<() => void> = []
  private readonly returnListeners: Array<() => void> = []
  private loginCount = 0
  readonly wx: WechatMiniprogram.Wx

  constructor(env: Partial<Environment> = {}, user: Partial<ScriptedUser> = {}) {
    const base = defaultEnvironment()
    this.env = { ...base, ...env, os: { ...base.os, ...env.os }, authSetting: { ...env.authSetting } }
    // The fake uses up scripted answers; a copy keeps a script shared between tests intact.
    this.user = { ...defaultUser(), ...clone(user) }
    this.wx = this.buildProxy()
  }

  // ---- what a test reads -------------------------------------------------------------------

  /** Readable log of the calls in the given categories (by default: what touches the platform). */
  trace(categories: Category[] | 'all' = ['privacy', 'permission', 'call', 'system', 'network']): string[] {
    return this.calls.filter((c) => categories === 'all' || categories.includes(c.category)).map((c) => c.summary)
  }

  count(api: string): number {
    return this.calls.filter((c) => c.api === api).length
  }

  // ---- what the harness does on the person's behalf ----------------------------------------

  /**
   * A `<button open-type>` was tapped: WeChat does what the open type means and answers with the events
   * it delivers to the button's bind handlers. An open type not modelled here fails the test.
   */
  pressButton(button: OpenTypeButton, page: ButtonPage): ButtonEvent[] {
    switch (button.openType) {
      case 'agreePrivacyAuthorization':
        this.tapAgreePrivacyButton(button.id)
        return [{ name: 'agreeprivacyauthorization', detail: {} }]
      case 'openSetting': {
        this.record('openSetting', 'openSetting(button)', 'permission', {})
        const authSetting = this.visitSettingsPage()
        return [{ name: 'opensetting', detail: { authSetting, errMsg: 'openSetting:ok' } }]
      }
      case 'share': {
        const card = this.shareCard(page, button)
        if (card) this.shared.push(card)
        return []
      }
      default:
        this.problem(`<button open-type="${button.openType}"> is not modelled`)
    }
  }

  /** `<button open-type="agreePrivacyAuthorization">` was tapped: WeChat records consent for that button. */
  tapAgreePrivacyButton(buttonId: string): void {
    this.record('agreePrivacyAuthorization', `agreePrivacyAuthorization(#${buttonId})`, 'privacy', { buttonId })
    this.tappedAgreeButtonId = buttonId
    this.env.privacyNeedsAgreement = false
  }

  /** The person left the mini program for a settings page (the harness hides the top page). */
  onLeaveMiniProgram(listener: () => void): void {
    this.leaveListeners.push(listener)
  }

  /** The person came back from a settings page (the harness shows the top page again). */
  onReturnToMiniProgram(listener: () => void): void {
    this.returnListeners.push(listener)
  }

  setNetwork(type: Environment['network']): void {
    this.env.network = type
    for (const listener of [...this.networkListeners]) listener({ isConnected: type !== 'none', networkType: type })
  }

  endCall(): void {
    this.inCall = false
  }

  // ---- internals -----------------------------------------------------------------------------

  private problem(message: string): never {
    this.problems.push(message)
    throw new Error(`fake-wx: ${message}`)
  }

  private noteProblem(message: string): void {
    this.problems.push(message)
  }

  private record(api: string, summary: string, category: Category, args: unknown): void {
    this.calls.push({ api, summary, category, args: clone(args) })
  }

  private isDevtools(): boolean {
    return this.env.platform === 'devtools'
  }

  private privacyEnforced(): boolean {
    return compareVersions(this.env.sdkVersion, PRIVACY_ENFORCED_SINCE) >= 0
  }

  /** WeChat answers asynchronously; a microtask keeps that true while letting a test settle in one turn. */
  private later(fn: () => void): void {
    queueMicrotask(fn)
  }

  private succeed(api: string, options: Callbacks, result: Record<string, unknown> = {}): void {
    const res = { errMsg: `${api}:ok`, ...result }
    this.later(() => {
      options.success?.(res)
      options.complete?.(res)
    })
  }

  private failWith(options: Callbacks, res: Record<string, unknown>): void {
    this.later(() => {
      options.fail?.(res)
      options.complete?.(res)
    })
  }

  private returnToMiniProgram(): void {
    for (const listener of this.returnListeners) listener()
  }

  /** The settings page opens over the mini program; the person flips switches and comes back. */
  private visitSettingsPage(): WechatMiniprogram.AuthSetting {
    for (const listener of this.leaveListeners) listener()
    for (const [scope, on] of Object.entries(this.user.settingsPage) as Array<[FakeScope, boolean]>) {
      // The page lists only scopes asked before: a switch for any other is not there to flip.
      if (scope in this.env.authSetting) this.env.authSetting[scope] = on
    }
    this.later(() => this.returnToMiniProgram())
    return clone(this.env.authSetting)
  }

  /** The card a share sends: the page's onShareAppMessage, checked the way WeChat uses it. */
  private shareCard(page: ButtonPage, button: OpenTypeButton): SharedCard | null {
    const content = page.shareAppMessage({ from: 'button', target: { id: button.id, dataset: button.dataset } }) as
      Partial<SharedCard> | undefined
    this.record('share', `share(${content?.path ?? 'no path'})`, 'ui', content ?? {})
    if (!content || typeof content.title !== 'string' || typeof content.path !== 'string') {
      this.noteProblem('a share button was tapped but onShareAppMessage gave no { title, path }')
      return null
    }
    const path = content.path.split('?')[0].replace(/^\//, '')
    if (this.knownPages && !this.knownPages.includes(path))
      this.noteProblem(`a shared card opens a page app.json does not register: ${content.path}`)
    return { title: content.title, path: content.path, ...(content.imageUrl ? { imageUrl: content.imageUrl } : {}) }
  }

  /** Runs `proceed` once privacy consent allows it, as WeChat does for privacy-gated APIs. */
  private privacyGate(api: string, options: Callbacks, proceed: () => void): void {
    if (!this.privacyEnforced() || !this.env.privacyNeedsAgreement) return proceed()
    const refuse = () =>
      this.failWith(options, {
        errMsg: `${api}:fail privacy permission is not authorized`,
        errno: PRIVACY_NOT_AUTHORIZED_ERRNO,
      })
    const listener = this.privacyListener
    if (!listener) return refuse()
    let settled = false
    const resolve = (r: PrivacyResolution) => {
      this.record('resolvePrivacy', `resolvePrivacy(${r.event}${r.buttonId ? ` #${r.buttonId}` : ''})`, 'privacy', r)
      if (settled) return this.noteProblem('onNeedPrivacyAuthorization resolve called twice')
      settled = true
      if (r.event === 'disagree') return refuse()
      if (r.event !== 'agree') return this.noteProblem(`resolve with unknown event ${String(r.event)}`)
      if (!r.buttonId || r.buttonId !== this.tappedAgreeButtonId) {
        this.noteProblem(
          `resolve(agree) named button ${String(r.buttonId)}, but the tapped agree button was ${String(this.tappedAgreeButtonId)}`,
        )
        return refuse()
      }
      proceed()
    }
    this.later(() => listener(resolve, { referrer: api }))
  }

  private nextJoinOutcome(): JoinOutcome {
    const outcomes = this.env.joinOutcomes
    return outcomes.length > 1 ? (outcomes.shift() as JoinOutcome) : outcomes[0]
  }

  private validUser(u: unknown): boolean {
    const user = u as { openid?: unknown; nickname?: unknown } | undefined
    return !!user && typeof user.openid === 'string' && user.openid !== '' && typeof user.nickname === 'string'
  }

  // ---- the modelled API ----------------------------------------------------------------------

  private apis(): Record<string, { since: string; category: Category; impl: ApiImpl }> {
    const api = <F extends ApiImpl>(since: string, category: Category, impl: F) => ({ since, category, impl })
    return {
      // runtime
      nextTick: api('1.0.0', 'system', (fn: () => void) => queueMicrotask(fn)),
      canIUse: api('1.1.0', 'system', (schema: string) => {
        this.record('canIUse', `canIUse(${schema})`, 'system', { schema })
        const known = this.apis()[schema]
        if (!known) return this.problem(`canIUse('${schema}') is not modelled`)
        return compareVersions(this.env.sdkVersion, known.since) >= 0
      }),
      getAppBaseInfo: api('2.20.1', 'system', () => {
        this.record('getAppBaseInfo', 'getAppBaseInfo', 'system', {})
        return {
          SDKVersion: this.env.sdkVersion,
          enableDebug: false,
          host: { env: 'WeChat' },
          language: 'zh_CN',
          theme: 'light',
        }
      }),
      getDeviceInfo: api('2.20.1', 'system', () => {
        this.record('getDeviceInfo', 'getDeviceInfo', 'system', {})
        return { platform: this.env.platform, brand: 'fake', model: 'fake phone', system: 'fake 1.0' }
      }),

      // section 1: privacy
      getPrivacySetting: api('2.32.3', 'privacy', (o: Options) => {
        this.record('getPrivacySetting', 'getPrivacySetting', 'privacy', {})
        this.succeed('getPrivacySetting', o, {
          needAuthorization: this.env.privacyNeedsAgreement,
          privacyContractName: '《Duet 隐私保护指引》',
        })
      }),
      onNeedPrivacyAuthorization: api('2.32.3', 'privacy', (listener: FakeWx['privacyListener']) => {
        this.record('onNeedPrivacyAuthorization', 'onNeedPrivacyAuthorization', 'privacy', {})
        this.privacyListenerRegistrations++
        this.privacyListener = listener
      }),
      openPrivacyContract: api('2.32.3', 'privacy', (o: Options) => {
        this.record('openPrivacyContract', 'openPrivacyContract', 'privacy', {})
        this.privacyContractOpened++
        this.succeed('openPrivacyContract', o)
      }),

      // section 2: scopes
      getSetting: api('1.2.0', 'permission', (o: Options) => {
        this.record('getSetting', 'getSetting', 'permission', {})
        this.succeed('getSetting', o, { authSetting: clone(this.env.authSetting) })
      }),
      authorize: api('1.2.0', 'permission', (o: Options & { scope: string }) => {
        const scope = o.scope as FakeScope
        this.record('authorize', `authorize(${o.scope})`, 'permission', { scope: o.scope })
        if (!SCOPES.includes(scope)) return this.failWith(o, { errMsg: 'authorize:fail invalid scope' })
        if (this.env.authSetting[scope] === false) this.audit.authorizeAfterDenial++
        this.privacyGate('authorize', o, () => {
          const current = this.env.authSetting[scope]
          if (current === true) return this.succeed('authorize', o)
          const denyText = this.env.platform === 'android' ? 'authorize:fail auth denied' : 'authorize:fail auth deny'
          if (current === false) return this.failWith(o, { errMsg: denyText })
          const answer = this.user.popups[scope]?.shift() ?? this.user.defaultPopupAnswer
          if (!answer) {
            this.noteProblem(`a popup for ${scope} was shown but the test scripted no answer`)
            return this.failWith(o, { errMsg: denyText })
          }
          this.popupsShown.push(scope)
          this.env.authSetting[scope] = answer === 'allow'
          if (answer === 'allow') this.succeed('authorize', o)
          else this.failWith(o, { errMsg: denyText })
        })
      }),
      openSetting: api('1.1.0', 'permission', (o: Options) => {
        this.record('openSetting', 'openSetting', 'permission', {})
        if (!this.inTap) {
          this.audit.openSettingOutsideTap++
          return this.failWith(o, { errMsg: 'openSetting:fail can only be invoked by user TAP gesture.' })
        }
        const authSetting = this.visitSettingsPage()
        this.succeed('openSetting', o, { authSetting })
      }),

      // section 3: WeChat's OS permissions
      getAppAuthorizeSetting: api('2.20.1', 'system', () => {
        this.record('getAppAuthorizeSetting', 'getAppAuthorizeSetting', 'system', {})
        const other = 'authorized' as const
        return {
          microphoneAuthorized: this.env.os.microphone,
          cameraAuthorized: this.env.os.camera,
          albumAuthorized: other,
          bluetoothAuthorized: other,
          locationAuthorized: other,
          locationReducedAccuracy: false,
          notificationAlertAuthorized: other,
          notificationAuthorized: other,
          notificationBadgeAuthorized: other,
          notificationSoundAuthorized: other,
          phoneCalendarAuthorized: other,
        }
      }),
      openAppAuthorizeSetting: api('2.20.1', 'system', (o: Options) => {
        this.record('openAppAuthorizeSetting', 'openAppAuthorizeSetting', 'system', {})
        for (const listener of this.leaveListeners) listener()
        Object.assign(this.env.os, this.user.phoneSettings)
        this.later(() => this.returnToMiniProgram())
        this.succeed('openAppAuthorizeSetting', o)
      }),

      // section 4: 1v1 calls
      setEnable1v1Chat: api('2.20.1', 'call', (o: Options & { enable: boolean }) => {
        this.record('setEnable1v1Chat', `setEnable1v1Chat(${String(o.enable)})`, 'call', { enable: o.enable })
        if (typeof o.enable !== 'boolean') return this.problem('setEnable1v1Chat needs a boolean enable')
        if (this.isDevtools()) return this.failWith(o, { errMsg: 'setEnable1v1Chat:fail not supported in devtools' })
        if (!this.env.adminConsole1v1)
          return this.failWith(o, { errMsg: 'setEnable1v1Chat:fail not enabled', errCode: -20000 })
        if (!this.env.deviceSupports1v1)
          return this.failWith(o, { errMsg: 'setEnable1v1Chat:fail device not supported', errCode: -20001 })
        if (this.env.enableFailure)
          return this.failWith(o, { errMsg: 'setEnable1v1Chat:fail', ...this.env.enableFailure })
        this.enabled1v1 = o.enable
        this.succeed('setEnable1v1Chat', o)
      }),
      join1v1Chat: api('2.20.1', 'call', (o: Options & { roomType?: string; caller: unknown; listener: unknown }) => {
        const roomType = o.roomType ?? 'video' // WeChat's default
        this.record('join1v1Chat', `join1v1Chat(${o.roomType ?? 'video by default'})`, 'call', o)
        if (!this.validUser(o.caller) || !this.validUser(o.listener)) {
          this.noteProblem('join1v1Chat needs caller and listener with openid and nickname')
          return this.failWith(o, { errMsg: 'join1v1Chat:fail parameter error' })
        }
        if (roomType !== 'voice' && roomType !== 'video') return this.problem(`join1v1Chat roomType ${roomType}`)
        // A call uses the microphone and camera: like wx.authorize, it waits for privacy consent.
        this.privacyGate('join1v1Chat', o, () => this.joinNow(o, roomType))
      }),

      // section 5: storage, network
      getStorageSync: api('1.0.0', 'storage', (key: string) => {
        this.record('getStorageSync', `getStorageSync(${key})`, 'storage', { key })
        return key in this.env.storage ? clone(this.env.storage[key]) : ''
      }),
      setStorageSync: api('1.0.0', 'storage', (key: string, data: unknown) => {
        this.record('setStorageSync', `setStorageSync(${key})`, 'storage', { key })
        if (this.env.storageFull) throw new Error('setStorageSync:fail exceed storage max size 10MB')
        const bytes = Buffer.byteLength(JSON.stringify(data) ?? '', 'utf8')
        if (bytes > MAX_BYTES_PER_KEY) throw new Error('setStorageSync:fail entry size limit reached')
        this.env.storage[key] = clone(data)
      }),
      removeStorageSync: api('1.0.0', 'storage', (key: string) => {
        this.record('removeStorageSync', `removeStorageSync(${key})`, 'storage', { key })
        delete this.env.storage[key]
      }),
      getNetworkType: api('1.0.0', 'network', (o: Options) => {
        this.record('getNetworkType', 'getNetworkType', 'network', {})
        this.succeed('getNetworkType', o, { networkType: this.env.network })
      }),
      onNetworkStatusChange: api('1.1.0', 'network', (listener: (res: unknown) => void) => {
        this.record('onNetworkStatusChange', 'onNetworkStatusChange', 'network', {})
        this.networkListeners.add(listener)
      }),
      offNetworkStatusChange: api('2.9.3', 'network', (listener: (res: unknown) => void) => {
        this.networkListeners.delete(listener)
      }),

      // login (for the optional profile endpoint)
      login: api('1.0.0', 'login', (o: Options) => {
        this.record('login', 'login', 'login', {})
        this.succeed('login', o, { code: `fake-code-${++this.loginCount}` })
      }),
      request: api('1.0.0', 'login', (o: Options & { url: string; data?: unknown }) => {
        this.record('request', `request(${o.url})`, 'login', { url: o.url })
        const server = this.env.loginServer
        if (!server) return this.failWith(o, { errMsg: 'request:fail', errno: 600001 })
        const code = (o.data as { code?: string } | undefined)?.code ?? ''
        this.succeed('request', o, { ...server(code) })
      }),

      // UI and routes
      showToast: api('1.0.0', 'ui', (o: Options & { title: string }) => {
        this.record('showToast', `showToast(${o.title})`, 'ui', { title: o.title })
        this.toasts.push(o.title)
        this.succeed('showToast', o)
      }),
      showModal: api('1.0.0', 'ui', (o: Options & { title?: string; content?: string }) => {
        this.record('showModal', `showModal(${o.title ?? ''})`, 'ui', { title: o.title, content: o.content })
        this.modalsShown.push(`${o.title ?? ''}: ${o.content ?? ''}`)
        const answer = this.user.modals.shift()
        if (!answer) {
          this.noteProblem(`a modal "${o.title ?? ''}" was shown but the test scripted no answer`)
          return this.succeed('showModal', o, { confirm: false, cancel: true })
        }
        this.succeed('showModal', o, { confirm: answer === 'confirm', cancel: answer === 'cancel' })
      }),
      navigateTo: api('1.0.0', 'route', (o: Options & { url: string }) => this.navigate('navigateTo', o)),
      redirectTo: api('1.0.0', 'route', (o: Options & { url: string }) => this.navigate('redirectTo', o)),
      reLaunch: api('1.1.0', 'route', (o: Options & { url: string }) => this.navigate('reLaunch', o)),
      navigateBack: api('1.0.0', 'route', (o: Options & { delta?: number }) => {
        const delta = Math.max(1, Math.floor(Number(o.delta ?? 1)) || 1)
        this.record('navigateBack', `navigateBack(${delta})`, 'route', { delta })
        const depth = this.router?.stack().length ?? 0
        if (depth <= 1) return this.failWith(o, { errMsg: 'navigateBack:fail cannot navigate back at first page.' })
        this.navigations.push(delta === 1 ? 'back' : `back ${delta}`)
        // Past the bottom of the stack WeChat stops at the first page.
        this.later(() => this.router?.back(Math.min(delta, depth - 1)))
        this.succeed('navigateBack', o)
      }),
    }
  }

  private joinNow(o: Options, roomType: 'voice' | 'video'): void {
    const fail = (errCode: number, what: string) => this.failWith(o, { errMsg: `join1v1Chat:fail ${what}`, errCode })
    this.audit.joins.push({
      roomType,
      privacyAgreed: !this.privacyEnforced() || !this.env.privacyNeedsAgreement,
      record: this.env.authSetting['scope.record'] === true,
      camera: this.env.authSetting['scope.camera'] === true,
    })
    if (this.isDevtools()) return fail(-20001, 'not supported in devtools')
    if (!this.env.adminConsole1v1) return fail(-20000, 'not enabled')
    if (!this.env.deviceSupports1v1) return fail(-20001, 'device not supported')
    if (!this.enabled1v1) {
      this.noteProblem('join1v1Chat before setEnable1v1Chat({ enable: true })')
      return fail(-1000, 'system error')
    }
    if (this.inCall) return fail(-20002, 'already in a call')
    if (this.env.otherMiniProgramInCall) return fail(-20003, 'another mini program is in a call')
    // 'not determined': the phone asks now; the modelled person allows it.
    if (this.env.os.microphone === 'not determined') this.env.os.microphone = 'authorized'
    if (roomType === 'video' && this.env.os.camera === 'not determined') this.env.os.camera = 'authorized'
    if (this.env.os.microphone === 'denied') return fail(-30002, 'no microphone permission for WeChat')
    if (roomType === 'video' && this.env.os.camera === 'denied') return fail(-30001, 'no camera permission for WeChat')
    if (this.env.authSetting['scope.record'] !== true) return fail(-30003, 'no scope.record')
    const needsCamera = roomType === 'video' || this.env.voiceCallNeedsCamera
    if (needsCamera && this.env.authSetting['scope.camera'] !== true) return fail(-30004, 'no scope.camera')
    const outcome = this.nextJoinOutcome()
    if (outcome === 'hang') {
      this.hangingJoins++
      return
    }
    if (outcome === 'connect') {
      this.inCall = true
      return this.succeed('join1v1Chat', o)
    }
    this.failWith(o, { errMsg: outcome.errMsg ?? `join1v1Chat:fail ${outcome.errCode}`, errCode: outcome.errCode })
  }

  private navigate(api: 'navigateTo' | 'redirectTo' | 'reLaunch', o: Options & { url: string }): void {
    this.record(api, `${api}(${o.url})`, 'route', { url: o.url })
    const path = o.url.split('?')[0].replace(/^\//, '')
    if (this.knownPages && !this.knownPages.includes(path)) {
      this.noteProblem(`${api} to a page app.json does not register: ${o.url}`)
      return this.failWith(o, { errMsg: `${api}:fail page "${path}" is not found` })
    }
    const stack = this.router?.stack() ?? []
    if (api === 'navigateTo' && stack.length >= MAX_PAGES) {
      this.noteProblem(`navigateTo with ${MAX_PAGES} pages open: ${o.url}`)
      return this.failWith(o, { errMsg: 'navigateTo:fail webview count limit exceed' })
    }
    this.navigations.push(o.url)
    this.later(() => {
      if (api === 'navigateTo') this.router?.open(o.url)
      else if (api === 'redirectTo') this.router?.replace(o.url)
      else this.router?.relaunch(o.url)
    })
    this.succeed(api, o)
  }

  private buildProxy(): WechatMiniprogram.Wx {
    const table = this.apis()
    const introspection = new Set(['toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'then', 'constructor'])
    return new Proxy({} as WechatMiniprogram.Wx, {
      get: (_target, prop) => {
        if (typeof prop === 'symbol' || introspection.has(prop)) return undefined
        const entry = table[prop]
        if (!entry) return this.problem(`wx.${prop} is not modelled`)
        if (compareVersions(this.env.sdkVersion, entry.since) < 0) return undefined
        return (...args: unknown[]) => {
          const failure = this.env.failures[prop]
          if (!failure) return (entry.impl as (...a: unknown[]) => unknown)(...args)
          // WeChat fails the call outright: callback APIs through fail, synchronous ones by throwing.
          this.record(prop, `${prop}(fails)`, entry.category, failure)
          const options = args[0]
          if (typeof options === 'object' && options !== null)
            return this.failWith(options as Callbacks, { ...failure })
          throw new Error(failure.errMsg)
        }
      },
      set: (_target, prop) => this.problem(`code assigned wx.${String(prop)}`),
      has: (_target, prop) =>
        typeof prop === 'string' && prop in table && compareVersions(this.env.sdkVersion, table[prop].since) >= 0,
    })
  }
}

export function createFakeWx(env: Partial<Environment> = {}, user: Partial<ScriptedUser> = {}): FakeWx {
  return new FakeWx(env, user)
}
