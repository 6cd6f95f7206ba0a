// The dial page through the fake runtime: the message a person sees and the exact wx calls, for each
// mode × permission state × environment × join outcome that matters.
import type { Environment, ScriptedUser } from '../../wechat-model'
import { launch, LaunchedApp } from '../harness/app'
import { JOIN_TIMEOUT_MS } from '../../miniprogram/store/join'
import { PageHandle, settle, useFakeClock, useRealClock, wait } from '../harness/page'
import { CALL_RESULT_WORDS } from '../harness/screens'
import { LAUNCH, READ_ALL } from '../oracle'
import { ALICE, GRANTED, HISTORY_LIMIT, ME, savedIn, STRANGER_OPENID, stored } from '../fixtures'

type Mode = 'voice' | 'video'

interface Setup {
  env?: Partial<Environment>
  user?: Partial<ScriptedUser>
  mode?: Mode
  profile?: boolean
  openid?: string
}

async function dial({ env = {}, user = {}, mode = 'voice', profile = true, openid = ALICE.openid }: Setup = {}) {
  const storage = {
    ...stored({ profile: profile ? ME : null, contacts: [ALICE], prefs: { lastMode: mode } }),
    ...env.storage,
  }
  const app = await launch({ authSetting: GRANTED, ...env, storage }, user)
  const page = await app.open('dial', { openid })
  await settle()
  return { app, page, mark: app.fake.calls.length }
}

/** The platform calls made since `mark`. */
const since = (app: LaunchedApp, mark: number) =>
  app.fake.calls
    .slice(mark)
    .filter((c) => ['privacy', 'permission', 'call', 'system', 'network'].includes(c.category))
    .map((c) => c.summary)

async function tapCall(page: PageHandle) {
  page.tap('#call')
  await settle()
}

/** Opens the dial page as `setup` says and taps #call once; `calls` are the platform calls of that tap. */
async function dialAndTap(setup: Setup = {}) {
  const opened = await dial(setup)
  await tapCall(opened.page)
  return { ...opened, calls: since(opened.app, opened.mark) }
}

function lastJoin(app: LaunchedApp): Record<string, unknown> {
  const join = app.fake.calls.filter((c) => c.api === 'join1v1Chat').pop()
  if (!join) throw new Error('no join1v1Chat')
  return join.args as Record<string, unknown>
}

/**
 * A granted popup, as Duet follows it: a microphone grant makes Duet reachable, and consent is read again
 * after any grant (the popup may have carried it: platform doc §1.6).
 */
const GRANT_MICROPHONE = ['authorize(scope.record)', 'setEnable1v1Chat(true)', 'getPrivacySetting']
const GRANT_CAMERA = ['authorize(scope.camera)', 'getPrivacySetting']

/** A person never sees the page stuck on "calling": one free button, to call or (after a failure) to retry. */
function expectIdle(page: PageHandle) {
  const retry = page.exists('#call-retry')
  expect(page.exists('#call')).toBe(!retry)
  expect(page.isDisabled(retry ? '#call-retry' : '#call')).toBe(false)
  if (!retry) expect(page.text('#call')).toMatch(/^(语音|视频)呼叫$/)
}

