// Booking a time (issue 23): Anna books Ben from his ⋯ sheet, sends the card; Ben opens it, accepts or
// declines, and sends his answer back; Anna opens the answer. Two phones; forged and repeated cards change
// nothing. The clock is fixed on Monday 2026-12-07 (the phone's zone is the test process's).
import type { Environment } from '../../wechat-model'
import { FakeCloud, TEST_CLOUD_ENV, TEST_REMINDER_TEMPLATE } from '../../wechat-model'
import { LaunchedApp, relaunch } from '../harness/app'
import { PageHandle, settle, useFakeClock, useRealClock, wait } from '../harness/page'
import { launchPhones, PhoneSpec } from '../harness/phones'
import { routeOf } from '../harness/screens'
import { ANNA, BEN, GRANTED, STORAGE_KEY, stored } from '../fixtures'

const annasState = { profile: ANNA, contacts: [{ ...BEN, note: '' }] }
const ANNAS_PHONE: Partial<Environment> = {
  openid: ANNA.openid,
  authSetting: GRANTED,
  storage: stored(annasState),
}
const BENS_PHONE: Partial<Environment> = {
  openid: BEN.openid,
  authSetting: GRANTED,
  storage: stored({ profile: BEN, contacts: [{ ...ANNA, note: '' }] }),
}

const NO_CLOUD = { cloudEnv: '' }
/** Monday 2026-12-07, 10:00 on the phone's own clock. */
const MONDAY_10 = new Date(2026, 11, 7, 10, 0).getTime()

beforeEach(useFakeClock)
afterEach(useRealClock)

/** The phones, launched on Monday at 10:00. */
async function phones(...envs: Array<Partial<Environment>>): Promise<LaunchedApp[]> {
  return onMonday(envs.map((env) => ({ env })))
}

/**
 * The phones, on Monday at 10:00; without WeChat Cloud unless a spec says otherwise: appointments work by cards
 * alone, and only the cloud's own tests below let a phone learn an answer any other way.
 */
async function onMonday(specs: PhoneSpec[]): Promise<LaunchedApp[]> {
  jest.setSystemTime(MONDAY_10)
  return launchPhones(specs.map((spec) => ({ options: { config: NO_CLOUD }, ...spec })))
}

/** Anna's ⋯ on Ben's row, then 预约时间: the booking page for Ben. */
async function annaOpensBooking(anna: LaunchedApp): Promise<PageHandle> {
  const home = await anna.open('contacts')
  home.tapNth('.contact-more', 0)
  await settle()
  const sheet = '#contact-actions >>> .weui-actionsheet__cell'
  home.tapNth(sheet, home.texts(sheet).indexOf('预约时间'))
  await settle()
  const book = anna.top()!
  expect(book.route).toBe(routeOf('book'))
  return book
}

/** Anna books Ben for Tuesday 15:00, video, 30 minutes, and sends the card. */
async function annaBooksBen(anna: LaunchedApp) {
  const book = await annaOpensBooking(anna)
  book.pick('#book-date', '2026-12-08')
  book.pick('#book-time', '15:00')
  book.tap('#book-mode-video')
  book.input('#book-topic', '聊聊新年计划')
  await settle()
  book.tap('#book-send')
  await settle()
  return { book, card: anna.fake.ui.shared.at(-1)! }
}

/** #appt-reply on `page`: the card `phone` sent. */
async function sendReply(phone: LaunchedApp, page: PageHandle) {
  page.tap('#appt-reply')
  await settle()
  return phone.fake.ui.shared.at(-1)!
}

/** Anna books Ben; Ben opens her card (nothing answered yet). */
async function benOpensAnnasBooking() {
  const [anna, ben] = await phones(ANNAS_PHONE, BENS_PHONE)
  const { card } = await annaBooksBen(anna)
  return { anna, ben, card, appt: await ben.openUrl(card.path) }
}

const kept = (phone: LaunchedApp) => phone.store.appointments.items.map((a) => `${a.other.nickname} ${a.state}`)

