// A ring through WeChat Cloud (platform doc §7.3): Ben allows one ring; Anna's #ring runs the real `ring`
// function, which sends Ben a subscribe message opening Anna's invitation. WeChat's side of the send is the
// fake cloud's: one message per accept, 43101 without one.
import { FakeCloud, TEST_CLOUD_ENV, TEST_RING_TEMPLATE } from '../../wechat-model'
import { LaunchedApp } from '../harness/app'
import { settle, useFakeClock, useRealClock, wait } from '../harness/page'
import { launchPhones, PhoneSpec } from '../harness/phones'
import { openMyPage, routeOf } from '../harness/screens'
import { ANNA, BEN, GRANTED, stored } from '../fixtures'

const RINGS = { config: { cloudEnv: TEST_CLOUD_ENV, ringTemplateId: TEST_RING_TEMPLATE } }
const annaSpec = (): PhoneSpec => ({
  env: {
    openid: ANNA.openid,
    authSetting: GRANTED,
    storage: stored({ profile: ANNA, contacts: [{ ...BEN, note: '' }] }),
  },
  options: RINGS,
})
const benSpec = (subscribe: PhoneSpec['user'] = {}): PhoneSpec => ({
  env: {
    openid: BEN.openid,
    authSetting: GRANTED,
    storage: stored({ profile: BEN, contacts: [{ ...ANNA, note: '' }] }),
  },
  user: subscribe,
  options: RINGS,
})

/** Ben, on his own page (one tap from home), allows one ring. */
async function benAllowsOneRing(ben: LaunchedApp) {
  await ben.open('contacts')
  const me = await openMyPage(ben)
  me.tap('#allow-rings')
  await settle()
  return me
}

async function annaRings(anna: LaunchedApp) {
  const dial = await anna.open('dial', { openid: BEN.openid })
  dial.tap('#ring')
  await settle()
  return dial
}

/** Ben allows one ring; Anna rings him and stops waiting for the callback. */
async function oneRingSpent() {
  const cloud = new FakeCloud()
  const [anna, ben] = await launchPhones([annaSpec(), benSpec({ subscribe: ['accept'] })], cloud)
  await benAllowsOneRing(ben)
  const dial = await annaRings(anna)
  dial.tap('#waiting-cancel')
  await settle()
  return { cloud, dial }
}

beforeEach(useFakeClock)
afterEach(useRealClock)

test('Ben allows one ring; Anna rings; the message opens her invitation and Ben calls back', async () => {
  const cloud = new FakeCloud()
  const [anna, ben] = await launchPhones([annaSpec(), benSpec({ subscribe: ['accept'] })], cloud)
  const contacts = await benAllowsOneRing(ben)
  expect(ben.fake.trace(['ui'])).toContain(`requestSubscribeMessage(${TEST_RING_TEMPLATE})`)
  expect(contacts.text('#allow-rings-status')).toBe('已开启，可以收到一次来电提醒。')
  expect(cloud.allowance(BEN.openid, TEST_RING_TEMPLATE)).toBe(1)

  const dial = await annaRings(anna)
  // The function named Anna from WeChat's context; the message opens her invitation on Ben's phone.
  const [message] = cloud.delivered
  expect(message.touser).toBe(BEN.openid)
  expect(message.page).toMatch(
    new RegExp(`^pages/invite/index\\?from=${ANNA.openid}&name=%E5%AE%89%E5%A8%9C&mode=voice&at=\\d+$`),
  )
  expect(message.data.thing1.value).toBe('安娜')
  expect(message.data.thing2.value).toBe('语音通话')
  expect(cloud.allowance(BEN.openid, TEST_RING_TEMPLATE)).toBe(0)
  // Anna now waits, as after a card; #ring rests for 60 s.
  expect(dial.text('#waiting-title')).toBe('等待 阿本 回拨')

  const invite = await ben.openUrl(`/${message.page}`)
  expect(invite.route).toBe(routeOf('invite'))
  invite.tap('#callback')
  await settle()
  expect(ben.fake.calls.find((c) => c.api === 'join1v1Chat')?.args).toMatchObject({
    caller: { openid: BEN.openid },
    listener: { openid: ANNA.openid },
    roomType: 'voice',
  })
})

