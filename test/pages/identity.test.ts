// Who I am, without typing (docs/platform.md §5–§6): the openid from WeChat Cloud's whoami function, the
// avatar and nickname from WeChat's own controls, and every failure explained with nothing saved lost.
import type { Environment, ScriptedUser } from '../../wechat-model'
import { FakeCloud } from '../../wechat-model'
import { launch, LaunchedApp } from '../harness/app'
import { PageHandle, settle, useFakeClock, useRealClock, wait } from '../harness/page'
import { CLOUD_CONFIG } from '../harness/phones'
import { CALL_RESULT_WORDS, openDevOptions, openMyPage } from '../harness/screens'
import { ALICE, GRANTED, ME, STORAGE_KEY, stored } from '../fixtures'

const PICTURE = 'wxfile://tmp_avatar_1.png'

async function openWithCloud(
  env: Partial<Environment> = {},
  user: Partial<ScriptedUser> = {},
  cloud = new FakeCloud(),
) {
  // Past the walkthrough: home is the contacts page, not a detour to it.
  const app = await launch({ openid: ME.openid, authSetting: GRANTED, ...env }, user, { config: CLOUD_CONFIG, cloud })
  const home = await app.open('contacts')
  // A returning person's profile is on their own page, one tap from home.
  const page = home.exists('#open-me') ? await openMyPage(app) : home
  return { app, page, cloud }
}

const savedProfile = (app: LaunchedApp) =>
  (app.fake.env.storage[STORAGE_KEY] as { profile: Record<string, unknown> } | undefined)?.profile

async function fillProfile(page: PageHandle, nickname: string, pickAvatar = true) {
  if (pickAvatar) page.tap('#me-avatar')
  page.input('#me-nickname', nickname)
  page.tap('#me-save')
  await settle()
}

