// §4.4–§4.6 between two running phones (the playground): the listener's phone rings from its real state, and
// WeChat's call screen on each phone shows what happens.
import { call } from '../../wechat-model/calling'
import { CallScreen, createFakeWx, FakeCloud, FakeWx } from '../../wechat-model'

const anna = { openid: 'oAnna', nickname: '安娜' }
const ben = { openid: 'oBen', nickname: '小明' }

/** Two phones that can reach each other, each with Duet enabled for calls (§4.1). */
async function twoPhones(): Promise<{ a: FakeWx; b: FakeWx }> {
  const cloud = new FakeCloud()
  const grant = { authSetting: { 'scope.record': true, 'scope.camera': true } } as const
  const a = createFakeWx({ ...grant, openid: anna.openid }, {}, cloud)
  const b = createFakeWx({ ...grant, openid: ben.openid }, {}, cloud)
  const book = (openid: string) => [a, b].find((f) => f.env.openid === openid)
  for (const phone of [a, b]) {
    phone.voip.phoneBook = book
    await call(phone, 'setEnable1v1Chat', { enable: true })
  }
  return { a, b }
}

const status = (screen: CallScreen | null) => screen && `${screen.role} ${screen.status}`
const dial = (a: FakeWx) => call(a, 'join1v1Chat', { roomType: 'voice', caller: anna, listener: ben })

test('§4.5 the listener inside Duet rings; answering tells both phones both are in; a hang-up ends both', async () => {
  const { a, b } = await twoPhones()
  expect((await dial(a)).ok).toBe(true)
  expect([status(a.voip.screen), status(b.voip.screen)]).toEqual(['caller calling', 'listener calling'])
  expect(b.voip.screen?.peer).toEqual(anna)
  b.voip.answerOnScreen()
  expect([status(a.voip.screen), status(b.voip.screen)]).toEqual(['caller in-call', 'listener in-call'])
  expect([a.voip.membersEvents, b.voip.membersEvents]).toEqual([[['oAnna', 'oBen']], [['oAnna', 'oBen']]])
  b.voip.hangUpOnScreen()
  expect([status(a.voip.screen), status(b.voip.screen)]).toEqual(['caller ended', 'listener ended'])
  // The one who stayed hears they are alone; nothing for one's own hang-up (§4.6).
  expect([a.voip.membersEvents.at(-1), b.voip.membersEvents.length]).toEqual([['oAnna'], 1])
  expect(a.voip.inCall).toBe(false)
})

test('§4.4 a listener who left Duet does not ring: the join succeeded and the screen says why', async () => {
  const { a, b } = await twoPhones()
  b.leave()
  expect((await dial(a)).ok).toBe(true)
  expect([status(a.voip.screen), b.voip.screen]).toEqual(['caller not-inside', null])
})

test('a listener already in a call is busy; an unanswered call stops ringing after a minute, with no event', async () => {
  jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] })
  try {
    const { a, b } = await twoPhones()
    const c = createFakeWx({ openid: 'oCarl', authSetting: { 'scope.record': true } })
    c.voip.phoneBook = (openid) => [a, b].find((f) => f.env.openid === openid)
    await call(c, 'setEnable1v1Chat', { enable: true })
    await dial(a)
    const busy = call(c, 'join1v1Chat', {
      roomType: 'voice',
      caller: { openid: 'oCarl', nickname: '卡尔' },
      listener: ben,
    })
    await jest.advanceTimersByTimeAsync(0)
    expect((await busy).ok).toBe(true)
    expect(status(c.voip.screen)).toBe('caller busy')
    await jest.advanceTimersByTimeAsync(60_000)
    expect([status(a.voip.screen), status(b.voip.screen)]).toEqual(['caller ended', 'listener ended'])
    expect([a.voip.membersEvents, b.voip.membersEvents]).toEqual([[], []])
    await jest.advanceTimersByTimeAsync(2_000)
    expect([a.voip.screen, b.voip.screen]).toEqual([null, null])
  } finally {
    jest.useRealTimers()
  }
})

test('§4.8 an answered call outlasts the minute of ringing: it ends only when someone hangs up', async () => {
  jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] })
  try {
    const { a, b } = await twoPhones()
    await dial(a)
    b.voip.answerOnScreen()
    await jest.advanceTimersByTimeAsync(5 * 60_000)
    expect([status(a.voip.screen), status(b.voip.screen)]).toEqual(['caller in-call', 'listener in-call'])
    b.voip.hangUpOnScreen()
    expect(a.voip.membersEvents.at(-1)).toEqual(['oAnna'])
  } finally {
    jest.useRealTimers()
  }
})