test('Anna books Ben from his ⋯ sheet: the card says who, when, how and how long; she keeps it as 待确认', async () => {
  const [anna] = await phones(ANNAS_PHONE)
  const book = await annaOpensBooking(anna)
  expect(book.text('#step-title')).toBe('和 阿本 预约通话')
  // The next whole hour, 30 minutes, voice (no call with Ben yet).
  expect(book.text('#book-time-value')).toBe('11:00')
  expect(book.text('#book-length-value')).toBe('30 分钟')
  expect(book.attr('#book-mode-voice', 'aria-checked')).toBe(true)
  expect(book.attr('#book-date', 'start')).toBe('2026-12-07')
  expect(book.attr('#book-date', 'end')).toBe('2027-02-05')
  expect(book.attr('#book-send', 'type')).toBe('primary')

  const { card } = await annaBooksBen(anna)
  expect(card.title).toBe('安娜 约你 12月8日 周二 15:00 视频通话 30 分钟')
  expect(card.path).toMatch(/^\/pages\/appointment\/index\?appt=/)
  expect(kept(anna)).toEqual(['阿本 proposed'])
  expect(anna.store.appointments.items[0]).toMatchObject({ mode: 'video', topic: '聊聊新年计划', guest: BEN.openid })
  expect(book.text('#book-sent')).toContain('等待对方确认')

  // The same booking sent twice is kept once.
  book.tap('#book-send')
  await settle()
  expect(kept(anna)).toEqual(['阿本 proposed'])
})

test('a time already past, or overlapping another appointment, is said before sending, and the card cannot go', async () => {
  const [anna] = await phones(ANNAS_PHONE)
  const { book } = await annaBooksBen(anna)
  const sent = anna.fake.ui.shared.length

  // The same slot again, as a new booking: it overlaps the one just sent.
  book.pick('#book-length', 3)
  await settle()
  expect(book.text('#book-problem')).toBe('这个时间和你的另一个预约重叠了，请换一个时间。')
  expect(book.isDisabled('#book-send')).toBe(true)

  book.pick('#book-date', '2026-12-07')
  book.pick('#book-time', '09:30')
  await settle()
  expect(book.text('#book-problem')).toBe('这个时间已经过去了，请选择一个以后的时间。')
  expect(book.isDisabled('#book-send')).toBe(true)
  book.tap('#book-send')
  await settle()
  expect(anna.fake.ui.shared).toHaveLength(sent)
  expect(kept(anna)).toEqual(['阿本 proposed'])

  book.pick('#book-time', '16:00')
  await settle()
  expect(book.exists('#book-problem')).toBe(false)
  expect(book.isDisabled('#book-send')).toBe(false)
})

test('the dial page books too: #book opens the booking page for that contact', async () => {
  const [anna] = await phones(ANNAS_PHONE)
  const dial = await anna.open('dial', { openid: BEN.openid })
  dial.tap('#book')
  await settle()
  expect(anna.top()!.route).toBe(routeOf('book'))
  expect(anna.top()!.text('#step-title')).toBe('和 阿本 预约通话')
})

test('Ben opens the card: nothing kept until he accepts; his answer goes back and Anna sees 已确认', async () => {
  const { anna, ben, card, appt } = await benOpensAnnasBooking()
  expect(appt.text('#step-title')).toBe('安娜 约你')
  expect(appt.text('#appt-when')).toBe('12月8日 周二 15:00 · 视频通话 30 分钟')
  expect(appt.text('#appt-topic')).toBe('主题：聊聊新年计划')
  expect(appt.text('#appt-state')).toBe('状态：待确认')
  expect(appt.attr('#appt-accept', 'type')).toBe('primary')
  expect(appt.exists('#appt-reply')).toBe(false)
  expect(kept(ben)).toEqual([])

  await appt.press('#appt-accept')
  expect(kept(ben)).toEqual(['安娜 accepted'])
  expect(appt.text('#appt-state')).toBe('状态：已确认')
  expect(appt.exists('#appt-accept')).toBe(false)
  expect(appt.attr('#appt-reply', 'type')).toBe('primary')
  const reply = await sendReply(ben, appt)
  expect(reply.title).toBe('阿本 已确认：12月8日 周二 15:00')

  const answer = await anna.openUrl(reply.path)
  expect(answer.text('#step-title')).toBe('你约了 阿本')
  expect(answer.text('#appt-state')).toBe('状态：已确认')
  expect(kept(anna)).toEqual(['阿本 accepted'])

  // The same card opened again changes nothing: still accepted, kept once.
  const again = await ben.openUrl(card.path)
  expect(again.text('#appt-state')).toBe('状态：已确认')
  expect(again.exists('#appt-accept')).toBe(false)
  expect(kept(ben)).toEqual(['安娜 accepted'])
})