describe('my openid comes from WeChat Cloud', () => {
  test('first launch: wx.cloud.init once, whoami, and the openid kept on the device; no openid field anywhere', async () => {
    const { app, page } = await openWithCloud({ envVersion: 'develop' })
    expect(app.fake.trace(['cloud'])).toEqual([`cloud.init(${CLOUD_CONFIG.cloudEnv})`, 'cloud.callFunction(whoami)'])
    expect(app.fake.calls.find((c) => c.api === 'cloud.init')?.args).toEqual({
      env: CLOUD_CONFIG.cloudEnv,
      traceUser: true,
    })
    expect(app.store.profile.openid).toBe(ME.openid)
    expect(savedProfile(app)).toEqual({ openid: ME.openid, nickname: '' })
    await openDevOptions(page)
    expect(page.exists('#me-openid')).toBe(false)
  })

  test('a relaunch asks no more; an openid missing from the device is fetched again', async () => {
    const { app } = await openWithCloud()
    const again = await launch({ openid: ME.openid, storage: app.fake.env.storage }, {}, { config: CLOUD_CONFIG })
    await again.open('contacts')
    expect(again.fake.trace(['cloud'])).toEqual([`cloud.init(${CLOUD_CONFIG.cloudEnv})`])
    const lost = await launch(
      { openid: ME.openid, storage: stored({ profile: { nickname: ME.nickname } }) },
      {},
      { config: CLOUD_CONFIG },
    )
    await lost.open('contacts')
    expect(lost.fake.trace(['cloud'])).toContain('cloud.callFunction(whoami)')
    expect(lost.store.profile.me).toEqual(ME)
  })

  test.each([
    ['no network', { network: 'none' as const }, (cloud: FakeCloud) => cloud, '网络未连接'],
    ['a wrong environment id', {}, (cloud: FakeCloud) => cloud.envs.clear(), '错误码 -501005'],
    ['whoami never uploaded', {}, (cloud: FakeCloud) => cloud.missing.add('whoami'), '错误码 -501000'],
    [
      'no WeChat Cloud for this mini program: nothing initialised',
      { cloudEnabled: false },
      (cloud: FakeCloud) => cloud,
      '错误码 -1',
    ],
  ])('%s: a clear message and #whoami-retry, and nothing saved is lost', async (_name, env, breakIt, words) => {
    const cloud = new FakeCloud()
    breakIt(cloud)
    const storage = stored({ profile: { nickname: ME.nickname }, contacts: [ALICE] })
    const { app, page } = await openWithCloud({ storage: JSON.parse(JSON.stringify(storage)), ...env }, {}, cloud)
    expect(page.text('#whoami-error-text')).toContain(words)
    expect(page.exists('#whoami-retry')).toBe(true)
    expect(app.fake.env.storage).toEqual(storage)
    page.tap('#whoami-retry')
    await settle()
    expect(page.text('#whoami-error-text')).toContain(words)
    expect(app.fake.count('cloud.callFunction')).toBe(2)
  })

  test('once the cause is gone, #whoami-retry brings the identity', async () => {
    const cloud = new FakeCloud()
    cloud.missing.add('whoami')
    const { app, page } = await openWithCloud({ storage: stored({ profile: { nickname: ME.nickname } }) }, {}, cloud)
    cloud.missing.clear()
    page.tap('#whoami-retry')
    await settle()
    expect(page.exists('#whoami-error')).toBe(false)
    expect(app.store.profile.me).toEqual(ME)
  })

  test('whoami taking longer than its limit: a timeout message and a retry', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] })
    try {
      const cloud = new FakeCloud()
      cloud.slow = true
      const app = await launch({ openid: ME.openid, authSetting: GRANTED }, {}, { config: CLOUD_CONFIG, cloud })
      const page = await app.open('contacts')
      await jest.advanceTimersByTimeAsync(3100)
      await settle()
      expect(page.text('#whoami-error-text')).toContain('超时')
      expect(page.exists('#whoami-retry')).toBe(true)
    } finally {
      jest.useRealTimers()
    }
  })

  test.each([
    ['whoami', { config: CLOUD_CONFIG, hold: true }],
    ['the login server', { config: { loginEndpoint: 'https://duet.example/login' }, hold: false }],
  ])('%s never answering: after 10 s a timeout message and a retry, never "fetching" for ever', async (_name, way) => {
    useFakeClock()
    try {
      const cloud = new FakeCloud()
      if (way.hold) cloud.hold('whoami')
      const env = { openid: ME.openid, authSetting: GRANTED, loginServer: 'no-answer' as const }
      const app = await launch(env, {}, { config: way.config, cloud })
      const page = await app.open('contacts')
      await wait(9.9)
      expect(page.exists('#whoami-fetching')).toBe(true)
      await wait(0.2)
      expect(page.exists('#whoami-fetching')).toBe(false)
      expect(page.text('#whoami-error-text')).toBe('向微信确认你的身份时超时了，请重试。')
      expect(page.exists('#whoami-retry')).toBe(true)
    } finally {
      useRealClock()
    }
  })

  test('an answer that is not an openid is refused, and nothing is kept', async () => {
    const { app, page } = await openWithCloud({ openid: '<script>alert(1)</script>' })
    expect(page.text('#whoami-error-text')).toBe('服务返回的身份信息无效，已忽略。请稍后重试。')
    expect(app.store.profile.openid).toBeNull()
    expect(app.fake.env.storage[STORAGE_KEY]).toBeUndefined()
  })

  test('a call stopped for want of an identity offers #whoami-retry on the dial page too', async () => {
    const storage = stored({ profile: { nickname: ME.nickname }, contacts: [ALICE] })
    const cloud = new FakeCloud()
    cloud.missing.add('whoami')
    const app = await launch({ openid: ME.openid, authSetting: GRANTED, storage }, {}, { config: CLOUD_CONFIG, cloud })
    const page = await app.open('dial', { openid: ALICE.openid })
    page.tap('#call')
    await settle()
    expect(page.text('#call-error')).toBe('还没能从微信确认你的身份，暂时无法呼叫。')
    expect(page.text('#whoami-error-text')).toContain('-501000')
    expect(app.fake.count('join1v1Chat')).toBe(0)
    cloud.missing.clear()
    await page.press('#whoami-retry')
    expect(page.exists('#call-error')).toBe(false)
    await page.press('#call')
    expect(app.fake.count('join1v1Chat')).toBe(1)
  })
})

describe('a call while WeChat Cloud is still answering who I am', () => {
  const storage = () => stored({ profile: { nickname: ME.nickname }, contacts: [ALICE] })

  test('a call tapped while whoami is running waits for its answer, then goes on', async () => {
    const cloud = new FakeCloud()
    cloud.hold('whoami')
    const app = await launch(
      { openid: ME.openid, authSetting: GRANTED, storage: storage() },
      {},
      { config: CLOUD_CONFIG, cloud },
    )
    const dial = await app.open('dial', { openid: ALICE.openid })
    await dial.press('#call')
    expect(dial.exists('#call-error')).toBe(false)
    cloud.answerHeld('whoami')
    await settle(10)
    expect(app.fake.count('cloud.callFunction')).toBe(1)
    expect(app.fake.count('join1v1Chat')).toBe(1)
    expect(dial.text('#call-notice')).toBe(CALL_RESULT_WORDS.placed)
  })

  test('asking again while whoami is running gets the same answer, with no second call', async () => {
    const cloud = new FakeCloud()
    cloud.hold('whoami')
    const { app, page } = await openWithCloud({ storage: storage() }, {}, cloud)
    expect(page.exists('#whoami-fetching')).toBe(true)
    const retried = app.store.profile.fetchIdentity()
    cloud.answerHeld('whoami')
    expect(await retried).toBe(true)
    expect(app.fake.count('cloud.callFunction')).toBe(1)
  })

  test('a call stopped for want of an identity goes on once the profile card brings it', async () => {
    const cloud = new FakeCloud()
    cloud.missing.add('whoami')
    const { app, page } = await openWithCloud({ storage: storage() }, {}, cloud)
    const dial = await app.open('dial', { openid: ALICE.openid })
    await dial.press('#call')
    expect(dial.text('#call-error')).toBe('还没能从微信确认你的身份，暂时无法呼叫。')
    cloud.missing.clear()
    // Back on the contacts page, the person retries there; the dial page's problem is gone when they return.
    await page.press('#whoami-retry')
    expect(app.store.profile.openid).toBe(ME.openid)
    expect(dial.exists('#call-error')).toBe(false)
    await dial.press('#call')
    expect(app.fake.count('join1v1Chat')).toBe(1)
  })
})