describe('a phone with everything granted', () => {
  test.each(['voice', 'video'] as const)(
    '%s: enabled at launch, then exactly one join with roomType %s',
    async (mode) => {
      const { app, page, mark } = await dial({ mode })
      expect(app.fake.trace()).toEqual([...LAUNCH, 'setEnable1v1Chat(true)'])
      await tapCall(page)
      expect(since(app, mark)).toEqual([`join1v1Chat(${mode})`])
      expect(lastJoin(app)).toMatchObject({
        caller: ME,
        listener: { openid: ALICE.openid, nickname: ALICE.nickname },
        roomType: mode,
        disableSwitchVoice: false,
      })
      expect(page.text('#call-notice')).toBe(CALL_RESULT_WORDS.placed)
      expectIdle(page)
    },
  )

  test('a placed call is saved once: its record in a new chunk of calls, then the index (issue 22)', async () => {
    const { app, page, mark } = await dial()
    await tapCall(page)
    const storage = app.fake.calls.slice(mark).filter((c) => c.category === 'storage')
    expect(storage.map((c) => c.summary)).toEqual([
      expect.stringMatching(/^setStorageSync\(duet\.chunk\.\d+\)$/),
      'setStorageSync(duet.state)',
    ])
    expect(savedIn(app.fake.env.storage)?.history).toMatchObject([{ openid: ALICE.openid, outcome: 'placed' }])
  })

  test('a double tap makes one join, and the button is disabled while the attempt is in flight', async () => {
    const { app, page } = await dial({ env: { joinOutcomes: ['hang'] } })
    page.tap('#call')
    page.tap('#call')
    await settle()
    expect(page.isDisabled('#call')).toBe(true)
    page.tap('#call')
    await settle()
    expect(app.fake.count('join1v1Chat')).toBe(1)
  })

  test('a join that never answers ends with a message, not a stuck "calling"', async () => {
    useFakeClock()
    try {
      const app = await launch({
        authSetting: GRANTED,
        joinOutcomes: ['hang'],
        storage: stored({ profile: ME, contacts: [ALICE] }),
      })
      const page = await app.open('dial', { openid: ALICE.openid })
      page.tap('#call')
      await wait(JOIN_TIMEOUT_MS / 1000)
      expect(page.text('#call-error')).toBe('微信长时间没有响应，请重试。')
      expect(page.exists('#call-retry')).toBe(true)
      expectIdle(page)
    } finally {
      useRealClock()
    }
  })

  test('"forbid switching to voice" is passed to WeChat for video calls', async () => {
    const { app, page } = await dial({ mode: 'video' })
    page.change('#disable-switch-voice', true)
    await tapCall(page)
    expect(lastJoin(app)).toMatchObject({ roomType: 'video', disableSwitchVoice: true })
  })

  test('the last mode used is remembered across a relaunch', async () => {
    const { app, page } = await dial({ mode: 'voice' })
    page.tap('#mode-video')
    await settle()
    const again = await launch({ authSetting: GRANTED, storage: app.fake.env.storage })
    const page2 = await again.open('dial', { openid: ALICE.openid })
    expect(page2.attr('#mode-video', 'aria-checked')).toBe(true)
  })
})

describe('environment stops before any permission or call', () => {
  test.each([
    ['an old base library', { sdkVersion: '2.19.0' }, '当前微信版本过低'],
    ['DevTools', { platform: 'devtools' as const }, '开发者工具不支持通话，请在手机上预览或真机调试。'],
    ['no network', { network: 'none' as const }, '网络未连接，请检查网络后重试。'],
  ])('%s', async (_name, env, message) => {
    for (const mode of ['voice', 'video'] as const) {
      const { app, page, mark } = await dialAndTap({ env: { ...env, authSetting: {} }, mode })
      expect(page.text('#call-error')).toContain(message)
      expect(since(app, mark)).toEqual([])
      expect(app.fake.count('authorize') + app.fake.count('join1v1Chat') + app.fake.count('setEnable1v1Chat')).toBe(0)
      expectIdle(page)
    }
  })

  test('the network coming back lets the call through without reopening the page', async () => {
    const { app, page } = await dialAndTap({ env: { network: 'none' } })
    app.fake.storage.setNetwork('wifi')
    page.tap('#call-retry')
    await settle()
    expect(app.fake.count('join1v1Chat')).toBe(1)
  })
})