test('Ben, without Anna as a contact, is offered her on the card and adds her with his own tap; accepting saves no contact', async () => {
  const [anna, ben] = await phones(ANNAS_PHONE, { ...BENS_PHONE, storage: stored({ profile: BEN, contacts: [] }) })
  const { card } = await annaBooksBen(anna)
  const appt = await ben.openUrl(card.path)
  expect(appt.text('#share-offer-who')).toBe('安娜')

  await appt.press('#appt-accept')
  expect(kept(ben)).toEqual(['安娜 accepted'])
  expect(ben.store.contacts.items).toEqual([])
  // Replying is the one primary action; adding her is the second.
  expect(appt.attr('#appt-reply', 'type')).toBe('primary')
  expect(appt.attr('#share-accept', 'type')).toBe('default')

  await appt.press('#share-accept')
  expect(ben.store.contacts.find(ANNA.openid)).toEqual({ ...ANNA, note: '' })
  expect(appt.exists('#send-card-back')).toBe(true)
  const home = await ben.open('contacts')
  expect(home.exists('#share-offer')).toBe(false)
  expect(home.texts('.contact-row__name')).toEqual(['安娜'])
})

test('Ben accepted without adding Anna: after a relaunch her upcoming row opens the appointment, and it offers her again', async () => {
  const [anna, ben] = await phones(ANNAS_PHONE, { ...BENS_PHONE, storage: stored({ profile: BEN, contacts: [] }) })
  const { card } = await annaBooksBen(anna)
  await (await ben.openUrl(card.path)).press('#appt-accept')

  const { app: again, home } = await relaunch(ben)
  expect(home.exists('#share-offer')).toBe(false)
  await home.press('.upcoming-row')
  const appt = again.top()!
  expect(appt.route).toBe(routeOf('appointment'))
  expect(appt.text('#share-offer-who')).toBe('安娜')
  expect(again.store.contacts.items).toEqual([])
})

test('Ben declines: kept as 已拒绝, and Anna opening his answer sees 已拒绝', async () => {
  const { anna, ben, appt } = await benOpensAnnasBooking()
  await appt.press('#appt-decline')
  expect(kept(ben)).toEqual(['安娜 declined'])
  const reply = await sendReply(ben, appt)
  expect(reply.title).toBe('阿本 已拒绝：12月8日 周二 15:00')
  const answer = await anna.openUrl(reply.path)
  expect(answer.text('#appt-state')).toBe('状态：已拒绝')
  expect(kept(anna)).toEqual(['阿本 declined'])
})

test('Ben, new to Duet, opens the card: walked through privacy and the microphone first, and back on the card', async () => {
  const annas = await phones(ANNAS_PHONE)
  const { card } = await annaBooksBen(annas[0])
  const [ben] = await launchPhones([
    {
      env: { openid: BEN.openid, privacyNeedsAgreement: true },
      // A video appointment: the walkthrough asks for the microphone and the camera.
      user: { popups: { 'scope.record': ['allow'], 'scope.camera': ['allow'] } },
    },
  ])
  await ben.openUrl(card.path)
  expect(ben.top()!.route).toBe(routeOf('onboarding'))
  ben.top()!.tap('#privacy-agree')
  await settle()
  ben.top()!.tap('#grant')
  await settle()
  const appt = ben.top()!
  expect(appt.route).toBe(routeOf('appointment'))
  expect(appt.text('#step-title')).toBe('安娜 约你')
  expect(appt.text('#share-offer-who')).toBe('安娜')
  expect(kept(ben)).toEqual([])
  await appt.press('#appt-accept')
  expect(kept(ben)).toEqual(['安娜 accepted'])
})

test('a reply from someone who is not the other person is ignored', async () => {
  const { anna, ben, appt } = await benOpensAnnasBooking()
  await appt.press('#appt-accept')
  const forged = (await sendReply(ben, appt)).path.replace(encodeURIComponent(BEN.openid), 'oMallory_00000000001')
  await anna.openUrl(forged)
  expect(kept(anna)).toEqual(['阿本 proposed'])
})

