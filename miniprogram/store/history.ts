import { makeAutoObservable } from 'mobx-miniprogram'
import type { CallRecord } from './model'
import { HISTORY_LIMIT } from './saved-state'

/** Every call attempt that reached WeChat, newest last, capped at HISTORY_LIMIT. */
export class HistoryStore {
  records: CallRecord[] = []

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  load(records: CallRecord[]): void {
    this.records = records
  }

  add(record: CallRecord): void {
    this.records = [...this.records, record].slice(-HISTORY_LIMIT)
  }

  /** Newest first. */
  forContact(openid: string): CallRecord[] {
    return this.records.filter((r) => r.openid === openid).reverse()
  }

  get lastCallAt(): Record<string, number> {
    const last: Record<string, number> = {}
    for (const r of this.records) last[r.openid] = Math.max(last[r.openid] || 0, r.at)
    return last
  }
}
