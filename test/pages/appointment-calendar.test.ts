// #appt-calendar on the appointment page (issue 23): the appointment offered to the phone's calendar from the tap,
// in unix seconds with an alarm 5 minutes before; what each answer of WeChat's says (platform doc §10), the way
// back from a denied scope, and the privacy consent on the way.
import type { Environment, ScriptedUser } from '../../wechat-model'
import type { Appointment } from '../../miniprogram/store/appointment-rules'
import { appointmentCardQuery } from '../../miniprogram/store/appointment-rules'
import { launch, LaunchedApp } from '../harness/app'
import { PageHandle, useFakeClock, useRealClock } from '../harness/page'
import { ALICE, APPOINTMENT_WITH_ALICE, GRANTED, ME, MONDAY_10, stored } from '../fixtures'

const APPOINTMENT = APPOINTMENT_WITH_ALICE
const TUESDAY_15 = APPOINTMENT.startAt
const SENT = '已发送到日历。'

beforeEach(useFakeClock)
afterEach(useRealClock)

async function appointmentPage(
  env: Partial<Environment> = {},
  user: Partial<ScriptedUser> = {},
  appointment: Appointment = APPOINTMENT,
): Promise<{ app: LaunchedApp; page: PageHandle }> {
  const storage = stored({ profile: ME, contacts: [ALICE], appointments: [appointment] })
  const app = await launch({ authSetting: GRANTED, storage, ...env }, user)
  jest.setSystemTime(MONDAY_10)
  const page = await app.open('appointment', { appt: appointment.id })
  return { app, page }
}

/** What Duet handed to wx.addPhoneCalendar, each time. */
const offered = (app: LaunchedApp) => app.fake.calls.filter((c) => c.api === 'addPhoneCalendar').map((c) => c.args)

test('#appt-calendar offers the appointment from the tap: seconds, an alarm 5 minutes before, how to be there', async () => {
  const { app, page } = await appointmentPage(
    {},
    { popups: { 'scope.addPhoneCalendar': ['allow'] }, calendarSheet: ['add'] },
  )
  expect(page.attr('#appt-calendar', 'type')).not.toBe('primary')
  expect(page.attr('#appt-calendar', 'aria-label')).toBe('添加到手机日历')
  await page.press('#appt-calendar')
  expect(offered(app)).toEqual([
    {
      title: '与 爱丽丝 视频通话',
      description: '视频通话 30 分钟。到时间请进入微信打开 Duet，在这个预约里与 爱丽丝 接通。',
      startTime: TUESDAY_15 / 1000,
      endTime: TUESDAY_15 / 1000 + 1800,
      alarm: true,
      alarmOffset: 300,
    },
  ])
  // Asked once, by the call itself.
  expect(app.fake.scopes.popupsShown).toEqual(['scope.addPhoneCalendar'])
  expect(app.fake.calendar.events).toHaveLength(1)
  expect(page.text('#appt-calendar-result')).toBe(SENT)
  expect(app.store.permissions.calendar).toBe('granted')
})

test('iOS: a cancelled sheet fails, and the page says nothing was added; another tap offers it again', async () => {
  const { app, page } = await appointmentPage(
    { platform: 'ios', authSetting: { ...GRANTED, 'scope.addPhoneCalendar': true } },
    { calendarSheet: ['cancel', 'add'] },
  )
  await page.press('#appt-calendar')
  expect(page.text('#appt-calendar-result')).toBe('没有添加到日历，需要时可以再点一次。')
  await page.press('#appt-calendar')
  expect(page.text('#appt-calendar-result')).toBe(SENT)
  expect(app.fake.calendar.events).toHaveLength(1)
})

test('Android: a cancelled sheet succeeds, so the page still says only 已发送到日历, never that it was added', async () => {
  const { app, page } = await appointmentPage(
    { platform: 'android', authSetting: { ...GRANTED, 'scope.addPhoneCalendar': true } },
    { calendarSheet: ['cancel'] },
  )
  await page.press('#appt-calendar')
  expect(app.fake.calendar.events).toEqual([])
  expect(page.text('#appt-calendar-result')).toBe(SENT)
  expect(page.text('#appt')).not.toContain('已添加')
})

test('a denied scope fails at once with no popup; the page explains and its settings button brings the scope back', async () => {
  const { app, page } = await appointmentPage(
    { authSetting: { ...GRANTED, 'scope.addPhoneCalendar': false } },
    { settingsPage: { 'scope.addPhoneCalendar': true }, calendarSheet: ['add'] },
  )
  await page.press('#appt-calendar')
  expect(app.fake.scopes.popupsShown).toEqual([])
  expect(page.text('#appt-calendar-result')).toContain('你没有允许 Duet 使用日历')
  expect(page.attr('#appt-calendar-settings', 'open-type')).toBe('openSetting')
  expect(page.attr('#appt-calendar-settings', 'aria-label')).toBe('去开启权限')

  await page.press('#appt-calendar-settings')
  expect(app.store.permissions.calendar).toBe('granted')
  expect(page.exists('#appt-calendar-settings')).toBe(false)
  expect(page.exists('#appt-calendar-result')).toBe(false)
  await page.press('#appt-calendar')
  expect(page.text('#appt-calendar-result')).toBe(SENT)
})

