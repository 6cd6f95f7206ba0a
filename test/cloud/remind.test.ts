// The remind function, fired by its timer (FakeCloud.trigger, platform doc §11.2) against the fake cloud's
// database (§12) and WeChat's send (§7.3): a due reminder goes once, 5 minutes before the start, opening the
// room; never for a cancelled or unaccepted appointment; never twice when two runs overlap; 3 tries at most.
import * as fs from 'fs'
import * as path from 'path'
import { FakeCloud } from '../../wechat-model'
import { chinaClock } from './china-time'

const ANNA = 'oAnna_0000000000000001'
const BEN = 'oBen_00000000000000001'
const TEMPLATE = 'duet-test-reminder-template-000000000'
const MIN = 60 * 1000
const ID = 'appt0001abcd'

const as = (cloud: FakeCloud, openid: string, event: Record<string, unknown>) =>
  cloud.invoke('appointments', { id: ID, ...event }, { openid }) as Promise<{ ok: boolean }>

/**
 * Anna books Ben two hours from now (the appointments function reads the real clock); Ben accepts if asked,
 * and accepts one reminder on his phone (WeChat allows one send). Answers the reminder's due time.
 */
async function bookedWithReminder(cloud: FakeCloud, { accepted = true, allowances = 1 } = {}) {
  const startAt = Math.ceil((Date.now() + 2 * 60 * MIN) / MIN) * MIN
  const create = { action: 'create', guest: BEN, startAt, endAt: startAt + 30 * MIN, mode: 'video', topic: '' }
  expect(await as(cloud, ANNA, { ...create, bookerName: '安娜', guestName: '阿本' })).toMatchObject({ ok: true })
  if (accepted) expect(await as(cloud, BEN, { action: 'accept' })).toMatchObject({ ok: true })
  expect(await as(cloud, BEN, { action: 'remind', templateId: TEMPLATE })).toEqual({ ok: true })
  cloud.templates.add(TEMPLATE)
  for (let i = 0; i < allowances; i++) cloud.allowOne(BEN, TEMPLATE)
  return { startAt, due: startAt - 5 * MIN }
}

const status = (cloud: FakeCloud) => cloud.database.records('reminders').map((r) => [r.status, r.tries])

test("§11.2 remind's config.json: a timer every minute, and the send it makes declared", () => {
  const config = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../cloudfunctions/remind/config.json'), 'utf8'))
  expect(config).toEqual({
    permissions: { openapi: ['subscribeMessage.send'] },
    triggers: [{ name: 'everyMinute', type: 'timer', config: '0 * * * * * *' }],
  })
})

test('§11.2 only a timer fires a function: one without a timer trigger cannot be triggered', () => {
  expect(() => new FakeCloud().trigger('ring', Date.now())).toThrow(/no timer trigger/)
})

test('a due reminder is sent once, 5 minutes before the start, and opens the room', async () => {
  const cloud = new FakeCloud()
  const { startAt, due } = await bookedWithReminder(cloud, { allowances: 2 })
  await cloud.trigger('remind', due - MIN)
  expect(cloud.delivered).toEqual([])
  await cloud.trigger('remind', due)
  await cloud.trigger('remind', due + MIN)
  expect(cloud.delivered).toHaveLength(1)
  const [sent] = cloud.delivered
  expect(sent.touser).toBe(BEN)
  expect(sent.page).toBe(`pages/appointment/index?appt=${ID}`)
  // The time keyword in China's time (UTC+8), whatever the server's zone.
  expect(sent.data).toEqual({
    thing1: { value: '安娜' },
    time2: { value: chinaClock(startAt) },
    thing3: { value: '视频通话 30 分钟' },
  })
  expect(status(cloud)).toEqual([['sent', 1]])
})

test('nothing is sent for a cancelled appointment: its reminder is dropped', async () => {
  const cloud = new FakeCloud()
  const { due } = await bookedWithReminder(cloud)
  await as(cloud, ANNA, { action: 'cancel' })
  await cloud.trigger('remind', due)
  expect(cloud.delivered).toEqual([])
  expect(status(cloud)).toEqual([['dropped', 0]])
})

test('nothing is sent for an appointment not yet accepted; accepted later, it goes at the next run', async () => {
  const cloud = new FakeCloud()
  const { due } = await bookedWithReminder(cloud, { accepted: false })
  await cloud.trigger('remind', due)
  expect(cloud.delivered).toEqual([])
  expect(status(cloud)).toEqual([['waiting', 0]])
  await as(cloud, BEN, { action: 'accept' })
  await cloud.trigger('remind', due + MIN)
  expect(cloud.delivered).toHaveLength(1)
})

