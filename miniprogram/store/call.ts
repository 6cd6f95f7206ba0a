import { makeAutoObservable, runInAction } from 'mobx-miniprogram'
import { config } from '../config'
import * as voip from '../services/voip'
import { toWxError } from '../services/wx-error'
import { CallProblem, cannotHere, leadsWayOut, ruleForErrCode, shape, Shape, wayOut, WayOut } from './call-problems'
import type { ContactsStore } from './contacts'
import type { HistoryRow, HistoryStore } from './history'
import { CallMode, CallRecord, Contact, DEVICE_FOR_SCOPE, Person, Prefs, SCOPES_FOR_MODE } from './model'
import type { NetworkStore } from './network'
import type { PermissionsStore } from './permissions'
import type { ProfileStore } from './profile'
import type { ReachabilityStore } from './reachability'

/** What the dial flow needs from the rest of the store. */
export interface CallContext {
  permissions: Pick<
    PermissionsStore,
    | 'support'
    | 'readSystem'
    | 'loaded'
    | 'refresh'
    | 'privacyBlocks'
    | 'lacks'
    | 'request'
    | 'requestScopes'
    | 'rereadScopes'
    | 'undeclared'
    | 'markUndeclared'
    | 'markPrivacyDeclined'
  >
  profile: Pick<ProfileStore, 'me' | 'openid' | 'typedIdentity' | 'fetchIdentity'>
  contacts: Pick<ContactsStore, 'find'>
  history: Pick<HistoryStore, 'add' | 'update' | 'placedTo' | 'rowsFor'>
  network: Pick<NetworkStore, 'isOffline'>
  reachability: Pick<ReachabilityStore, 'ensure'>
  /** A call to `openid` was placed (an invitation from them is then answered). */
  placedTo(openid: string): void
}

export type CallStatus = 'idle' | 'checking' | 'requesting' | 'joining'
/** Shown beside the call button: what just happened, when it was not a problem. */
export type CallNotice = 'placed' | 'voice-needs-camera' | 'wait-cancelled' | null

/** The person stopped waiting for WeChat's answer (#call-cancel): Duet's own, not WeChat's. */
class WaitCancelled extends Error {}

/**
 * A call from the moment it is joined: WeChat's events may come before its join answers (when WeChat answers
 * only once the other person does), so what they say is kept here and written to the record once it exists.
 */
interface OngoingCall {
  openid: string
  mode: CallMode
  /** When the join started: the time its record carries, whenever WeChat answers. */
  startedAt: number
  /** The history record's identity, once written. */
  at?: number
  placed: boolean
  answeredAt?: number
  endedAt?: number
}

/**
 * The call flow: preflight in the documented order, then setEnable1v1Chat and join1v1Chat. A successful join
 * means the call was placed (platform doc §4.4); WeChat's events, when they come, tell when it was answered
 * and ended (§4.6). Nothing waits for them.
 */
export class CallStore {
  contactOpenid = ''
  /** Someone to call who is not a contact (yet): the sender of an invitation. */
  guest: Contact | null = null
  mode: CallMode = 'voice'
  disableSwitchVoice = false
  status: CallStatus = 'idle'
  problem: CallProblem | null = null
  notice: CallNotice = null
  /** The call WeChat's events are about: the last one joined in this run, until it ends. */
  private ongoing: OngoingCall | null = null
  /** Each tap is an attempt; a late answer to an older one changes no screen. */
  private attempt = 0
  private cancelWait: (() => void) | null = null

  constructor(private readonly ctx: CallContext) {
    makeAutoObservable<this, 'ctx' | 'ongoing' | 'attempt' | 'cancelWait'>(
      this,
      { ctx: false, ongoing: false, attempt: false, cancelWait: false },
      { autoBind: true },
    )
  }

  load(prefs: Pick<Prefs, 'lastMode' | 'disableSwitchVoice'>): void {
    this.mode = prefs.lastMode
    this.disableSwitchVoice = prefs.disableSwitchVoice
  }

  get prefs(): Pick<Prefs, 'lastMode' | 'disableSwitchVoice'> {
    return { lastMode: this.mode, disableSwitchVoice: this.disableSwitchVoice }
  }

  /** Whom a call goes to: the contact, or the guest, with this openid. */
  get contact(): Contact | undefined {
    const guest = this.guest?.openid === this.contactOpenid ? this.guest : undefined
    return this.ctx.contacts.find(this.contactOpenid) ?? guest
  }

