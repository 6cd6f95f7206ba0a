// The harness itself must model WeChat's tap rule: openSetting only in the synchronous part of a tap.
import { createFakeWx } from '../fake-wx'
import { attach, loadSimulate, registerInline, renderPage } from './jcomponent'
import { PageHandle, settle } from './page'

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
