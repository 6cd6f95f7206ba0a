import { makeAutoObservable, runInAction } from 'mobx-miniprogram'
import { config } from '../config'
import * as voip from '../services/voip'
import { toWxError } from '../services/wx-error'
import { CallProblem, ruleForErrCode, wayOut, WayOut } from './call-problems'
import type { ContactsStore } from './contacts'
import type { HistoryStore } from './history'
import { CallMode, Contact, DEVICE_FOR_SCOPE, Person, Prefs } from './model'
import type { NetworkStore } from './network'
import type { PermissionsStore } from './permissions'
import type { ProfileStore } from './profile'
import type { ReachabilityStore } from './reachability'

/** What the dial flow needs from the rest of the store. */
export interface CallContext {
  permissions: PermissionsStore
  profile: Pick<ProfileStore, 'me'>
  contacts: Pick<ContactsStore, 'find'>
  history: Pick<HistoryStore, 'add'>
  network: Pick<NetworkStore, 'isOffline'>
  reachability: Pick<ReachabilityStore, 'ensure'>
}

export type CallStatus = 'idle' | 'checking' | 'requesting' | 'joining'
/** Shown beside the call button: what just happened, when it was not a problem. */
export type CallNotice = 'connected' | 'voice-needs-camera' | null

/** The dial page's flow: preflight in the documented order, then setEnable1v1Chat and join1v1Chat. */
export class CallStore {
  contactOpenid = ''
  mode: CallMode = 'voice'
  disableSwitchVoice = false
  status: CallStatus = 'idle'
  problem: CallProblem | null = null
  notice: CallNotice = null

  constructor(private readonly ctx: CallContext) {
    makeAutoObservable<this, 'ctx'>(this, { ctx: false }, { autoBind: true })
  }

  load(prefs: Pick<Prefs, 'lastMode' | 'disableSwitchVoice'>): void {
    this.mode = prefs.lastMode
    this.disableSwitchVoice = prefs.disableSwitchVoice
  }

  get prefs(): Pick<Prefs, 'lastMode' | 'disableSwitchVoice'> {
    return { lastMode: this.mode, disableSwitchVoice: this.disableSwitchVoice }
  }

  get contact(): Contact | undefined {
    return this.ctx.contacts.find(this.contactOpenid)
  }

  get busy(): boolean {
    return this.status !== 'idle'
  }

  get wayOut(): WayOut {
    return this.problem ? wayOut(this.problem) : 'none'
  }

  /** The dial page opened for `openid` (from its query: untrusted). */
  open(openid: unknown): void {
    this.contactOpenid = typeof openid === 'string' ? openid : ''
    this.problem = this.contact ? null : { kind: 'no-contact' }
    this.notice = null
  }

  setMode(mode: CallMode): void {
    if (this.busy) return
    this.mode = mode
    this.problem = this.contact ? null : this.problem
    this.notice = null
  }

  setDisableSwitchVoice(value: boolean): void {
    this.disableSwitchVoice = value
  }

  /** Back from a settings page: a permission problem that is now fixed no longer stands in the way. */
  recheck(): void {
    const kind = this.problem?.kind
    if (kind !== 'scopes-denied' && kind !== 'phone-denied' && kind !== 'privacy') return
    const { permissions } = this.ctx
    const lacks = permissions.lacks(this.mode)
    const fixed =
      kind === 'privacy'
        ? !permissions.privacyBlocks
        : kind === 'scopes-denied'
          ? lacks.denied.length === 0
          : lacks.phoneDenied.length === 0
    if (fixed) this.problem = null
  }

  /** Consent was just given: a call that stopped only for privacy goes on by itself. */
  resumeAfterPrivacy(): void {
    if (this.problem?.kind === 'privacy') void this.start()
  }

  /** One tap, one attempt: a second tap while one is in flight does nothing. */
  async start(): Promise<void> {
    if (this.busy) return
    this.status = 'checking'
    this.problem = null
    this.notice = null
    try {
      const problem = await this.preflight()
      if (problem) return this.stop(problem)
      const contact = this.contact
      const me = this.ctx.profile.me
      if (!contact || !me) return this.stop({ kind: contact ? 'no-profile' : 'no-contact' })
      const refused = await this.ctx.reachability.ensure()
      if (refused) return this.stop(refused)
      await this.join(me, contact, true)
    } catch (err) {
      // Nothing may escape to the page: whatever broke becomes a message with a code.
      this.stop(ruleForErrCode(toWxError('call', err).errCode).problem)
    } finally {
      runInAction(() => {
        this.status = 'idle'
      })
    }
  }

