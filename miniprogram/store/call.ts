import { makeAutoObservable, runInAction } from 'mobx-miniprogram'
import type * as Voip from '../services/voip'
import { toWxError } from '../services/wx-error'
import { CallProblem, cannotHere, leadsWayOut, ruleForErrCode, shape, Shape, wayOut, WayOut } from './call-problems'
import type { ContactsStore } from './contacts'
import type { HistoryRow, HistoryStore } from './history'
import type { JoinAttempt, JoinAttemptContext } from './join'
import { joinModule } from './later'
import { CallMode, Contact, DEVICE_FOR_SCOPE, Person, Prefs } from './model'
import type { NetworkStore } from './network'
import type { OngoingCall } from './ongoing-call'
import { lacksFor, PermissionsStore } from './permissions'
import { permissionProblem, phoneProblem, requestProblem, supportProblem } from './preflight'
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
    | 'snapshot'
    | 'lacks'
    | 'privacyBlocks'
    | 'request'
    | 'requestScopes'
    | 'rereadScopes'
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
  /** The appointment whose room is open with `openid` now, if any: a call to them is its call. */
  appointmentWith(openid: string): string | undefined
  voip: Pick<typeof Voip, 'join1v1Chat' | 'exitVoIPChat'>
}

export type CallStatus = 'idle' | 'checking' | 'requesting' | 'joining'
/** Shown beside the call button: what just happened, when it was not a problem. */
export type CallNotice = 'placed' | 'voice-needs-camera' | 'wait-cancelled' | null

/**
 * The call on screen: whom it is for, in which mode, how it stands, and what stopped it. A tap runs the
 * preflight (preflight.ts) in the documented order, then an attempt at WeChat (join.ts: setEnable1v1Chat, the
 * join race, the -30004 retry); the call joined is followed by its own object (ongoing-call.ts), which keeps
 * its history record. A successful join means the call was placed (platform doc §4.4), not that anyone answered.
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
  /** The call WeChat's events are about: the last one joined in this run. */
  private ongoing: OngoingCall | null = null
  /** Each tap is an attempt; a late answer to an older one changes no screen. */
  private attempt = 0
  /** The attempt under way, while it is. */
  private join: JoinAttempt | null = null
  /** Joins WeChat has not answered yet, the wait for them given up or not. */
  private joinsUnanswered = 0

  /** What an attempt needs, and what it tells this screen while it runs. */
  private readonly joinContext: JoinAttemptContext

  constructor(private readonly ctx: CallContext) {
    const { voip, history, reachability, permissions } = ctx
    this.joinContext = {
      voip,
      history,
      reachability,
      permissions,
      joining: (call) =>
        runInAction(() => {
          this.status = 'joining'
          this.ongoing = call
          this.joinsUnanswered++
        }),
      answered: () =>
        runInAction(() => {
          this.joinsUnanswered--
        }),
      askingForCamera: () =>
        runInAction(() => {
          this.notice = 'voice-needs-camera'
        }),
    }
    makeAutoObservable<this, 'ctx' | 'joinContext' | 'ongoing' | 'attempt' | 'join'>(
      this,
      { ctx: false, joinContext: false, ongoing: false, attempt: false, join: false },
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

  /**
   * An attempt is under way, or WeChat has yet to answer a join (one held for privacy consent, whose wait the
   * person or the clock gave up): 1v1 must stay on until it does.
   */
  get withWeChat(): boolean {
    return this.busy || this.joinsUnanswered > 0
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
    if (ruleForErrCode(this.problem?.errCode).leaveRoomBeforeRetry) await this.ctx.voip.exitVoIPChat()
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
    if (this.status === 'joining') this.join?.cancel()
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
      const appointment = this.ctx.appointmentWith(contact.openid)
      const { JoinAttempt } = joinModule()
      const join = new JoinAttempt(this.joinContext, {
        caller: me,
        listener: contact,
        mode: this.mode,
        disableSwitchVoice: this.disableSwitchVoice,
        ...(appointment ? { appointment } : {}),
      })
      this.join = join
      const end = await join.run()
      if ('problem' in end) return this.stop(end.problem)
      if ('stoppedWaiting' in end) this.notice = 'wait-cancelled'
      else {
        this.ctx.placedTo(contact.openid)
        if (attempt === this.attempt) this.notice = 'placed'
      }
    } catch (err) {
      // Nothing may escape to the page: whatever broke becomes a message with a code.
      this.stop(ruleForErrCode(toWxError('call', err).errCode).problem)
    } finally {
      runInAction(() => {
        if (attempt === this.attempt) this.status = 'idle'
        this.join = null
      })
    }
  }

  /**
   * The documented order, stopping at the first thing missing: what this phone can do, whom and as whom,
   * then the permissions (preflight.ts), asking for what a popup can still grant.
   */
  private async preflight(): Promise<CallProblem | null> {
    const { permissions, profile } = this.ctx
    if (permissions.support === 'unknown') permissions.readSystem()
    const unsupported = supportProblem(permissions.support)
    if (unsupported) return unsupported
    if (!this.contact) return { kind: 'no-contact' }
    if (await this.ctx.network.isOffline()) return { kind: 'offline' }
    // Who I am comes from WeChat's servers: a tap asks once more before giving up.
    if (!profile.openid && !profile.typedIdentity && !(await profile.fetchIdentity())) return { kind: 'no-identity' }
    if (!profile.me) return { kind: 'no-profile' }
    if (!permissions.loaded) await permissions.refresh()
    const before = permissionProblem(permissions.snapshot, this.mode)
    if (before !== 'ask') return before
    runInAction(() => {
      this.status = 'requesting'
    })
    const outcome = await permissions.request(this.mode)
    const denied = lacksFor(permissions.snapshot, this.mode).denied.map((s) => DEVICE_FOR_SCOPE[s])
    return requestProblem(outcome, denied) ?? phoneProblem(permissions.snapshot, this.mode)
  }

  /** WeChat's members event (§4.6): about the call joined last, if it is still going. */
  membersChanged(openids: string[]): void {
    this.ongoing?.membersChanged(openids)
  }

  interrupted(): void {
    this.ongoing?.interrupted()
    this.ongoing = null
  }

  private stop(problem: CallProblem): void {
    this.problem = problem
    if (problem.kind !== 'scopes-denied' || this.notice !== 'voice-needs-camera') this.notice = null
  }
}