describe('what the mode needs', () => {
  test('voice with the microphone never asked: asks for it only, then calls', async () => {
    const { app, calls } = await dialAndTap({
      env: { authSetting: {} },
      user: { popups: { 'scope.record': ['allow'] } },
    })
    expect(calls).toEqual([...GRANT_MICROPHONE, 'join1v1Chat(voice)'])
    expect(app.fake.scopes.popupsShown).toEqual(['scope.record'])
  })

  test('video with nothing asked: microphone, then camera, then the call', async () => {
    const { calls } = await dialAndTap({
      mode: 'video',
      env: { authSetting: {} },
      user: { popups: { 'scope.record': ['allow'], 'scope.camera': ['allow'] } },
    })
    expect(calls).toEqual([...GRANT_MICROPHONE, ...GRANT_CAMERA, 'join1v1Chat(video)'])
  })

  test('a popup denied: no call, and a way to the settings page', async () => {
    const { page, calls } = await dialAndTap({
      mode: 'video',
      env: { authSetting: { 'scope.record': true } },
      user: { popups: { 'scope.camera': ['deny'] } },
    })
    expect(calls).toEqual(['authorize(scope.camera)', 'getSetting'])
    expect(page.text('#call-error')).toContain('摄像头权限已关闭')
    expect(page.exists('#fix-permissions')).toBe(true)
  })

  test.each([
    ['voice', { 'scope.record': false, 'scope.camera': true }, '麦克风权限已关闭'],
    ['video', { 'scope.record': true, 'scope.camera': false }, '摄像头权限已关闭'],
    ['video', { 'scope.record': false, 'scope.camera': false }, '麦克风和摄像头权限已关闭'],
  ] as const)('%s with %j: no wx.authorize, straight to #fix-permissions', async (mode, authSetting, message) => {
    const { page, calls } = await dialAndTap({ mode, env: { authSetting } })
    expect(calls).toEqual([])
    expect(page.text('#call-error')).toContain(message)
    expect(page.exists('#fix-permissions')).toBe(true)
  })

  test('voice needs no camera: a denied camera does not stop it', async () => {
    const { app } = await dialAndTap({ env: { authSetting: { 'scope.record': true, 'scope.camera': false } } })
    expect(app.fake.count('join1v1Chat')).toBe(1)
  })

  test('#fix-permissions opens the settings page from the tap; coming back re-checks and the call goes through', async () => {
    const { app, page } = await dialAndTap({
      env: { authSetting: { 'scope.record': false } },
      user: { settingsPage: { 'scope.record': true } },
    })
    const mark = app.fake.calls.length
    page.tap('#fix-permissions')
    await settle()
    expect(since(app, mark)).toEqual(['openSetting(button)', 'setEnable1v1Chat(true)', ...READ_ALL])
    expect(page.exists('#call-error')).toBe(false)
    await tapCall(page)
    expect(app.fake.count('join1v1Chat')).toBe(1)
  })

  test("WeChat lacks the phone's microphone: the phone's settings, then the call", async () => {
    const { app, page, mark } = await dialAndTap({
      env: { os: { microphone: 'denied', camera: 'authorized' } },
      user: { phoneSettings: { microphone: 'authorized' } },
    })
    expect(page.text('#call-error')).toContain('手机没有允许微信使用麦克风')
    expect(since(app, mark)).toEqual([])
    page.tap('#open-app-settings')
    await settle()
    expect(page.exists('#call-error')).toBe(false)
    await tapCall(page)
    expect(app.fake.count('join1v1Chat')).toBe(1)
  })

  test.each([
    ['voice', { microphone: 'deny', camera: 'allow' }, -30002, '手机没有允许微信使用麦克风'],
    ['video', { microphone: 'allow', camera: 'deny' }, -30001, '手机没有允许微信使用摄像头'],
  ] as const)(
    "iOS, %s: the person refuses the phone's own prompt at the call (%j): WeChat's %i, and the phone's settings",
    async (mode, phonePrompt, errCode, message) => {
      const notDetermined = { microphone: 'not determined', camera: 'not determined' } as const
      const { app, page } = await dialAndTap({
        mode,
        env: { platform: 'ios', os: notDetermined },
        user: { phonePrompt },
      })
      expect(app.fake.count('join1v1Chat')).toBe(1)
      expect(page.text('#call-error')).toContain(message)
      expect(page.text('#call-error-code')).toBe(`错误码 ${errCode}`)
      expect(page.exists('#open-app-settings')).toBe(true)
      expect(page.text('.history-item__outcome')).toBe('未接通：你的手机没有允许微信使用麦克风或摄像头')
    },
  )

  test("the camera's phone permission matters for video only", async () => {
    const env = { os: { microphone: 'authorized' as const, camera: 'denied' as const } }
    const voice = await dial({ env })
    await tapCall(voice.page)
    expect(voice.app.fake.count('join1v1Chat')).toBe(1)
    const video = await dial({ env, mode: 'video' })
    await tapCall(video.page)
    expect(video.page.text('#call-error')).toContain('手机没有允许微信使用摄像头')
    expect(video.app.fake.count('join1v1Chat')).toBe(0)
  })

  test('privacy not agreed: the consent card on the dial page, and agreeing continues the call', async () => {
    const { app, page } = await dialAndTap({
      env: { privacyNeedsAgreement: true, authSetting: {} },
      user: { popups: { 'scope.record': ['allow'] } },
    })
    expect(page.text('#call-error')).toBe('需要先同意隐私保护指引，才能使用麦克风和摄像头。')
    expect(app.fake.count('authorize')).toBe(0)
    page.tap('#privacy-agree')
    await settle()
    expect(app.fake.trace().slice(-4)).toEqual([...GRANT_MICROPHONE, 'join1v1Chat(voice)'])
  })
})

