// Pins the fake to docs/platform.md, one test per point (§N.M in its name): if the fake drifts, these fail.
import { ANNA, BEN } from '../fixtures'
import { call, fn, tick } from '../../wechat-model/calling'
import { createFakeWx, Environment, FakeWx, PrivacyResolution } from '../../wechat-model'

describe('strictness', () => {
  test('an API the fake does not model throws when touched', () => {
    const fake = createFakeWx()
    expect(() => (fake.wx as unknown as Record<string, unknown>).getSystemInfoSync).toThrow(/not modelled/)
    expect(fake.problems).toEqual(['wx.getSystemInfoSync is not modelled'])
  })

  test('an API newer than the base library is undefined, as on a real phone', () => {
    const fake = createFakeWx({ sdkVersion: '2.19.0' })
    expect(fn(fake, 'join1v1Chat')).toBeUndefined()
    expect(fn(fake, 'getAppAuthorizeSetting')).toBeUndefined()
    expect(fake.wx.canIUse('join1v1Chat')).toBe(false)
    expect(createFakeWx({ sdkVersion: '2.20.1' }).wx.canIUse('join1v1Chat')).toBe(true)
  })

  test('an API the environment removes (an older or different WeChat) is undefined, and canIUse says so', () => {
    const fake = createFakeWx({ missingApis: ['exitVoIPChat', 'cloud.uploadFile'] })
    expect(fn(fake, 'exitVoIPChat')).toBeUndefined()
    expect('exitVoIPChat' in fake.wx).toBe(false)
    expect(fake.wx.canIUse('exitVoIPChat')).toBe(false)
    expect(fn(fake, 'cloud.uploadFile')).toBeUndefined()
    expect(fn(fake, 'cloud.callFunction')).toBeDefined()
    expect(fn(fake, 'join1v1Chat')).toBeDefined()
  })

  test('canIUse of something not modelled fails loudly', () => {
    const fake = createFakeWx()
    expect(() => fake.wx.canIUse('getLocation')).toThrow(/not modelled/)
  })

  test('navigation to a page app.json does not register is refused and reported', async () => {
    const fake = createFakeWx()
    fake.knownPages = ['pages/contacts/index']
    expect((await call(fake, 'navigateTo', { url: '/pages/contacts/index?x=1' })).ok).toBe(true)
    expect((await call(fake, 'navigateTo', { url: '/pages/nowhere/index' })).ok).toBe(false)
    expect(fake.problems).toHaveLength(1)
  })
  test('§8.4 opening or redirecting to a page already on the stack is reported: Duet never keeps two copies', async () => {
    const fake = createFakeWx()
    const stack = ['pages/contacts/index', 'pages/invite/index']
    fake.ui.router = { stack: () => stack, open: () => {}, replace: () => {}, back: () => {}, relaunch: () => {} }
    await call(fake, 'navigateTo', { url: '/pages/dial/index?openid=x' })
    await call(fake, 'redirectTo', { url: '/pages/invite/index' })
    expect(fake.problems).toEqual([])
    await call(fake, 'navigateTo', { url: '/pages/contacts/index' })
    await call(fake, 'redirectTo', { url: '/pages/contacts/index' })
    expect(fake.problems).toEqual([
      'navigateTo /pages/contacts/index: that page is already open (a second copy on the stack)',
      'redirectTo /pages/contacts/index: that page is already open (a second copy on the stack)',
    ])
  })
})

