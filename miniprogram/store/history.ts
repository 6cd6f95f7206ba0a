import { makeAutoObservable, observable } from 'mobx-miniprogram'
import { ProblemKind, ruleForErrCode } from './call-problems'
import type { CallMode, CallRecord } from './model'
import { HISTORY_LIMIT, timesInOrder } from './saved-state'

/** Whether two records say the same, field by field. */
function sameRecord(a: CallRecord, b: CallRecord): boolean {
  const keys = Object.keys(a) as Array<keyof CallRecord>
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}

/** The newest calls the dial page shows for a contact; the full history stays in the store. */
export const HISTORY_SHOWN = 10

/** What became of a call, in one word: placed (not known to be answered), answered, left while joining, failed. */
export type CallOutcome = 'placed' | 'answered' | 'left' | 'failed'

/** A call's outcome; which errCode means "left while joining" is the errCode table's to say (call-problems.ts). */
export function outcomeOf(r: CallRecord): CallOutcome {
  if (r.outcome === 'placed') return r.answeredAt === undefined ? 'placed' : 'answered'
  return r.errCode !== undefined && ruleForErrCode(r.errCode).problem.kind === 'left' ? 'left' : 'failed'
}

/** One call as the dial page's history renders it: only what it shows (every byte crosses to the view). */
export interface HistoryRow {
  at: number
  mode: CallMode
  outcome: CallOutcome
  /** An answered call's length, once it ended (ms). */
  duration?: number
  /** WeChat's code for a failure, for the details line; a failure without one had no answer from WeChat. */
  errCode?: number
  /** Why it failed, in words (strings.callProblems, its `history`). */
  reason?: ProblemKind
  /** The call was an appointment's (预约通话). */
  booked?: true
}

function rowOf(r: CallRecord): HistoryRow {
  const outcome = outcomeOf(r)
  const row: HistoryRow = { at: r.at, mode: r.mode, outcome }
  if (outcome === 'answered' && r.endedAt !== undefined && r.answeredAt !== undefined)
    row.duration = r.endedAt - r.answeredAt
  if (outcome === 'failed' && r.errCode !== undefined) {
    row.errCode = r.errCode
    row.reason = ruleForErrCode(r.errCode).problem.kind
  }
  if (r.appointment !== undefined) row.booked = true
  return row
}

/**
 * Every call attempt that reached WeChat, newest last, capped at HISTORY_LIMIT. `records` is replaced, never
 * changed in place: MobX watches the array, not each record's fields.
 */
export class HistoryStore {
  records: CallRecord[] = []

  constructor() {
    makeAutoObservable(this, { records: observable.ref }, { autoBind: true })
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
    const i = this.records.findIndex((r) => r.at === at && r.openid === openid)
    if (i < 0) return
    const before = this.records[i]
    const after = timesInOrder({ ...before, ...patch })
    // What is known already (a call placed, written down again as placed) is no change: nothing to save.
    if (sameRecord(before, after)) return
    this.records = [...this.records.slice(0, i), after, ...this.records.slice(i + 1)]
  }

  /** Whether a call to `openid` was ever placed (so they know Duet can reach them). */
  placedTo(openid: string): boolean {
    return this.records.some((r) => r.openid === openid && r.outcome === 'placed')
  }

  /** Newest first. */
  forContact(openid: string): CallRecord[] {
    return this.records.filter((r) => r.openid === openid).reverse()
  }

  /** The dial page's history for `openid`: the newest HISTORY_SHOWN calls, newest first. */
  rowsFor(openid: string): HistoryRow[] {
    return this.forContact(openid).slice(0, HISTORY_SHOWN).map(rowOf)
  }

  /** Each person's newest call, for the contact list's "昨天 · 语音 · 已呼叫". */
  get lastCall(): Record<string, CallRecord> {
    const last: Record<string, CallRecord> = {}
    for (const r of this.records) if (!last[r.openid] || r.at >= last[r.openid].at) last[r.openid] = r
    return last
  }
}
