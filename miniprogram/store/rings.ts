import { makeAutoObservable, runInAction } from 'mobx-miniprogram'
import type * as Backend from '../services/backend'
import type { RingRefusal } from '../services/backend'
import type * as Subscribe from '../services/subscribe'
import type { CallMode, Person } from './model'
import type { ProfileStore } from './profile'

/** After a ring, the button rests this long: one ring is one message to someone's phone. */
export const RING_REST_MS = 60 * 1000

export type AllowRings = 'idle' | 'asking' | 'allowed' | 'declined' | 'failed'
export type RingState = 'idle' | 'sending' | 'sent' | RingRefusal

export interface RingsContext {
  profile: Pick<ProfileStore, 'me'>
  /** A ring went out: its message opens an invitation from me to call back. */
  rang(to: Person, mode: CallMode): void
  backend: Pick<typeof Backend, 'canRing' | 'ringTemplateId' | 'ring'>
  subscribe: Pick<typeof Subscribe, 'requestOne'>
}

/**
 * Rings through WeChat Cloud (optional): a person allows one ring (a one-time subscribe message, platform
 * doc §7.3); a caller rings a contact, whose WeChat then shows a message that opens my invitation.
 */
export class RingsStore {
  readonly available = this.ctx.backend.canRing()
  allow: AllowRings = 'idle'
  state: RingState = 'idle'
  /** Whom the last ring was for: its state is shown only with them. */
  target: string | null = null
  /** WeChat's code when a ring failed, for the details. */
  code: number | undefined = undefined
  restUntil = 0
  /** Whose ring rests: null, every ring (after mine, or when I rang too often); else only this person's. */
  restFor: string | null = null
  now = Date.now()
  private ticker: ReturnType<typeof setInterval> | null = null

  constructor(private readonly ctx: RingsContext) {
    makeAutoObservable<this, 'ctx' | 'ticker'>(
      this,
      { ctx: false, available: false, ticker: false },
      { autoBind: true },
    )
  }

  get resting(): boolean {
    return this.now < this.restUntil
  }

  /** Whether a ring to `openid` must wait (the button shows how long instead). */
  restingFor(openid: string): boolean {
    return this.resting && (this.restFor === null || this.restFor === openid)
  }

  /** How the last ring to `openid` went; 'idle' if the last one was for someone else. */
  stateFor(openid: string): RingState {
    return this.target === openid ? this.state : 'idle'
  }

  get restSeconds(): number {
    return Math.ceil(Math.max(0, this.restUntil - this.now) / 1000)
  }

  get restMinutes(): number {
    return Math.ceil(this.restSeconds / 60)
  }

  /** #allow-rings: WeChat's popup for one ring. Call it in the synchronous part of the tap. */
  async allowOne(): Promise<void> {
    if (!this.available || this.allow === 'asking') return
    this.allow = 'asking'
    const asked = this.ctx.subscribe.requestOne(this.ctx.backend.ringTemplateId())
    const answer = await asked.catch(() => 'failed' as const)
    runInAction(() => {
      this.allow = answer === 'accept' ? 'allowed' : answer === 'failed' ? 'failed' : 'declined'
    })
  }

  /** #ring: one ring to `to`, opening my invitation for `mode`; then the button rests. */
  async ring(to: Person, mode: CallMode): Promise<void> {
    const me = this.ctx.profile.me
    if (!this.available || !me || this.state === 'sending' || this.restingFor(to.openid)) return
    this.state = 'sending'
    this.target = to.openid
    this.code = undefined
    const result = await this.ctx.backend.ring(to.openid, me, mode)
    runInAction(() => {
      if (result.sent) {
        this.state = 'sent'
        this.rest(RING_REST_MS, null)
        this.ctx.rang(to, mode)
      } else if (result.why === 'too-many') {
        // Refused until the hour's count allows another: the button waits that long, so nobody retries into
        // the same refusal.
        this.state = 'too-many'
        this.rest(result.minutes * 60 * 1000, result.who === 'target' ? to.openid : null)
      } else {
        this.state = result.why
        this.code = result.code
      }
    })
  }

  private rest(ms: number, restFor: string | null): void {
    this.restUntil = Date.now() + ms
    this.restFor = restFor
    this.now = Date.now()
    this.ticker ??= setInterval(this.tick, 1000)
  }

  tick(): void {
    this.now = Date.now()
    if (!this.resting) this.dispose()
  }

  /** Stops the clock (the store is done with, e.g. a test's app closing). */
  dispose(): void {
    if (this.ticker) clearInterval(this.ticker)
    this.ticker = null
  }
}