describe('forged or damaged cards: #appt-invalid says what is wrong, and nothing kept changes', () => {
  const field = (path: string, key: string, value: string | null) => {
    const [page, query] = path.split('?')
    const params = query.split('&').filter((p) => !p.startsWith(`${key}=`))
    if (value !== null) params.push(`${key}=${encodeURIComponent(value)}`)
    return `${page}?${params.join('&')}`
  }
  const start = String(new Date(2026, 11, 8, 15, 0).getTime())
  test.each([
    ['no id', 'appt', null, '预约缺少必要的信息，可能没有复制完整。'],
    ['a 5,000-character name', 'name', '安'.repeat(5000), '预约人的昵称无效：为空、太长或含有不可见字符。'],
    ['<script> as the booker', 'from', '<script>', '预约人的身份无效。'],
    ['a start after its end', 'start', String(Number(start) + 3600_000), '预约的开始时间晚于结束时间。'],
    [
      'a length not in the list',
      'end',
      String(Number(start) + 20 * 60_000),
      '预约的时长只能是 15、30、45 或 60 分钟。',
    ],
    ['more than 60 days ahead', 'start', String(MONDAY_10 + 70 * 86_400_000), '只能预约 60 天以内的时间。'],
    ['a card for someone else', 'to', 'oMallory_00000000001', '这个预约是发给别人的，不是发给你的。'],
  ])('%s', async (_what, key, value, problem) => {
    const [anna, ben] = await phones(ANNAS_PHONE, BENS_PHONE)
    const { card } = await annaBooksBen(anna)
    let path = field(card.path, key, value)
    // "more than 60 days ahead" moves the end with the start, so only the distance is wrong.
    if (key === 'start' && Number(value) > Number(start) + 86_400_000)
      path = field(path, 'end', String(Number(value) + 30 * 60_000))
    const appt = await ben.openUrl(path)
    expect(appt.text('#appt-problem')).toBe(`${problem}没有保存或更改任何内容。`)
    expect(appt.attr('#go-home', 'type')).toBe('primary')
    expect(appt.exists('#appt-accept')).toBe(false)
    expect(kept(ben)).toEqual([])
  })

  test('my own card, opened by me', async () => {
    const [anna] = await phones(ANNAS_PHONE)
    const { card } = await annaBooksBen(anna)
    const appt = await anna.openUrl(card.path)
    expect(appt.text('#appt-problem')).toBe('这是你自己发出的预约，请把它发给对方。没有保存或更改任何内容。')
    expect(kept(anna)).toEqual(['阿本 proposed'])
  })
})