describe('§1 privacy consent', () => {
  test('§1.2 getPrivacySetting reports whether agreement is needed', async () => {
    const needed = await call(createFakeWx({ privacyNeedsAgreement: true }), 'getPrivacySetting')
    expect(needed.res).toMatchObject({ needAuthorization: true, privacyContractName: expect.any(String) })
    const agreed = await call(createFakeWx({ privacyNeedsAgreement: false }), 'getPrivacySetting')
    expect(agreed.res.needAuthorization).toBe(false)
  })

  test('§1.1 a privacy API fails with errno 104 before agreement when nothing answers for it', async () => {
    const fake = createFakeWx({ privacyNeedsAgreement: true }, { popups: { 'scope.record': ['allow'] } })
    const r = await call(fake, 'authorize', { scope: 'scope.record' })
    expect(r).toMatchObject({ ok: false, res: { errno: 104 } })
    expect(fake.scopes.popupsShown).toEqual([])
  })

  test('§1.4 with a handler, the call stays pending until resolve; agree with the tapped button id proceeds', async () => {
    const fake = createFakeWx({ privacyNeedsAgreement: true }, { popups: { 'scope.record': ['allow'] } })
    let resolve: ((r: PrivacyResolution) => void) | null = null
    fake.wx.onNeedPrivacyAuthorization(((r: (x: PrivacyResolution) => void) => {
      resolve = r
    }) as never)
    let settled: unknown = null
    void call(fake, 'authorize', { scope: 'scope.record' }).then((s) => {
      settled = s
    })
    for (let i = 0; i < 5; i++) await tick()
    expect(resolve).not.toBeNull()
    expect(settled).toBeNull()
    fake.privacy.tapAgreeButton('privacy-agree')
    resolve!({ event: 'agree', buttonId: 'privacy-agree' })
    for (let i = 0; i < 5; i++) await tick()
    expect(settled).toMatchObject({ ok: true })
    expect(fake.scopes.popupsShown).toEqual(['scope.record'])
    expect((await call(fake, 'getPrivacySetting')).res.needAuthorization).toBe(false)
  })

  test('§1.3 agree naming a button that was not tapped fails and is reported', async () => {
    const fake = createFakeWx({ privacyNeedsAgreement: true })
    fake.wx.onNeedPrivacyAuthorization(((r: (x: PrivacyResolution) => void) =>
      r({ event: 'agree', buttonId: 'other' })) as never)
    const r = await call(fake, 'authorize', { scope: 'scope.record' })
    expect(r).toMatchObject({ ok: false, res: { errno: 104 } })
    expect(fake.problems[0]).toMatch(/named button other/)
  })

  test('§1.4 disagree makes the pending call fail', async () => {
    const fake = createFakeWx({ privacyNeedsAgreement: true })
    fake.wx.onNeedPrivacyAuthorization(((r: (x: PrivacyResolution) => void) => r({ event: 'disagree' })) as never)
    expect(await call(fake, 'authorize', { scope: 'scope.camera' })).toMatchObject({ ok: false, res: { errno: 104 } })
  })

  test('§1.1 before base library 2.32.3 nothing is gated and the privacy APIs do not exist', async () => {
    const fake = createFakeWx(
      { sdkVersion: '2.32.2', privacyNeedsAgreement: true },
      { popups: { 'scope.record': ['allow'] } },
    )
    expect(fn(fake, 'getPrivacySetting')).toBeUndefined()
    expect(fn(fake, 'onNeedPrivacyAuthorization')).toBeUndefined()
    expect((await call(fake, 'authorize', { scope: 'scope.record' })).ok).toBe(true)
  })

  test('§1.9 openPrivacyContract opens the guide', async () => {
    const fake = createFakeWx()
    expect((await call(fake, 'openPrivacyContract')).ok).toBe(true)
    expect(fake.privacy.contractOpened).toBe(1)
  })
})

