// The join race alone, on a stand-in join1v1Chat and jest's clock: placed, refused, no answer in time, the
// person's cancel, and WeChat's late answer correcting the record (platform doc §4.8).
import { HistoryStore } from '../../miniprogram/store/history'
import { JOIN_TIMEOUT_MS, JoinRace } from '../../miniprogram/store/join'
import { OngoingCall } from '../../miniprogram/store/ongoing-call'
import type { JoinOptions } from '../../miniprogram/services/voip'
import { deferred, flush, wxFailure } from './stand-ins'

const ME = { openid: 'oMe_000000000000000001', nickname: '我' }
const BEN = { openid: 'oBen_00000000000000001', nickname: '阿本' }
const OPTIONS: JoinOptions = { caller: ME, listener: BEN, roomType: 'voice', disableSwitchVoice: false }

beforeEach(() => jest.useFakeTimers({ now: 100_000 }))
afterEach(() => jest.useRealTimers())

function race(answer: Promise<void>) {
  const history = new HistoryStore()
  const asked: JoinOptions[] = []
  const join = new JoinRace({
    join1v1Chat: (options) => {
      asked.push(options)
      return answer
    },
  })
  const result = join.run(OPTIONS, new OngoingCall(history, BEN.openid, 'voice'))
  return { join, result, history, asked }
}

test('WeChat places the call: placed, written down, the options passed as given', async () => {
  const { result, history, asked } = race(Promise.resolve())
  expect(await result).toEqual({ placed: true })
  expect(asked).toEqual([OPTIONS])
  expect(history.records).toEqual([{ at: 100_000, openid: BEN.openid, mode: 'voice', outcome: 'placed' }])
})

test('WeChat refuses: its error, and a failed record with its code', async () => {
  const { result, history } = race(Promise.reject(wxFailure('join1v1Chat', -2)))
  const outcome = await result
  expect(outcome).toMatchObject({ placed: false, error: { errCode: -2 } })
  expect(history.records[0]).toMatchObject({ outcome: 'failed', errCode: -2 })
})

test(`no answer within JOIN_TIMEOUT_MS (${JOIN_TIMEOUT_MS} ms) frees the screen; a late answer corrects the record`, async () => {
  const wechat = deferred()
  const { result, history } = race(wechat.promise)
  let settled = false
  void result.then(() => (settled = true))
  await jest.advanceTimersByTimeAsync(JOIN_TIMEOUT_MS - 1)
  expect(settled).toBe(false)
  await jest.advanceTimersByTimeAsync(1)
  expect(await result).toEqual({ placed: false, gaveUp: 'timeout' })
  expect(history.records[0]).toMatchObject({ outcome: 'failed' })
  wechat.resolve()
  await flush()
  expect(history.records).toEqual([{ at: 100_000, openid: BEN.openid, mode: 'voice', outcome: 'placed' }])
})

test('the person’s cancel ends the wait at once; WeChat’s late refusal adds its code', async () => {
  const wechat = deferred()
  const { join, result, history } = race(wechat.promise)
  await jest.advanceTimersByTimeAsync(5000)
  join.cancel()
  expect(await result).toEqual({ placed: false, gaveUp: 'person' })
  wechat.reject(wxFailure('join1v1Chat', -3))
  await flush()
  expect(history.records[0]).toMatchObject({ outcome: 'failed', errCode: -3 })
  expect(jest.getTimerCount()).toBe(0)
})

test('a cancel after the race is over changes nothing', async () => {
  const { join, result, history } = race(Promise.resolve())
  await result
  join.cancel()
  await flush()
  expect(history.records).toHaveLength(1)
  expect(history.records[0].outcome).toBe('placed')
})