describe('the voice call WeChat answers with -30004 (it wants the camera too)', () => {
  test('explains, asks for the camera, and retries once', async () => {
    const { page, calls } = await dialAndTap({
      env: { authSetting: { 'scope.record': true }, voiceCallNeedsCamera: true },
      user: { popups: { 'scope.camera': ['allow'] } },
    })
    expect(calls).toEqual(['join1v1Chat(voice)', 'getSetting', ...GRANT_CAMERA, 'join1v1Chat(voice)'])
    expect(page.text('#call-notice')).toBe(CALL_RESULT_WORDS.placed)
  })

  test('camera refused: the reason and the way to the settings page, and no second join', async () => {
    const { app, page } = await dialAndTap({
      env: { authSetting: { 'scope.record': true }, voiceCallNeedsCamera: true },
      user: { popups: { 'scope.camera': ['deny'] } },
    })
    expect(app.fake.count('join1v1Chat')).toBe(1)
    expect(page.text('#call-notice')).toBe('微信要求语音通话也开启摄像头权限。')
    expect(page.text('#call-error')).toContain('摄像头权限已关闭')
    expect(page.exists('#fix-permissions')).toBe(true)
  })

  test('camera denied before: no popup, straight to the settings page', async () => {
    const { app, page } = await dialAndTap({
      env: { authSetting: { 'scope.record': true, 'scope.camera': false }, voiceCallNeedsCamera: true },
    })
    expect(app.fake.count('authorize')).toBe(0)
    expect(page.exists('#fix-permissions')).toBe(true)
  })

  test('retries once only', async () => {
    const { app, page } = await dialAndTap({
      env: { joinOutcomes: [{ errCode: -30004 }, { errCode: -30004 }, 'place'] },
    })
    expect(app.fake.count('join1v1Chat')).toBe(2)
    expect(page.text('#call-error')).toContain('摄像头权限已关闭')
  })
})