describe('§2 scopes', () => {
  test('§2.2 getSetting: absent = never asked, true = granted, false = denied', async () => {
    const fake = createFakeWx({ authSetting: { 'scope.record': true, 'scope.camera': false } })
    expect((await call(fake, 'getSetting')).res.authSetting).toEqual({ 'scope.record': true, 'scope.camera': false })
    expect((await call(createFakeWx(), 'getSetting')).res.authSetting).toEqual({})
  })

  test('§2.3 never asked: the popup decides; allow grants, deny denies', async () => {
    const fake = createFakeWx({}, { popups: { 'scope.record': ['allow'], 'scope.camera': ['deny'] } })
    expect((await call(fake, 'authorize', { scope: 'scope.record' })).ok).toBe(true)
    const denied = await call(fake, 'authorize', { scope: 'scope.camera' })
    expect(denied).toMatchObject({ ok: false, res: { errMsg: 'authorize:fail auth deny' } })
    expect(fake.env.authSetting).toEqual({ 'scope.record': true, 'scope.camera': false })
    expect(fake.scopes.popupsShown).toEqual(['scope.record', 'scope.camera'])
  })

  test('§2.3 already granted: success with no popup', async () => {
    const fake = createFakeWx({ authSetting: { 'scope.record': true } })
    expect((await call(fake, 'authorize', { scope: 'scope.record' })).ok).toBe(true)
    expect(fake.scopes.popupsShown).toEqual([])
  })

  test('§2.3 previously denied: fails at once, with no popup, whatever the person would answer', async () => {
    const fake = createFakeWx({ authSetting: { 'scope.record': false } }, { popups: { 'scope.record': ['allow'] } })
    expect((await call(fake, 'authorize', { scope: 'scope.record' })).ok).toBe(false)
    expect(fake.scopes.popupsShown).toEqual([])
    expect(fake.env.authSetting['scope.record']).toBe(false)
  })

  test('§2.4 the failure text differs by platform', async () => {
    const android = createFakeWx({ platform: 'android', authSetting: { 'scope.camera': false } })
    expect((await call(android, 'authorize', { scope: 'scope.camera' })).res.errMsg).toBe('authorize:fail auth denied')
  })

  test('§2.3 one scope per call: a comma-separated list is not a valid call', async () => {
    const fake = createFakeWx({}, { popups: { 'scope.record': ['allow'] } })
    expect((await call(fake, 'authorize', { scope: 'scope.record,scope.camera' })).ok).toBe(false)
    expect(fake.scopes.popupsShown).toEqual([])
  })

  test('a popup the test did not script is reported', async () => {
    const fake = createFakeWx()
    expect((await call(fake, 'authorize', { scope: 'scope.record' })).ok).toBe(false)
    expect(fake.problems[0]).toMatch(/scripted no answer/)
  })

  test("§2.5 openSetting outside a tap fails with WeChat's message", async () => {
    const fake = createFakeWx({ authSetting: { 'scope.record': false } }, { settingsPage: { 'scope.record': true } })
    const r = await call(fake, 'openSetting')
    expect(r).toMatchObject({ ok: false, res: { errMsg: 'openSetting:fail can only be invoked by user TAP gesture.' } })
    expect(fake.env.authSetting['scope.record']).toBe(false)
  })

  test('§2.5 openSetting inside a tap opens the page, applies the switches, returns the new authSetting and shows the app again', async () => {
    const fake = createFakeWx(
      { authSetting: { 'scope.record': false, 'scope.camera': true } },
      { settingsPage: { 'scope.record': true, 'scope.camera': false } },
    )
    let returned = 0
    fake.onReturnToMiniProgram(() => {
      returned++
    })
    fake.inTap = true
    const pending = call(fake, 'openSetting')
    fake.inTap = false
    const r = await pending
    expect(r.res.authSetting).toEqual({ 'scope.record': true, 'scope.camera': false })
    await tick()
    expect(returned).toBe(1)
  })

  test('§2.5 the settings page lists only scopes asked before: nothing else can be switched', () => {
    const fake = createFakeWx(
      { authSetting: { 'scope.record': false } },
      { settingsPage: { 'scope.record': true, 'scope.camera': true } },
    )
    const page = { route: 'pages/x/index', shareAppMessage: () => undefined }
    expect(fake.ui.pressButton({ openType: 'openSetting', id: 'open', dataset: {} }, page)).toEqual([
      { name: 'opensetting', detail: { authSetting: { 'scope.record': true }, errMsg: 'openSetting:ok' } },
    ])
  })
})

describe("§3 WeChat's OS permissions", () => {
  test("§3.2 getAppAuthorizeSetting reports the phone's microphone and camera permission for WeChat", () => {
    const fake = createFakeWx({ os: { microphone: 'denied', camera: 'not determined' } })
    expect(fake.wx.getAppAuthorizeSetting()).toMatchObject({
      microphoneAuthorized: 'denied',
      cameraAuthorized: 'not determined',
    })
  })

  test('§3.3 openAppAuthorizeSetting applies what the person switches, then the app shows again', async () => {
    const fake = createFakeWx(
      { os: { microphone: 'denied', camera: 'authorized' } },
      { phoneSettings: { microphone: 'authorized' } },
    )
    let returned = 0
    fake.onReturnToMiniProgram(() => {
      returned++
    })
    expect((await call(fake, 'openAppAuthorizeSetting')).ok).toBe(true)
    expect(fake.env.os.microphone).toBe('authorized')
    expect(returned).toBe(1)
  })
})