describe('with no backend: a developer types the openid', () => {
  const NEEDS_OPENID = '昵称已保存。这个版本无法从微信获取身份：请在“我的 openid”中填写（开发者选项），再点一次“保存”。'

  async function savesNicknameThenOpenid(app: LaunchedApp, page: PageHandle) {
    expect(page.exists('#me-openid')).toBe(false)
    page.input('#me-nickname', ME.nickname)
    await page.press('#me-save')
    expect(page.exists('#me-error')).toBe(false)
    expect(page.text('#me-saved')).toBe(NEEDS_OPENID)
    expect(savedProfile(app)).toEqual({ openid: null, nickname: ME.nickname })
    // The card itself now offers the field it needs.
    page.input('#me-openid', ME.openid)
    await page.press('#me-save')
    expect(savedProfile(app)).toEqual(ME)
  }

  test('on contacts with 开发者选项 closed, the nickname is saved and the openid field offered', async () => {
    const app = await launch({ authSetting: GRANTED })
    const page = await app.open('contacts')
    await savesNicknameThenOpenid(app, page)
    expect(page.text('#me-saved')).toBe('已保存')
  })

  test('on an invitation, a new person saves a nickname, then the openid, and can call back', async () => {
    const app = await launch({ authSetting: GRANTED })
    const invite = await app.openUrl(
      `/pages/invite/index?from=${ALICE.openid}&name=${encodeURIComponent(ALICE.nickname)}&mode=voice&at=${Date.now()}`,
    )
    expect(invite.isDisabled('#callback')).toBe(true)
    await savesNicknameThenOpenid(app, invite)
    // With a whole profile the card steps aside, and calling back is the one thing left to do.
    expect(invite.exists('#profile')).toBe(false)
    expect(invite.isDisabled('#callback')).toBe(false)
  })
})

