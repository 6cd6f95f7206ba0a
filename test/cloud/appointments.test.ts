// The appointments function run for real against the fake cloud's database (platform doc §12): the caller is
// WeChat's, only the two people in an appointment reach it, states only move forward, a reschedule replaces
// the old one, and a reminder accepted on the phone is kept for the remind function. Its rules for a booking
// are held to the app's (store/appointment-rules.ts).
import { createFakeWx, FakeCloud, TEST_CLOUD_ENV, cloudFunction } from '../../wechat-model'
import { call } from '../../wechat-model/calling'
import { appointmentCardQuery, readAppointmentCard, NEXT_STATES } from '../../miniprogram/store/appointment-rules'

const ANNA = 'oAnna_0000000000000001'
const BEN = 'oBen_00000000000000001'
const CAROL = 'oCarol_000000000000001'
const TEMPLATE = 'duet-test-reminder-template-000000000'
const MIN = 60 * 1000
const DAY = 24 * 60 * MIN

type Answer = { ok: boolean; reason?: string; problem?: string; state?: string; appointment?: Record<string, unknown> }

const as = (cloud: FakeCloud, openid: string, event: Record<string, unknown>) =>
  cloud.invoke('appointments', event, { openid }) as Promise<Answer & { appointments?: Array<Record<string, unknown>> }>

/** A booking two hours from now (the function reads the real clock), on the minute. */
function booking(over: Record<string, unknown> = {}) {
  const startAt = Math.ceil((Date.now() + 2 * 60 * MIN) / MIN) * MIN
  return {
    action: 'create',
    id: 'appt0001abcd',
    guest: BEN,
    startAt,
    endAt: startAt + 30 * MIN,
    mode: 'video',
    topic: '周报',
    bookerName: '安娜',
    guestName: '阿本',
    ...over,
  }
}

async function booked(cloud = new FakeCloud(), over: Record<string, unknown> = {}) {
  const answer = await as(cloud, ANNA, booking(over))
  expect(answer).toMatchObject({ ok: true })
  return cloud
}

const stateOf = (cloud: FakeCloud, id = 'appt0001abcd') =>
  cloud.database.records('appointments').find((a) => a._id === id)?.state

test('the booker is the caller WeChat names, whatever the event says; both people see it, nobody else', async () => {
  const cloud = await booked(new FakeCloud(), { booker: CAROL })
  expect(cloud.database.records('appointments')[0]).toMatchObject({ _id: 'appt0001abcd', booker: ANNA, guest: BEN })
  for (const who of [ANNA, BEN]) {
    const { appointments } = await as(cloud, who, { action: 'list' })
    expect(appointments?.map((a) => [a.id, a.state])).toEqual([['appt0001abcd', 'proposed']])
  }
  expect((await as(cloud, CAROL, { action: 'list' })).appointments).toEqual([])
})

test('from two phones through wx.cloud.callFunction: Anna books, Ben accepts, Anna sees it accepted', async () => {
  const cloud = new FakeCloud()
  const phone = (openid: string) => {
    const fake = createFakeWx({ openid }, {}, cloud)
    fake.wx.cloud.init({ env: TEST_CLOUD_ENV, traceUser: true })
    return (data: Record<string, unknown>) => call(fake, 'cloud.callFunction', { name: 'appointments', data })
  }
  const [anna, ben] = [phone(ANNA), phone(BEN)]
  expect(await anna(booking())).toMatchObject({ ok: true, res: { result: { ok: true } } })
  expect(await ben({ action: 'accept', id: 'appt0001abcd' })).toMatchObject({ res: { result: { ok: true } } })
  const listed = await anna({ action: 'list' })
  expect(listed.res.result).toMatchObject({ appointments: [{ id: 'appt0001abcd', state: 'accepted', guest: BEN }] })
})

test.each(['get', 'accept', 'decline', 'cancel', 'remind'])(
  'a stranger who knows the id learns nothing and changes nothing: %s is "not found"',
  async (action) => {
    const cloud = await booked()
    const answer = await as(cloud, CAROL, { action, id: 'appt0001abcd', templateId: TEMPLATE })
    expect(answer).toEqual({ ok: false, reason: 'not-found' })
    expect(stateOf(cloud)).toBe('proposed')
    expect(cloud.database.records('reminders')).toEqual([])
  },
)

