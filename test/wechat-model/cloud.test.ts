// Pins the fake WeChat Cloud and the ways of reaching someone to docs/platform.md §5–§7 (all (rev)): the project's real cloud functions run on the real
// wx-server-sdk under each phone's openid, with nothing reaching the network (the jest setup would fail it).
import { launch } from '../harness/app'
import { GRANTED, ME, stored } from '../fixtures'
import { call, tick, wait } from '../../wechat-model/calling'
import { createFakeWx, FakeCloud, FakeWx, TEST_CLOUD_ENV, TEST_RING_TEMPLATE } from '../../wechat-model'

const A = 'oPhoneA_000000000000001'
const B = 'oPhoneB_000000000000001'

function phone(openid: string, cloud = new FakeCloud(), env = {}, cloudEnv = TEST_CLOUD_ENV): FakeWx {
  const fake = createFakeWx({ openid, ...env }, { avatars: ['wxfile://tmp_avatar_1.png'] }, cloud)
  fake.wx.cloud.init({ env: cloudEnv, traceUser: true })
  return fake
}

/** A cloud where `name` was never uploaded. */
function cloudWithout(name: string): FakeCloud {
  const cloud = new FakeCloud()
  cloud.missing.add(name)
  return cloud
}

describe('§5 who I am, through a cloud function (rev)', () => {
  test('(rev) §5.1 §5.4 whoami answers each phone its own openid, read from the caller, not from the event', async () => {
    const cloud = new FakeCloud()
    const a = await call(phone(A, cloud), 'cloud.callFunction', { name: 'whoami', data: { openid: 'forged' } })
    const b = await call(phone(B, cloud), 'cloud.callFunction', { name: 'whoami' })
    expect([a.ok, a.res.result, b.res.result]).toEqual([true, { openid: A }, { openid: B }])
  })

  test('(rev) §5.2 before wx.cloud.init nothing reaches the cloud', async () => {
    const fake = createFakeWx({ openid: A })
    expect(await call(fake, 'cloud.callFunction', { name: 'whoami' })).toMatchObject({
      ok: false,
      res: { errCode: -1 },
    })
  })

  test.each([
    ['an environment that does not exist', () => phone(A, new FakeCloud(), {}, 'duet-gone-000000'), -501005],
    ['a function that was never uploaded', () => phone(A, cloudWithout('whoami')), -501000],
    ['no network', () => phone(A, new FakeCloud(), { network: 'none' }), -1],
  ])("(rev) §5.6 %s fails with WeChat Cloud's code", async (_name, arrange, errCode) => {
    expect(await call(arrange(), 'cloud.callFunction', { name: 'whoami' })).toMatchObject({
      ok: false,
      res: { errCode },
    })
  })

  test('(rev) §5.2 wx.cloud.init once: a second call is a mistake of the app', () => {
    const fake = phone(A)
    fake.wx.cloud.init({ env: TEST_CLOUD_ENV, traceUser: true })
    expect(fake.problems).toEqual(['wx.cloud.init was called again: once at launch is enough (§5.2)'])
    fake.problems.length = 0
  })

  test('(rev) §5.2 data and result cross as JSON, as they do on their way to the cloud and back', async () => {
    const cloud = new FakeCloud()
    const invoke = jest.spyOn(cloud, 'invoke').mockResolvedValue({ at: new Date(0), gone: undefined, n: 1 })
    const res = await call(phone(A, cloud), 'cloud.callFunction', {
      name: 'whoami',
      data: { at: new Date(0), skip: () => 1, list: [1, undefined] },
    })
    expect(invoke.mock.calls[0][1]).toEqual({ at: '1970-01-01T00:00:00.000Z', list: [1, null] })
    expect(res.res.result).toStrictEqual({ at: '1970-01-01T00:00:00.000Z', n: 1 })
  })

  test.each([
    ['callFunction with no name', 'cloud.callFunction', {}],
    ['callFunction with data that is not an object', 'cloud.callFunction', { name: 'whoami', data: 'x' }],
    ['uploadFile with no cloudPath', 'cloud.uploadFile', { filePath: 'wxfile://tmp_avatar_1.png' }],
    ['getTempFileURL with a fileList that is not an array', 'cloud.getTempFileURL', { fileList: 'cloud://x' }],
    ['getTempFileURL with an empty fileList', 'cloud.getTempFileURL', { fileList: [] }],
    ['getTempFileURL with an entry that is no fileID', 'cloud.getTempFileURL', { fileList: [42] }],
  ])('%s is a mistake of the app: it fails, and the test with it', async (_name, path, options) => {
    const fake = phone(A)
    expect(await call(fake, path, options)).toMatchObject({ ok: false })
    expect(fake.problems).toEqual([expect.stringContaining('parameter')])
    fake.problems.length = 0
  })

  test('(rev) §5.6 a function that takes longer than its limit times out after 3 s (-501002)', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] })
    try {
      const fake = phone(A)
      fake.cloud.server.slow = true
      let settled: unknown = null
      void call(fake, 'cloud.callFunction', { name: 'whoami' }).then((r) => (settled = r))
      await wait(2.9)
      expect(settled).toBeNull()
      await wait(0.2)
      expect(settled).toMatchObject({ ok: false, res: { errCode: -501002 } })
    } finally {
      jest.useRealTimers()
    }
  })

  test('a call the network swallows gets no answer, until the test lets it through', async () => {
    const cloud = new FakeCloud()
    cloud.hold('whoami')
    const answer = call(phone(A, cloud), 'cloud.callFunction', { name: 'whoami' })
    let settled = false
    void answer.then(() => (settled = true))
    await tick()
    expect(settled).toBe(false)
    cloud.answerHeld('whoami')
    expect(await answer).toMatchObject({ ok: true, res: { result: { openid: A } } })
  })

  test('(rev) §5.2 wx.cloud exists from base library 2.2.3, and init needs an environment id', () => {
    expect(createFakeWx({ sdkVersion: '2.2.2' }).wx.cloud).toBeUndefined()
    const fake = createFakeWx()
    expect(() => fake.wx.cloud.init({})).toThrow(/environment id/)
    fake.problems.length = 0
  })
})

