import { makeAutoObservable, runInAction } from 'mobx-miniprogram'
import type * as PrivacyService from '../services/privacy'
import type * as ScopeService from '../services/scopes'
import type * as SystemService from '../services/system'
import { toWxError } from '../services/wx-error'
import type { AuthSetting } from '../services/scopes'
import type { CallSupport, PhonePermission } from '../services/system'
import { CALENDAR_SCOPE, CallMode, Device, DEVICE_FOR_SCOPE, Scope, SCOPES_FOR_MODE } from './model'

/** 'declined': the person tapped "disagree" in our consent UI; WeChat still needs agreement. */
export type PrivacyState = 'unknown' | 'needed' | 'agreed' | 'declined'
export type ScopeState = 'unasked' | 'granted' | 'denied'
/**
 * How a request for a mode's scopes ended. 'undeclared': the mini program's privacy guide does not declare
 * the device (errno 112), which only its developer can fix.
 */
export type RequestOutcome = 'granted' | 'denied' | 'privacy-declined' | 'undeclared' | 'failed'

export interface Lacks {
  /** Denied before: only the settings page can switch these back on. */
  denied: Scope[]
  /** Never asked: a popup can ask. */
  unasked: Scope[]
  /** WeChat itself lacks the phone's permission: only the phone's settings help. */
  phoneDenied: Device[]
}

export interface PermissionsContext {
  privacy: Pick<typeof PrivacyService, 'getPrivacySetting' | 'onNeedPrivacyAuthorization' | 'openPrivacyContract'>
  scopes: Pick<typeof ScopeService, 'getAuthSetting' | 'authorize'>
  system: Pick<typeof SystemService, 'getPhonePermissions' | 'getCallSupport' | 'openPhoneSettings'>
}

/** The permission facts a call depends on, as plain data. */
export interface PermissionsSnapshot {
  support: CallSupport | 'unknown'
  privacyBlocks: boolean
  undeclared: readonly Device[]
  scopes: Readonly<Record<Scope, ScopeState>>
  phone: Readonly<Record<Device, PhonePermission>>
}

/** What `mode` still lacks: scopes denied or never asked, and WeChat's own phone permissions denied. */
export function lacksFor(p: Pick<PermissionsSnapshot, 'scopes' | 'phone'>, mode: CallMode): Lacks {
  const needed = SCOPES_FOR_MODE[mode]
  return {
    denied: needed.filter((s) => p.scopes[s] === 'denied'),
    unasked: needed.filter((s) => p.scopes[s] === 'unasked'),
    // 'not determined' is no obstacle: the phone asks when WeChat first uses the device.
    phoneDenied: needed.map((s) => DEVICE_FOR_SCOPE[s]).filter((d) => p.phone[d] === 'denied'),
  }
}

function scopeState(value: boolean | undefined): ScopeState {
  if (value === true) return 'granted'
  if (value === false) return 'denied'
  return 'unasked'
}

/**
 * What WeChat says about privacy, scopes, WeChat's phone permissions and call support: facts, read, never
 * guessed. What they mean for the walkthrough is onboarding.ts's to say; for a call, preflight.ts's.
 */
export class PermissionsStore {
  privacy: PrivacyState = 'unknown'
  privacyContractName = ''
  scopes: Record<Scope, ScopeState> = { 'scope.record': 'unasked', 'scope.camera': 'unasked' }
  /**
   * scope.addPhoneCalendar (platform doc §10), asked once by the calendar call itself; only the appointment page
   * uses it, so no call, walkthrough or preflight reads it.
   */
  calendar: ScopeState = 'unasked'
  phone: Record<Device, PhonePermission> = { microphone: 'unknown', camera: 'unknown' }
  support: CallSupport | 'unknown' = 'unknown'
  loaded = false
  /** A wx.authorize popup (or the privacy prompt before it) is in progress. */
  requesting = false
  /** The last request ended without an answer we understand (not a grant, a denial or privacy). */
  requestFailed = false
  /** The phone's settings could not be opened. */
  phoneSettingsFailed = false
  /** A privacy-gated call waits for the person to answer our consent UI. */
  privacyPromptPending = false
  /** Devices WeChat refused because the privacy guide does not declare them (errno 112), learnt in this run. */
  undeclared: Device[] = []
  private answerPrivacyPrompt: ((a: PrivacyService.PrivacyAnswer) => void) | null = null
  private refreshing: Promise<void> | null = null