test('the guest accepts; the booker learns it from the list when Duet next shows', async () => {
  const cloud = await booked()
  expect(await as(cloud, BEN, { action: 'accept', id: 'appt0001abcd' })).toMatchObject({
    ok: true,
    appointment: { state: 'accepted' },
  })
  const { appointments } = await as(cloud, ANNA, { action: 'list' })
  expect(appointments?.[0]).toMatchObject({ id: 'appt0001abcd', state: 'accepted', guestName: '阿本' })
})

test("the guest never reads the booker's own label for them; both read the booker's name", async () => {
  const cloud = await booked()
  const [asBen] = (await as(cloud, BEN, { action: 'list' })).appointments ?? []
  expect(asBen).toMatchObject({ bookerName: '安娜' })
  expect(asBen).not.toHaveProperty('guestName')
  expect((await as(cloud, BEN, { action: 'get', id: 'appt0001abcd' })).appointment).not.toHaveProperty('guestName')
})

test('only the guest accepts or declines: the booker cannot answer their own booking', async () => {
  const cloud = await booked()
  expect(await as(cloud, ANNA, { action: 'accept', id: 'appt0001abcd' })).toMatchObject({
    ok: false,
    reason: 'invalid',
  })
  expect(stateOf(cloud)).toBe('proposed')
})

test('states only move forward: after a cancel, an accept is refused with the state that stands', async () => {
  const cloud = await booked()
  expect(await as(cloud, ANNA, { action: 'cancel', id: 'appt0001abcd' })).toMatchObject({ ok: true })
  expect(await as(cloud, BEN, { action: 'accept', id: 'appt0001abcd' })).toEqual({
    ok: false,
    reason: 'state',
    state: 'cancelled',
  })
  expect(await as(cloud, BEN, { action: 'decline', id: 'appt0001abcd' })).toMatchObject({ state: 'cancelled' })
  expect(stateOf(cloud)).toBe('cancelled')
})

test('the same tap sent twice is done once, not refused', async () => {
  const cloud = await booked()
  await as(cloud, BEN, { action: 'accept', id: 'appt0001abcd' })
  expect(await as(cloud, BEN, { action: 'accept', id: 'appt0001abcd' })).toMatchObject({ ok: true })
  expect(await as(cloud, ANNA, booking())).toMatchObject({ ok: true, appointment: { state: 'accepted' } })
})

test("an id already taken by someone else's booking is refused, and theirs is untouched", async () => {
  const cloud = await booked()
  expect(await as(cloud, CAROL, booking({ guest: ANNA }))).toEqual({ ok: false, reason: 'invalid', problem: 'id' })
  expect(cloud.database.records('appointments')).toHaveLength(1)
})

test('completed with the call’s length once accepted; missed only once its time is over', async () => {
  const cloud = await booked()
  expect(await as(cloud, ANNA, { action: 'miss', id: 'appt0001abcd' })).toMatchObject({ ok: false, reason: 'state' })
  await as(cloud, BEN, { action: 'accept', id: 'appt0001abcd' })
  expect(await as(cloud, BEN, { action: 'complete', id: 'appt0001abcd', callSeconds: 1500 })).toMatchObject({
    ok: true,
    appointment: { state: 'completed', callSeconds: 1500 },
  })
})

test('completed with its length unknown (Duet closed during the call); a length that is not whole seconds is refused', async () => {
  const cloud = await booked()
  await as(cloud, BEN, { action: 'accept', id: 'appt0001abcd' })
  expect(await as(cloud, ANNA, { action: 'complete', id: 'appt0001abcd', callSeconds: -1 })).toMatchObject({
    ok: false,
    reason: 'invalid',
  })
  expect(await as(cloud, ANNA, { action: 'complete', id: 'appt0001abcd' })).toMatchObject({
    ok: true,
    appointment: { state: 'completed' },
  })
  expect(cloud.database.records('appointments')[0]).not.toHaveProperty('callSeconds')
})

