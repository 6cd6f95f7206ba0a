// One join1v1Chat, raced against time and the person's patience (platform doc §4.8): WeChat may answer only
// when the other person does, late, or never.
import type * as Voip from '../services/voip'
import type { JoinOptions } from '../services/voip'
import { toWxError, WxError } from '../services/wx-error'
import type { OngoingCall } from './ongoing-call'

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

  constructor(private readonly voip: Pick<typeof Voip, 'join1v1Chat'>) {}

  /** #call-cancel: stop waiting for WeChat's answer. WeChat is not told. */
  cancel(): void {
    this.giveUp?.('person')
  }

  async run(options: JoinOptions, call: OngoingCall): Promise<JoinResult> {
    const join = this.voip.join1v1Chat(options)
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