  constructor(private readonly ctx: PermissionsContext) {
    makeAutoObservable<this, 'ctx' | 'answerPrivacyPrompt' | 'refreshing'>(
      this,
      { ctx: false, answerPrivacyPrompt: false, refreshing: false },
      { autoBind: true },
    )
  }

  lacks(mode: CallMode): Lacks {
    return lacksFor(this, mode)
  }

  get privacyBlocks(): boolean {
    return this.privacy === 'needed' || this.privacy === 'declined' || this.privacyPromptPending
  }

  /** What a call's preflight decides from, as plain data (preflight.ts). */
  get snapshot(): PermissionsSnapshot {
    const { support, privacyBlocks, undeclared, scopes, phone } = this
    return { support, privacyBlocks, undeclared, scopes, phone }
  }

  /**
   * Re-reads everything from WeChat: privacy and scopes in parallel, the synchronous reads meanwhile.
   * Calls made while one is under way share it, so launch and the first onShow read once.
   */
  refresh(): Promise<void> {
    if (this.refreshing) return this.refreshing
    const run = this.readAll()
    const clear = () => {
      this.refreshing = null
    }
    run.then(clear, clear)
    this.refreshing = run
    return run
  }

  /** Never rejects: a read WeChat fails keeps what we knew, so no page waits forever on it. */
  private async readAll(): Promise<void> {
    const privacyRead = this.readPrivacy()
    const settingRead = this.ctx.scopes.getAuthSetting().catch(() => null)
    this.readSystem()
    const [, authSetting] = await Promise.all([privacyRead, settingRead])
    runInAction(() => {
      if (authSetting) this.applyAuthSetting(authSetting)
      this.loaded = true
    })
  }

  /** Reads whether consent is still needed; an unknown answer goes on (WeChat holds a gated call and asks). */
  private async readPrivacy(): Promise<void> {
    const privacy = await this.ctx.privacy.getPrivacySetting().catch(() => 'failed' as const)
    runInAction(() => {
      if (privacy === null) this.privacy = 'agreed'
      else if (privacy === 'failed') {
        if (this.privacy === 'unknown') this.privacy = 'agreed'
      } else {
        this.privacyContractName = privacy.contractName
        if (!privacy.needAuthorization) this.privacy = 'agreed'
        else if (this.privacy !== 'declined') this.privacy = 'needed'
      }
    })
  }

  readSystem(): void {
    this.phone = this.ctx.system.getPhonePermissions()
    this.support = this.ctx.system.getCallSupport()
  }

  applyAuthSetting(setting: AuthSetting): void {
    this.scopes = {
      'scope.record': scopeState(setting['scope.record']),
      'scope.camera': scopeState(setting['scope.camera']),
    }
    this.calendar = scopeState(setting[CALENDAR_SCOPE])
  }

  /** Keeps what we knew when WeChat fails the read. */
  async rereadScopes(): Promise<void> {
    const setting = await this.ctx.scopes.getAuthSetting().catch(() => null)
    if (setting) this.applyAuthSetting(setting)
  }

  /**
   * Asks for what `mode` needs: one wx.authorize per scope, in order, never for a denied scope.
   * After a refusal it re-reads getSetting instead of parsing errMsg (the text differs by platform).
   */
  request(mode: CallMode): Promise<RequestOutcome> {
    return this.requestScopes(SCOPES_FOR_MODE[mode])
  }