describe('§4 1v1 calls', () => {
  async function enabled(env: Parameters<typeof createFakeWx>[0] = {}): Promise<FakeWx> {
    const fake = createFakeWx({ authSetting: { 'scope.record': true, 'scope.camera': true }, ...env })
    expect((await call(fake, 'setEnable1v1Chat', { enable: true })).ok).toBe(true)
    return fake
  }
  const join = (fake: FakeWx, roomType?: string) =>
    call(fake, 'join1v1Chat', { caller: ANNA, listener: BEN, ...(roomType ? { roomType } : {}) })

  test('§4.4 voice with the microphone granted is placed', async () => {
    const fake = await enabled({ authSetting: { 'scope.record': true } })
    expect((await join(fake, 'voice')).ok).toBe(true)
    expect(fake.voip.inCall).toBe(true)
  })

  test('§4.7 -30003 without scope.record', async () => {
    const fake = await enabled({ authSetting: { 'scope.camera': true } })
    expect((await join(fake, 'voice')).res.errCode).toBe(-30003)
  })

  test('§4.3 §4.7 -30004 for video without scope.camera; roomType defaults to video', async () => {
    const fake = await enabled({ authSetting: { 'scope.record': true } })
    expect((await join(fake, 'video')).res.errCode).toBe(-30004)
    expect((await join(fake)).res.errCode).toBe(-30004)
  })

  test('§4.8 voice without the camera: allowed, or -30004 where WeChat wants it (either answer is modelled)', async () => {
    const strict = await enabled({ authSetting: { 'scope.record': true }, voiceCallNeedsCamera: true })
    expect((await join(strict, 'voice')).res.errCode).toBe(-30004)
  })

  test("§4.7 -30002 when WeChat lacks the phone's microphone; -30001 the camera, for video", async () => {
    const noMic = await enabled({ os: { microphone: 'denied', camera: 'authorized' } })
    expect((await join(noMic, 'voice')).res.errCode).toBe(-30002)
    const noCam = await enabled({ os: { microphone: 'authorized', camera: 'denied' } })
    expect((await join(noCam, 'voice')).ok).toBe(true)
    noCam.voip.hangUp()
    expect((await join(noCam, 'video')).res.errCode).toBe(-30001)
  })

  test('§4.9 fails in DevTools, both enabling and joining', async () => {
    const fake = createFakeWx({ platform: 'devtools', authSetting: { 'scope.record': true } })
    expect((await call(fake, 'setEnable1v1Chat', { enable: true })).ok).toBe(false)
    expect((await join(fake, 'voice')).res.errCode).toBe(-20001)
  })

  test('§4.7 -20000 when 1v1 is not enabled in the admin console', async () => {
    const fake = createFakeWx({ adminConsole1v1: false })
    expect((await call(fake, 'setEnable1v1Chat', { enable: true })).res.errCode).toBe(-20000)
  })

  test('§4.7 -20002 already on a call, -20003 another mini program on a call', async () => {
    const fake = await enabled()
    expect((await join(fake, 'voice')).ok).toBe(true)
    expect((await join(fake, 'voice')).res.errCode).toBe(-20002)
    const other = await enabled({ otherMiniProgramInCall: true })
    expect((await join(other, 'voice')).res.errCode).toBe(-20003)
  })

  test('§4.7 scripted outcomes: any errCode, in order', async () => {
    const fake = await enabled({ joinOutcomes: [{ errCode: -2 }, { errCode: -3 }, 'place'] })
    expect((await join(fake, 'voice')).res.errCode).toBe(-2)
    expect((await join(fake, 'voice')).res.errCode).toBe(-3)
    expect((await join(fake, 'voice')).ok).toBe(true)
  })

  test.each([
    ['errCode', { errCode: -20001 }, { errCode: -1 }],
    ['errMsg-only', {}, {}],
  ] as const)(
    '§4.7 a failure carries its code as errCode, or only inside errMsg in the formats the doc quotes: %s',
    async (voipErrCodeShape, enableCode, joinCode) => {
      const unsupported = createFakeWx({ voipErrCodeShape, deviceSupports1v1: false })
      expect((await call(unsupported, 'setEnable1v1Chat', { enable: true })).res).toStrictEqual({
        errMsg: '[-20001] setEnable1v1Chat:fail device not supported',
        ...enableCode,
      })
      const stale = await enabled({ voipErrCodeShape, staleRoomAfterCall: true })
      await join(stale, 'voice')
      stale.voip.hangUp()
      expect((await join(stale, 'voice')).res).toStrictEqual({
        errMsg: 'join1v1Chat:fail -10086, -1, Already in room!, -1',
        ...joinCode,
      })
    },
  )

  test('§4.8 a join that hangs never calls back', async () => {
    const fake = await enabled({ joinOutcomes: ['hang'] })
    let settled = false
    void join(fake, 'voice').then(() => {
      settled = true
    })
    for (let i = 0; i < 10; i++) await tick()
    expect(settled).toBe(false)
    expect(fake.voip.hangingJoins).toBe(1)
  })

  test('§1.8 a join held for consent waits for it, and a disagree fails it with errno 104', async () => {
    const fake = await enabled()
    fake.env.privacyNeedsAgreement = true
    expect((await join(fake, 'voice')).res.errno).toBe(104)
    expect(fake.voip.joins).toEqual([])
    fake.wx.onNeedPrivacyAuthorization(((r: (x: PrivacyResolution) => void) => {
      fake.privacy.tapAgreeButton('privacy-agree')
      r({ event: 'agree', buttonId: 'privacy-agree' })
    }) as never)
    expect((await join(fake, 'voice')).ok).toBe(true)
    expect(fake.voip.joins).toMatchObject([{ roomType: 'voice', privacyAgreed: true, record: true, camera: true }])
  })

  test('§4.1 §4.3 joining before setEnable1v1Chat(true), or without caller and listener, is reported', async () => {
    const fake = createFakeWx({ authSetting: { 'scope.record': true } })
    expect((await join(fake, 'voice')).ok).toBe(false)
    expect((await call(fake, 'join1v1Chat', { roomType: 'voice' })).ok).toBe(false)
    expect(fake.problems).toHaveLength(2)
  })
})

