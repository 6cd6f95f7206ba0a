import { makeAutoObservable, runInAction } from 'mobx-miniprogram'
import { config } from '../config'
import * as voip from '../services/voip'
import { toWxError } from '../services/wx-error'
import { CallMode } from './call-modes'
import { CallProblem, problemFromErrCode, wayOut, WayOut } from './call-problems'
import type { ContactsStore } from './contacts'
import type { HistoryStore } from './history'
import type { PermissionsStore } from './permissions'
import type { ProfileStore } from './profile'
import type { Contact } from './saved-state'
import type { Person } from './validation'

/** What the dial flow needs from the rest of the store. */
export interface CallContext {
  permissions: PermissionsStore
  profile: ProfileStore
  contacts: ContactsStore
  history: HistoryStore
  isOffline(): Promise<boolean>
  /** setEnable1v1Chat(true) unless already on in this run; a problem when WeChat refuses. */
  ensureReachable(): Promise<CallProblem | null>
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
    const fixed = kind === 'privacy' ? !permissions.privacyBlocks
      : kind === 'scopes-denied' ? lacks.denied.length === 0 : lacks.phoneDenied.length === 0
    if (fixed) this.problem = null
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
      const refused = await this.ctx.ensureReachable()
      if (refused) return this.stop(refused)
      await this.join(me, contact, true)
    } catch (err) {
      // Nothing may escape to the page: whatever broke becomes a message with a code.
      this.stop(problemFromErrCode(toWxError('call', err).errCode))
    } finally {
      runInAction(() => { this.status = 'idle' })
    }
  }

  /** The documented order, stopping at the first thing missing. */
  private async preflight(): Promise<CallProblem | null> {
    const { permissions, profile } = this.ctx
    if (permissions.support === 'unknown') permissions.readSystem()
    if (permissions.support === 'old-base-library') return { kind: 'old-base-library' }
    if (permissions.support === 'devtools') return { kind: 'devtools' }
    if (!this.contact) return { kind: 'no-contact' }
    if (await this.ctx.isOffline()) return { kind: 'offline' }
    if (!profile.me) return { kind: 'no-profile' }
    if (!permissions.loaded) await permissions.refresh()
    if (permissions.privacyBlocks) return { kind: 'privacy' }

    const lacks = permissions.lacks(this.mode)
    if (lacks.denied.length) return { kind: 'scopes-denied', scopes: lacks.denied }
    if (lacks.unasked.length) {
      runInAction(() => { this.status = 'requesting' })
      const outcome = await permissions.request(this.mode)
      if (outcome === 'privacy-declined') return { kind: 'privacy' }
      if (outcome === 'denied') return { kind: 'scopes-denied', scopes: permissions.lacks(this.mode).denied }
      if (outcome !== 'granted') return { kind: 'request-failed' }
    }
    const phoneDenied = permissions.lacks(this.mode).phoneDenied
    if (phoneDenied.length) return { kind: 'phone-denied', devices: phoneDenied }
    return null
  }

  private async join(me: Person, contact: Contact, mayRetryForCamera: boolean): Promise<void> {
    const mode = this.mode
    runInAction(() => { this.status = 'joining' })
    try {
      await voip.join1v1Chat({
        caller: me,
        listener: { openid: contact.openid, nickname: contact.nickname },
        roomType: mode,
        disableSwitchVoice: this.disableSwitchVoice,
      }, config.joinTimeoutMs)
      this.record(contact, 'connected')
      runInAction(() => { this.notice = 'connected' })
    } catch (raw) {
      const err = toWxError('join1v1Chat', raw)
      this.record(contact, 'failed', err.errCode)
      if (err.isPrivacyRefusal) {
        // WeChat held the call for consent (the guide changed since we last read it) and the person declined.
        this.ctx.permissions.markPrivacyDeclined()
        return this.stop({ kind: 'privacy' })
      }
      if (err.errCode === -30004 && mode === 'voice' && mayRetryForCamera) {
        return this.retryVoiceWithCamera(me, contact)
      }
      if (err.errMsg === 'join1v1Chat:fail timeout') return this.stop({ kind: 'timeout' })
      await this.learnFrom(err.errCode)
      this.stop(problemFromErrCode(err.errCode))
    }
  }

  /** WeChat answered a voice call with -30004: it wants the camera too. Ask for it, then try once more. */
  private async retryVoiceWithCamera(me: Person, contact: Contact): Promise<void> {
    runInAction(() => { this.notice = 'voice-needs-camera' })
    const { permissions } = this.ctx
    await permissions.rereadScopes()
    const outcome = await permissions.requestScopes(['scope.camera'])
    if (outcome === 'privacy-declined') return this.stop({ kind: 'privacy' })
    if (outcome !== 'granted') {
      return this.stop({ kind: outcome === 'denied' ? 'scopes-denied' : 'request-failed', scopes: ['scope.camera'] })
    }
    await this.join(me, contact, false)
  }

  /** A permission error means our picture of the state was stale: read it again. */
  private async learnFrom(errCode: number | undefined): Promise<void> {
    const { permissions } = this.ctx
    if (errCode === -30003 || errCode === -30004) await permissions.rereadScopes()
    if (errCode === -30001 || errCode === -30002) permissions.readSystem()
  }

  private record(contact: Contact, outcome: 'connected' | 'failed', errCode?: number): void {
    this.ctx.history.add({
      at: Date.now(), openid: contact.openid, mode: this.mode, outcome,
      ...(errCode === undefined ? {} : { errCode }),
    })
  }

  private stop(problem: CallProblem): void {
    this.problem = problem
    if (problem.kind !== 'scopes-denied' || this.notice !== 'voice-needs-camera') this.notice = null
  }
}