  async requestScopes(scopes: readonly Scope[]): Promise<RequestOutcome> {
    if (this.requesting) return 'failed'
    if (scopes.some((s) => this.scopes[s] === 'denied')) return 'denied'
    this.requesting = true
    this.requestFailed = false
    let outcome: RequestOutcome = 'granted'
    for (const scope of scopes) {
      if (this.scopes[scope] === 'granted') continue
      outcome = this.scopes[scope] === 'denied' ? 'denied' : await this.requestOne(scope)
      if (outcome !== 'granted') break
    }
    runInAction(() => {
      this.requesting = false
      this.requestFailed = outcome === 'failed'
    })
    return outcome
  }

  private async requestOne(scope: Scope): Promise<RequestOutcome> {
    try {
      await this.ctx.scopes.authorize(scope)
      runInAction(() => {
        this.scopes = { ...this.scopes, [scope]: 'granted' }
      })
      // WeChat's combined popup (base library 3.4.2+) may have taken consent with the grant (platform doc §1.6).
      await this.readPrivacy()
      return 'granted'
    } catch (raw) {
      const err = toWxError('authorize', raw)
      if (err.isPrivacyUndeclared) {
        this.markUndeclared([DEVICE_FOR_SCOPE[scope]])
        return 'undeclared'
      }
      if (err.isPrivacyRefusal) {
        this.markPrivacyDeclined()
        return 'privacy-declined'
      }
      await this.rereadScopes()
      return this.scopes[scope] === 'denied' ? 'denied' : 'failed'
    }
  }

  /** What offering an event to the calendar taught about its scope (store/calendar.ts). */
  learnCalendarScope(state: ScopeState): void {
    this.calendar = state
  }

  /** WeChat said the privacy guide does not declare these devices (errno 112). */
  markUndeclared(devices: readonly Device[]): void {
    this.undeclared = [...new Set([...this.undeclared, ...devices])]
  }

  /** WeChat refused a privacy-gated call: consent is missing (or was just declined). */
  markPrivacyDeclined(): void {
    this.privacy = 'declined'
  }

  // ---- privacy consent -------------------------------------------------------------------------

  /** Installs the app's one privacy prompt handler: any page's privacy-gated call shows our consent UI. */
  listenForPrivacyPrompts(): void {
    this.ctx.privacy.onNeedPrivacyAuthorization((answer) => {
      runInAction(() => {
        this.answerPrivacyPrompt = answer
        this.privacyPromptPending = true
      })
    })
  }

  /**
   * The agree button `buttonId` was tapped; WeChat has recorded consent. Releases any pending privacy-gated
   * call, naming the button as WeChat requires.
   */
  agreePrivacy(buttonId: string): void {
    this.privacy = 'agreed'
    this.settlePrivacyPrompt({ event: 'agree', buttonId })
  }

  declinePrivacy(): void {
    this.privacy = 'declined'
    this.settlePrivacyPrompt({ event: 'disagree' })
  }

  /** Answers WeChat's pending privacy prompt, if there is one, exactly once. */
  private settlePrivacyPrompt(answer: PrivacyService.PrivacyAnswer): void {
    const resolve = this.answerPrivacyPrompt
    this.answerPrivacyPrompt = null
    this.privacyPromptPending = false
    resolve?.(answer)
  }

  openPrivacyContract(): Promise<void> {
    return this.ctx.privacy.openPrivacyContract().catch(() => undefined)
  }

  /** The phone's settings for WeChat; the page's onShow re-reads when the person returns. */
  async openPhoneSettings(): Promise<boolean> {
    this.phoneSettingsFailed = false
    const opened = await this.ctx.system.openPhoneSettings().then(
      () => true,
      () => false,
    )
    runInAction(() => {
      this.phoneSettingsFailed = !opened
    })
    return opened
  }
}