describe('upcoming on home, and the room at its time', () => {
  /** Anna books Ben for Tuesday 15:00 (video, 30 minutes), he accepts, and she opens his answer. */
  async function accepted(annasPhone = ANNAS_PHONE) {
    const listener = { where: 'inside' as const, answersAfterS: 0, hangsUpAfterS: 300 }
    const [anna, ben] = await phones({ ...annasPhone, listener }, BENS_PHONE)
    const { card } = await annaBooksBen(anna)
    const appt = await ben.openUrl(card.path)
    await appt.press('#appt-accept')
    await anna.openUrl((await sendReply(ben, appt)).path)
    return { anna, ben, id: anna.store.appointments.items[0].id }
  }

  test('home lists it in the phone’s time; from 10 minutes before, the row lights up and #appt-join opens the room', async () => {
    const { anna, id } = await accepted()
    const home = await anna.openHome()
    expect(home.texts('.upcoming-row')).toEqual(['明天 15:00 · 阿本 · 视频 30 分钟 · 已确认'])
    expect(home.attr('.upcoming-row', 'data-appt')).toBe(id)
    expect(home.exists('.upcoming-row--open')).toBe(false)
    expect(home.exists('#appt-join')).toBe(false)

    jest.setSystemTime(new Date(2026, 11, 8, 14, 50, 30).getTime())
    await wait(15)
    expect(home.exists('.upcoming-row--open')).toBe(true)
    expect(home.texts('.upcoming-row__text')).toEqual(['今天 15:00 · 阿本 · 视频 30 分钟 · 已确认'])
    home.tap('#appt-join')
    await settle()
    const room = anna.top()!
    expect(room.route).toBe(routeOf('appointment'))
    expect(room.attr('#appt-call', 'type')).toBe('primary')
    expect(room.text('#appt-call')).toBe('视频呼叫 阿本')
  })

  /** At 14:59, Anna taps #appt-call in the room (Ben answers at once). */
  async function callFromRoom(anna: LaunchedApp, id: string) {
    jest.setSystemTime(new Date(2026, 11, 8, 14, 59).getTime())
    const room = await anna.open('appointment', { appt: id })
    await wait(15)
    room.tap('#appt-call')
    await settle()
  }

  test('before its window the room counts down; in it, one tap calls through the same preflight, and the call completes it', async () => {
    const { anna, id } = await accepted()
    const room = await anna.open('appointment', { appt: id })
    expect(room.text('#appt-room')).toBe('28 小时 50 分钟后可以进入通话。')
    expect(room.exists('#appt-call')).toBe(false)

    jest.setSystemTime(new Date(2026, 11, 8, 14, 59).getTime())
    await wait(15)
    const mark = anna.fake.calls.length
    room.tap('#appt-call')
    await settle()
    const joins = anna.fake.calls.slice(mark).filter((c) => c.api === 'join1v1Chat')
    expect(joins).toHaveLength(1)
    expect(joins[0].args).toMatchObject({ roomType: 'video', listener: { openid: BEN.openid } })
    await wait(301)
    expect(anna.store.appointments.items[0]).toMatchObject({ state: 'completed', callSeconds: 300 })
    expect(room.text('#appt-state')).toBe('状态：已完成')
    expect(room.text('#appt-room')).toBe('已通话 5 分钟。')
  })

  test('the history marks the call made in the room as 预约通话, on the dial page and home, and keeps it across a relaunch', async () => {
    // An earlier call to Ben, outside any appointment (and saved before calls could name one).
    const earlier = new Date(2026, 11, 7, 9, 0).getTime()
    const call = { at: earlier, openid: BEN.openid, mode: 'voice', outcome: 'placed', answeredAt: earlier }
    const history = [{ ...call, endedAt: earlier + 60_000 }]
    const { anna, id } = await accepted({ ...ANNAS_PHONE, storage: stored({ ...annasState, history }) })
    await callFromRoom(anna, id)
    await wait(301)
    expect(anna.store.history.records.map((r) => r.appointment)).toEqual([undefined, id])

    const { app: again, home } = await relaunch(anna)
    expect(again.store.history.records.map((r) => r.appointment)).toEqual([undefined, id])
    // Home's row carries the mark, and its last-call line (wxs/format.wxs) says so.
    expect(home.route).toBe(routeOf('contacts'))
    expect(again.store.contacts.rowOf(BEN.openid)).toMatchObject({ o: 'answered', b: 1 })
    expect(home.texts('.contact-row__last')).toEqual(['今天 · 视频 · 已接通 · 预约通话'])
    const dial = await again.open('dial', { openid: BEN.openid })
    expect(dial.texts('.history-item__outcome')).toEqual(['已接通 · 通话 5:00', '已接通 · 通话 1:00'])
    // Only the newest, the appointment's call, carries the tag after its outcome.
    expect(dial.texts('.history-item__head')).toEqual(['已接通 · 通话 5:00预约通话', '已接通 · 通话 1:00'])
  })

  test('Duet closed during the room’s call: after the end, the next launch says 已完成 with no length, never 已错过', async () => {
    const { anna, id } = await accepted()
    await callFromRoom(anna, id)
    await wait(60)
    jest.setSystemTime(new Date(2026, 11, 8, 15, 31).getTime())
    const { app: again } = await relaunch(anna)
    expect(again.store.appointments.find(id)).toMatchObject({ state: 'completed' })
    const after = await again.open('appointment', { appt: id })
    expect(after.text('#appt-state')).toBe('状态：已完成')
    expect(after.text('#appt-room')).toBe('已通话。')
  })

  test('the guest in the room is kept reachable and waits for the call; nothing connected by the end is 已错过', async () => {
    const { ben, id } = await accepted()
    jest.setSystemTime(new Date(2026, 11, 8, 14, 55).getTime())
    const room = await ben.open('appointment', { appt: id })
    await wait(15)
    expect(room.text('#appt-room')).toBe('等待 安娜 呼叫。保持 Duet 打开，TA 呼叫时就会响铃。')
    expect(room.attr('#appt-call', 'type')).toBe('default')
    expect(ben.fake.ui.keepScreenOn).toBe(true)
    expect(ben.fake.calls.some((c) => c.api === 'join1v1Chat')).toBe(false)

    jest.setSystemTime(new Date(2026, 11, 8, 15, 31).getTime())
    await wait(15)
    expect(ben.store.appointments.items[0].state).toBe('missed')
    expect(room.text('#appt-state')).toBe('状态：已错过')
    expect(room.exists('#appt-call')).toBe(false)
    expect(ben.fake.ui.keepScreenOn).toBe(false)
  })
})