test('a phone whose clock ran ahead called it missed; the call the other phone saw connect completes it all the same', async () => {
  const cloud = await booked()
  await as(cloud, BEN, { action: 'accept', id: 'appt0001abcd' })
  const end = cloud.database.records('appointments')[0].endAt as number
  jest.useFakeTimers({ now: end })
  try {
    expect(await as(cloud, ANNA, { action: 'miss', id: 'appt0001abcd' })).toMatchObject({ ok: true })
    expect(await as(cloud, BEN, { action: 'complete', id: 'appt0001abcd', callSeconds: 600 })).toMatchObject({
      ok: true,
      appointment: { state: 'completed', callSeconds: 600 },
    })
    expect(await as(cloud, ANNA, { action: 'miss', id: 'appt0001abcd' })).toMatchObject({ ok: false, reason: 'state' })
  } finally {
    jest.useRealTimers()
  }
})

test('a reschedule replaces the old one once accepted; only one of its two people can replace it', async () => {
  const cloud = await booked()
  await as(cloud, BEN, { action: 'accept', id: 'appt0001abcd' })
  const later = booking({ id: 'appt0002abcd', replaces: 'appt0001abcd' })
  later.startAt = (later.startAt as number) + DAY
  later.endAt = (later.endAt as number) + DAY
  expect(await as(cloud, ANNA, later)).toMatchObject({ ok: true })
  const states = () => cloud.database.records('appointments').map((a) => [a._id, a.state, a.replacedBy])
  // Both stand until Ben answers the new one.
  expect(states()).toEqual([
    ['appt0001abcd', 'accepted', undefined],
    ['appt0002abcd', 'proposed', undefined],
  ])
  const carols = booking({ id: 'appt0003abcd', replaces: 'appt0002abcd', guest: BEN })
  expect(await as(cloud, CAROL, carols)).toMatchObject({ ok: true })
  await as(cloud, BEN, { action: 'accept', id: 'appt0003abcd' })
  expect(stateOf(cloud, 'appt0002abcd')).toBe('proposed')

  await as(cloud, BEN, { action: 'accept', id: 'appt0002abcd' })
  expect(states().slice(0, 2)).toEqual([
    ['appt0001abcd', 'cancelled', 'appt0002abcd'],
    ['appt0002abcd', 'accepted', undefined],
  ])
})

test('a declined reschedule leaves the old one as it was', async () => {
  const cloud = await booked()
  await as(cloud, BEN, { action: 'accept', id: 'appt0001abcd' })
  expect(await as(cloud, ANNA, booking({ id: 'appt0002abcd', replaces: 'appt0001abcd' }))).toMatchObject({ ok: true })
  await as(cloud, BEN, { action: 'decline', id: 'appt0002abcd' })
  expect([stateOf(cloud), stateOf(cloud, 'appt0002abcd')]).toEqual(['accepted', 'declined'])
})

test('the guest may reschedule too: booking the booker, naming the old one, replaces it once accepted', async () => {
  const cloud = await booked()
  const byBen = booking({ id: 'appt0002abcd', replaces: 'appt0001abcd', guest: ANNA })
  expect(await as(cloud, BEN, byBen)).toMatchObject({ ok: true })
  expect(stateOf(cloud)).toBe('proposed')
  await as(cloud, ANNA, { action: 'accept', id: 'appt0002abcd' })
  expect(stateOf(cloud)).toBe('cancelled')
})

test('the list leaves out what ended more than 30 days ago', async () => {
  const cloud = await booked()
  const old = { ...cloud.database.records('appointments')[0], _id: 'appt0000old1' }
  cloud.database.seed('appointments', {
    ...old,
    startAt: Date.now() - 31 * DAY,
    endAt: Date.now() - 31 * DAY + 30 * MIN,
  })
  const { appointments } = await as(cloud, ANNA, { action: 'list' })
  expect(appointments?.map((a) => a.id)).toEqual(['appt0001abcd'])
})

