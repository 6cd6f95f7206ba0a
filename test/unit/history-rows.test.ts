// What the history gives the views, without a page: each record's outcome in one word and the dial page's rows,
// with only the fields the view renders (every byte crosses to the view on each call attempt).
import { HISTORY_SHOWN, HistoryStore, outcomeOf } from '../../miniprogram/store/history'
import type { CallRecord } from '../../miniprogram/store/model'
import { ALICE, BOB } from '../fixtures'

const base = { openid: ALICE.openid, mode: 'voice' as const }

test.each([
  [{ outcome: 'placed' }, 'placed'],
  [{ outcome: 'placed', answeredAt: 2000 }, 'answered'],
  [{ outcome: 'placed', answeredAt: 2000, endedAt: 9000 }, 'answered'],
  [{ outcome: 'failed', errCode: -3 }, 'left'],
  [{ outcome: 'failed', errCode: -30002 }, 'failed'],
  [{ outcome: 'failed' }, 'failed'],
] as const)('%j is %s', (record, outcome) => {
  expect(outcomeOf({ ...base, at: 1000, ...record })).toBe(outcome)
})

describe("the dial page's rows", () => {
  const history = (records: Array<Partial<CallRecord>>) => {
    const store = new HistoryStore()
    store.load(records.map((r, i) => ({ ...base, at: 1000 * (i + 1), outcome: 'failed', ...r })))
    return store
  }

  test('newest first, only this contact, and only the fields each outcome shows', () => {
    const store = history([
      { outcome: 'placed' },
      { outcome: 'placed', answeredAt: 2500, endedAt: 2500 + 192_000 },
      { outcome: 'placed', answeredAt: 3500 },
      { errCode: -3 },
      { errCode: -30002 },
      { errCode: 31337 },
      {},
      { openid: BOB.openid, outcome: 'placed' },
    ])
    expect(store.rowsFor(ALICE.openid)).toStrictEqual([
      { at: 7000, mode: 'voice', outcome: 'failed' },
      { at: 6000, mode: 'voice', outcome: 'failed', errCode: 31337, reason: 'unknown-error' },
      { at: 5000, mode: 'voice', outcome: 'failed', errCode: -30002, reason: 'phone-denied' },
      { at: 4000, mode: 'voice', outcome: 'left' },
      { at: 3000, mode: 'voice', outcome: 'answered' },
      { at: 2000, mode: 'voice', outcome: 'answered', duration: 192_000 },
      { at: 1000, mode: 'voice', outcome: 'placed' },
    ])
  })

  test(`at most the newest ${HISTORY_SHOWN}; the rest stays in the store`, () => {
    const store = history(Array.from({ length: 30 }, () => ({ outcome: 'placed' as const })))
    const rows = store.rowsFor(ALICE.openid)
    expect(rows.map((r) => r.at)).toEqual(Array.from({ length: HISTORY_SHOWN }, (_, i) => 30_000 - 1000 * i))
    expect(store.records).toHaveLength(30)
  })
})