describe('many upcoming', () => {
  const HOUR = 60 * 60_000
  /** Anna's appointments with Ben, accepted, one every 2 hours from Monday 11:00. */
  const many = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      id: `upcoming${String(i).padStart(4, '0')}`,
      booker: ANNA.openid,
      guest: BEN.openid,
      other: { openid: BEN.openid, nickname: '阿本' },
      startAt: MONDAY_10 + (1 + 2 * i) * HOUR,
      endAt: MONDAY_10 + (1 + 2 * i) * HOUR + 30 * 60_000,
      mode: 'voice',
      topic: '',
      state: 'accepted',
      changedAt: MONDAY_10 - HOUR,
    }))

  test('home shows the next three; the rest are one tap away (全部 N 个预约) and fold back', async () => {
    const [anna] = await phones({ ...ANNAS_PHONE, storage: stored({ ...annasState, appointments: many(5) }) })
    const home = await anna.openHome()
    const rows = () => home.texts('.upcoming-row__text')
    expect(rows()).toEqual([
      '今天 11:00 · 阿本 · 语音 30 分钟 · 已确认',
      '今天 13:00 · 阿本 · 语音 30 分钟 · 已确认',
      '今天 15:00 · 阿本 · 语音 30 分钟 · 已确认',
    ])
    expect(home.text('#upcoming-all')).toBe('全部 5 个预约')
    await home.press('#upcoming-all')
    expect(rows()).toHaveLength(5)
    expect(home.exists('#upcoming-all')).toBe(false)
    await home.press('#upcoming-fold')
    expect(rows()).toHaveLength(3)

    // The first passes its end unattended: the next moves up, and the link counts one fewer.
    jest.setSystemTime(MONDAY_10 + 2 * HOUR)
    await wait(15)
    expect(rows()[0]).toBe('今天 13:00 · 阿本 · 语音 30 分钟 · 已确认')
    expect(rows()).toHaveLength(3)
    expect(home.text('#upcoming-all')).toBe('全部 4 个预约')
  })

  test('with three or fewer, no link', async () => {
    const [anna] = await phones({ ...ANNAS_PHONE, storage: stored({ ...annasState, appointments: many(3) }) })
    const home = await anna.openHome()
    expect(home.texts('.upcoming-row__text')).toHaveLength(3)
    expect(home.exists('#upcoming-all')).toBe(false)
  })
})

describe('kept across relaunches', () => {
  test('a booking and an acceptance survive a relaunch, each on its own phone', async () => {
    const { anna, ben, appt } = await benOpensAnnasBooking()
    await appt.press('#appt-accept')
    const { app: annaAgain } = await relaunch(anna)
    const { app: benAgain } = await relaunch(ben)
    expect(kept(annaAgain)).toEqual(['阿本 proposed'])
    expect(kept(benAgain)).toEqual(['安娜 accepted'])
    expect(annaAgain.store.appointments.items[0]).toEqual(anna.store.appointments.items[0])
  })

  test('one damaged appointment is dropped alone; the others and everything else load', async () => {
    const [anna] = await phones(ANNAS_PHONE)
    await annaBooksBen(anna)
    // The appointments' one chunk, as the index names it (saved-layout.ts).
    const index = anna.fake.env.storage[STORAGE_KEY] as { lists: { appointments: { chunks: number[] } } }
    const [chunk] = index.lists.appointments.chunks
    const good = (anna.fake.env.storage[`duet.chunk.${chunk}`] as Array<Record<string, unknown>>)[0]
    const start = new Date(2026, 11, 9, 15, 0).getTime()
    anna.fake.env.storage[`duet.chunk.${chunk}`] = [
      good,
      { ...good, id: 'second0001', startAt: start, endAt: start + 20 * 60_000 }, // a length not in the list
      { ...good, id: 'third00001', state: 'someday' },
      { ...good, id: '<script>' },
      good, // the same one twice
    ]
    const { app: again } = await relaunch(anna)
    expect(kept(again)).toEqual(['阿本 proposed'])
    expect(again.store.contacts.items).toHaveLength(1)
    expect(again.store.persistence.problem).toBe('partly-corrupted')
  })
})

