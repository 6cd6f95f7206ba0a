// The permissions slice wired to the model of WeChat (the root store on its fake runtime), without a page.
import { launch } from '../harness/app'
import { settle } from '../harness/page'
import { LAUNCH } from '../oracle'

describe('request(mode)', () => {
  test.each([
    ['video', { 'scope.record': false }, 'denied'],
    ['video', { 'scope.record': true, 'scope.camera': false }, 'denied'],
    ['voice', { 'scope.record': false, 'scope.camera': true }, 'denied'],
  ] as const)('%s with %j: no wx.authorize at all, straight to recovery', async (mode, authSetting, outcome) => {
    const app = await launch({ authSetting })
    await app.store.start()
    expect(await app.store.permissions.request(mode)).toBe(outcome)
    expect(app.fake.count('authorize')).toBe(0)
  })

  test('one wx.authorize per scope, microphone first, and none for a scope already granted', async () => {
    const app = await launch({ authSetting: {} }, { popups: { 'scope.record': ['allow'], 'scope.camera': ['allow'] } })
    await app.store.start()
    expect(await app.store.permissions.request('video')).toBe('granted')
    expect(app.fake.trace(['permission'])).toEqual(['getSetting', 'authorize(scope.record)', 'authorize(scope.camera)'])
    expect(await app.store.permissions.request('video')).toBe('granted')
    expect(app.fake.count('authorize')).toBe(2)
  })

  test('voice asks only for the microphone', async () => {
    const app = await launch({}, { popups: { 'scope.record': ['allow'] } })
    await app.store.start()
    expect(await app.store.permissions.request('voice')).toBe('granted')
    expect(app.fake.scopes.popupsShown).toEqual(['scope.record'])
  })

  test('a refusal is learnt from getSetting, whatever the errMsg says, and stops the sequence', async () => {
    const app = await launch({ platform: 'android' }, { popups: { 'scope.record': ['deny'] } })
    await app.store.start()
    expect(await app.store.permissions.request('video')).toBe('denied')
    expect(app.fake.trace(['permission']).slice(1)).toEqual(['authorize(scope.record)', 'getSetting'])
    expect(app.store.permissions.scopes).toEqual({ 'scope.record': 'denied', 'scope.camera': 'unasked' })
  })
})

describe('refresh()', () => {
  test('launch and a page opening at the same time read once', async () => {
    const app = await launch()
    void app.store.permissions.refresh()
    await settle()
    expect(app.fake.count('getSetting')).toBe(1)
  })

  test("an old base library: nothing to agree to, WeChat's phone permission unknown, calls unsupported", async () => {
    const app = await launch({ sdkVersion: '2.19.0', privacyNeedsAgreement: true })
    await app.store.start()
    const p = app.store.permissions
    expect([p.privacy, p.phone.microphone, p.support]).toEqual(['agreed', 'unknown', 'old-base-library'])
    expect(app.fake.trace()).toEqual([
      'onThemeChange',
      'onNetworkStatusChange',
      'getNetworkType',
      'getSetting',
      'canIUse(join1v1Chat)',
    ])
  })

  test('DevTools is recognised as unable to call', async () => {
    const app = await launch({ platform: 'devtools', authSetting: { 'scope.record': true } })
    await app.store.start()
    expect(app.store.permissions.support).toBe('devtools')
    expect(app.fake.count('setEnable1v1Chat')).toBe(0)
  })
})

describe('one privacy prompt handler for the whole app', () => {
  test('registered once at launch', async () => {
    const app = await launch()
    await app.open('onboarding')
    await app.open('contacts')
    expect(app.fake.privacy.listenerRegistrations).toBe(1)
    expect(app.fake.trace().slice(0, LAUNCH.length)).toEqual(LAUNCH)
  })
})
