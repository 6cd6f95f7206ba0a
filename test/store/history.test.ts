// The history slice alone: every call attempt, newest last, and what each person's newest call was.
import { HISTORY_SHOWN, HistoryStore } from '../../miniprogram/store/history'
import type { CallRecord } from '../../miniprogram/store/model'
import { HISTORY_LIMIT } from '../../miniprogram/store/saved-state'

const BEN = 'oBen_00000000000000001'
const CAROL = 'oCarol_000000000000001'
const record = (openid: string, at: number, more: Partial<CallRecord> = {}): CallRecord => ({
  at,
  openid,
  mode: 'voice',
  outcome: 'placed',
  ...more,
})

test('each person’s newest call is their last call, whatever came before or after for others', () => {
  const history = new HistoryStore()
  history.load([
    record(BEN, 1000, { mode: 'video', outcome: 'failed', errCode: -2 }),
    record(CAROL, 1500),
    record(BEN, 2000),
  ])
  expect(history.lastCall[BEN]).toEqual(record(BEN, 2000))
  expect(history.lastCall[CAROL].at).toBe(1500)
})

test('two attempts in one millisecond are moved apart, so each keeps its own identity', () => {
  const history = new HistoryStore()
  expect(history.add(record(BEN, 1000))).toBe(1000)
  expect(history.add(record(BEN, 1000))).toBe(1001)
  history.update(1001, BEN, { outcome: 'failed', errCode: -1 })
  expect(history.records.map((r) => [r.at, r.outcome])).toEqual([
    [1000, 'placed'],
    [1001, 'failed'],
  ])
})

test('an answer stamped before the record is moved to it, never lost', () => {
  const history = new HistoryStore()
  history.add(record(BEN, 5000))
  history.update(5000, BEN, { answeredAt: 4000, endedAt: 9000 })
  expect(history.records[0]).toMatchObject({ answeredAt: 5000, endedAt: 9000 })
})

test('the dial page’s rows: the newest HISTORY_SHOWN, newest first, with outcome, length and reason', () => {
  const history = new HistoryStore()
  for (let i = 0; i < HISTORY_SHOWN + 2; i++) history.add(record(BEN, 1000 * (i + 1)))
  history.update(1000 * (HISTORY_SHOWN + 2), BEN, { answeredAt: 12_500, endedAt: 72_500 })
  history.add(record(BEN, 99_000, { outcome: 'failed', errCode: -2 }))
  history.add(record(BEN, 99_500, { outcome: 'failed', errCode: -3 }))
  const rows = history.rowsFor(BEN)
  expect(rows).toHaveLength(HISTORY_SHOWN)
  expect(rows.slice(0, 3)).toEqual([
    { at: 99_500, mode: 'voice', outcome: 'left' },
    { at: 99_000, mode: 'voice', outcome: 'failed', errCode: -2, reason: 'mic-busy' },
    { at: 12_000, mode: 'voice', outcome: 'answered', duration: 60_000 },
  ])
})

test(`at most HISTORY_LIMIT (${HISTORY_LIMIT}) records are kept, the oldest dropped`, () => {
  const history = new HistoryStore()
  for (let i = 0; i < HISTORY_LIMIT + 1; i++) history.add(record(BEN, i + 1))
  expect([history.records.length, history.records[0].at]).toEqual([HISTORY_LIMIT, 2])
  expect(history.placedTo(BEN)).toBe(true)
  expect(history.placedTo(CAROL)).toBe(false)
})

test('an update that says nothing new changes nothing, so nothing is saved', () => {
  const history = new HistoryStore()
  history.load([record(BEN, 1000)])
  const at = history.add(record(CAROL, 2000))
  const before = history.records
  history.update(at, CAROL, { outcome: 'placed' })
  expect(history.records).toBe(before)
  history.update(at, CAROL, { answeredAt: 2500 })
  expect(history.records).not.toBe(before)
  expect(history.records[1]).toMatchObject({ openid: CAROL, answeredAt: 2500 })
  expect(history.records[0]).toBe(before[0])
})

test('a call that was an appointment’s is marked in its row (预约通话); others are not', () => {
  const history = new HistoryStore()
  history.load([record(BEN, 1000), record(BEN, 2000, { appointment: 'appt0001abcd' })])
  expect(history.rowsFor(BEN).map((r) => r.booked)).toEqual([true, undefined])
})
