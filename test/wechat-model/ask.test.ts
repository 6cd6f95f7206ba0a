// The ask seam (wechat-model/ask.ts): a person at a drawn screen answers WeChat's questions when they click, and
// what follows is what a script's answer would have led to, only later.
import { call, tick } from '../../wechat-model/calling'
import { createFakeWx, FakeWx, QuestionKind, Questions } from '../../wechat-model'

interface Asked {
  kind: QuestionKind
  shows: unknown
  answer: (value: unknown) => void
}

/** A person who holds each question until the test answers it for them. */
function personAt(fake: FakeWx): Asked[] {
  const asked: Asked[] = []
  fake.person = {
    answer: <K extends QuestionKind>(kind: K, shows: Questions[K]['shows']) =>
      new Promise<Questions[K]['answer']>((resolve) => {
        asked.push({ kind, shows, answer: (value) => resolve(value as Questions[K]['answer']) })
      }),
  }
  return asked
}

const page = {
  route: 'pages/me/index',
  shareAppMessage: () => ({ title: '安娜的名片', path: '/pages/contacts/index' }),
}

test('a permission popup waits for the person, then grants what they allowed', async () => {
  const fake = createFakeWx()
  const asked = personAt(fake)
  const result = call(fake, 'authorize', { scope: 'scope.record' })
  await tick()
  expect(asked.map((a) => [a.kind, a.shows])).toEqual([['authorize', { scope: 'scope.record', combined: false }]])
  expect(fake.env.authSetting).toEqual({})
  asked[0].answer('allow')
  expect((await result).ok).toBe(true)
  expect(fake.env.authSetting).toEqual({ 'scope.record': true })
  expect(fake.problems).toEqual([])
})

test("WeChat's own privacy popup and a modal wait for the person; the modal's words are shown", async () => {
  const fake = createFakeWx({ privacyNeedsAgreement: true })
  const asked = personAt(fake)
  const authorize = call(fake, 'authorize', { scope: 'scope.record' })
  const modal = call(fake, 'showModal', { title: '无法通话', content: '对方不在线', showCancel: false })
  await tick()
  expect(asked.map((a) => a.kind)).toEqual(['privacy', 'modal'])
  expect(asked[1].shows).toEqual({
    title: '无法通话',
    content: '对方不在线',
    showCancel: false,
    confirmText: '确定',
    cancelText: '取消',
  })
  asked[1].answer('confirm')
  expect((await modal).res.confirm).toBe(true)
  asked[0].answer('refuse')
  expect((await authorize).res.errno).toBe(104)
})

test("the settings page applies the person's switches when they come back, and the button hears them then", async () => {
  const fake = createFakeWx({ authSetting: { 'scope.record': false } })
  const asked = personAt(fake)
  const later: unknown[] = []
  const returned: string[] = []
  fake.onReturnToMiniProgram(() => returned.push('back'))
  const button = { openType: 'openSetting', id: 'open', dataset: {} }
  expect(fake.ui.pressButton(button, page, (events) => later.push(...events))).toEqual([])
  expect(asked.map((a) => [a.kind, a.shows])).toEqual([['settings', { authSetting: { 'scope.record': false } }]])
  asked[0].answer({ 'scope.record': true, 'scope.camera': true })
  await tick()
  expect(later).toEqual([
    { name: 'opensetting', detail: { authSetting: { 'scope.record': true }, errMsg: 'openSetting:ok' } },
  ])
  expect(returned).toEqual(['back'])
})

test('the share sheet sends the card only when the person sends it', async () => {
  const fake = createFakeWx()
  const asked = personAt(fake)
  const button = { openType: 'share', id: 'share', dataset: {} }
  fake.ui.pressButton(button, page)
  fake.ui.pressButton(button, page)
  asked[0].answer('cancel')
  asked[1].answer('send')
  await tick()
  expect(asked.map((a) => a.shows)).toEqual([{ card: page.shareAppMessage() }, { card: page.shareAppMessage() }])
  expect(fake.ui.shared).toEqual([page.shareAppMessage()])
})

test('the avatar chooser delivers the picture the person picked', async () => {
  const fake = createFakeWx()
  const asked = personAt(fake)
  const later: unknown[] = []
  fake.ui.pressButton({ openType: 'chooseAvatar', id: 'avatar', dataset: {} }, page, (events) => later.push(...events))
  asked[0].answer('wxfile://tmp_cat.png')
  await tick()
  expect(later).toEqual([{ name: 'chooseavatar', detail: { avatarUrl: 'wxfile://tmp_cat.png' } }])
  expect(fake.ui.localFiles.has('wxfile://tmp_cat.png')).toBe(true)
})

test('a subscribe popup per template, one after another, each answer counted', async () => {
  const fake = createFakeWx()
  const asked = personAt(fake)
  fake.inTap = true
  const result = call(fake, 'requestSubscribeMessage', { tmplIds: [...fake.cloud.server.templates] })
  fake.inTap = false
  const [templateId] = [...fake.cloud.server.templates]
  expect(asked.map((a) => [a.kind, a.shows])).toEqual([['subscribe', { templateId }]])
  asked[0].answer('accept')
  expect((await result).res[templateId]).toBe('accept')
  expect(fake.cloud.server.allowance(fake.env.openid, templateId)).toBe(1)
})

test("the phone's first question for a device (iOS) holds the join until answered", async () => {
  const fake = createFakeWx({
    os: { microphone: 'not determined', camera: 'authorized' },
    authSetting: { 'scope.record': true },
  })
  const asked = personAt(fake)
  await call(fake, 'setEnable1v1Chat', { enable: true })
  const caller = { openid: 'oA', nickname: '安娜' }
  const join = call(fake, 'join1v1Chat', { roomType: 'voice', caller, listener: { openid: 'oB', nickname: '小明' } })
  await tick()
  expect(asked.map((a) => [a.kind, a.shows])).toEqual([['phonePrompt', { device: 'microphone' }]])
  asked[0].answer('deny')
  expect((await join).res.errCode).toBe(-30002)
  expect(fake.env.os.microphone).toBe('denied')
})
