// A call from the moment it is joined to its end, as its history record tells it (platform doc §4.4, §4.6).
import type { HistoryStore } from './history'
import type { CallMode, CallRecord } from './model'

export type CallHistory = Pick<HistoryStore, 'add' | 'update'>

/**
 * One joined call and its history record. WeChat's events may come before its join answers (when WeChat
 * answers only once the other person does), so what they say is kept here and written to the record once it
 * exists and the call is known to be placed.
 */
export class OngoingCall {
  /** When the join started: the time its record carries, whenever WeChat answers. */
  private readonly startedAt = Date.now()
  /** The history record's identity, once written. */
  private at: number | undefined
  private placed = false
  private answeredAt: number | undefined
  private endedAt: number | undefined
  /** Nothing WeChat says now changes it: it failed, ended, or was cut off. */
  over = false

  constructor(
    private readonly history: CallHistory,
    readonly openid: string,
    readonly mode: CallMode,
    /** The appointment this call is for, if it is one's (its record says so). */
    private readonly appointment?: string,
  ) {}

  /** WeChat placed the call (its call screen opened; not that anyone answered). */
  placedNow(): void {
    if (this.at === undefined) this.at = this.record({ outcome: 'placed' })
    this.placed = true
    this.writeDown()
  }

  /** WeChat refused the join: that is the end of it. */
  failed(errCode: number | undefined): void {
    this.record({ outcome: 'failed', ...(errCode === undefined ? {} : { errCode }) })
    this.over = true
  }

  /** No answer from WeChat in time, or the person stopped waiting: failed for now, as WeChat may still ring. */
  waitGivenUp(): void {
    this.at = this.record({ outcome: 'failed' })
  }

  /** WeChat refused after the wait was given up: its code, when it gives one, corrects the record. */
  failedLate(errCode: number | undefined): void {
    if (this.at !== undefined && errCode !== undefined) this.history.update(this.at, this.openid, { errCode })
    this.over = true
  }

  /** Two members: both are in the call. One, after that: the other person left. */
  membersChanged(openids: string[]): void {
    if (this.over) return
    if (openids.length >= 2 && this.answeredAt === undefined) {
      this.answeredAt = Date.now()
      this.writeDown()
    } else if (openids.length <= 1 && this.answeredAt !== undefined) {
      this.end()
    }
  }

  /** The call was cut from outside: an answered call ends there, and nothing later is about it. */
  interrupted(): void {
    if (this.over) return
    if (this.answeredAt !== undefined) this.end()
    this.over = true
  }

  private end(): void {
    this.endedAt = Math.max(Date.now(), this.answeredAt ?? 0)
    this.writeDown()
    this.over = true
  }

  /** Writes what is known of a placed call into its record. */
  private writeDown(): void {
    if (!this.placed || this.at === undefined) return
    const { answeredAt, endedAt } = this
    this.history.update(this.at, this.openid, {
      outcome: 'placed',
      ...(answeredAt === undefined ? {} : { answeredAt }),
      ...(endedAt === undefined ? {} : { endedAt }),
    })
  }

  /** Writes the attempt down, stamped with when its join started; its `at` identifies it for later. */
  private record(result: Pick<CallRecord, 'outcome' | 'errCode'>): number {
    const { startedAt: at, openid, mode, appointment } = this
    return this.history.add({ at, openid, mode, ...result, ...(appointment ? { appointment } : {}) })
  }
}