  /** Trying again is the way out: #call-retry then stands in for the call button (one button, not two). */
  get offersRetry(): boolean {
    return this.wayOut === 'retry'
  }

  /** The problem's way out is the screen's main action (a settings page, a retry of who I am, my profile). */
  get leadsWayOut(): boolean {
    return !!this.problem && leadsWayOut(this.problem)
  }

  /** Calling cannot work on this phone or for this mini program as it is: no tap here changes that. */
  get cannotHere(): boolean {
    return !!this.problem && cannotHere(this.problem)
  }

  get busy(): boolean {
    return this.status !== 'idle'
  }

  get wayOut(): WayOut {
    return this.problem ? wayOut(this.problem) : 'none'
  }

  /** How the problem is shown (call-problems.ts): an error, a neutral note, or the deployer's mistake. */
  get shape(): Shape {
    return this.problem ? shape(this.problem) : 'note'
  }

  /** The calls with the person on this page, as its history shows them. */
  get historyRows(): HistoryRow[] {
    return this.ctx.history.rowsFor(this.contactOpenid)
  }

  /** Until a first call to them is placed, say that the other person must have Duet open to be reached. */
  get reachHint(): boolean {
    return !!this.contact && !this.ctx.history.placedTo(this.contact.openid)
  }

  /** The dial page opened for `openid` (from its query: untrusted). */
  open(openid: unknown): void {
    // The call under way (e.g. started by a one-tap button on the contact list) keeps its screen.
    if (this.busy && openid === this.contactOpenid) return
    this.contactOpenid = typeof openid === 'string' ? openid : ''
    this.problem = this.contact ? null : { kind: 'no-contact' }
    this.notice = null
  }

  /**
   * A page about `openid` shows (again): what the call store holds about someone else (their problem, their
   * notice) is not shown there. A call under way keeps its screen, and so does anything about this person.
   */
  showFor(openid: string): void {
    if (!this.busy && openid !== this.contactOpenid) this.open(openid)
  }

  /** The invitation page shows: as showFor, for the person who invited me (contact or not). */
  showGuest(person: Person, mode: CallMode): void {
    if (!this.busy && person.openid !== this.contactOpenid) this.openGuest(person, mode)
  }

  /** Calling back someone who invited me, in the mode they asked for, contact or not. */
  openGuest(person: Person, mode: CallMode): void {
    if (this.busy) return
    this.guest = { ...person, note: '' }
    this.open(person.openid)
    this.mode = mode
  }