test('cancelling asks first; once confirmed it is 已取消 on both phones, and the first card opened again leaves it so', async () => {
  const [anna, ben] = await onMonday([
    { env: ANNAS_PHONE, user: { modals: ['cancel', 'confirm'] } },
    { env: BENS_PHONE },
  ])
  const { card } = await annaBooksBen(anna)
  await (await ben.openUrl(card.path)).press('#appt-accept')
  const room = await anna.open('appointment', { appt: anna.store.appointments.items[0].id })

  await room.press('#appt-cancel')
  expect(anna.fake.ui.modalsShown.at(-1)).toBe(
    '取消这个预约？: 取消后无法恢复。之后把取消的消息发给 阿本，TA 就知道了。',
  )
  expect(kept(anna)).toEqual(['阿本 proposed'])
  await room.press('#appt-cancel')
  expect(kept(anna)).toEqual(['阿本 cancelled'])
  expect(room.text('#appt-state')).toBe('状态：已取消')
  expect(room.exists('#appt-cancel')).toBe(false)
  expect(room.attr('#appt-reply', 'type')).toBe('primary')
  const cancellation = await sendReply(anna, room)
  expect(cancellation.title).toBe('安娜 已取消：12月8日 周二 15:00')

  expect((await ben.openUrl(cancellation.path)).text('#appt-state')).toBe('状态：已取消')
  expect(kept(ben)).toEqual(['安娜 cancelled'])
  const again = await ben.openUrl(card.path)
  expect(again.text('#appt-state')).toBe('状态：已取消')
  expect(again.exists('#appt-accept')).toBe(false)
  expect(kept(ben)).toEqual(['安娜 cancelled'])
})

describe('with WeChat Cloud', () => {
  const config = { cloudEnv: TEST_CLOUD_ENV, reminderTemplateId: TEST_REMINDER_TEMPLATE }

  async function cloudPhones(benAnswers: Array<'accept' | 'reject'>) {
    const cloud = new FakeCloud()
    cloud.templates.add(TEST_REMINDER_TEMPLATE)
    jest.setSystemTime(MONDAY_10)
    const launched = await launchPhones(
      [
        { env: ANNAS_PHONE, options: { config } },
        { env: BENS_PHONE, user: { subscribe: benAnswers, modals: ['confirm'] }, options: { config } },
      ],
      cloud,
    )
    return { cloud, anna: launched[0], ben: launched[1] }
  }

  const stored = (cloud: FakeCloud) => cloud.database.records('appointments').map((r) => r.state)

  test('the booking and its answer are kept by the appointments function; #appt-remind arms one reminder', async () => {
    const { cloud, anna, ben } = await cloudPhones(['accept'])
    const { card } = await annaBooksBen(anna)
    await settle()
    expect(stored(cloud)).toEqual(['proposed'])
    const appt = await ben.openUrl(card.path)
    // Not kept, so nothing to remind of yet.
    expect(appt.exists('#appt-remind')).toBe(false)
    await appt.press('#appt-accept')
    expect(stored(cloud)).toEqual(['accepted'])

    await appt.press('#appt-remind')
    expect(ben.fake.trace(['ui'])).toContain(`requestSubscribeMessage(${TEST_REMINDER_TEMPLATE})`)
    expect(appt.text('#appt-reminder')).toBe('已设置：开始前 5 分钟，微信会提醒你。')
    expect(cloud.database.records('reminders')).toMatchObject([
      {
        touser: BEN.openid,
        templateId: TEST_REMINDER_TEMPLATE,
        status: 'waiting',
        dueAt: new Date(2026, 11, 8, 14, 55).getTime(),
      },
    ])
  })

  test('the booker learns an acceptance, then a cancellation, when Duet next shows, with no reply card', async () => {
    const { anna, ben } = await cloudPhones([])
    const { card } = await annaBooksBen(anna)
    const appt = await ben.openUrl(card.path)
    await appt.press('#appt-accept')
    expect(kept(anna)).toEqual(['阿本 proposed'])
    anna.showApp()
    await settle()
    expect(kept(anna)).toEqual(['阿本 accepted'])

    await appt.press('#appt-cancel')
    expect(kept(ben)).toEqual(['安娜 cancelled'])
    anna.showApp()
    await settle()
    expect(kept(anna)).toEqual(['阿本 cancelled'])
  })

  test('nothing connected by the end: the function learns 已错过, and both phones say so', async () => {
    const { cloud, anna, ben } = await cloudPhones([])
    const { card } = await annaBooksBen(anna)
    const appt = await ben.openUrl(card.path)
    await appt.press('#appt-accept')
    jest.setSystemTime(new Date(2026, 11, 8, 15, 31).getTime())
    await wait(15)
    expect(stored(cloud)).toEqual(['missed'])
    for (const phone of [anna, ben]) {
      phone.showApp()
      await settle()
    }
    expect([kept(anna), kept(ben)]).toEqual([['阿本 missed'], ['安娜 missed']])
  })

  test('a reminder refused in WeChat’s popup arms nothing, and says so', async () => {
    const { cloud, anna, ben } = await cloudPhones(['reject'])
    const { card } = await annaBooksBen(anna)
    const appt = await ben.openUrl(card.path)
    await appt.press('#appt-accept')
    await appt.press('#appt-remind')
    expect(appt.text('#appt-reminder')).toBe('你没有允许这条提醒，需要时可以再点一次。')
    expect(cloud.database.records('reminders')).toEqual([])
  })
})

