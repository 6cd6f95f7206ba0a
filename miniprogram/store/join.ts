// Reaching WeChat for a call once preflight is clear: setEnable1v1Chat, then one join1v1Chat raced against
// time and the person's patience (platform doc §4.8: WeChat may answer only when the other person does, late,
// or never), and for a voice call WeChat refuses for want of the camera (-30004), one more try after asking.
import type * as Voip from '../services/voip'
import type { JoinOptions } from '../services/voip'
import { toWxError, WxError } from '../services/wx-error'
import { CallProblem, ruleForErrCode } from './call-problems'
import { CallMode, Contact, DEVICE_FOR_SCOPE, Person, SCOPES_FOR_MODE } from './model'
import { CallHistory, OngoingCall } from './ongoing-call'
import type { PermissionsStore } from './permissions'
import { requestProblem } from './preflight'
import type { ReachabilityStore } from './reachability'

/**
 * How long to wait for join1v1Chat to answer before freeing the call button. WeChat rings for about a minute
 * and may answer only when the other person does: never cut that short. Behaviour, not a deployment setting.
 */
export const JOIN_TIMEOUT_MS = 75_000

/** How the race ended for the screen: placed, failed with WeChat's error, or no answer it waited for. */
export type JoinResult =
  { placed: true } | { placed: false; error: WxError } | { placed: false; gaveUp: 'timeout' | 'person' }

/** Thrown into the race by the clock or the person; Duet's own, not WeChat's. */
class GaveUp extends Error {
  constructor(readonly why: 'timeout' | 'person') {
    super(`join1v1Chat: gave up waiting (${why})`)
  }
}

/**
 * The join of one attempt. Its outcome goes to the call's record: placed, failed, or, when the wait is given
 * up, failed for now and corrected if WeChat answers later.
 */
export class JoinRace {
  private giveUp: ((why: 'timeout' | 'person') => void) | null = null

  constructor(
    private readonly voip: Pick<typeof Voip, 'join1v1Chat'>,
    /** WeChat answered the join, however late: after the wait was given up too. */
    private readonly answered: () => void = () => undefined,
  ) {}

  /** #call-cancel: stop waiting for WeChat's answer. WeChat is not told. */
  cancel(): void {
    this.giveUp?.('person')
  }

  async run(options: JoinOptions, call: OngoingCall): Promise<JoinResult> {
    const join = this.voip.join1v1Chat(options)
    join.then(this.answered, this.answered)
    const gaveUp = new Promise<never>((_resolve, reject) => {
      this.giveUp = (why) => reject(new GaveUp(why))
    })
    gaveUp.catch(() => undefined) // giving up after the race is over rejects nothing anyone waits for
    const timer = setTimeout(() => this.giveUp?.('timeout'), JOIN_TIMEOUT_MS)
    try {
      await Promise.race([join, gaveUp])
      call.placedNow()
      return { placed: true }
    } catch (raw) {
      if (raw instanceof GaveUp) {
        call.waitGivenUp()
        join.then(
          () => call.placedNow(),
          (late: unknown) => call.failedLate(toWxError('join1v1Chat', late).errCode),
        )
        return { placed: false, gaveUp: raw.why }
      }
      const error = toWxError('join1v1Chat', raw)
      call.failed(error.errCode)
      return { placed: false, error }
    } finally {
      clearTimeout(timer)
      this.giveUp = null
    }
  }
}

/** What an attempt needs from the rest of the store, and what it tells the screen while it runs. */
export interface JoinAttemptContext {
  voip: Pick<typeof Voip, 'join1v1Chat'>
  history: CallHistory
  reachability: Pick<ReachabilityStore, 'ensure'>
  permissions: Pick<
    PermissionsStore,
    'readSystem' | 'rereadScopes' | 'requestScopes' | 'markUndeclared' | 'markPrivacyDeclined'
  >
  /** The join is under way: `call` is the one WeChat's events are now about. */
  joining(call: OngoingCall): void
  /** WeChat answered that join, however late (a wait given up does not end it: WeChat may still place it). */
  answered(): void
  /** WeChat wants the camera for this voice call: the person is asked for it. */
  askingForCamera(): void
}

/** How an attempt ended: placed, the person stopped waiting, or a problem to show. */
export type AttemptEnd = { placed: true } | { stoppedWaiting: true } | { problem: CallProblem }

export interface AttemptOptions {
  caller: Person
  listener: Contact
  mode: CallMode
  disableSwitchVoice: boolean
  /** The appointment whose room is open with the listener: the call is its call. */
  appointment?: string
}

/** One tap's way to WeChat: reachable, joined, and what WeChat's answer means (its errCode's rule). */
export class JoinAttempt {
  private race: JoinRace | null = null

  constructor(
    private readonly ctx: JoinAttemptContext,
    private readonly options: AttemptOptions,
  ) {}

  /** #call-cancel, while a join is waited for. */
  cancel(): void {
    this.race?.cancel()
  }

  async run(mayAskForCamera = true): Promise<AttemptEnd> {
    const { caller, listener, mode, disableSwitchVoice, appointment } = this.options
    const refused = await this.ctx.reachability.ensure()
    if (refused) return this.failed(refused.problem.errCode, mayAskForCamera)
    const call = new OngoingCall(this.ctx.history, listener.openid, mode, appointment)
    this.ctx.joining(call)
    const race = new JoinRace(this.ctx.voip, this.ctx.answered)
    this.race = race
    const result = await race.run({ caller, listener, roomType: mode, disableSwitchVoice }, call)
    this.race = null
    if (result.placed) return { placed: true }
    // WeChat may still ring (§4.8): the record is corrected if it answers later.
    if ('gaveUp' in result)
      return result.gaveUp === 'person' ? { stoppedWaiting: true } : { problem: { kind: 'timeout' } }
    if (result.error.isPrivacyUndeclared) {
      // The guide must declare the devices of this mode (platform doc §1.7): the deployer's to fix.
      this.ctx.permissions.markUndeclared(SCOPES_FOR_MODE[mode].map((s) => DEVICE_FOR_SCOPE[s]))
      return { problem: { kind: 'privacy-undeclared' } }
    }
    if (result.error.isPrivacyRefusal) {
      // WeChat held the call for consent (the guide changed since we last read it) and the person declined.
      this.ctx.permissions.markPrivacyDeclined()
      return { problem: { kind: 'privacy' } }
    }
    return this.failed(result.error.errCode, mayAskForCamera)
  }

  /** A failure of setEnable1v1Chat or join1v1Chat, by WeChat's errCode: ask for the camera, re-read, or say why. */
  private async failed(errCode: number | undefined, mayAskForCamera: boolean): Promise<AttemptEnd> {
    const rule = ruleForErrCode(errCode)
    if (rule.retryVoiceWithCamera && this.options.mode === 'voice' && mayAskForCamera) return this.withCamera()
    // A permission error means our picture of the state was stale: read it again.
    if (rule.reread === 'scopes') await this.ctx.permissions.rereadScopes()
    if (rule.reread === 'phone') this.ctx.permissions.readSystem()
    return { problem: rule.problem }
  }

  /** WeChat answered a voice call with -30004: it wants the camera too. Ask for it, then try once more. */
  private async withCamera(): Promise<AttemptEnd> {
    this.ctx.askingForCamera()
    const { permissions } = this.ctx
    await permissions.rereadScopes()
    const problem = requestProblem(await permissions.requestScopes(['scope.camera']), ['camera'])
    return problem ? { problem } : this.run(false)
  }
}