describe('(rev) §5.3 a function calls only the server APIs its config.json declares', () => {
  const ring = { to: B, name: '安娜', mode: 'voice', templateId: TEST_RING_TEMPLATE }

  test('ring declares subscribeMessage.send: the send reaches WeChat', async () => {
    const cloud = new FakeCloud()
    cloud.allowOne(B, TEST_RING_TEMPLATE)
    const res = await call(phone(A, cloud), 'cloud.callFunction', { name: 'ring', data: ring })
    expect(res.res.result).toEqual({ ok: true })
    expect(cloud.delivered).toHaveLength(1)
  })

  test('deployed without the declaration, WeChat refuses the send (-604101) and nothing is delivered', async () => {
    const cloud = new FakeCloud()
    cloud.allowOne(B, TEST_RING_TEMPLATE)
    cloud.deployedConfig.set('ring', { permissions: { openapi: [] } })
    const res = await call(phone(A, cloud), 'cloud.callFunction', { name: 'ring', data: ring })
    expect(res.res.result).toEqual({ ok: false, reason: 'send', errCode: -604101 })
    expect(cloud.delivered).toEqual([])
    expect(cloud.openApiCalls).toEqual([])
  })
})

describe('§6 avatars (rev)', () => {
  const page = { route: 'pages/contacts/index', shareAppMessage: () => undefined }
  const chooseAvatar = (fake: FakeWx) =>
    fake.ui.pressButton({ openType: 'chooseAvatar', id: 'me-avatar', dataset: {} }, page)

  test('(rev) §6.1 the picker gives a temporary path; a picture the content check rejects fires nothing', () => {
    const fake = createFakeWx({}, { avatars: ['wxfile://tmp_a.png', 'rejected', 'cancel'] })
    expect(chooseAvatar(fake)).toEqual([{ name: 'chooseavatar', detail: { avatarUrl: 'wxfile://tmp_a.png' } }])
    expect(chooseAvatar(fake)).toEqual([])
    expect(chooseAvatar(fake)).toEqual([])
  })

  test('(rev) §6.1 a nickname the content check rejects is emptied', () => {
    expect(createFakeWx({}, { nicknameRejected: true }).ui.reviewNickname('坏名字')).toEqual({ value: '', pass: false })
    expect(createFakeWx().ui.reviewNickname('小明')).toEqual({ value: '小明', pass: true })
  })

  test('(rev) §6.2 an uploaded avatar gets a lasting https URL where anyone may read it, a ten-minute one otherwise', async () => {
    for (const avatarsPublicRead of [true, false]) {
      const fake = phone(A)
      fake.cloud.server.avatarsPublicRead = avatarsPublicRead
      chooseAvatar(fake)
      const upload = await call(fake, 'cloud.uploadFile', {
        cloudPath: `avatars/${A}.png`,
        filePath: 'wxfile://tmp_avatar_1.png',
      })
      const fileID = upload.res.fileID as string
      expect(fileID).toMatch(/^cloud:\/\//)
      const urls = await call(fake, 'cloud.getTempFileURL', { fileList: [fileID] })
      const [entry] = urls.res.fileList as Array<{ tempFileURL: string; maxAge: number }>
      expect(entry.tempFileURL).toMatch(/^https:\/\//)
      expect(entry.maxAge).toBe(avatarsPublicRead ? 0 : 600)
    }
  })

  test('(rev) §6.2 only a file on this phone can be uploaded', async () => {
    const fake = phone(A)
    const r = await call(fake, 'cloud.uploadFile', {
      cloudPath: 'avatars/x.png',
      filePath: 'wxfile://someone-elses.png',
    })
    expect(r).toMatchObject({ ok: false, res: { errCode: -401002 } })
  })
})

describe('§7.1 §7.2 reaching someone (rev)', () => {
  test('(rev) §7.1 there is no official call invitation: a placed call reaches no other phone, and no API invites one', async () => {
    const cloud = new FakeCloud()
    const listener = { where: 'outside' as const, answersAfterS: 1, hangsUpAfterS: null }
    const caller = createFakeWx({ openid: A, authSetting: GRANTED, listener }, {}, cloud)
    const callee = createFakeWx({ openid: B }, {}, cloud)
    await call(caller, 'setEnable1v1Chat', { enable: true })
    const parties = { caller: { openid: A, nickname: 'A' }, listener: { openid: B, nickname: 'B' } }
    expect((await call(caller, 'join1v1Chat', { ...parties, roomType: 'voice' })).ok).toBe(true)
    caller.voip.hangUp()
    expect([callee.calls, cloud.delivered]).toEqual([[], []])
    // WeChat's 1v1 APIs enable, place, leave and report on a call; none asks another phone to open anything.
    expect(Object.keys(caller.voip.apis()).sort()).toEqual([
      'exitVoIPChat',
      'join1v1Chat',
      'offVoIPChatInterrupted',
      'offVoIPChatMembersChanged',
      'onVoIPChatInterrupted',
      'onVoIPChatMembersChanged',
      'setEnable1v1Chat',
    ])
  })

  test("(rev) §7.2 a share card's path reaches the opened page's onLoad, its query values as they stand in the path", async () => {
    const sender = createFakeWx({ openid: A })
    const path = `/pages/contacts/index?openid=${A}&nickname=${encodeURIComponent('安娜')}`
    const page = { route: 'pages/contacts/index', shareAppMessage: () => ({ title: '安娜的名片', path }) }
    expect(sender.ui.pressButton({ openType: 'share', id: 'share-card', dataset: {} }, page)).toEqual([])
    const [card] = sender.ui.shared
    expect(card).toEqual({ title: '安娜的名片', path })
    // The friend taps the card in the chat: no server in between, the page opens with the path's query.
    const friend = await launch({ openid: B, authSetting: GRANTED, storage: stored({ profile: ME }) })
    const opened = await friend.openUrl(card.path)
    expect(opened.query).toEqual({ openid: A, nickname: '%E5%AE%89%E5%A8%9C' })
    expect(friend.store.contacts.shareOffer?.person).toEqual({ openid: A, nickname: '安娜' })
  })
})

describe('§7.3 subscribe messages (rev)', () => {
  const TEMPLATE = TEST_RING_TEMPLATE
  const request = (fake: FakeWx, tmplIds: string[] = [TEMPLATE], inTap = true) => {
    fake.inTap = inTap
    try {
      return call(fake, 'requestSubscribeMessage', { tmplIds })
    } finally {
      fake.inTap = false
    }
  }
  const send = (cloud: FakeCloud, touser: string) =>
    cloud.openApi({
      api: 'subscribeMessage.send',
      params: { touser, template_id: TEMPLATE, page: 'pages/invite/index', data: {} },
    })

  test('(rev) §7.3 only from a tap; an accept allows one message, which WeChat then delivers; the next send fails with 43101', async () => {
    const cloud = new FakeCloud()
    const fake = createFakeWx({ openid: B }, { subscribe: ['accept'] }, cloud)
    expect(await request(fake, [TEMPLATE], false)).toMatchObject({
      ok: false,
      res: { errMsg: expect.stringContaining('TAP gesture') },
    })
    expect(fake.subscribe.popupsShown).toBe(0)
    expect(await request(fake)).toMatchObject({ ok: true, res: { [TEMPLATE]: 'accept' } })
    expect(send(cloud, B)).toEqual({ errcode: 0, errmsg: 'ok' })
    expect(cloud.delivered).toHaveLength(1)
    expect(send(cloud, B)).toMatchObject({ errcode: 43101 })
  })

  test('(rev) §7.3 "总是保持" hides later popups; each request still answers, and each accept still counts one', async () => {
    const cloud = new FakeCloud()
    const fake = createFakeWx({ openid: B }, { subscribe: ['accept-always'] }, cloud)
    await request(fake)
    expect(await request(fake)).toMatchObject({ ok: true, res: { [TEMPLATE]: 'accept' } })
    expect(fake.subscribe.popupsShown).toBe(1)
    expect(cloud.allowance(B, TEMPLATE)).toBe(2)
  })

  test('(rev) §7.3 a reject allows nothing; a template the mini program does not have fails (20001)', async () => {
    const cloud = new FakeCloud()
    const fake = createFakeWx({ openid: B }, { subscribe: ['reject'] }, cloud)
    expect(await request(fake)).toMatchObject({ ok: true, res: { [TEMPLATE]: 'reject' } })
    expect(send(cloud, B)).toMatchObject({ errcode: 43101 })
    expect(await request(fake, ['not-a-template-of-ours-000'])).toMatchObject({ ok: false, res: { errCode: 20001 } })
  })

  test('(rev) §7.3 a popup the test did not script is a test bug', async () => {
    const fake = createFakeWx({ openid: B })
    await request(fake)
    expect(fake.problems).toEqual(['the subscribe popup opened but the test scripted no answer'])
    fake.problems.length = 0
  })

  test('(rev) §7.3 a message is for the person who accepted: another person gets 43101', async () => {
    const cloud = new FakeCloud()
    await request(createFakeWx({ openid: B }, { subscribe: ['accept'] }, cloud))
    expect(send(cloud, A)).toMatchObject({ errcode: 43101 })
    expect(send(cloud, B)).toMatchObject({ errcode: 0 })
  })
})
