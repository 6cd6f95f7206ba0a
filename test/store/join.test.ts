// The join alone, on stand-in services and jest's clock: one join raced against time and the person's cancel,
// WeChat's late answer correcting the record (platform doc §4.8), and an attempt's one retry after -30004.
import { HistoryStore } from '../../miniprogram/store/history'
import { JOIN_TIMEOUT_MS, JoinAttempt, JoinAttemptContext, JoinRace } from '../../miniprogram/store/join'
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
  const answers = { count: 0 }
  const join = new JoinRace(
    {
      join1v1Chat: (options) => {
        asked.push(options)
        return answer
      },
    },
    () => answers.count++,
  )
  const result = join.run(OPTIONS, new OngoingCall(history, BEN.openid, 'voice'))
  return { join, result, history, asked, answers }
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

test('the person’s cancel ends the wait at once; WeChat’s late refusal adds its code, and is its answer', async () => {
  const wechat = deferred()
  const { join, result, history, answers } = race(wechat.promise)
  await jest.advanceTimersByTimeAsync(5000)
  join.cancel()
  expect(await result).toEqual({ placed: false, gaveUp: 'person' })
  // The wait is over, the join is not: WeChat has yet to answer it (1v1 must stay on until it does).
  expect(answers.count).toBe(0)
  wechat.reject(wxFailure('join1v1Chat', -3))
  await flush()
  expect(answers.count).toBe(1)
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

describe('an attempt: reachable, joined, and -30004 tried once more', () => {
  function attempt(joins: Array<Error | null>, mode: 'voice' | 'video' = 'voice', refused: number | null = null) {
    const told: string[] = []
    const history = new HistoryStore()
    const ctx: JoinAttemptContext = {
      history,
      voip: {
        join1v1Chat: () => {
          told.push('join')
          const answer = joins.shift()
          return answer ? Promise.reject(answer) : Promise.resolve()
        },
      },
      reachability: {
        ensure: () => Promise.resolve(refused === null ? null : { problem: { kind: 'not-enabled', errCode: refused } }),
      },
      permissions: {
        readSystem: () => void told.push('readSystem'),
        rereadScopes: () => Promise.resolve(void told.push('rereadScopes')),
        requestScopes: (scopes) => Promise.resolve(void told.push(`request(${scopes.join()})`)).then(() => 'granted'),
        markUndeclared: (devices) => void told.push(`undeclared(${devices.join()})`),
        markPrivacyDeclined: () => void told.push('privacyDeclined'),
      },
      joining: () => void told.push('joining'),
      answered: () => undefined,
      askingForCamera: () => void told.push('askingForCamera'),
    }
    const run = new JoinAttempt(ctx, { caller: ME, listener: { ...BEN, note: '' }, mode, disableSwitchVoice: false })
    return { run: () => run.run(), told, history }
  }

  test('-30004 on voice: the person is told, the camera asked for, and the voice call tried once more', async () => {
    const { run, told, history } = attempt([wxFailure('join1v1Chat', -30004)])
    expect(await run()).toEqual({ placed: true })
    expect(told).toEqual([
      'joining',
      'join',
      'askingForCamera',
      'rereadScopes',
      'request(scope.camera)',
      'joining',
      'join',
    ])
    expect(history.records.map((r) => r.outcome)).toEqual(['failed', 'placed'])
  })

  test('-30004 twice, or on video: a problem, re-read from WeChat, no third join', async () => {
    const twice = attempt([wxFailure('join1v1Chat', -30004), wxFailure('join1v1Chat', -30004)])
    expect(await twice.run()).toEqual({ problem: { kind: 'scopes-denied', devices: ['camera'], errCode: -30004 } })
    expect(twice.told.filter((t) => t === 'join')).toHaveLength(2)
    const video = attempt([wxFailure('join1v1Chat', -30004)], 'video')
    await video.run()
    expect(video.told).toEqual(['joining', 'join', 'rereadScopes'])
  })

  test('WeChat will not enable calls: its problem, and no join', async () => {
    const { run, told } = attempt([], 'voice', -20000)
    expect(await run()).toEqual({ problem: { kind: 'not-enabled', errCode: -20000 } })
    expect(told).toEqual([])
  })

  test('errno 112 on the join: the mode’s devices are undeclared', async () => {
    const { run, told } = attempt([wxFailure('join1v1Chat', undefined, 112)], 'video')
    expect(await run()).toEqual({ problem: { kind: 'privacy-undeclared' } })
    expect(told).toContain('undeclared(microphone,camera)')
  })
})