test('a reminder accepted on the phone is kept for the remind function: due 5 minutes before the start', async () => {
  const cloud = await booked()
  expect(await as(cloud, BEN, { action: 'remind', id: 'appt0001abcd', templateId: TEMPLATE })).toEqual({ ok: true })
  expect(await as(cloud, BEN, { action: 'remind', id: 'appt0001abcd', templateId: 'bad' })).toMatchObject({
    reason: 'invalid',
  })
  const [appointment] = cloud.database.records('appointments')
  expect(cloud.database.records('reminders')).toEqual([
    expect.objectContaining({
      _id: `appt0001abcd_${BEN}`,
      touser: BEN,
      templateId: TEMPLATE,
      dueAt: (appointment.startAt as number) - 5 * MIN,
      status: 'waiting',
      tries: 0,
    }),
  ])
})

test('no reminder for a cancelled appointment', async () => {
  const cloud = await booked()
  await as(cloud, ANNA, { action: 'cancel', id: 'appt0001abcd' })
  expect(await as(cloud, BEN, { action: 'remind', id: 'appt0001abcd', templateId: TEMPLATE })).toEqual({
    ok: false,
    reason: 'state',
    state: 'cancelled',
  })
})

test('without its collection the function says the database failed, with the code', async () => {
  const cloud = new FakeCloud()
  cloud.database.dropCollection('appointments')
  expect(await as(cloud, ANNA, booking())).toEqual({ ok: false, reason: 'database', errCode: -502005 })
})

describe("the function's rules for a booking are the app's", () => {
  const { readBooking, REACHED_FROM } = cloudFunction<{
    readBooking: (e: Record<string, unknown>, me: string, now: number) => string | Record<string, unknown>
    REACHED_FROM: Record<string, string[]>
  }>('appointments')
  const now = Date.UTC(2026, 11, 7, 2, 0)
  const base = { ...booking(), startAt: now + 5 * 60 * MIN, endAt: now + 5 * 60 * MIN + 30 * MIN }

  test.each([
    ['a good booking', {}],
    ['each length', { endAt: base.startAt + 45 * MIN }],
    ['a length not in the list', { endAt: base.startAt + 20 * MIN }],
    ['a start past its end', { endAt: base.startAt - 30 * MIN }],
    ['more than 60 days ahead', { startAt: now + 62 * DAY, endAt: now + 62 * DAY + 15 * MIN }],
    ['a topic of 21 characters', { topic: '话'.repeat(21) }],
    ['a topic of 20 family emoji', { topic: '👨\u200d👩\u200d👧'.repeat(20) }],
    ['a bad guest openid', { guest: '<script>' }],
    ['a bad id', { id: 'x'.repeat(5000) }],
    ['a mode not voice or video', { mode: 'fax' }],
    ['a reschedule naming itself', { replaces: 'appt0001abcd' }],
  ])('%s: accepted by both or refused by both, for the same reason', (_name, change) => {
    const event: Record<string, unknown> = { ...base, ...change }
    const byFunction = readBooking(event, ANNA, now)
    const card = {
      id: event.id as string,
      from: { openid: ANNA, nickname: '安娜' },
      to: event.guest as string,
      startAt: event.startAt as number,
      endAt: event.endAt as number,
      mode: event.mode as 'video',
      topic: event.topic as string,
      ...(event.replaces ? { replaces: event.replaces as string } : {}),
    }
    const query: Record<string, string> = {}
    for (const [k, v] of Object.entries(appointmentCardQuery(card))) query[k] = encodeURIComponent(v)
    const byApp = readAppointmentCard(query, BEN, now)
    expect(typeof byFunction === 'string' ? byFunction : 'ok').toBe(byApp.ok ? 'ok' : byApp.problem)
  })

  test('the same forward-only moves', () => {
    const reachedFrom: Record<string, string[]> = {}
    for (const [from, tos] of Object.entries(NEXT_STATES)) for (const to of tos) (reachedFrom[to] ??= []).push(from)
    const sorted = (table: Record<string, string[]>) =>
      Object.fromEntries(Object.entries(table).map(([to, froms]) => [to, [...froms].sort()]))
    expect(sorted(REACHED_FROM)).toEqual(sorted(reachedFrom))
  })
})