test('a hundred unaccepted reminders due earlier do not hold back an accepted one for long', async () => {
  const cloud = new FakeCloud()
  const { due } = await bookedWithReminder(cloud)
  const [appointment] = cloud.database.records('appointments')
  for (let n = 0; n < 100; n++) {
    const id = `appt${String(n).padStart(8, '0')}`
    cloud.database.seed('appointments', { ...appointment, _id: id, state: 'proposed' })
    cloud.database.seed('reminders', {
      ...cloud.database.records('reminders')[0],
      _id: `${id}_${BEN}`,
      appointment: id,
      dueAt: due - 10 * MIN,
    })
  }
  await cloud.trigger('remind', due)
  await cloud.trigger('remind', due + MIN)
  expect(cloud.delivered.map((m) => m.page)).toEqual([`pages/appointment/index?appt=${ID}`])
})

test('a declined appointment, and one that ended unsent, send nothing', async () => {
  const cloud = new FakeCloud()
  const { startAt } = await bookedWithReminder(cloud, { accepted: false })
  await cloud.trigger('remind', startAt + 30 * MIN)
  expect(status(cloud)).toEqual([['expired', 0]])
  const declined = new FakeCloud()
  const second = await bookedWithReminder(declined, { accepted: false })
  await as(declined, BEN, { action: 'decline' })
  await declined.trigger('remind', second.due)
  expect([cloud.delivered, declined.delivered, status(declined)]).toEqual([[], [], [['dropped', 0]]])
})

test('§11.3 two runs that overlap send it once (seen by WeChat once), though Ben allowed two', async () => {
  const cloud = new FakeCloud()
  const { due } = await bookedWithReminder(cloud, { allowances: 2 })
  const runs = (await cloud.trigger('remind', due, due)) as Array<Record<string, number>>
  expect(cloud.openApiCalls).toHaveLength(1)
  expect(cloud.delivered).toHaveLength(1)
  // Both runs saw it due; the one that lost the claim says so.
  expect(runs).toEqual(
    expect.arrayContaining([expect.objectContaining({ sent: 1 }), expect.objectContaining({ taken: 1 })]),
  )
})

test('a send that fails is tried again next minute, 3 times in all, then given up', async () => {
  const cloud = new FakeCloud()
  const { due } = await bookedWithReminder(cloud)
  cloud.openApi = () => ({ errcode: -1, errmsg: 'system error' })
  for (let minute = 0; minute < 5; minute++) await cloud.trigger('remind', due + minute * MIN)
  expect(cloud.openApiCalls).toHaveLength(3)
  expect(status(cloud)).toEqual([['failed', 3]])
  expect(cloud.database.records('reminders')[0].errCode).toBe(-1)
})

test('§11.1 with no accept left WeChat refuses the send (43101): a failed try like any other', async () => {
  const cloud = new FakeCloud()
  const { due } = await bookedWithReminder(cloud, { allowances: 0 })
  await cloud.trigger('remind', due)
  expect(cloud.delivered).toEqual([])
  expect(cloud.database.records('reminders')[0]).toMatchObject({ status: 'waiting', tries: 1, errCode: 43101 })
})

test('a failure and then a success: sent once, on the second try', async () => {
  const cloud = new FakeCloud()
  const { due } = await bookedWithReminder(cloud)
  let calls = 0
  const served = cloud.openApi
  cloud.openApi = (call) => (++calls === 1 ? 'offline' : served(call))
  for (let minute = 0; minute < 3; minute++) await cloud.trigger('remind', due + minute * MIN)
  expect(cloud.delivered).toHaveLength(1)
  expect(status(cloud)).toEqual([['sent', 2]])
})

test('§11.2 a timer run has no caller, so a phone (which WeChat always names) cannot run it, and a phone could send reminders early', async () => {
  const cloud = new FakeCloud()
  await bookedWithReminder(cloud)
  expect(
    await cloud.invoke('remind', { Time: new Date(Date.now() + 3 * 60 * MIN).toISOString() }, { openid: BEN }),
  ).toEqual({
    ok: false,
    reason: 'timer-only',
  })
  expect(cloud.delivered).toEqual([])
})