test('after a ring, #ring rests for 60 s', async () => {
  const { dial } = await oneRingSpent()
  expect(dial.isDisabled('#ring')).toBe(true)
  expect(dial.text('#ring')).toBe('60 秒后可再次提醒')
  await wait(59)
  expect(dial.text('#ring')).toBe('1 秒后可再次提醒')
  await wait(1)
  expect(dial.isDisabled('#ring')).toBe(false)
  expect(dial.text('#ring')).toBe('提醒 TA 接听')
})

test('no ring allowed (43101): "对方还没开启来电提醒", and the share invitation is right there', async () => {
  const cloud = new FakeCloud()
  const [anna] = await launchPhones([annaSpec(), benSpec()], cloud)
  const dial = await annaRings(anna)
  expect(dial.text('#ring-status')).toBe('对方还没开启来电提醒。可以改为发送邀请卡片。')
  expect(dial.exists('#invite')).toBe(true)
  expect(dial.exists('#waiting')).toBe(false)
  expect(cloud.delivered).toEqual([])
})

test('one accept allows one ring: the second fails with 43101', async () => {
  const { cloud, dial } = await oneRingSpent()
  await wait(60)
  dial.tap('#ring')
  await settle()
  expect(dial.text('#ring-status')).toBe('对方还没开启来电提醒。可以改为发送邀请卡片。')
  expect(cloud.delivered).toHaveLength(1)
})

test.each([
  ['another WeChat error', { errcode: 40003, errmsg: 'invalid openid' } as const, '错误码 40003'],
  ['WeChat unreachable from the function', 'offline' as const, '错误码 -501001'],
])('%s: the ring is not sent, and the message says so with the code', async (_name, reply, code) => {
  const cloud = new FakeCloud()
  cloud.openApi = () => reply
  const [anna] = await launchPhones([annaSpec(), benSpec()], cloud)
  const dial = await annaRings(anna)
  expect(dial.text('#ring-status')).toBe('来电提醒没有发出，请稍后重试。')
  expect(dial.text('#ring-code')).toBe(code)
  expect(dial.exists('#waiting')).toBe(false)
})

test('a ring the function refuses as invalid says so: retrying cannot help, the invitation can', async () => {
  const cloud = new FakeCloud()
  const misconfigured = { config: { cloudEnv: TEST_CLOUD_ENV, ringTemplateId: 'not a template id' } }
  const [anna] = await launchPhones([{ ...annaSpec(), options: misconfigured }, benSpec()], cloud)
  const dial = await annaRings(anna)
  expect(dial.text('#ring-status')).toBe(
    '来电提醒没有发出：提醒里的信息没有通过检查，重试也不会成功。可以改为发送邀请卡片。',
  )
  expect(dial.exists('#invite')).toBe(true)
  expect(cloud.openApiCalls).toEqual([])
})

test('too many rings this hour: the app says so, offers the invitation, and #ring waits instead of retrying', async () => {
  const cloud = new FakeCloud()
  const [anna] = await launchPhones([annaSpec(), benSpec()], cloud)
  // Anna rang five others in the last 20 minutes: the function allows her no more until the first is an hour old.
  for (let n = 0; n < 5; n++)
    cloud.database.seed('rings', {
      _id: `earlier${n}`,
      sender: ANNA.openid,
      target: `oOther_000000000000000${n}`,
      at: Date.now() - 20 * 60 * 1000,
    })
  const dial = await annaRings(anna)
  expect(dial.text('#ring-status')).toBe('这一小时内提醒次数已达上限，请稍后再试。现在可以改为发送邀请卡片。')
  expect(dial.exists('#ring-code')).toBe(false)
  expect(dial.exists('#invite')).toBe(true)
  expect(dial.isDisabled('#ring')).toBe(true)
  expect(dial.text('#ring')).toBe('40 分钟后可再次提醒')
  const asked = cloud.database.records('rings').length
  dial.tap('#ring')
  await settle()
  expect(cloud.database.records('rings')).toHaveLength(asked)
  await wait(39 * 60)
  expect(dial.text('#ring')).toBe('60 秒后可再次提醒')
  await wait(60)
  expect(dial.isDisabled('#ring')).toBe(false)
})