describe('every join1v1Chat failure has a message and a way out', () => {
  // WeChat's code, the message, the way out, and the history's words (the code itself in its details line).
  const rows: Array<[number, string, string | null, string]> = [
    [-20000, '还没有开通双人通话功能', null, '小程序还没有开通通话功能'],
    [-20001, '这台手机不支持小程序通话', null, '这台手机不支持小程序通话'],
    [-20002, '你已经在通话中', null, '你已经在通话中'],
    [-20003, '另一个小程序正在通话', '#call-retry', '另一个小程序正在通话'],
    [-30000, '微信出现系统错误', '#call-retry', '微信出现系统错误'],
    [-30001, '手机没有允许微信使用摄像头', '#open-app-settings', '你的手机没有允许微信使用麦克风或摄像头'],
    [-30002, '手机没有允许微信使用麦克风', '#open-app-settings', '你的手机没有允许微信使用麦克风或摄像头'],
    [-30003, '麦克风权限已关闭', '#fix-permissions', '没有允许 Duet 使用麦克风或摄像头'],
    [-30004, '摄像头权限已关闭', '#fix-permissions', '没有允许 Duet 使用麦克风或摄像头'],
    [-1, '上一通电话可能还没有完全结束', '#call-retry', '上一通电话还没有完全结束'],
    [-2, '麦克风正被其他通话占用', '#call-retry', '麦克风正被其他通话占用'],
    [-1000, '微信出现系统错误', '#call-retry', '微信出现系统错误'],
    [-424242, '通话失败，请稍后重试。', '#call-retry', '原因不明'],
  ]
  const WAYS = ['#call-retry', '#open-app-settings', '#fix-permissions', '#edit-profile']

  test.each(rows)('%i (video)', async (errCode, message, way, words) => {
    const { app, page } = await dialAndTap({ mode: 'video', env: { joinOutcomes: [{ errCode }] } })
    expect(page.text('#call-error')).toContain(message)
    expect(page.text('#call-error')).not.toMatch(/\d/)
    expect(page.text('#call-error-code')).toBe(`错误码 ${errCode}`)
    for (const w of WAYS) expect([w, page.exists(w)]).toEqual([w, w === way])
    expectIdle(page)
    expect(app.fake.count('join1v1Chat')).toBe(1)
    expect(page.text('.history-item__outcome')).toBe(`未接通：${words}`)
    expect(page.text('.history-item__detail')).toMatch(
      new RegExp(`^今天 \\d\\d:\\d\\d · 视频通话 · 错误码 ${errCode}$`),
    )
  })

  test("-3 (left while joining, including one's own cancel) is a neutral note with a way to call again, not a red error", async () => {
    const { app, page } = await dialAndTap({ env: { joinOutcomes: [{ errCode: -3 }, 'place'] } })
    expect(page.exists('#call-error')).toBe(false)
    expect(page.text('#call-notice')).toContain('通话没有接通就结束了')
    expect(page.text('.history-item__outcome')).toBe('已取消')
    // Nothing went wrong that needs looking up: no code, on the note or in the history.
    expect(page.exists('#call-error-code')).toBe(false)
    expect(page.text('.history-item__detail')).not.toContain('错误码')
    page.tap('#call-retry')
    await settle()
    expect(app.fake.count('join1v1Chat')).toBe(2)
    expect(page.text('#call-notice')).toBe(CALL_RESULT_WORDS.placed)
  })

  test('a permission error re-reads the state it contradicts', async () => {
    const scopes = await dial({ env: { joinOutcomes: [{ errCode: -30003 }] } })
    await tapCall(scopes.page)
    expect(since(scopes.app, scopes.mark)).toEqual(['join1v1Chat(voice)', 'getSetting'])
    const phone = await dial({ env: { joinOutcomes: [{ errCode: -30002 }] } })
    await tapCall(phone.page)
    expect(since(phone.app, phone.mark)).toEqual([
      'join1v1Chat(voice)',
      'getAppAuthorizeSetting',
      'canIUse(join1v1Chat)',
      'getDeviceInfo',
    ])
  })

  test('retry after a passing failure', async () => {
    const { app, page } = await dialAndTap({ env: { joinOutcomes: [{ errCode: -2 }, 'place'] } })
    page.tap('#call-retry')
    await settle()
    expect(app.fake.count('join1v1Chat')).toBe(2)
    expect(page.text('#call-notice')).toBe(CALL_RESULT_WORDS.placed)
  })

  // setEnable1v1Chat's errors are a join's (§4.2): the same message and way out before a call, its code
  // given as errCode or only inside errMsg.
  test.each([
    [-20001, '这台手机不支持小程序通话', null],
    [-30001, '手机没有允许微信使用摄像头', '#open-app-settings'],
    [-30002, '手机没有允许微信使用麦克风', '#open-app-settings'],
    [-30003, '麦克风权限已关闭', '#fix-permissions'],
  ])('setEnable1v1Chat refused with %i before a call: %s, way out %s', async (errCode, message, way) => {
    for (const voipErrCodeShape of ['errCode', 'errMsg-only'] as const) {
      const { app, page, mark } = await dial({ env: { enableFailure: { errCode }, voipErrCodeShape } })
      await tapCall(page)
      expect(since(app, mark)[0]).toBe('setEnable1v1Chat(true)')
      expect(page.text('#call-error')).toContain(message)
      expect(page.text('#call-error-code')).toBe(`错误码 ${errCode}`)
      for (const w of WAYS) expect([w, page.exists(w)]).toEqual([w, w === way])
      // The way out leads, or nothing here can help: calling again is not the main action.
      expect(page.attr('#call', 'type')).toBe('default')
      expect(app.fake.count('join1v1Chat')).toBe(0)
      expectIdle(page)
    }
  })

  test('setEnable1v1Chat refused (-20000): explained, and join is never tried', async () => {
    const { app, page, mark } = await dial({ env: { adminConsole1v1: false } })
    expect(app.fake.trace()).toContain('setEnable1v1Chat(true)')
    await tapCall(page)
    expect(since(app, mark)).toEqual(['setEnable1v1Chat(true)'])
    expect(page.text('#call-error')).toContain('还没有开通双人通话功能')
    expect(app.fake.count('join1v1Chat')).toBe(0)
  })
})

