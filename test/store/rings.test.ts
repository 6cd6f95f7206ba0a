// The rings slice alone, on stand-in backend and subscribe services: allowing one ring, ringing, the rest.
import { RING_REST_MS, RingsStore } from '../../miniprogram/store/rings'
import type { CallMode, Person } from '../../miniprogram/store/model'
import type { RingResult } from '../../miniprogram/services/backend'
import type { SubscribeAnswer } from '../../miniprogram/services/subscribe'

const ME: Person = { openid: 'oMe_000000000000000001', nickname: '我' }
const BEN: Person = { openid: 'oBen_00000000000000001', nickname: '阿本' }

function ringsWith(result: RingResult, answer: SubscribeAnswer | Error = 'accept', available = true) {
  const rang: Array<[string, CallMode]> = []
  const sent: string[] = []
  const rings = new RingsStore({
    profile: { me: ME },
    rang: (to, mode) => rang.push([to.openid, mode]),
    backend: {
      canRing: () => available,
      ringTemplateId: () => 'tmpl-ring',
      ring: (to) => {
        sent.push(to)
        return Promise.resolve(result)
      },
    },
    subscribe: { requestOne: () => (answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)) },
  })
  return { rings, rang, sent }
}

beforeEach(() => jest.useFakeTimers({ now: 100_000 }))
afterEach(() => jest.useRealTimers())

test('a ring sent opens my invitation for its mode, then the button rests for RING_REST_MS', async () => {
  const { rings, rang, sent } = ringsWith({ sent: true })
  await rings.ring(BEN, 'video')
  expect([rings.stateFor(BEN.openid), rang]).toEqual(['sent', [[BEN.openid, 'video']]])
  await rings.ring(BEN, 'video')
  expect(sent).toHaveLength(1)
  expect(rings.restSeconds).toBe(RING_REST_MS / 1000)
  jest.advanceTimersByTime(RING_REST_MS)
  expect([rings.restingFor(BEN.openid), jest.getTimerCount()]).toEqual([false, 0])
})

test('43101: the other person allowed no ring; its state is shown only with them', async () => {
  const { rings, rang } = ringsWith({ sent: false, why: 'not-allowed', code: 43101 })
  await rings.ring(BEN, 'voice')
  expect([rings.stateFor(BEN.openid), rings.stateFor(ME.openid), rings.code, rang]).toEqual([
    'not-allowed',
    'idle',
    43101,
    [],
  ])
})

test('too many rings this hour (mine): no ring to anyone until the minutes the function named have passed', async () => {
  const { rings, sent, rang } = ringsWith({ sent: false, why: 'too-many', who: 'sender', minutes: 12 })
  await rings.ring(BEN, 'voice')
  expect([rings.stateFor(BEN.openid), rings.restMinutes, rang]).toEqual(['too-many', 12, []])
  await rings.ring(BEN, 'voice')
  await rings.ring(ME, 'voice')
  expect(sent).toEqual([BEN.openid])
  jest.advanceTimersByTime(12 * 60 * 1000)
  expect([rings.restingFor(BEN.openid), jest.getTimerCount()]).toEqual([false, 0])
})

test('too many rings this hour (theirs): only a ring to that person waits', async () => {
  const { rings } = ringsWith({ sent: false, why: 'too-many', who: 'target', minutes: 60 })
  await rings.ring(BEN, 'voice')
  expect([rings.restingFor(BEN.openid), rings.restingFor(ME.openid)]).toEqual([true, false])
})

test.each([
  ['accept', 'allowed'],
  ['reject', 'declined'],
  [new Error('requestSubscribeMessage:fail'), 'failed'],
] as const)('allowing one ring: %s → %s', async (answer, allow) => {
  const { rings } = ringsWith({ sent: true }, answer)
  await rings.allowOne()
  expect(rings.allow).toBe(allow)
})

test('without WeChat Cloud and a template, nothing is offered or sent', async () => {
  const { rings, sent } = ringsWith({ sent: true }, 'accept', false)
  await rings.ring(BEN, 'voice')
  await rings.allowOne()
  expect([rings.available, rings.allow, sent]).toEqual([false, 'idle', []])
})