describe('§7 reaching someone', () => {
  /** A page stack as the harness keeps it, recording what WeChat tells it to do. */
  function stackOf(fake: FakeWx, routes: string[]) {
    const done: string[] = []
    fake.ui.router = {
      stack: () => routes,
      open: (url) => done.push(`open ${url}`),
      replace: (url) => done.push(`replace ${url}`),
      back: (delta) => done.push(`back ${delta}`),
      relaunch: (url) => done.push(`relaunch ${url}`),
    }
    return done
  }

  test('§7.2 a card tapped while the mini program is not running starts it on the card page', () => {
    const fake = createFakeWx()
    const done = stackOf(fake, [])
    fake.ui.tapCard('/pages/invite/index?from=x')
    expect(done).toEqual(['open /pages/invite/index?from=x'])
  })

  test('§7.2 a card tapped while it runs in the background (hot start) clears the stack: reLaunch onto the card page', () => {
    const fake = createFakeWx()
    const done = stackOf(fake, ['pages/contacts/index', 'pages/dial/index'])
    const seen: string[] = []
    fake.onLeaveMiniProgram(() => seen.push('left'))
    fake.onAppShow(() => seen.push('App.onShow'))
    fake.ui.tapCard('/pages/invite/index?from=x')
    expect(seen).toEqual(['left', 'App.onShow'])
    expect(done).toEqual(['relaunch /pages/invite/index?from=x'])
  })

  test('§7.2 a card tapped in the chat the person left Duet for: Duet hid once, when they left, and comes to the front', () => {
    const fake = createFakeWx()
    const done = stackOf(fake, ['pages/contacts/index'])
    const seen: string[] = []
    fake.onLeaveMiniProgram(() => seen.push('left'))
    fake.onAppShow(() => seen.push('App.onShow'))
    fake.leave()
    fake.ui.tapCard('/pages/invite/index?from=x')
    expect(seen).toEqual(['left', 'App.onShow'])
    expect([done, fake.inFront]).toEqual([['relaunch /pages/invite/index?from=x'], true])
  })
})

describe('§8 the screen, and leaving the mini program', () => {
  test('§8.3 setKeepScreenOn holds while the person is in the mini program; leaving it ends it', async () => {
    const fake = createFakeWx()
    expect((await call(fake, 'setKeepScreenOn', { keepScreenOn: true })).ok).toBe(true)
    expect(fake.ui.keepScreenOn).toBe(true)
    let returned = 0
    fake.onReturnToMiniProgram(() => {
      returned++
    })
    fake.visitOutside(() => undefined)
    await tick()
    expect(returned).toBe(1)
    // Nothing sets it again on return: the mini program must.
    expect(fake.ui.keepScreenOn).toBe(false)
  })
})