test('Anna offline: the cloud is not reached, and the message says so', async () => {
  const cloud = new FakeCloud()
  const [anna] = await launchPhones([annaSpec(), benSpec()], cloud)
  anna.fake.storage.setNetwork('none')
  const dial = await anna.open('dial', { openid: BEN.openid })
  dial.tap('#ring')
  await settle()
  expect(dial.text('#ring-status')).toContain('来电提醒没有发出')
  expect(cloud.openApiCalls).toEqual([])
})

test('Ben says no on the popup: nothing is allowed, and he can ask again', async () => {
  const cloud = new FakeCloud()
  const [, ben] = await launchPhones([annaSpec(), benSpec({ subscribe: ['reject'] })], cloud)
  const contacts = await benAllowsOneRing(ben)
  expect(contacts.text('#allow-rings-status')).toBe('你没有允许来电提醒，需要时可以再开启。')
  expect(contacts.isDisabled('#allow-rings')).toBe(false)
  expect(cloud.allowance(BEN.openid, TEST_RING_TEMPLATE)).toBe(0)
})

test('without a template id (or without WeChat Cloud) there is no ring at all', async () => {
  const [anna, ben] = await launchPhones([
    { ...annaSpec(), options: {} },
    { ...benSpec(), options: { config: { cloudEnv: TEST_CLOUD_ENV } } },
  ])
  expect((await anna.open('dial', { openid: BEN.openid })).exists('#ring')).toBe(false)
  expect((await ben.open('me')).exists('#allow-rings')).toBe(false)
})

describe('the ring function trusts WeChat, not the event', () => {
  beforeEach(useRealClock)
  const ring = (cloud: FakeCloud, caller: string, event: Record<string, unknown>) =>
    cloud.invoke('ring', event, { openid: caller })
  const GOOD = { to: BEN.openid, name: '安娜', mode: 'voice', templateId: TEST_RING_TEMPLATE }

  test('the sender is the caller WeChat names: a "from" in the event is ignored', async () => {
    const cloud = new FakeCloud()
    cloud.allowOne(BEN.openid, TEST_RING_TEMPLATE)
    expect(await ring(cloud, ANNA.openid, { ...GOOD, from: 'oMallory_000000000001' })).toEqual({ ok: true })
    expect(cloud.delivered[0].page).toContain(`from=${ANNA.openid}&`)
    expect(cloud.delivered[0].page).not.toContain('Mallory')
  })

  test.each([
    ['a joined emoji (U+200D, which the app allows)', '👩\u200d💻安娜'],
    ['a non-joiner (U+200C)', 'An\u200cna'],
    ['32 characters a person sees, 160 code points', '👨\u200d👩\u200d👧'.repeat(32)],
  ])('a name the app accepts is accepted: %s', async (_name, name) => {
    const cloud = new FakeCloud()
    cloud.allowOne(BEN.openid, TEST_RING_TEMPLATE)
    expect(await ring(cloud, ANNA.openid, { ...GOOD, name })).toEqual({ ok: true })
  })

  test('the message shows as much of the name as fits, never half of a joined emoji', async () => {
    const cloud = new FakeCloud()
    cloud.allowOne(BEN.openid, TEST_RING_TEMPLATE)
    // A `thing` keyword holds 20 characters: the emoji that would straddle the 20th is left out whole.
    await ring(cloud, ANNA.openid, { ...GOOD, name: '名'.repeat(18) + '👩\u200d💻' + '名' })
    expect(cloud.delivered[0].data.thing1.value).toBe('名'.repeat(18))
  })

  test.each([
    ['no target', { to: undefined }],
    ['a malformed target', { to: 'oBen<script>' }],
    ['ringing myself', { to: ANNA.openid }],
    ['no name', { name: '' }],
    ['an invisible character in the name', { name: '安\u202e娜' }],
    ['a name too long', { name: '名'.repeat(40) }],
    ['a mode that is neither', { mode: 'hologram' }],
    ['a malformed template id', { templateId: 'x' }],
    ['a non-https avatar', { avatar: 'http://x.example/a.png' }],
  ])('%s: refused before anything is sent', async (_name, change) => {
    const cloud = new FakeCloud()
    cloud.allowOne(BEN.openid, TEST_RING_TEMPLATE)
    expect(await ring(cloud, ANNA.openid, { ...GOOD, ...change })).toEqual({ ok: false, reason: 'invalid' })
    expect(cloud.openApiCalls).toEqual([])
  })
})
