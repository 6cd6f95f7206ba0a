// The ring function run for real against the fake cloud (its database §12 and WeChat's send §7.3): each ring
// recorded under the sender WeChat names, a few rings an hour per sender and per target, and the message's
// time in China's time whatever the server's zone (issue 20, point 11).
import { FakeCloud, TEST_RING_TEMPLATE } from '../../wechat-model'
import { chinaClock } from './china-time'

const ANNA = 'oAnna_0000000000000001'
const BEN = 'oBen_00000000000000001'
const HOUR = 60 * 60 * 1000
const others = Array.from({ length: 6 }, (_, i) => `oOther_000000000000000${i}`)

const ringFrom = (cloud: FakeCloud, sender: string, to: string, extra: Record<string, unknown> = {}) =>
  cloud.invoke(
    'ring',
    { to, name: '安娜', mode: 'video', templateId: TEST_RING_TEMPLATE, ...extra },
    { openid: sender },
  )

/** A cloud where `to` allowed `count` rings. */
function cloudAllowing(to: string, count: number): FakeCloud {
  const cloud = new FakeCloud()
  for (let i = 0; i < count; i++) cloud.allowOne(to, TEST_RING_TEMPLATE)
  return cloud
}

test('a ring is recorded under the sender WeChat names, whatever the event says', async () => {
  const cloud = cloudAllowing(BEN, 1)
  expect(await ringFrom(cloud, ANNA, BEN, { from: others[0], sender: others[0] })).toEqual({ ok: true })
  expect(cloud.database.records('rings')).toEqual([
    expect.objectContaining({ sender: ANNA, target: BEN, name: '安娜', mode: 'video', outcome: 'sent' }),
  ])
  expect(cloud.delivered[0].page).toContain(`from=${ANNA}`)
})

test("the message's time3 is the time in China (UTC+8), whatever the server's time zone (issue 20.11)", async () => {
  const cloud = cloudAllowing(BEN, 1)
  const before = Date.now()
  await ringFrom(cloud, ANNA, BEN)
  const after = Date.now()
  // The run may cross a minute boundary: either side's minute is right; UTC, 8 hours off, is not.
  expect([chinaClock(before), chinaClock(after)]).toContain(cloud.delivered[0].data.time3.value)
})

test('a sender gets 5 rings an hour: the 6th is refused, with the minutes until another is allowed', async () => {
  const cloud = new FakeCloud()
  for (const target of others) cloud.allowOne(target, TEST_RING_TEMPLATE)
  const answers = []
  for (const target of others) answers.push(await ringFrom(cloud, ANNA, target))
  expect(answers.slice(0, 5)).toEqual(Array(5).fill({ ok: true }))
  expect(answers[5]).toEqual({ ok: false, reason: 'too-many', who: 'sender', minutes: 60 })
  expect(cloud.delivered).toHaveLength(5)
})

test('a target gets 3 rings an hour from anyone: the 4th is refused, and its accept is not spent', async () => {
  const cloud = cloudAllowing(BEN, 4)
  const answers = []
  for (const sender of others.slice(0, 4)) answers.push(await ringFrom(cloud, sender, BEN))
  expect(answers.slice(0, 3)).toEqual(Array(3).fill({ ok: true }))
  expect(answers[3]).toEqual({ ok: false, reason: 'too-many', who: 'target', minutes: 60 })
  expect(cloud.allowance(BEN, TEST_RING_TEMPLATE)).toBe(1)
})

test('rings older than an hour no longer count; the wait lasts until the 5th newest ring is an hour old', async () => {
  const cloud = cloudAllowing(BEN, 1)
  const now = Date.now()
  const earlier = (minutesAgo: number, n: number) =>
    cloud.database.seed('rings', {
      _id: `old${n}`,
      sender: ANNA,
      target: others[n],
      name: '安娜',
      mode: 'voice',
      at: now - minutesAgo * 60000,
      outcome: 'sent',
    })
  earlier(61, 0)
  for (let n = 1; n <= 4; n++) earlier(10, n)
  expect(await ringFrom(cloud, ANNA, BEN)).toEqual({ ok: true })
  // Now 0, 10, 10, 10, 10 and 45 minutes ago: the one of 45 leaves in 15 minutes, but five remain until the
  // last of 10 minutes ago leaves, in 50.
  cloud.database.seed('rings', { _id: 'old5', sender: ANNA, target: others[5], at: now - 45 * 60000 })
  expect(await ringFrom(cloud, ANNA, BEN)).toEqual({ ok: false, reason: 'too-many', who: 'sender', minutes: 50 })
})

test('records older than the hour counted are removed, at most 50 a ring: the collection holds about an hour', async () => {
  const cloud = cloudAllowing(BEN, 3)
  const now = Date.now()
  const old = (n: number) => ({ _id: `old${n}`, sender: others[n % 6], target: ANNA, at: now - HOUR - n * 1000 })
  for (let n = 0; n < 70; n++) cloud.database.seed('rings', old(n))
  cloud.database.seed('rings', { _id: 'recent', sender: ANNA, target: others[0], at: now - HOUR + 60000 })
  const left = () => cloud.database.records('rings').filter((r) => String(r._id).startsWith('old')).length

  expect(await ringFrom(cloud, ANNA, BEN)).toEqual({ ok: true })
  expect(left()).toBe(20)
  expect(await ringFrom(cloud, ANNA, BEN)).toEqual({ ok: true })
  expect(left()).toBe(0)
  // What the limits count stays: the ring of 59 minutes ago and the two just sent.
  expect(cloud.database.records('rings').map((r) => r._id)).toHaveLength(3)
  expect(cloud.database.records('rings').some((r) => r._id === 'recent')).toBe(true)
})

test('a ring that fails still counts and is recorded as failed: failures cannot probe without limit', async () => {
  const cloud = new FakeCloud()
  for (let i = 0; i < 5; i++) expect(await ringFrom(cloud, ANNA, others[i])).toMatchObject({ errCode: 43101 })
  expect(cloud.database.records('rings').map((r) => r.outcome)).toEqual(Array(5).fill('failed'))
  expect(await ringFrom(cloud, ANNA, others[5])).toMatchObject({ reason: 'too-many' })
})

test('without the rings collection nothing is sent: a ring that cannot be counted is not sent', async () => {
  const cloud = cloudAllowing(BEN, 1)
  cloud.database.dropCollection('rings')
  expect(await ringFrom(cloud, ANNA, BEN)).toEqual({ ok: false, reason: 'database', errCode: -502005 })
  expect(cloud.delivered).toEqual([])
})
