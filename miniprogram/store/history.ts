import { makeAutoObservable } from 'mobx-miniprogram'
import type { CallRecord } from './model'
import { HISTORY_LIMIT, timesInOrder } from './saved-state'

/** Every call attempt that reached WeChat, newest last, capped at HISTORY_LIMIT. */
export class HistoryStore {
  records: CallRecord[] = []

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  load(records: CallRecord[]): void {
    this.records = records
  }

  /**
   * Adds an attempt and returns its `at`, which identifies it for later updates: strictly after the last one
   * (two attempts within a millisecond are moved apart by one).
   */
  add(record: CallRecord): number {
    const last = this.records[this.records.length - 1]
    const at = last && record.at <= last.at ? last.at + 1 : record.at
    this.records = [...this.records, { ...record, at }].slice(-HISTORY_LIMIT)
    return at
  }

  /**
   * What WeChat told us later about the attempt at `at` to `openid`: placed after all, answered, ended. Its
   * times are kept in order (an answer reported before the record's `at` is moved to it).
   */
  update(
    at: number,
    openid: string,
    patch: Partial<Pick<CallRecord, 'outcome' | 'errCode' | 'answeredAt' | 'endedAt'>>,
  ): void {
    this.records = this.records.map((r) => (r.at === at && r.openid === openid ? timesInOrder({ ...r, ...patch }) : r))
  }

  /** Whether a call to `openid` was ever placed (so they know Duet can reach them). */
  placedTo(openid: string): boolean {
    return this.records.some((r) => r.openid === openid && r.outcome === 'placed')
  }

  /** Newest first. */
  forContact(openid: string): CallRecord[] {
    return this.records.filter((r) => r.openid === openid).reverse()
  }

  /** Each person's newest call, for the contact list's "昨天 · 语音 · 已呼叫". */
  get lastCall(): Record<string, CallRecord> {
    const last: Record<string, CallRecord> = {}
    for (const r of this.records) if (!last[r.openid] || r.at >= last[r.openid].at) last[r.openid] = r
    return last
  }

  get lastCallAt(): Record<string, number> {
    const last: Record<string, number> = {}
    for (const r of this.records) last[r.openid] = Math.max(last[r.openid] || 0, r.at)
    return last
  }
}