describe('§8 storage and network', () => {
  test('§8.1 storage returns "" for a missing key, copies values, and throws when full', () => {
    const fake = createFakeWx()
    expect(fake.wx.getStorageSync('nope')).toBe('')
    const value = { a: [1] }
    fake.wx.setStorageSync('k', value)
    value.a.push(2)
    expect(fake.wx.getStorageSync('k')).toEqual({ a: [1] })
    fake.env.storageFull = true
    expect(() => fake.wx.setStorageSync('k', 1)).toThrow(/exceed storage/)
    expect(fake.wx.getStorageSync('k')).toEqual({ a: [1] })
  })

  test('§8.1 one key holds at most 1 MB', () => {
    const fake = createFakeWx()
    expect(() => fake.wx.setStorageSync('big', 'x'.repeat(1024 * 1024 + 1))).toThrow(/size limit/)
  })

  test('§8.5 getAccountInfoSync says which build runs; envVersion only from 2.10.0', () => {
    const info = (env: Partial<Environment>) => createFakeWx(env).wx.getAccountInfoSync().miniProgram
    expect(info({}).envVersion).toBe('release')
    expect(info({ envVersion: 'trial' })).toMatchObject({ envVersion: 'trial', version: '' })
    expect(info({ envVersion: 'develop', sdkVersion: '2.9.4' })).not.toHaveProperty('envVersion')
    expect(createFakeWx({ sdkVersion: '2.2.1' }).wx.getAccountInfoSync).toBeUndefined()
  })

  test('§8.1 all keys together hold at most 10 MB: a write past it fails and changes nothing', () => {
    const fake = createFakeWx()
    const nearlyOneMb = 'x'.repeat(1000 * 1000)
    for (let i = 0; i < 10; i++) fake.wx.setStorageSync(`k${i}`, nearlyOneMb)
    expect(() => fake.wx.setStorageSync('k10', nearlyOneMb)).toThrow(/exceed storage max size 10MB/)
    expect(fake.wx.getStorageSync('k10')).toBe('')
    // Writing a key over counts its new size only; removing one makes room.
    fake.wx.setStorageSync('k0', nearlyOneMb)
    fake.wx.removeStorageSync('k0')
    fake.wx.setStorageSync('k10', nearlyOneMb)
  })

  test('§8.1 getStorageInfoSync lists the keys, with the size used and the limit in KB', () => {
    const fake = createFakeWx({ storage: { before: 'x'.repeat(2000) } })
    fake.wx.setStorageSync('k', { a: 'y'.repeat(1000) })
    expect(fake.wx.getStorageInfoSync()).toEqual({ keys: ['before', 'k'], currentSize: 3, limitSize: 10240 })
    fake.wx.removeStorageSync('before')
    expect(fake.wx.getStorageInfoSync()).toEqual({ keys: ['k'], currentSize: 1, limitSize: 10240 })
  })

  test('§8.1 the 10 MB counts every key exactly: a write that fills it to the byte passes, one byte more fails', () => {
    // Each key takes its name and its value as JSON (a string's two quotes too): ten keys of 1,000,000 bytes,
    // the first stored before launch, then one key that makes 10 MB to the byte.
    const tenth = (key: string) => 'x'.repeat(1_000_000 - key.length - 2)
    const fake = createFakeWx({ storage: { k0: tenth('k0') } })
    for (let i = 1; i < 10; i++) fake.wx.setStorageSync(`k${i}`, tenth(`k${i}`))
    const rest = 10 * 1024 * 1024 - 10_000_000
    const last = 'x'.repeat(rest - 'last'.length - 2)
    expect(() => fake.wx.setStorageSync('last', last + 'x')).toThrow(/exceed storage max size 10MB/)
    fake.wx.setStorageSync('last', last)
    expect(fake.wx.getStorageSync('last')).toBe(last)
    // A key written again counts with its new value; one changed by other means (a test's own) counts as it is now.
    expect(() => fake.wx.setStorageSync('k1', tenth('k1') + 'x')).toThrow(/exceed storage/)
    fake.wx.setStorageSync('k1', tenth('k1').slice(1))
    fake.wx.setStorageSync('last', last + 'x')
    fake.env.storage.k2 = tenth('k2') + 'x'
    expect(() => fake.wx.setStorageSync('k3', tenth('k3'))).toThrow(/exceed storage/)
    fake.wx.removeStorageSync('k2')
    fake.wx.setStorageSync('k3', tenth('k3'))
  })

  test('§8.2 network type and its changes', async () => {
    const fake = createFakeWx({ network: '4g' })
    expect((await call(fake, 'getNetworkType')).res.networkType).toBe('4g')
    const seen: unknown[] = []
    fake.wx.onNetworkStatusChange((res) => seen.push(res.networkType))
    fake.storage.setNetwork('none')
    expect(seen).toEqual(['none'])
  })

  test("§8.6 the phone's theme reaches a mini program that declares darkmode, and so do its changes", () => {
    const fake = createFakeWx({ theme: 'dark' })
    expect(fake.wx.getAppBaseInfo().theme).toBeUndefined()
    fake.darkmode = true
    expect(fake.wx.getAppBaseInfo().theme).toBe('dark')
    const seen: string[] = []
    const listener = (res: { theme: string }) => seen.push(res.theme)
    fake.wx.onThemeChange(listener)
    fake.runtime.setTheme('light')
    expect(fake.wx.getAppBaseInfo().theme).toBe('light')
    fake.wx.offThemeChange(listener)
    fake.runtime.setTheme('dark')
    expect(seen).toEqual(['light'])
    expect(createFakeWx({ sdkVersion: '2.10.4' }).wx.onThemeChange).toBeUndefined()
  })

  test('§8.6 without darkmode, a change of theme is not reported', () => {
    const fake = createFakeWx()
    const seen: string[] = []
    fake.wx.onThemeChange((res) => seen.push(res.theme))
    fake.runtime.setTheme('dark')
    expect(seen).toEqual([])
  })
})

