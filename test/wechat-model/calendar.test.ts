// Pins the model's phone calendar to docs/platform.md §10, one test per point (§10.N in its name).
import { call, tick } from '../../wechat-model/calling'
import { createFakeWx, Environment, FakeWx, PrivacyResolution, ScriptedUser } from '../../wechat-model'

/** Tuesday 2026-12-08 15:00 in China, in unix seconds. */
const START = 1_796_713_200
const EVENT = { title: '与 小明 视频通话', startTime: START, endTime: START + 1800, alarm: true, alarmOffset: 300 }
const GRANTED = { 'scope.addPhoneCalendar': true } as const

function phone(env: Partial<Environment> = {}, user: Partial<ScriptedUser> = {}): FakeWx {
  return createFakeWx({ authSetting: GRANTED, ...env }, user)
}

/** addPhoneCalendar from the synchronous part of a tap, as a bindtap handler calls it. */
function fromTap(fake: FakeWx, options: Record<string, unknown> = EVENT) {
  fake.inTap = true
  try {
    return call(fake, 'addPhoneCalendar', options)
  } finally {
    fake.inTap = false
  }
}

describe('§10 the phone’s calendar', () => {
  test('§10.1 times in unix seconds; alarm on and no offset unless given, the end at the start; the sheet shows the event', async () => {
    const fake = phone({}, { calendarSheet: ['add', 'add'] })
    expect(await fromTap(fake)).toMatchObject({ ok: true, res: { errMsg: 'addPhoneCalendar:ok' } })
    expect(fake.calendar.events).toEqual([{ ...EVENT, allDay: false, description: '', location: '' }])
    await fromTap(fake, { title: '喝茶', startTime: START })
    expect(fake.calendar.events[1]).toMatchObject({ endTime: START, alarm: true, alarmOffset: 0 })
    expect(fake.problems).toEqual([])
  })

  test('§10.1 a time in milliseconds, a missing title or an end before the start is Duet’s mistake: reported and failed', async () => {
    const fake = phone()
    const inMs = await fromTap(fake, { ...EVENT, startTime: START * 1000, endTime: (START + 1800) * 1000 })
    expect(inMs.ok).toBe(false)
    expect(fake.problems).toEqual([
      `addPhoneCalendar: startTime ${START * 1000} is in milliseconds: WeChat takes unix seconds (§10.1)`,
    ])
    fake.problems.splice(0)
    await fromTap(fake, { ...EVENT, title: '' })
    await fromTap(fake, { ...EVENT, endTime: START - 60 })
    await fromTap(fake, { ...EVENT, startTime: '1765177200' })
    expect(fake.problems).toEqual([
      'addPhoneCalendar: title is required',
      'addPhoneCalendar: endTime is before startTime',
      'addPhoneCalendar: startTime must be unix seconds, got "1765177200"',
    ])
    expect(fake.calendar.sheetsShown).toEqual([])
    fake.problems.splice(0)
  })

  test('§10.1 only from a tap: after an await it fails with WeChat’s words, and the model reports it', async () => {
    const fake = phone({}, { calendarSheet: ['add'] })
    const r = await call(fake, 'addPhoneCalendar', EVENT)
    expect(r).toMatchObject({
      ok: false,
      res: { errMsg: 'addPhoneCalendar:fail can only be invoked by user TAP gesture.' },
    })
    expect(fake.calendar.audit.outsideTap).toBe(1)
    expect(fake.calendar.sheetsShown).toEqual([])
    expect(fake.problems).toEqual(['addPhoneCalendar was called outside a tap (after an await or a .then?): §10.1'])
    fake.problems.splice(0)
  })

  test('§10.1 a privacy API: a guide that does not declare the calendar fails it with errno 112, whatever else holds', async () => {
    const fake = phone({
      guideDeclares: { microphone: true, camera: true, calendar: false },
      authSetting: { ...GRANTED, 'scope.record': true },
    })
    const r = await fromTap(fake)
    expect(r).toMatchObject({
      ok: false,
      res: { errno: 112, errMsg: 'addPhoneCalendar:fail api scope is not declared in the privacy agreement' },
    })
    // The microphone and camera are declared apart from it.
    expect(await call(fake, 'authorize', { scope: 'scope.record' })).toMatchObject({ ok: true })
  })

  test('§10.1 before consent it is held like any privacy API: the handler’s agree lets the sheet open', async () => {
    const fake = phone({ privacyNeedsAgreement: true }, { calendarSheet: ['add'] })
    let resolve: ((r: PrivacyResolution) => void) | null = null
    fake.wx.onNeedPrivacyAuthorization(((r: (x: PrivacyResolution) => void) => {
      resolve = r
    }) as never)
    const pending = fromTap(fake)
    await tick()
    expect(fake.calendar.sheetsShown).toEqual([])
    fake.privacy.tapAgreeButton('agree')
    resolve!({ event: 'agree', buttonId: 'agree' })
    expect((await pending).ok).toBe(true)
    expect(fake.calendar.events).toHaveLength(1)
  })

  test('§10.1 with no handler, WeChat’s own privacy popup asks; a refusal fails it with errno 104', async () => {
    const fake = phone({ privacyNeedsAgreement: true }, { privacyPopup: ['refuse'] })
    expect(await fromTap(fake)).toMatchObject({ ok: false, res: { errno: 104 } })
    expect(fake.privacy.officialPopupsShown).toBe(1)
    expect(fake.calendar.sheetsShown).toEqual([])
  })

  test('§10.1 needs scope.addPhoneCalendar: never asked, the call itself shows the popup and keeps the answer', async () => {
    const fake = createFakeWx({}, { popups: { 'scope.addPhoneCalendar': ['allow'] }, calendarSheet: ['add'] })
    expect((await fromTap(fake)).ok).toBe(true)
    expect(fake.scopes.popupsShown).toEqual(['scope.addPhoneCalendar'])
    expect(fake.env.authSetting).toEqual({ 'scope.addPhoneCalendar': true })
    // Asked once: the settings page lists it from now on.
    expect((await call(fake, 'getSetting')).res.authSetting).toEqual({ 'scope.addPhoneCalendar': true })
  })

  test('§10.1 a denial on that popup fails the call; denied before, it fails at once with no popup, no sheet', async () => {
    const fake = createFakeWx({ platform: 'android' }, { popups: { 'scope.addPhoneCalendar': ['deny'] } })
    expect(await fromTap(fake)).toMatchObject({ ok: false, res: { errMsg: 'addPhoneCalendar:fail auth denied' } })
    expect(fake.env.authSetting['scope.addPhoneCalendar']).toBe(false)
    const again = await fromTap(fake)
    expect(again.ok).toBe(false)
    expect(fake.scopes.popupsShown).toEqual(['scope.addPhoneCalendar'])
    expect(fake.calendar.sheetsShown).toEqual([])
    // As for any scope (§2.3), wx.authorize asks for it too; the popup carries no privacy checkbox (§1.6).
    const ios = createFakeWx(
      { privacyNeedsAgreement: true, combinedPrivacyPopup: true, sdkVersion: '3.5.0' },
      { popups: { 'scope.addPhoneCalendar': ['allow'] }, privacyPopup: ['agree'] },
    )
    expect((await call(ios, 'authorize', { scope: 'scope.addPhoneCalendar' })).ok).toBe(true)
    expect(ios.privacy.officialPopupsShown).toBe(1)
  })

  test('§10.3 the sheet: added succeeds; cancelled fails on iOS but SUCCEEDS on Android, so “added” is unknowable', async () => {
    const ios = phone({ platform: 'ios' }, { calendarSheet: ['cancel'] })
    expect(await fromTap(ios)).toMatchObject({ ok: false, res: { errMsg: 'addPhoneCalendar:fail cancel' } })
    const android = phone({ platform: 'android' }, { calendarSheet: ['cancel', 'add'] })
    expect(await fromTap(android)).toMatchObject({ ok: true, res: { errMsg: 'addPhoneCalendar:ok' } })
    expect(await fromTap(android)).toMatchObject({ ok: true, res: { errMsg: 'addPhoneCalendar:ok' } })
    // The same answer for both; only the phone's calendar knows the difference.
    expect(android.calendar.events).toHaveLength(1)
    expect(android.calendar.sheetsShown).toHaveLength(2)
  })

  test('§10.3 a sheet nobody scripted an answer for is a test bug', async () => {
    const fake = phone()
    expect((await fromTap(fake)).ok).toBe(false)
    expect(fake.problems).toEqual(['the calendar sheet opened but the test scripted no answer'])
    fake.problems.splice(0)
  })

  test('§10.2 path and signature need the session key: reported, never used', async () => {
    const fake = phone({ sdkVersion: '3.8.0' })
    expect((await fromTap(fake, { ...EVENT, path: 'pages/appointment/index', signature: 'x' })).ok).toBe(false)
    expect(fake.problems).toEqual([
      'addPhoneCalendar: path and signature need the session key (§10.2): do not use them',
    ])
    fake.problems.splice(0)
  })

  test('§10.1 before base library 2.15.0 there is no addPhoneCalendar', () => {
    expect(createFakeWx({ sdkVersion: '2.14.4' }).wx.canIUse('addPhoneCalendar')).toBe(false)
    expect(createFakeWx({ sdkVersion: '2.15.0' }).wx.canIUse('addPhoneCalendar')).toBe(true)
  })
})