test('a denial on the scope popup is explained the same way', async () => {
  const { page } = await appointmentPage({}, { popups: { 'scope.addPhoneCalendar': ['deny'] } })
  await page.press('#appt-calendar')
  expect(page.text('#appt-calendar-result')).toContain('你没有允许 Duet 使用日历')
  expect(page.exists('#appt-calendar-settings')).toBe(true)
})

test('privacy not yet agreed: the consent card holds the call; agreeing lets the sheet open', async () => {
  const { app, page } = await appointmentPage(
    { privacyNeedsAgreement: true, authSetting: { ...GRANTED, 'scope.addPhoneCalendar': true } },
    { calendarSheet: ['add'] },
  )
  await page.press('#appt-calendar')
  expect(page.exists('#privacy-agree')).toBe(true)
  expect(page.isDisabled('#appt-calendar')).toBe(true)
  expect(app.fake.calendar.sheetsShown).toEqual([])
  await page.press('#privacy-agree')
  expect(app.fake.calendar.events).toHaveLength(1)
  expect(page.text('#appt-calendar-result')).toBe(SENT)
})

test('privacy declined on the consent card: the call fails, and the page says consent comes first', async () => {
  const { app, page } = await appointmentPage({
    privacyNeedsAgreement: true,
    authSetting: { ...GRANTED, 'scope.addPhoneCalendar': true },
  })
  await page.press('#appt-calendar')
  await page.press('#privacy-decline')
  expect(app.fake.calendar.sheetsShown).toEqual([])
  expect(page.text('#appt-calendar-result')).toBe('同意隐私保护指引后，才能添加到日历。需要时可以再点一次。')
})

test('a privacy guide that does not declare the calendar: the developer’s to fix, said so', async () => {
  const { page } = await appointmentPage({
    guideDeclares: { microphone: true, camera: true, calendar: false },
    authSetting: { ...GRANTED, 'scope.addPhoneCalendar': true },
  })
  await page.press('#appt-calendar')
  expect(page.text('#appt-calendar-result')).toContain('隐私保护指引没有声明使用日历')
})

test('only a kept appointment still to happen offers #appt-calendar: not one ended, cancelled or declined', async () => {
  for (const state of ['cancelled', 'declined', 'completed', 'missed'] as const) {
    const { page } = await appointmentPage({}, {}, { ...APPOINTMENT, state })
    expect([state, page.exists('#appt-calendar')]).toEqual([state, false])
  }
  const { page } = await appointmentPage({}, {}, { ...APPOINTMENT, state: 'proposed' })
  expect(page.exists('#appt-calendar')).toBe(true)
})

test('a WeChat without addPhoneCalendar (before 2.15.0) says to update WeChat', async () => {
  const { app, page } = await appointmentPage({ missingApis: ['addPhoneCalendar'] })
  await page.press('#appt-calendar')
  expect(offered(app)).toEqual([])
  expect(page.text('#appt-calendar-result')).toBe('当前微信版本不支持添加到日历，请升级微信后再试。')
})

test('a card Alice sent me offers no #appt-calendar until I accept it: nothing of it is mine before my tap', async () => {
  const card = {
    id: 'mibd7k0000fromalice',
    from: { openid: ALICE.openid, nickname: ALICE.nickname },
    to: ME.openid,
    startAt: APPOINTMENT.startAt,
    endAt: APPOINTMENT.endAt,
    mode: 'voice' as const,
    topic: '',
  }
  const app = await launch(
    {
      authSetting: { ...GRANTED, 'scope.addPhoneCalendar': true },
      storage: stored({ profile: ME, contacts: [ALICE] }),
    },
    { calendarSheet: ['add'] },
  )
  jest.setSystemTime(MONDAY_10)
  const page = await app.open('appointment', appointmentCardQuery(card))
  expect(page.exists('#appt-accept')).toBe(true)
  expect(page.exists('#appt-calendar')).toBe(false)
  await page.press('#appt-accept')
  await page.press('#appt-calendar')
  expect(offered(app)).toMatchObject([{ title: '与 爱丽丝 语音通话', startTime: APPOINTMENT.startAt / 1000 }])
  expect(page.text('#appt-calendar-result')).toBe(SENT)
})