describe("avatar and nickname with WeChat's own controls (§6)", () => {
  test('with the cloud: the avatar is uploaded under my openid, and its https URL is saved, shared and called with', async () => {
    const { app, page, cloud } = await openWithCloud({ authSetting: GRANTED }, { avatars: [PICTURE] })
    await fillProfile(page, ME.nickname)
    const [upload] = app.fake.calls.filter((c) => c.api === 'cloud.uploadFile')
    expect(upload.args).toMatchObject({
      filePath: PICTURE,
      cloudPath: expect.stringMatching(new RegExp(`^avatars/${ME.openid}/\\d+\\.png$`)),
    })
    const avatarUrl = app.store.profile.avatarUrl
    expect(avatarUrl).toMatch(/^https:\/\/.+\/avatars\/oMe_000000000000000001\/\d+\.png$/)
    expect(cloud.files.size).toBe(1)
    expect(savedProfile(app)).toEqual({ openid: ME.openid, nickname: ME.nickname, avatarUrl })
    expect(page.text('#me-saved')).toBe('已保存')
    const card = page.hook<{ path: string }>('onShareAppMessage', { from: 'button' })
    expect(card.path).toContain(`avatar=${encodeURIComponent(avatarUrl as string)}`)
  })

  test('without the cloud: the avatar stays on this phone, and no headImage or avatar leaves it', async () => {
    const app = await launch(
      { authSetting: GRANTED, storage: stored({ profile: { openid: ME.openid }, contacts: [ALICE] }) },
      { avatars: [PICTURE] },
    )
    const page = await app.open('contacts')
    await fillProfile(page, ME.nickname)
    expect(savedProfile(app)).toEqual({ ...ME, localAvatar: PICTURE })
    expect(app.fake.count('cloud.uploadFile')).toBe(0)
    expect(page.hook<{ path: string }>('onShareAppMessage', { from: 'button' }).path).not.toContain('avatar=')
    const dial = await app.open('dial', { openid: ALICE.openid })
    dial.tap('#call')
    await settle()
    const join = app.fake.calls.find((c) => c.api === 'join1v1Chat')?.args as { caller: Record<string, unknown> }
    expect(join.caller).toEqual(ME)
  })

  test.each([
    ['an upload that fails', (cloud: FakeCloud, broken: boolean) => (cloud.uploadsFail = broken)],
    [
      'a URL whose row says it failed',
      (cloud: FakeCloud, broken: boolean) => (cloud.fileUrls = broken ? 'failed' : 'https'),
    ],
    ['a URL that is not https', (cloud: FakeCloud, broken: boolean) => (cloud.fileUrls = broken ? 'http' : 'https')],
  ])(
    '%s: the rest is saved, the person told, the old avatar kept; saving again tries again',
    async (_name, setBroken) => {
      const cloud = new FakeCloud()
      const storage = stored({
        profile: { openid: ME.openid, nickname: '旧名字', avatarUrl: 'https://old.example/a.png' },
      })
      const { app, page } = await openWithCloud({ storage }, { avatars: [PICTURE] }, cloud)
      setBroken(cloud, true)
      await fillProfile(page, ME.nickname)
      expect(page.text('#me-saved')).toContain('新头像没有上传成功')
      expect(savedProfile(app)).toEqual({
        openid: ME.openid,
        nickname: ME.nickname,
        avatarUrl: 'https://old.example/a.png',
      })
      setBroken(cloud, false)
      page.tap('#me-save')
      await settle()
      expect(page.text('#me-saved')).toBe('已保存')
      expect(app.store.profile.avatarUrl).toMatch(/^https:\/\/.+\/avatars\//)
    },
  )

  test('with no identity from WeChat yet, a chosen avatar waits: no upload, the person told why, with #whoami-retry', async () => {
    const cloud = new FakeCloud()
    cloud.missing.add('whoami')
    const { app, page } = await openWithCloud({}, { avatars: [PICTURE] }, cloud)
    await fillProfile(page, ME.nickname)
    expect(app.fake.count('cloud.uploadFile')).toBe(0)
    expect(page.text('#me-saved')).toBe(
      '昵称已保存。还没能从微信确认你的身份，头像暂时无法上传：点“重试”，确认后再点一次“保存”。',
    )
    expect(savedProfile(app)).toEqual({ openid: null, nickname: ME.nickname })
    cloud.missing.clear()
    await page.press('#whoami-retry')
    await page.press('#me-save')
    expect(page.text('#me-saved')).toBe('已保存')
    expect(app.fake.count('cloud.uploadFile')).toBe(1)
  })

  test('a save while whoami is still running waits for its answer, then uploads the avatar', async () => {
    const cloud = new FakeCloud()
    cloud.hold('whoami')
    const { app, page } = await openWithCloud({}, { avatars: [PICTURE] }, cloud)
    await fillProfile(page, ME.nickname)
    cloud.answerHeld('whoami')
    await settle(10)
    expect(page.text('#me-saved')).toBe('已保存')
    expect(savedProfile(app)).toEqual({ ...ME, avatarUrl: expect.stringMatching(/^https:\/\//) })
  })

  test("a nickname WeChat's content check empties gets a message, and the saved nickname stays", async () => {
    const storage = stored({ profile: { openid: ME.openid, nickname: ME.nickname } })
    const { app, page } = await openWithCloud({ storage }, { nicknameRejected: true })
    await fillProfile(page, '不合适的名字', false)
    expect(page.text('#me-error')).toBe('这个昵称没有通过微信的内容检查，请换一个。')
    expect(savedProfile(app)).toEqual({ openid: ME.openid, nickname: ME.nickname })
  })

  test('a picture the content check rejects changes nothing', async () => {
    const { app, page } = await openWithCloud({}, { avatars: ['rejected'] })
    page.tap('#me-avatar')
    await settle()
    expect(app.store.profile.pickedAvatar).toBeNull()
    expect(page.exists('.avatar--initial')).toBe(true)
  })

  test("a card carries the sender's avatar; accepting it makes the contact's avatar their headImage when I call", async () => {
    const avatar = 'https://6475-duet-test.tcb.qcloud.la/avatars/oAlice/1.png'
    const app = await launch({ authSetting: GRANTED, storage: stored({ profile: ME }) })
    const page = await app.open('contacts', {
      openid: ALICE.openid,
      nickname: encodeURIComponent(ALICE.nickname),
      avatar: encodeURIComponent(avatar),
    })
    page.tap('#share-accept')
    await settle()
    expect(app.store.contacts.find(ALICE.openid)?.avatarUrl).toBe(avatar)
    const dial = await app.open('dial', { openid: ALICE.openid })
    dial.tap('#call')
    await settle()
    const join = app.fake.calls.find((c) => c.api === 'join1v1Chat')?.args as { listener: Record<string, unknown> }
    expect(join.listener).toEqual({ openid: ALICE.openid, nickname: ALICE.nickname, headImage: avatar })
  })
})