describe('missing pieces', () => {
  test.each([
    ['an unknown openid', STRANGER_OPENID],
    ['no openid', ''],
  ])('%s: a clear message and a way back', async (_n, openid) => {
    const { app, page } = await dial({ openid })
    expect(page.text('#call-error')).toBe('找不到这位联系人，可能已被删除或链接有误。')
    expect(page.exists('#call')).toBe(false)
    page.tap('#back')
    await settle()
    expect(app.fake.ui.navigations).toEqual(['/pages/contacts/index'])
  })

  test('no profile: says what is missing and leads to it', async () => {
    const { app, page } = await dialAndTap({ profile: false })
    expect(page.text('#call-error')).toContain('还没有填写你的昵称')
    expect(app.fake.count('join1v1Chat')).toBe(0)
    page.tap('#edit-profile')
    await settle()
    // My page, over the call: back from it returns to the call.
    expect(app.fake.ui.navigations).toEqual(['/pages/me/index'])
    expect(app.top()?.exists('#me-nickname')).toBe(true)
    await app.back()
    expect(app.top()?.route).toBe('pages/dial/index')
  })
})

describe('call history', () => {
  test('each attempt is recorded, shown newest first for this contact, and kept across a relaunch', async () => {
    const { app, page } = await dialAndTap({ env: { joinOutcomes: [{ errCode: -2 }, 'place'] } })
    page.tap('#call-retry')
    await settle()
    expect(page.texts('.history-item__outcome')).toEqual(['已呼叫', '未接通：麦克风正被其他通话占用'])
    const again = await launch({ authSetting: GRANTED, storage: app.fake.env.storage })
    const page2 = await again.open('dial', { openid: ALICE.openid })
    expect(page2.all('.history-item').length).toBe(2)
  })

  test(`capped at the newest ${HISTORY_LIMIT}`, async () => {
    const history = Array.from({ length: HISTORY_LIMIT }, (_, i) => ({
      at: i + 1,
      openid: ALICE.openid,
      mode: 'voice',
      outcome: 'failed',
      errCode: -2,
    }))
    const { app } = await dialAndTap({ env: { storage: stored({ profile: ME, contacts: [ALICE], history }) } })
    const saved = savedIn(app.fake.env.storage)!
    expect(saved.history).toHaveLength(HISTORY_LIMIT)
    expect(saved.history[0].at).toBe(2)
    expect(saved.history[HISTORY_LIMIT - 1].outcome).toBe('placed')
  })
})

describe('being reachable', () => {
  test('"accept calls" off disables 1v1, on enables it again, and the choice survives a relaunch', async () => {
    const app = await launch({ authSetting: GRANTED })
    const page = await app.open('me')
    await settle()
    page.change('#accept-calls', false)
    await settle()
    page.change('#accept-calls', true)
    await settle()
    page.change('#accept-calls', false)
    await settle()
    expect(app.fake.trace(['call'])).toEqual([
      'setEnable1v1Chat(true)',
      'setEnable1v1Chat(false)',
      'setEnable1v1Chat(true)',
      'setEnable1v1Chat(false)',
    ])
    const again = await launch({ authSetting: GRANTED, storage: app.fake.env.storage })
    await again.open('contacts')
    await settle()
    expect(again.fake.count('setEnable1v1Chat')).toBe(0)
  })

  test('without the microphone nothing is enabled at launch (it would need a popup first)', async () => {
    const app = await launch({ authSetting: {} })
    await app.open('contacts')
    await settle()
    expect(app.fake.count('setEnable1v1Chat')).toBe(0)
  })
})

