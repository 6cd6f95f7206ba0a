// A joined call and its history record, on a real history slice: placed is not answered (§4.4), and
// WeChat's events (§4.6) may come before its join answers (§4.8).
import { HistoryStore } from '../../miniprogram/store/history'
import { OngoingCall } from '../../miniprogram/store/ongoing-call'

const ME = 'oMe_000000000000000001'
const BEN = 'oBen_00000000000000001'

beforeEach(() => {
  jest.useFakeTimers({ now: 100_000 })
})
afterEach(() => jest.useRealTimers())

function joined() {
  const history = new HistoryStore()
  return { history, call: new OngoingCall(history, BEN, 'video') }
}

test('placed, answered, ended: one record, its length from the members events', () => {
  const { history, call } = joined()
  call.placedNow()
  expect(history.records).toEqual([{ at: 100_000, openid: BEN, mode: 'video', outcome: 'placed' }])
  jest.advanceTimersByTime(5000)
  call.membersChanged([ME, BEN])
  jest.advanceTimersByTime(60_000)
  call.membersChanged([ME])
  expect(history.records[0]).toMatchObject({ answeredAt: 105_000, endedAt: 165_000 })
  expect(call.over).toBe(true)
})

test('an answer heard before the join answers is written once the call is placed', () => {
  const { history, call } = joined()
  call.membersChanged([ME, BEN])
  expect(history.records).toEqual([])
  jest.advanceTimersByTime(1500)
  call.placedNow()
  expect(history.records[0]).toMatchObject({ at: 100_000, outcome: 'placed', answeredAt: 100_000 })
})

test('a wait given up is failed for now; a late placement corrects it, with what WeChat said meanwhile', () => {
  const { history, call } = joined()
  call.waitGivenUp()
  expect(history.records[0]).toMatchObject({ outcome: 'failed' })
  call.membersChanged([ME, BEN])
  call.placedNow()
  expect(history.records).toHaveLength(1)
  expect(history.records[0]).toMatchObject({ outcome: 'placed', answeredAt: 100_000 })
})

test('a refusal after the wait was given up adds its code, and nothing later is about that call', () => {
  const { history, call } = joined()
  call.waitGivenUp()
  call.failedLate(-20002)
  call.membersChanged([ME, BEN])
  expect(history.records).toEqual([{ at: 100_000, openid: BEN, mode: 'video', outcome: 'failed', errCode: -20002 }])
})

test('a refusal is the end: failed with its code, and events after it change nothing', () => {
  const { history, call } = joined()
  call.failed(-2)
  call.membersChanged([ME, BEN])
  expect([history.records, call.over]).toEqual([
    [{ at: 100_000, openid: BEN, mode: 'video', outcome: 'failed', errCode: -2 }],
    true,
  ])
})

test('an interruption ends an answered call, and a call never answered just stops being followed', () => {
  const { history, call } = joined()
  call.placedNow()
  call.membersChanged([ME, BEN])
  jest.advanceTimersByTime(30_000)
  call.interrupted()
  expect(history.records[0]).toMatchObject({ answeredAt: 100_000, endedAt: 130_000 })
  const other = joined()
  other.call.placedNow()
  other.call.interrupted()
  other.call.membersChanged([ME, BEN])
  expect(other.history.records[0]).not.toHaveProperty('answeredAt')
})
