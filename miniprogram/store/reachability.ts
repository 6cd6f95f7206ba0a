import { makeAutoObservable, reaction, runInAction } from 'mobx-miniprogram'
import * as voip from '../services/voip'
import { toWxError } from '../services/wx-error'
import { CallProblem, problemFromErrCode } from './call-problems'
import type { Prefs } from './model'
import type { PermissionsStore } from './permissions'

/** Whether incoming calls can reach me: setEnable1v1Chat as WeChat last confirmed it in this run. */
export type Reachability = 'unknown' | 'on' | 'off' | 'failed'

export interface ReachabilityContext {
  permissions: Pick<PermissionsStore, 'support' | 'scopes'>
}

/** "Accept calls" and WeChat's setEnable1v1Chat behind it. */
export class ReachabilityStore {
  state: Reachability = 'unknown'
  acceptCalls = true
  private pending: { enable: boolean; done: Promise<CallProblem | null> } | null = null

  constructor(private readonly ctx: ReachabilityContext) {
    makeAutoObservable<this, 'ctx' | 'pending'>(this, { ctx: false, pending: false }, { autoBind: true })
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
      this.acceptCalls && p.support === 'supported' && p.scopes['scope.record'] === 'granted' && this.state !== 'on'
    )
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
  }

  /** Before a call: setEnable1v1Chat(true) unless already on in this run; a problem when WeChat refuses. */
  ensure(): Promise<CallProblem | null> {
    return this.state === 'on' ? Promise.resolve(null) : this.request(true)
  }

  /** The "accept calls" switch: off makes WeChat refuse incoming calls; on is the reaction's job. */
  async setAcceptCalls(accept: boolean): Promise<void> {
    this.acceptCalls = accept
    if (!accept && this.state === 'on') await this.request(false)
  }

  /** Concurrent requests for the same state share one wx call (launch's enable and a first call tap). */
  private request(enable: boolean): Promise<CallProblem | null> {
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

  private async apply(enable: boolean): Promise<CallProblem | null> {
    try {
      await voip.setEnable1v1Chat(enable)
      runInAction(() => {
        this.state = enable ? 'on' : 'off'
      })
      return null
    } catch (err) {
      runInAction(() => {
        this.state = 'failed'
      })
      return problemFromErrCode(toWxError('setEnable1v1Chat', err).errCode)
    }
  }
}
