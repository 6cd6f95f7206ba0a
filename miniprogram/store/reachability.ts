import { makeAutoObservable, reaction, runInAction } from 'mobx-miniprogram'
import type * as Voip from '../services/voip'
import { toWxError } from '../services/wx-error'
import { CallProblem, ruleForErrCode, wayOut, WayOut } from './call-problems'
import { Device, DEVICE_FOR_SCOPE, Prefs, Scope, SCOPE_FOR_DEVICE } from './model'
import type { PermissionsStore } from './permissions'

/** Whether incoming calls can reach me: setEnable1v1Chat as WeChat last confirmed it in this run. */
export type Reachability = 'unknown' | 'on' | 'off' | 'failed'

/** Why setEnable1v1Chat failed; the problem carries WeChat's errCode for the same handling as a join's failure. */
export interface Refusal {
  problem: CallProblem
}

export interface ReachabilityContext {
  permissions: Pick<PermissionsStore, 'support' | 'scopes' | 'phone' | 'requestScopes'>
  voip: Pick<typeof Voip, 'setEnable1v1Chat'>
  /** A call attempt of mine is under way, or a join of mine WeChat has yet to answer: 1v1 must stay on. */
  calling: () => boolean
}

/**
 * "Accept calls" and WeChat's setEnable1v1Chat behind it. Enabling lasts one run of the mini program
 * (platform doc §4.1), so it is asked again at every launch; its errors are a join's (§4.2).
 */
export class ReachabilityStore {
  state: Reachability = 'unknown'
  acceptCalls = true
  /** Why WeChat refused the last setEnable1v1Chat(true) of this run, while it still stands. */
  refusal: Refusal | null = null
  private pending: { enable: boolean; done: Promise<Refusal | null> } | null = null

  constructor(private readonly ctx: ReachabilityContext) {
    // setAcceptCalls is no action of its own: its change must reach the reactions (start) before it returns.
    makeAutoObservable<this, 'ctx' | 'pending'>(
      this,
      { ctx: false, pending: false, setAcceptCalls: false },
      { autoBind: true },
    )
  }

  load(prefs: Pick<Prefs, 'acceptCalls'>): void {
    this.acceptCalls = prefs.acceptCalls
  }

  get prefs(): Pick<Prefs, 'acceptCalls'> {
    return { acceptCalls: this.acceptCalls }
  }

  /** Incoming calls should be accepted but are not yet: "accept calls" on, calls supported, microphone granted. */
  get shouldEnable(): boolean {
    const p = this.ctx.permissions
    return (
      this.acceptCalls &&
      p.support === 'supported' &&
      p.scopes['scope.record'] === 'granted' &&
      this.state === 'unknown'
    )
  }

  /**
   * "Accept calls" is off, yet 1v1 is on, and no call of mine needs it: WeChat should refuse incoming calls
   * again. A join WeChat has not answered is waited for, even one whose wait was given up (a join held for
   * privacy consent runs only once the person agrees, and would find 1v1 off); a call placed while off (ensure)
   * is followed by this too.
   */
  get shouldDisable(): boolean {
    return !this.acceptCalls && this.state === 'on' && !this.ctx.calling()
  }

  /**
   * Scopes WeChat wants before it enables calls that a popup can still grant: asking for them is the way out
   * (a person who chose voice only meets this when WeChat wants the camera too).
   */
  get askable(): Scope[] {
    const problem = this.refusal?.problem
    if (problem?.kind !== 'scopes-denied') return []
    const scopes = problem.devices.map((d) => SCOPE_FOR_DEVICE[d])
    return scopes.every((s) => this.ctx.permissions.scopes[s] === 'unasked') ? scopes : []
  }

  /** The devices of `askable`: what WeChat wants that was never asked (the camera, even for voice only). */
  get devicesToAsk(): Device[] {
    return this.askable.map((s) => DEVICE_FOR_SCOPE[s])
  }

  /** What the person can do about a refusal: ask for a scope never asked, or the problem's own way out. */
  get wayOut(): 'ask' | WayOut | null {
    if (!this.refusal) return null
    return this.askable.length ? 'ask' : wayOut(this.refusal.problem)
  }

  /** From launch on: enable 1v1 as soon as it should be (at launch, or later in onboarding); it shows no popup. */
  start(): void {
    reaction(
      () => this.shouldEnable,
      (should) => {
        if (should) void this.request(true)
      },
      { fireImmediately: true },
    )
    reaction(
      () => this.shouldDisable,
      (should) => {
        if (should) void this.request(false)
      },
    )
  }

  /** Before a call: setEnable1v1Chat(true) unless already on in this run; why not, when WeChat refuses. */
  ensure(): Promise<Refusal | null> {
    // A disable still on its way to WeChat (the switch just turned off) would undo an "on" read now.
    const pending = this.pending
    if (pending && !pending.enable) return pending.done.then(() => this.request(true))
    return this.state === 'on' ? Promise.resolve(null) : this.request(true)
  }

  /** The person asked to try again: ask WeChat again. */
  retry(): Promise<Refusal | null> {
    return this.acceptCalls && this.state === 'failed' ? this.request(true) : Promise.resolve(null)
  }

  /** Back from a settings page: if what WeChat wanted is there now, ask WeChat again. */
  retryIfFixed(): Promise<Refusal | null> {
    const problem = this.refusal?.problem
    if (!problem || !('devices' in problem)) return Promise.resolve(null)
    const { scopes, phone } = this.ctx.permissions
    const fixed =
      problem.kind === 'scopes-denied'
        ? problem.devices.every((d) => scopes[SCOPE_FOR_DEVICE[d]] === 'granted')
        : problem.devices.every((d) => phone[d] !== 'denied')
    return fixed ? this.retry() : Promise.resolve(null)
  }

  /** The way out when WeChat wants a scope that was never asked: ask for it, then enable again. */
  async askAndRetry(): Promise<void> {
    const scopes = this.askable
    if (!scopes.length) return
    const outcome = await this.ctx.permissions.requestScopes(scopes)
    if (outcome === 'granted') await this.retry()
  }

  /**
   * The "accept calls" switch: off makes WeChat refuse incoming calls (shouldDisable, once no attempt of mine
   * needs 1v1); on asks WeChat again. Resolves when WeChat has been told what it can be told now.
   */
  setAcceptCalls(accept: boolean): Promise<unknown> {
    runInAction(() => {
      this.acceptCalls = accept
      if (!accept) this.refusal = null
      if (this.state !== 'on') this.state = 'unknown'
    })
    return this.pending?.done ?? Promise.resolve()
  }

  /** Concurrent requests for the same state share one wx call (launch's enable and a first call tap). */
  private request(enable: boolean): Promise<Refusal | null> {
    const pending = this.pending
    if (pending && pending.enable === enable) return pending.done
    const done = this.apply(enable)
    this.pending = { enable, done }
    const clear = () => {
      if (this.pending?.done === done) this.pending = null
    }
    done.then(clear, clear)
    return done
  }

  private async apply(enable: boolean): Promise<Refusal | null> {
    try {
      await this.ctx.voip.setEnable1v1Chat(enable)
      runInAction(() => {
        // Off, unless the switch went back on while WeChat was being told: then unknown, to be enabled again.
        this.state = enable ? 'on' : this.acceptCalls ? 'unknown' : 'off'
        this.refusal = null
      })
      return null
    } catch (err) {
      const { errCode } = toWxError('setEnable1v1Chat', err)
      const refusal: Refusal = { problem: ruleForErrCode(errCode).problem }
      runInAction(() => {
        this.state = 'failed'
        if (enable) this.refusal = refusal
      })
      return refusal
    }
  }
}
