import { makeAutoObservable, runInAction } from 'mobx-miniprogram'
import type * as ScreenService from '../services/screen'
import type { ContactsStore } from './contacts'
import {
  INVITATION_VALID_MS,
  InvitationProblem,
  invitationQuery,
  isExpired,
  looksLikeInvitation,
  readInvitation,
} from './invitation-link'
import type { CallMode, Invitation, Person } from './model'
import type { ProfileStore } from './profile'
import type { ReachabilityStore, Refusal } from './reachability'

export interface InvitationsContext {
  profile: Pick<ProfileStore, 'me' | 'openid'>
  reachability: Pick<ReachabilityStore, 'acceptCalls' | 'setAcceptCalls' | 'ensure' | 'refusal'>
  contacts: Pick<ContactsStore, 'offer' | 'find'>
  screen: Pick<typeof ScreenService, 'keepOn'>
}

/** How an opened invitation stands: answerable, too old, my own, or a link that is no invitation. */
export type InvitationStatus = 'none' | 'valid' | 'expired' | 'self' | 'invalid'

/**
 * How the last wait ended: over by time, answered (WeChat said the awaited person and I were in a call), or
 * ended because I switched "accept calls" off (a callback could no longer ring). A wait I cancel ends untold:
 * null, as before any wait.
 */
export type WaitEnd = 'timed-out' | 'answered' | 'calls-off' | null

/**
 * A call rings only when both people are inside Duet (platform doc §4.5). An invitation gets the other person
 * there: I send a card and wait, reachable, with the screen on; my friend opens it and calls me back.
 */
export class InvitationsStore {
  /**
   * The invitation waiting for my answer: opened on this phone, kept (also across a relaunch) until it is
   * answered or let go.
   */
  received: Invitation | null = null
  /** The invitation on screen: the last one opened, also once answered. */
  shown: Invitation | null = null
  /** The last link opened was my own invitation. */
  openedOwn = false
  /** What was wrong with the last link opened; nothing saved changed. */
  problem: InvitationProblem | null = null
  /** My wait after sending an invitation: whom for, in which mode, when the invitation was sent, until when. */
  waiting: { to: Person; mode: CallMode; sentAt: number; until: number } | null = null
  waitEnded: WaitEnd = null
  /** Whom the last wait that ended was for: its end is told with them. */
  private endedFor: string | null = null
  /** Inviting switched "accept calls" back on: the waiting room says so. */
  turnedOnAcceptCalls = false
  /** The clock the countdown and expiry read; it ticks while anything depends on it. */
  now = Date.now()
  private ticker: ReturnType<typeof setInterval> | null = null

  constructor(private readonly ctx: InvitationsContext) {
    makeAutoObservable<this, 'ctx' | 'ticker'>(this, { ctx: false, ticker: false }, { autoBind: true })
  }

  get status(): InvitationStatus {
    if (this.problem) return 'invalid'
    if (this.openedOwn) return 'self'
    if (!this.shown) return 'none'
    return isExpired(this.shown, this.now) ? 'expired' : 'valid'
  }

  /** What is kept on the device: an invitation still answerable survives a relaunch. */
  get saved(): Invitation | null {
    return this.received && !isExpired(this.received, this.now) ? this.received : null
  }

  /**
   * While I wait: why WeChat will not let a call reach me now (its refusal of setEnable1v1Chat), so the
   * waiting room does not promise a callback that cannot ring. Fixing it clears it.
   */
  get unreachable(): Refusal | null {
    return this.waiting ? this.ctx.reachability.refusal : null
  }

  /** Whom the wait on show is for: the one running, or the one whose end is still told. */
  get waitingFor(): string | null {
    if (this.waiting) return this.waiting.to.openid
    return this.waitEnded ? this.endedFor : null
  }

  get remainingMs(): number {
    return this.waiting ? Math.max(0, this.waiting.until - this.now) : 0
  }

  load(saved: Invitation | null): void {
    this.received = saved && !isExpired(saved, Date.now()) ? saved : null
    this.shown = this.received
    this.offerSender()
    this.keepTicking()
  }

  // ---- the friend's side -----------------------------------------------------------------------------------

  /**
   * An opened link's query (untrusted), or none. A good invitation is kept and its sender offered as a contact;
   * a forged or damaged one is refused with what is wrong, and nothing saved changes.
   */
  open(query: Record<string, string | undefined>): void {
    this.tick()
    this.problem = null
    this.openedOwn = false
    // Opened without a link (from a banner, or after onboarding): the invitation waiting for an answer.
    if (!looksLikeInvitation(query)) {
      this.shown = this.received ?? this.shown
      this.offerSender()
      return
    }
    const read = readInvitation(query, this.now)
    if (!read.ok) {
      this.problem = read.problem
      return
    }
    if (read.invitation.from.openid === this.ctx.profile.openid) {
      this.openedOwn = true
      return
    }
    this.received = read.invitation
    this.shown = read.invitation
    this.ctx.contacts.offer(read.invitation.from)
    this.keepTicking()
  }

