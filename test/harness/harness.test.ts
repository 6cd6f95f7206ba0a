// The harness itself must model WeChat's tap rule (openSetting only in the synchronous part of a tap) and
// close what it launched.
import { createFakeWx } from '../../wechat-model'
import { ANNA, ME, stored } from '../fixtures'
import { closeApps, launch, relaunch } from './app'
import { attach, loadSimulate, registerInline, renderPage } from './jcomponent'
import { PageHandle, settle, useFakeClock, useRealClock, wait } from './page'

function mount(methods: Record<string, (this: unknown) => unknown>) {
  jest.resetModules()
  loadSimulate()
  const fake = createFakeWx({ authSetting: { 'scope.record': false } }, { settingsPage: { 'scope.record': true } })
  ;(global as unknown as { wx: WechatMiniprogram.Wx }).wx = fake.wx
  const comp = renderPage(registerInline('<view id="go" bindtap="go">go</view>', methods))
  attach(comp)
  return { page: new PageHandle('pages/test/index', {}, comp, fake), fake }
}

test('openSetting called synchronously in a tap handler opens the settings page', async () => {
  const results: string[] = []
  const { page, fake } = mount({
    go() {
      wx.openSetting({ success: () => results.push('ok'), fail: (e) => results.push(e.errMsg) })
    },
  })
  page.tap('#go')
  await settle()
  expect(results).toEqual(['ok'])
  expect(fake.env.authSetting['scope.record']).toBe(true)
})

test('openSetting after an await in the tap handler has lost the gesture and fails', async () => {
  const results: string[] = []
  const { page, fake } = mount({
    async go() {
      await Promise.resolve()
      wx.openSetting({ success: () => results.push('ok'), fail: (e) => results.push(e.errMsg) })
    },
  })
  page.tap('#go')
  await settle()
  expect(results).toEqual(['openSetting:fail can only be invoked by user TAP gesture.'])
  expect(fake.env.authSetting['scope.record']).toBe(false)
})

describe('a closed app takes its clocks with it', () => {
  beforeEach(useFakeClock)
  afterEach(useRealClock)

  /** An invitation opened a minute ago and not yet answered: its expiry ticks every second. */
  const pendingInvitation = () =>
    stored({ profile: ME, invitation: { from: ANNA, mode: 'voice', sentAt: Date.now() - 60 * 1000 } })

  test('at the end of a test, nothing the app started keeps running', async () => {
    await launch({ storage: pendingInvitation() })
    await settle()
    expect(jest.getTimerCount()).toBeGreaterThan(0)
    closeApps()
    expect(jest.getTimerCount()).toBe(0)
  })

  test('a relaunch closes the apps before it, another phone of the same test does not', async () => {
    const anna = await launch({ storage: pendingInvitation() })
    const closed = jest.spyOn(anna.store, 'dispose')
    const ben = await launch({ storage: pendingInvitation() }, {}, { keepOtherPhones: true })
    expect(closed).not.toHaveBeenCalled()
    await launch({ storage: ben.fake.env.storage })
    expect(closed).toHaveBeenCalled()
  })

  test("the phone's time is not Duet's: a clock set before a launch, or moved before a relaunch, stays", async () => {
    const monday = new Date(2026, 11, 7, 10, 0).getTime()
    jest.setSystemTime(monday)
    const first = await launch({ storage: pendingInvitation() })
    expect(Date.now()).toBe(monday)
    await wait(90)
    await relaunch(first)
    expect(Date.now()).toBe(monday + 90 * 1000)
  })
})

describe('the jest setup closes what each test launched', () => {
  // The second test reads what the first left: run in order, the pair checks the setup's after-each clean-up.
  let closed: jest.SpyInstance | undefined

  test('a test launches an app and leaves it open', async () => {
    closed = jest.spyOn((await launch()).store, 'dispose')
    expect(closed).not.toHaveBeenCalled()
  })

  test('by the next test, that app is closed', () => {
    expect(closed).toHaveBeenCalled()
  })
})
