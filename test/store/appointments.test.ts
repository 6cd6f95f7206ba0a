// The appointments slice on stand-ins (no page, no model of WeChat): booking, a card answered, cancelling, the
// clock passing the end, and what the cloud is told and what it teaches.
import type { ListedAppointment } from '../../miniprogram/services/appointments-cloud'
import { appointmentCardQuery } from '../../miniprogram/store/appointment-rules'
import { AppointmentsContext, AppointmentsStore, pickerValues } from '../../miniprogram/store/appointments'

const ME = { openid: 'oMe_000000000000000001', nickname: '我' }
const ANNA = { openid: 'oAnna_0000000000000001', nickname: '安娜' }
const ANNA_CONTACT = { openid: 'oAnnaC_000000000000001', nickname: '安娜' }
const MINUTE = 60_000
/** Monday 2026-12-07 10:20 in the test's zone. */
const NOW = new Date(2026, 11, 7, 10, 20).getTime()

function slice(listed: ListedAppointment[] | null = null) {
  let now = NOW
  const told: string[] = []
  /** Who was offered as a contact; only ANNA_CONTACT is one already. */
  const offered: string[] = []
  const ctx: AppointmentsContext = {
    profile: { me: ME, openid: ME.openid },
    lastMode: () => 'video',
    now: () => now,
    cloud: {
      tell: (action) => {
        told.push(action)
        return Promise.resolve(true)
      },
      remind: () => Promise.resolve('armed'),
      canRemind: () => false,
      list: () => {
        told.push('list')
        return Promise.resolve(listed)
      },
    },
    contacts: {
      find: (openid) => (openid === ANNA_CONTACT.openid ? { ...ANNA_CONTACT, note: '' } : undefined),
      offer: (person) => offered.push(person.nickname),
    },
  }
  const store = new AppointmentsStore(ctx)
  return { store, told, offered, setNow: (ms: number) => (now = ms) }
}

afterEach(() => jest.useRealTimers())

test('a card from someone not yet a contact offers them as one, again after the walkthrough; never for a contact', () => {
  const { store, offered } = slice()
  const start = NOW + 2 * 60 * MINUTE
  const card = {
    id: 'abcdefgh12',
    to: ME.openid,
    startAt: start,
    endAt: start + 30 * MINUTE,
    mode: 'voice' as const,
    topic: '',
  }
  store.open(appointmentCardQuery({ ...card, from: ANNA }))
  expect(offered).toEqual(['安娜'])
  store.open({})
  expect(offered).toEqual(['安娜', '安娜'])
  store.open(appointmentCardQuery({ ...card, id: 'abcdefgh13', from: ANNA_CONTACT }))
  expect(offered).toEqual(['安娜', '安娜'])
  store.dispose()
})

test('a booking starts at the next whole hour, 30 minutes, in our last mode; sent twice it is kept once', () => {
  const { store, told } = slice()
  store.startBooking({ ...ANNA, note: '同事' } as typeof ANNA)
  expect(store.draft).toMatchObject({ time: '11:00', date: pickerValues(NOW).date, minutes: 30, mode: 'video' })
  expect(store.draft?.guest).toEqual(ANNA)
  store.book()
  store.book()
  expect(store.items.map((a) => a.state)).toEqual(['proposed'])
  expect(told).toEqual(['create'])
  store.dispose()
})

test('a card for me is kept only on my answer; my reply names me; a cancellation made here is mine to send', () => {
  const { store, told } = slice()
  const start = NOW + 2 * 60 * MINUTE
  const card = {
    id: 'abcdefgh12',
    from: ANNA,
    to: ME.openid,
    startAt: start,
    endAt: start + 30 * MINUTE,
    mode: 'voice' as const,
    topic: '',
  }
  store.open(appointmentCardQuery(card))
  expect(store.shown?.state).toBe('proposed')
  expect(store.items).toEqual([])
  expect(store.reply).toBeNull()
  store.answer('accepted')
  expect(store.items.map((a) => a.state)).toEqual(['accepted'])
  expect(store.reply).toEqual({ appt: 'abcdefgh12', from: ME.openid, answer: 'accepted' })
  store.cancel()
  expect(store.items.map((a) => a.state)).toEqual(['cancelled'])
  expect(store.reply).toEqual({ appt: 'abcdefgh12', from: ME.openid, answer: 'cancelled' })
  expect(told).toEqual(['accept', 'cancel'])
  store.dispose()
})