  /** One tap on a contact's voice or video button: that mode's call, through the same preflight. */
  startWith(openid: string, mode: CallMode): Promise<void> {
    if (this.busy) return Promise.resolve()
    this.open(openid)
    this.setMode(mode)
    return this.start()
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

  /**
   * #call-retry: call once more, first leaving any room WeChat still holds when its code says so (-1 after an
   * earlier call, §4.7; where exitVoIPChat is missing or fails, the call is tried all the same).
   */
  async retry(): Promise<void> {
    if (this.busy) return
    if (ruleForErrCode(this.problem?.errCode).leaveRoomBeforeRetry) await voip.exitVoIPChat()
    await this.start()
  }

  /** #whoami-retry: ask WeChat's servers who I am again; once they say, nothing stands in the way. */
  async retryIdentity(): Promise<void> {
    // Once WeChat says, the root store's reaction calls identityKnown.
    await this.ctx.profile.fetchIdentity()
  }

  /** My openid arrived (by any retry, or the launch's own question): the problem it caused is gone. */
  identityKnown(): void {
    if (this.problem?.kind === 'no-identity' && this.ctx.profile.openid) this.problem = null
  }

  /** #call-cancel: stop waiting for WeChat's answer. Only Duet's own state changes; WeChat is not told. */
  stopWaiting(): void {
    if (this.status === 'joining') this.cancelWait?.()
  }

  /** One tap, one attempt: a second tap while one is in flight does nothing. */
  async start(): Promise<void> {
    if (this.busy) return
    const attempt = ++this.attempt
    this.status = 'checking'
    this.problem = null
    this.notice = null
    try {
      const problem = await this.preflight()
      if (problem) return this.stop(problem)
      const contact = this.contact
      const me = this.ctx.profile.me
      if (!contact || !me) return this.stop({ kind: contact ? 'no-profile' : 'no-contact' })
      await this.reachAndJoin(me, contact, attempt, true)
    } catch (err) {
      // Nothing may escape to the page: whatever broke becomes a message with a code.
      this.stop(ruleForErrCode(toWxError('call', err).errCode).problem)
    } finally {
      runInAction(() => {
        if (attempt === this.attempt) this.status = 'idle'
        this.cancelWait = null
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
    // Who I am comes from WeChat's servers: a tap asks once more before giving up.
    if (!profile.openid && !profile.typedIdentity && !(await profile.fetchIdentity())) return { kind: 'no-identity' }
    if (!profile.me) return { kind: 'no-profile' }
    if (!permissions.loaded) await permissions.refresh()
    if (permissions.privacyBlocks) return { kind: 'privacy' }
    if (this.undeclaredFor(this.mode)) return { kind: 'privacy-undeclared' }

    const denied = () => permissions.lacks(this.mode).denied.map((s) => DEVICE_FOR_SCOPE[s])
    if (denied().length) return { kind: 'scopes-denied', devices: denied() }
    if (permissions.lacks(this.mode).unasked.length) {
      runInAction(() => {
        this.status = 'requesting'
      })
      const outcome = await permissions.request(this.mode)
      if (outcome === 'privacy-declined') return { kind: 'privacy' }
      if (outcome === 'undeclared') return { kind: 'privacy-undeclared' }
      if (outcome === 'denied') return { kind: 'scopes-denied', devices: denied() }
      if (outcome !== 'granted') return { kind: 'request-failed' }
    }
    const phoneDenied = permissions.lacks(this.mode).phoneDenied
    if (phoneDenied.length) return { kind: 'phone-denied', devices: phoneDenied }
    return null
  }

  /** The mode needs a device the privacy guide does not declare: no call can work (errno 112). */
  private undeclaredFor(mode: CallMode): boolean {
    const { undeclared } = this.ctx.permissions
    return SCOPES_FOR_MODE[mode].some((s) => undeclared.includes(DEVICE_FOR_SCOPE[s]))
  }

  private async reachAndJoin(me: Person, contact: Contact, attempt: number, mayAskCamera: boolean): Promise<void> {
    const refused = await this.ctx.reachability.ensure()
    if (refused) return this.failed(refused.problem.errCode, me, contact, attempt, mayAskCamera)
    const mode = this.mode
    runInAction(() => {
      this.status = 'joining'
    })
    const call: OngoingCall = { openid: contact.openid, mode, startedAt: Date.now(), placed: false }
    this.ongoing = call
    const join = voip.join1v1Chat({
      caller: me,
      listener: contact,
      roomType: mode,
      disableSwitchVoice: this.disableSwitchVoice,
    })
    const cancelled = new Promise<never>((_resolve, reject) => {
      this.cancelWait = () => reject(new WaitCancelled())
    })
    cancelled.catch(() => undefined) // a cancel after the race is over rejects nothing anyone waits for
    try {
      await Promise.race([voip.timeoutAfter(config.joinTimeoutMs, join), cancelled])
      this.placed(call, this.record(call, { outcome: 'placed' }))
      this.ctx.placedTo(contact.openid)
      if (attempt === this.attempt) this.notice = 'placed'
    } catch (raw) {
      if (raw instanceof voip.JoinTimeoutError || raw instanceof WaitCancelled) {
        return this.gaveUpWaiting(join, call, raw instanceof WaitCancelled)
      }
      if (this.ongoing === call) this.ongoing = null
      const err = toWxError('join1v1Chat', raw)
      this.record(call, { outcome: 'failed', ...(err.errCode === undefined ? {} : { errCode: err.errCode }) })
      if (err.isPrivacyUndeclared) {
        // The guide must declare the devices of this mode (platform doc §1.7): the deployer's to fix.
        this.ctx.permissions.markUndeclared(SCOPES_FOR_MODE[mode].map((s) => DEVICE_FOR_SCOPE[s]))
        return this.stop({ kind: 'privacy-undeclared' })
      }
      if (err.isPrivacyRefusal) {
        // WeChat held the call for consent (the guide changed since we last read it) and the person declined.
        this.ctx.permissions.markPrivacyDeclined()
        return this.stop({ kind: 'privacy' })
      }
      await this.failed(err.errCode, me, contact, attempt, mayAskCamera)
    }
  }

  /**
   * No answer from WeChat in time, or the person stopped waiting. WeChat may still be ringing (§4.8), so the
   * attempt is written down now and corrected if WeChat answers later.
   */
  private gaveUpWaiting(join: Promise<void>, call: OngoingCall, byPerson: boolean): void {
    const at = this.record(call, { outcome: 'failed' })
    call.at = at
    join.then(
      () => this.placed(call, at),
      (raw: unknown) => {
        if (this.ongoing === call) this.ongoing = null
        const { errCode } = toWxError('join1v1Chat', raw)
        if (errCode !== undefined) this.ctx.history.update(at, call.openid, { errCode })
      },
    )
    if (byPerson) this.notice = 'wait-cancelled'
    else this.stop({ kind: 'timeout' })
  }

  /** WeChat placed the call recorded at `at`: it is placed, with whatever its events said meanwhile. */
  private placed(call: OngoingCall, at: number): void {
    call.at = at
    call.placed = true
    this.writeDown(call)
  }

  /** Writes what is known of a placed call into its record. */
  private writeDown(call: OngoingCall): void {
    if (!call.placed || call.at === undefined) return
    const { answeredAt, endedAt } = call
    this.ctx.history.update(call.at, call.openid, {
      outcome: 'placed',
      ...(answeredAt === undefined ? {} : { answeredAt }),
      ...(endedAt === undefined ? {} : { endedAt }),
    })
  }

  /** A failure of setEnable1v1Chat or join1v1Chat, by WeChat's errCode: re-read, ask for the camera, or say why. */
  private async failed(
    errCode: number | undefined,
    me: Person,
    contact: Contact,
    attempt: number,
    mayAskCamera: boolean,
  ): Promise<void> {
    const rule = ruleForErrCode(errCode)
    if (rule.retryVoiceWithCamera && this.mode === 'voice' && mayAskCamera)
      return this.retryVoiceWithCamera(me, contact, attempt)
    // A permission error means our picture of the state was stale: read it again.
    if (rule.reread === 'scopes') await this.ctx.permissions.rereadScopes()
    if (rule.reread === 'phone') this.ctx.permissions.readSystem()
    this.stop(rule.problem)
  }

  /** WeChat answered a voice call with -30004: it wants the camera too. Ask for it, then try once more. */
  private async retryVoiceWithCamera(me: Person, contact: Contact, attempt: number): Promise<void> {
    runInAction(() => {
      this.notice = 'voice-needs-camera'
    })
    const { permissions } = this.ctx
    await permissions.rereadScopes()
    const outcome = await permissions.requestScopes(['scope.camera'])
    if (outcome === 'privacy-declined') return this.stop({ kind: 'privacy' })
    if (outcome === 'undeclared') return this.stop({ kind: 'privacy-undeclared' })
    if (outcome === 'denied') return this.stop({ kind: 'scopes-denied', devices: ['camera'] })
    if (outcome !== 'granted') return this.stop({ kind: 'request-failed' })
    await this.reachAndJoin(me, contact, attempt, false)
  }

  /** Two members: both are in the call. One, after that: the other person left. */
  membersChanged(openids: string[]): void {
    const call = this.ongoing
    if (!call) return
    if (openids.length >= 2 && call.answeredAt === undefined) {
      call.answeredAt = Date.now()
      this.writeDown(call)
    } else if (openids.length <= 1 && call.answeredAt !== undefined) {
      this.ended(call)
    }
  }

  interrupted(): void {
    const call = this.ongoing
    if (call?.answeredAt !== undefined) this.ended(call)
    this.ongoing = null
  }

  private ended(call: OngoingCall): void {
    call.endedAt = Math.max(Date.now(), call.answeredAt ?? 0)
    this.writeDown(call)
    this.ongoing = null
  }

  /**
   * Writes the attempt down, stamped with when its join started (WeChat's events may come before its join
   * answers); its `at` is the record's identity for what WeChat says later.
   */
  private record(call: OngoingCall, result: Pick<CallRecord, 'outcome' | 'errCode'>): number {
    return this.ctx.history.add({ at: call.startedAt, openid: call.openid, mode: call.mode, ...result })
  }

  private stop(problem: CallProblem): void {
    this.problem = problem
    if (problem.kind !== 'scopes-denied' || this.notice !== 'voice-needs-camera') this.notice = null
  }
}