describe('scripted failures', () => {
  test('any API can be made to fail outright: callback APIs through fail, sync ones by throwing', async () => {
    const fake = createFakeWx(
      {
        failures: {
          authorize: { errMsg: 'authorize:fail system busy' },
          getStorageSync: { errMsg: 'getStorageSync:fail' },
        },
      },
      { popups: { 'scope.record': ['allow'] } },
    )
    expect(await call(fake, 'authorize', { scope: 'scope.record' })).toMatchObject({
      ok: false,
      res: { errMsg: 'authorize:fail system busy' },
    })
    expect(fake.scopes.popupsShown).toEqual([])
    expect(() => fake.wx.getStorageSync('k')).toThrow('getStorageSync:fail')
  })
})

describe('§8.7 pickers', () => {
  test('§8.7 a date or time picker gives its own text within start..end; a selector gives an index into its range', () => {
    const fake = createFakeWx()
    const date = { mode: 'date', start: '2026-12-07', end: '2027-02-05' }
    expect(fake.ui.pickerChange(date, '2026-12-08')).toEqual({ value: '2026-12-08' })
    expect(fake.ui.pickerChange({ mode: 'time' }, '15:00')).toEqual({ value: '15:00' })
    expect(fake.ui.pickerChange({ mode: 'selector', range: ['a', 'b'] }, 1)).toEqual({ value: 1 })
    expect(fake.ui.pickerChange({ range: ['a', 'b'] }, 0)).toEqual({ value: 0 })
    expect(fake.problems).toEqual([])
  })

  test.each([
    ['a day before start', { mode: 'date', start: '2026-12-07', end: '2027-02-05' }, '2026-12-06'],
    ['a day after end', { mode: 'date', start: '2026-12-07', end: '2027-02-05' }, '2027-02-06'],
    ['a date in another format', { mode: 'date' }, '2026/12/08'],
    ['a time with seconds', { mode: 'time' }, '15:00:00'],
    ['an index past the range', { mode: 'selector', range: ['a', 'b'] }, 2],
    ['an index as text', { mode: 'selector', range: ['a', 'b'] }, '1'],
    ['a mode not modelled', { mode: 'region' }, '广东省'],
  ])('§8.7 a picker cannot give %s: the test fails', (_what, picker, value) => {
    const fake = createFakeWx()
    expect(() => fake.ui.pickerChange(picker, value)).toThrow()
  })
})