  /**
   * The offer to add the inviter lives only in memory: whenever the pending invitation is brought back (a
   * relaunch, the banner), so is the offer, until the inviter is a contact. Nothing is saved without a yes.
   */
  private offerSender(): void {
    const from = this.received?.from
    if (from && !this.ctx.contacts.find(from.openid)) this.ctx.contacts.offer(from)
  }

  /** A call to `openid` was placed: if it answers the pending invitation, that invitation is done. */
  placedTo(openid: string): void {
    if (this.received?.from.openid !== openid) return
    this.received = null
    this.keepTicking()
  }

  // ---- my side: inviting and waiting ------------------------------------------------------------------

  /**
   * Starts my wait for `to` to call back in `mode` (a command; `sentLink` is what the card then carries): for
   * ten minutes I stay reachable (1v1 enabled; "accept calls" back on if it was off) with the screen on, until the
   * wait ends or I cancel it. The wait starts when WeChat's share sheet opens: WeChat says nothing about whether
   * the card was then sent (platform doc §7.2), so Duet cannot start it any later, and #waiting-cancel ends it.
   * Without a profile there is nobody to call back, and nothing starts.
   */
  invite(to: Person, mode: CallMode): void {
    if (!this.ctx.profile.me) return
    this.tick()
    this.waiting = { to, mode, sentAt: this.now, until: this.now + INVITATION_VALID_MS }
    this.waitEnded = null
    this.turnedOnAcceptCalls = false
    void this.stayReachable()
    this.ctx.screen.keepOn(true)
    this.keepTicking()
  }

  /** The link of the invitation my running wait is for (a query: it starts nothing); null while none runs. */
  get sentLink(): Record<string, string> | null {
    const me = this.ctx.profile.me
    if (!me || !this.waiting) return null
    return invitationQuery({ from: me, mode: this.waiting.mode, sentAt: this.waiting.sentAt })
  }

  /**
   * Back in Duet: WeChat ended keep-screen-on when the person left (it holds only inside the mini program),
   * and a suspended Duet's clock did not tick. A wait that ran out meanwhile ends; one still running turns the
   * screen on again.
   */
  appShown(): void {
    this.tick()
    if (this.waiting) this.ctx.screen.keepOn(true)
  }

  cancelWaiting(): void {
    this.endWait(null)
  }

  dismissWaitEnd(): void {
    this.waitEnded = null
  }

  /** "Accept calls" went off: WeChat now refuses the callback I am waiting for, so the wait ends and says why. */
  acceptCallsOff(): void {
    this.endWait('calls-off')
  }

  /** WeChat says who is in a call: the person I wait for is in it with me, so the wait is over. */
  membersChanged(openids: string[]): void {
    if (this.waiting && openids.length >= 2 && openids.includes(this.waiting.to.openid)) this.endWait('answered')
  }

  private async stayReachable(): Promise<void> {
    const { reachability } = this.ctx
    if (!reachability.acceptCalls) {
      await reachability.setAcceptCalls(true)
      runInAction(() => {
        this.turnedOnAcceptCalls = true
      })
    }
    // A refusal stays in reachability.refusal until fixed: `unreachable` shows it, with its way out.
    await reachability.ensure()
  }

  private endWait(how: WaitEnd): void {
    if (!this.waiting) return
    this.endedFor = this.waiting.to.openid
    this.waiting = null
    this.waitEnded = how
    this.ctx.screen.keepOn(false)
    this.keepTicking()
  }

  // ---- the clock ------------------------------------------------------------------------------------------

  tick(): void {
    this.now = Date.now()
    if (this.waiting && this.now >= this.waiting.until) this.endWait('timed-out')
    else this.keepTicking()
  }

  /** Ticks every second while a countdown or an expiry is on screen; otherwise nothing runs. */
  private keepTicking(): void {
    const needed = this.waiting !== null || (this.shown !== null && !isExpired(this.shown, this.now))
    if (needed && !this.ticker) this.ticker = setInterval(this.tick, 1000)
    if (!needed) this.dispose()
  }

  /** Stops the clock (the store is done with, e.g. a test's app closing). */
  dispose(): void {
    if (this.ticker) clearInterval(this.ticker)
    this.ticker = null
  }
}
