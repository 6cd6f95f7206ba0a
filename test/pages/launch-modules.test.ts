// What a launch runs (issue 22): the appointment modules and their cloud service, the screens of other pages, the
// pinyin table, a call's join and the rings slice wait for their first use (store/later.ts), so a launch with no
// appointment saved, and home, run none of them.
import * as path from 'path'
import { launch, MINIPROGRAM_ROOT } from '../harness/app'
import { settle, useFakeClock, useRealClock, wait } from '../harness/page'
import { ANNA, BEN, GRANTED, stored } from '../fixtures'

/** Modules no launch needs, by their path under miniprogram/. */
const LATER = [
  'store/appointments',
  'services/appointments-cloud',
  'store/appointment-rules',
  'store/calendar',
  'services/calendar',
  'store/saved-appointments',
  'store/screens/appointments',
  'store/screens/dial',
  'store/screens/invite',
  'store/screens/me',
  'store/pinyin-initials-data',
  'store/join',
  'store/ongoing-call',
  'store/rings',
]

/** The LATER modules run from now on, in each fresh module registry (every launch starts one), in order. */
function watchRuns(): string[] {
  const ran: string[] = []
  for (const name of LATER) {
    const file = path.join(MINIPROGRAM_ROOT, name)
    jest.doMock(file, () => {
      ran.push(name)
      return jest.requireActual(file)
    })
  }
  return ran
}

beforeEach(useFakeClock)
afterEach(() => {
  useRealClock()
  for (const name of LATER) jest.dontMock(path.join(MINIPROGRAM_ROOT, name))
})

const ANNAS_PHONE = { authSetting: GRANTED, storage: stored({ profile: ANNA, contacts: [{ ...BEN, note: '' }] }) }
/** Without WeChat Cloud: a booking is kept on the phone alone. */
const NO_CLOUD = { config: { cloudEnv: '' } }

test('a launch and home run none of them; home prepares the search a moment later, the booking page loads appointments', async () => {
  const ran = watchRuns()
  const app = await launch(ANNAS_PHONE, {}, NO_CLOUD)
  const home = await app.open('contacts')
  expect(ran).toEqual([])
  expect(home.exists('.upcoming-row')).toBe(false)

  // Home drawn, the search is prepared before anyone types: its names spelled, so the pinyin table loaded.
  await wait(1)
  expect(ran).toEqual(['store/pinyin-initials-data'])

  await app.open('book', { openid: BEN.openid })
  expect(ran).toEqual(
    expect.arrayContaining(['store/appointments', 'services/appointments-cloud', 'store/screens/appointments']),
  )
  expect(ran).not.toContain('store/saved-appointments')
})

test('a search by letters typed before the search is prepared loads the table itself', async () => {
  const ran = watchRuns()
  const app = await launch(ANNAS_PHONE, {}, NO_CLOUD)
  const home = await app.open('contacts')
  home.input('#search', 'ab')
  await settle()
  expect(ran).toEqual(['store/pinyin-initials-data'])
  expect(home.texts('.contact-row__name')).toEqual([BEN.nickname])
})

test("the dial page builds the rings slice, and runs no call's join until a call is placed", async () => {
  const ran = watchRuns()
  const app = await launch(ANNAS_PHONE, {}, NO_CLOUD)
  const dial = await app.open('dial', { openid: BEN.openid })
  expect(ran).toContain('store/rings')
  expect(ran).not.toContain('store/join')
  dial.tap('#call')
  await settle()
  expect(app.fake.count('join1v1Chat')).toBe(1)
  expect(ran).toEqual(expect.arrayContaining(['store/join', 'store/ongoing-call']))
})

test('with an appointment saved, launch reads it back and home lists it', async () => {
  const first = await launch(ANNAS_PHONE, {}, NO_CLOUD)
  first.within(() => {
    first.store.appointments.startBooking(BEN)
    first.store.appointments.book()
  })
  expect(first.store.appointments.items).toHaveLength(1)

  const ran = watchRuns()
  const again = await launch(first.fake.env, {}, NO_CLOUD)
  expect(ran).toEqual(expect.arrayContaining(['store/appointments', 'store/saved-appointments']))
  expect(again.store.appointmentsIfBuilt?.items).toEqual(first.store.appointments.items)
  const home = await again.open('contacts')
  expect(home.texts('.upcoming-row')).toHaveLength(1)
})