  /** The documented order, stopping at the first thing missing. */
  private async preflight(): Promise<CallProblem | null> {
    const { permissions, profile } = this.ctx
    if (permissions.support === 'unknown') permissions.readSystem()
    if (permissions.support === 'old-base-library') return { kind: 'old-base-library' }
    if (permissions.support === 'devtools') return { kind: 'devtools' }
    if (!this.contact) return { kind: 'no-contact' }
    if (await this.ctx.network.isOffline()) return { kind: 'offline' }
    if (!profile.me) return { kind: 'no-profile' }
    if (!permissions.loaded) await permissions.refresh()
    if (permissions.privacyBlocks) return { kind: 'privacy' }

    const lacks = permissions.lacks(this.mode)
    if (lacks.denied.length) return { kind: 'scopes-denied', devices: lacks.denied.map((s) => DEVICE_FOR_SCOPE[s]) }
    if (lacks.unasked.length) {
      runInAction(() => {
        this.status = 'requesting'
      })
      const outcome = await permissions.request(this.mode)
      if (outcome === 'privacy-declined') return { kind: 'privacy' }
      if (outcome === 'denied')
        return { kind: 'scopes-denied', devices: permissions.lacks(this.mode).denied.map((s) => DEVICE_FOR_SCOPE[s]) }
      if (outcome !== 'granted') return { kind: 'request-failed' }
    }
    const phoneDenied = permissions.lacks(this.mode).phoneDenied
    if (phoneDenied.length) return { kind: 'phone-denied', devices: phoneDenied }
    return null
  }

  private async join(me: Person, contact: Contact, mayRetryForCamera: boolean): Promise<void> {
    const mode = this.mode
    runInAction(() => {
      this.status = 'joining'
    })
    try {
      await voip.join1v1Chat(
        { caller: me, listener: contact, roomType: mode, disableSwitchVoice: this.disableSwitchVoice },
        config.joinTimeoutMs,
      )
      this.record(contact, 'connected')
      runInAction(() => {
        this.notice = 'connected'
      })
    } catch (raw) {
      if (raw instanceof voip.JoinTimeoutError) {
        this.record(contact, 'failed')
        return this.stop({ kind: 'timeout' })
      }
      const err = toWxError('join1v1Chat', raw)
      this.record(contact, 'failed', err.errCode)
      if (err.isPrivacyRefusal) {
        // WeChat held the call for consent (the guide changed since we last read it) and the person declined.
        this.ctx.permissions.markPrivacyDeclined()
        return this.stop({ kind: 'privacy' })
      }
      const rule = ruleForErrCode(err.errCode)
      if (rule.retryVoiceWithCamera && mode === 'voice' && mayRetryForCamera)
        return this.retryVoiceWithCamera(me, contact)
      // A permission error means our picture of the state was stale: read it again.
      if (rule.reread === 'scopes') await this.ctx.permissions.rereadScopes()
      if (rule.reread === 'phone') this.ctx.permissions.readSystem()
      this.stop(rule.problem)
    }
  }

  /** WeChat answered a voice call with -30004: it wants the camera too. Ask for it, then try once more. */
  private async retryVoiceWithCamera(me: Person, contact: Contact): Promise<void> {
    runInAction(() => {
      this.notice = 'voice-needs-camera'
    })
    const { permissions } = this.ctx
    await permissions.rereadScopes()
    const outcome = await permissions.requestScopes(['scope.camera'])
    if (outcome === 'privacy-declined') return this.stop({ kind: 'privacy' })
    if (outcome === 'denied') return this.stop({ kind: 'scopes-denied', devices: ['camera'] })
    if (outcome !== 'granted') return this.stop({ kind: 'request-failed' })
    await this.join(me, contact, false)
  }

  private record(contact: Contact, outcome: 'connected' | 'failed', errCode?: number): void {
    this.ctx.history.add({
      at: Date.now(),
      openid: contact.openid,
      mode: this.mode,
      outcome,
      ...(errCode === undefined ? {} : { errCode }),
    })
  }

  private stop(problem: CallProblem): void {
    this.problem = problem
    if (problem.kind !== 'scopes-denied' || this.notice !== 'voice-needs-camera') this.notice = null
  }
}