/** Ben accepted Anna's Tuesday 15:00 and she opened his answer; she moves it to 15:15 and Ben opens the new card. */
async function annaReschedules() {
  const { anna, ben, appt: first } = await benOpensAnnasBooking()
  await first.press('#appt-accept')
  await anna.openUrl((await sendReply(ben, first)).path)
  const oldId = anna.store.appointments.items[0].id

  const room = await anna.open('appointment', { appt: oldId })
  await room.press('#appt-reschedule')
  const book = anna.top()!
  expect(book.route).toBe(routeOf('book'))
  // The mode and the topic carry over; a time overlapping only the one it replaces is free.
  expect(book.attr('#book-mode-video', 'aria-checked')).toBe(true)
  book.pick('#book-date', '2026-12-08')
  book.pick('#book-time', '15:15')
  await settle()
  expect(book.exists('#book-problem')).toBe(false)
  book.tap('#book-send')
  await settle()
  const moved = anna.fake.ui.shared.at(-1)!
  expect(moved.title).toBe('安娜 约你 12月8日 周二 15:15 视频通话 30 分钟')
  // Until Ben takes the new time, the old one stands.
  expect(kept(anna)).toEqual(['阿本 accepted', '阿本 proposed'])
  expect(anna.store.appointments.items[1]).toMatchObject({ replaces: oldId, topic: '聊聊新年计划' })
  return { anna, ben, oldId, appt: await ben.openUrl(moved.path) }
}

test('rescheduling is a new booking that names the old one: once accepted, each phone keeps only the new one', async () => {
  const { anna, ben, appt } = await annaReschedules()
  expect(kept(ben)).toEqual(['安娜 accepted'])
  await appt.press('#appt-accept')
  expect(kept(ben)).toEqual(['安娜 accepted'])
  expect(ben.store.appointments.items[0].startAt).toBe(new Date(2026, 11, 8, 15, 15).getTime())

  await anna.openUrl((await sendReply(ben, appt)).path)
  expect(kept(anna)).toEqual(['阿本 accepted'])
  expect(anna.store.appointments.items[0].startAt).toBe(new Date(2026, 11, 8, 15, 15).getTime())
})

test('a declined reschedule leaves the old appointment as it was on both phones, and Anna learns the refusal', async () => {
  const { anna, ben, oldId, appt } = await annaReschedules()
  await appt.press('#appt-decline')
  expect(kept(ben)).toEqual(['安娜 accepted', '安娜 declined'])
  expect(ben.store.appointments.find(oldId)?.startAt).toBe(new Date(2026, 11, 8, 15, 0).getTime())

  const answer = await anna.openUrl((await sendReply(ben, appt)).path)
  expect(answer.text('#appt-state')).toBe('状态：已拒绝')
  expect(kept(anna)).toEqual(['阿本 accepted', '阿本 declined'])
  const home = await anna.open('contacts')
  expect(home.texts('.upcoming-row__text')).toEqual(['明天 15:00 · 阿本 · 视频 30 分钟 · 已确认'])
})

test('a tap on a picker opens WeChat’s picker, which a person answers (the playground draws it); a test that taps one instead of pick() is told', async () => {
  const [anna] = await phones(ANNAS_PHONE)
  const book = await annaOpensBooking(anna)
  book.tap('#book-date-value')
  expect(anna.fake.problems.splice(0)).toEqual(['a picker opened by a tap, and nobody chose (tests use pick())'])
  expect(book.text('#book-date-value')).toBe('2026-12-07')
})