test('the clock passing the end of a live appointment makes it 已错过, and the cloud is told once', () => {
  const { store, setNow, told } = slice()
  store.startBooking(ANNA)
  store.book()
  setNow(NOW + 3 * 60 * MINUTE)
  store.tick()
  store.tick()
  expect(store.items.map((a) => a.state)).toEqual(['missed'])
  expect(told).toEqual(['create', 'miss'])
  store.dispose()
})

/** Anna's card for an hour from now (15 minutes), accepted; at its start WeChat says both are in the call. */
function connected() {
  const phone = slice()
  const start = NOW + 60 * MINUTE
  const card = { id: 'abcdefgh12', from: ANNA, to: ME.openid, startAt: start, endAt: start + 15 * MINUTE }
  phone.store.open(appointmentCardQuery({ ...card, mode: 'voice', topic: '' }))
  phone.store.answer('accepted')
  phone.setNow(start)
  phone.store.membersChanged([ME.openid, ANNA.openid])
  return { ...phone, start }
}

test('a call still connected when the time is up is not missed: it completes when it ends', () => {
  const { store, setNow, told, start } = connected()
  setNow(start + 20 * MINUTE)
  store.tick()
  expect(store.items.map((a) => a.state)).toEqual(['accepted'])
  store.membersChanged([ME.openid])
  expect(store.items[0]).toMatchObject({ state: 'completed', callSeconds: 20 * 60 })
  expect(told).toEqual(['accept', 'complete'])
  store.dispose()
})

test('the clock runs only while something upcoming or a connected call needs it, and stops for good on dispose', () => {
  jest.useFakeTimers()
  const { store, setNow, start } = connected()
  expect(jest.getTimerCount()).toBe(1)
  // Past the end, the call still connected: it keeps running until the call ends.
  setNow(start + 20 * MINUTE)
  store.tick()
  expect(jest.getTimerCount()).toBe(1)
  store.membersChanged([ME.openid])
  expect(jest.getTimerCount()).toBe(0)
  // A new booking starts it again; dispose stops it, and nothing starts it after that.
  store.startBooking(ANNA)
  store.book()
  expect(jest.getTimerCount()).toBe(1)
  store.dispose()
  store.startBooking(ANNA)
  store.book()
  expect(jest.getTimerCount()).toBe(0)
})

test('a call that connected before Duet was closed makes it 已完成 at its end, its length unknown, never 已错过', () => {
  const { store, start } = connected()
  // What was saved during the call, read by the next launch after the end.
  const saved = store.items
  store.dispose()
  const next = slice()
  next.setNow(start + 20 * MINUTE)
  next.store.load(saved)
  expect(next.store.items).toEqual([expect.objectContaining({ state: 'completed', connectedAt: start })])
  expect(next.store.items[0].callSeconds).toBeUndefined()
  expect(next.told).toEqual(['complete'])
  next.store.dispose()
})

test('a 已错过 of my own clock gives way to the 已完成 the cloud learnt from the other phone', async () => {
  const { store, setNow } = slice()
  store.startBooking(ANNA)
  store.book()
  setNow(NOW + 3 * 60 * MINUTE)
  store.tick()
  const id = store.items[0].id
  const synced = slice([{ id, state: 'completed', callSeconds: 600 }])
  synced.setNow(NOW + 3 * 60 * MINUTE)
  synced.store.load(store.items)
  await synced.store.sync()
  expect(synced.store.items[0]).toMatchObject({ state: 'completed', callSeconds: 600 })
  for (const s of [store, synced.store]) s.dispose()
})

test('syncing moves a kept appointment forward only, and asks nothing when nothing is still to happen', async () => {
  const { store, told } = slice()
  await store.sync()
  expect(told).toEqual([])
  store.startBooking(ANNA)
  store.book()
  const id = store.items[0].id
  const synced = slice([{ id, state: 'accepted' }])
  synced.store.load(store.items)
  await synced.store.sync()
  expect(synced.store.items.map((a) => a.state)).toEqual(['accepted'])
  const back = slice([{ id, state: 'proposed' }])
  back.store.load(synced.store.items)
  await back.store.sync()
  expect(back.store.items.map((a) => a.state)).toEqual(['accepted'])
  for (const s of [store, synced.store, back.store]) s.dispose()
})