describe('the privacy guide changed since the person last agreed', () => {
  test('WeChat holds the call for consent; our card appears; agreeing lets the call through', async () => {
    const { app, page } = await dial()
    app.fake.env.privacyNeedsAgreement = true
    await tapCall(page)
    expect(page.exists('#privacy-agree')).toBe(true)
    expect(app.fake.voip.joins).toEqual([])
    page.tap('#privacy-agree')
    await settle()
    expect(app.fake.voip.joins).toHaveLength(1)
    expect(page.text('#call-notice')).toBe(CALL_RESULT_WORDS.placed)
  })

  test('declining ends the attempt with the privacy message, not a stuck "calling"', async () => {
    const { app, page } = await dial()
    app.fake.env.privacyNeedsAgreement = true
    await tapCall(page)
    page.tap('#privacy-decline')
    await settle()
    expect(page.text('#call-error')).toBe('需要先同意隐私保护指引，才能使用麦克风和摄像头。')
    expect(app.fake.voip.joins).toEqual([])
    expectIdle(page)
  })
})

describe('a privacy prompt left open on the dial page', () => {
  test('can be answered from the contacts page, and the call then goes on', async () => {
    const { app, page } = await dial({ env: { authSetting: {} }, user: { popups: { 'scope.record': ['allow'] } } })
    app.fake.env.privacyNeedsAgreement = true // the guide changed since the person last agreed
    await tapCall(page)
    expect(page.exists('#privacy-agree')).toBe(true)
    const contacts = await app.open('contacts')
    contacts.tap('#privacy-agree')
    await settle()
    // WeChat held the authorize for consent; once agreed, the grant goes on as any other.
    const [authorize, ...afterGrant] = GRANT_MICROPHONE
    expect(app.fake.trace().slice(-6)).toEqual([
      authorize,
      'agreePrivacyAuthorization(#privacy-agree)',
      'resolvePrivacy(agree #privacy-agree)',
      ...afterGrant,
      'join1v1Chat(voice)',
    ])
    expect(app.store.call.status).toBe('idle')
  })
})

/** Someone new grants the microphone on the walkthrough while WeChat holds the request for consent (the guide changed). */
async function privacyPromptPending(): Promise<LaunchedApp> {
  const app = await launch(
    { privacyNeedsAgreement: false },
    { popups: { 'scope.record': ['allow'], 'scope.camera': ['allow'] } },
  )
  const onboarding = await app.open('onboarding')
  app.fake.env.privacyNeedsAgreement = true
  onboarding.tap('#grant')
  await settle()
  return app
}

test('a privacy prompt pending elsewhere can be answered even on a dial page whose contact is gone', async () => {
  const app = await privacyPromptPending()
  const page = await app.open('dial', { openid: STRANGER_OPENID })
  expect(page.text('#call-error')).toBe('找不到这位联系人，可能已被删除或链接有误。')
  page.tap('#privacy-agree')
  await settle()
  expect(app.fake.scopes.popupsShown).toEqual(['scope.record', 'scope.camera'])
})

describe('what a share sends: the button says, by data-share (share-cards.ts)', () => {
  test("the page's menu sends my card and starts no wait; #invite sends an invitation and starts the wait", async () => {
    const { app, page } = await dial()
    const menu = page.hook<{ title: string; path: string }>('onShareAppMessage', { from: 'menu' })
    expect(menu.path).toMatch(/^\/pages\/contacts\/index\?/)
    expect(app.store.invitations.waiting).toBeNull()
    page.tap('#invite')
    await settle()
    expect(app.fake.ui.shared.at(-1)?.path).toMatch(/^\/pages\/invite\/index\?/)
    expect(app.store.invitations.waiting?.to.openid).toBe(ALICE.openid)
  })
})

test('beside a pending consent card, agreeing is the one primary action (store/screens: primary)', async () => {
  const app = await privacyPromptPending()
  const primaries = (page: PageHandle) =>
    page
      .all('.btn')
      .filter((b) => page.attr(b, 'type') === 'primary')
      .map((b) => String(page.attr(b, 'id')))
  // Nobody to call (#back), and no profile yet (#me-save), each led beside the card before.
  expect(primaries(await app.open('dial', { openid: STRANGER_OPENID }))).toEqual(['privacy-agree'])
  expect(primaries(await app.open('me'))).toEqual(['privacy-agree'])
})
