// What becomes of a call as WeChat really behaves (docs/platform.md §4, §1.6–§1.7): placed is not answered,
// -1 and -3 after and during calls, the long wait for WeChat, and errors at enabling and at consent.
// Time moves on the app's clock (useFakeClock / wait), so a minute of ringing takes no time.
import { pageUrl } from '../../miniprogram/services/navigation'
import { invitationQuery } from '../../miniprogram/store/invitation-link'
import type { Environment, ScriptedUser } from '../../wechat-model'
import { launch, LaunchedApp } from '../harness/app'
import { PageHandle, settle, useFakeClock, useRealClock, wait } from '../harness/page'
import { CALL_RESULT_WORDS, walkthroughAt } from '../harness/screens'
import { ALICE, ANNA, GRANTED, ME, savedIn, stored } from '../fixtures'

beforeEach(useFakeClock)
afterEach(useRealClock)

async function dialAlice(env: Partial<Environment> = {}, user: Partial<ScriptedUser> = {}, mode = 'voice') {
  const storage = stored({ profile: ME, contacts: [ALICE], prefs: { lastMode: mode } })
  const app = await launch({ authSetting: GRANTED, storage, ...env }, user)
  const page = await app.open('dial', { openid: ALICE.openid })
  return { app, page }
}

async function tapCall(page: PageHandle): Promise<void> {
  page.tap('#call')
  await settle()
}

const lastOutcome = (page: PageHandle) => page.texts('.history-item__outcome')[0]
const savedHistory = (app: LaunchedApp) =>
  savedIn(app.fake.env.storage)!.history as unknown as Array<Record<string, unknown>>
const callsSince = (app: LaunchedApp, mark: number) =>
  app.fake.calls
    .slice(mark)
    .filter((c) => ['permission', 'call', 'privacy'].includes(c.category))
    .map((c) => c.summary)

describe('placed is not answered (§4.4, §4.6)', () => {
  test('已呼叫 until WeChat says both are in; then 已接通; and its length once the other person leaves', async () => {
    const { app, page } = await dialAlice({ listener: { where: 'inside', answersAfterS: 5, hangsUpAfterS: 192 } })
    await tapCall(page)
    expect(page.text('#call-notice')).toBe(CALL_RESULT_WORDS.placed)
    expect(lastOutcome(page)).toBe('已呼叫')
    await wait(5)
    expect(lastOutcome(page)).toBe('已接通')
    await wait(192)
    expect(lastOutcome(page)).toBe('已接通 · 通话 3:12')
    const [record] = savedHistory(app)
    expect((record.endedAt as number) - (record.answeredAt as number)).toBe(192_000)
    expect(app.fake.trace(['event'])).toEqual([
      'onVoIPChatMembersChanged',
      'onVoIPChatInterrupted',
      'membersChanged(2)',
      'membersChanged(1)',
    ])
  })

  test.each([
    ['nobody answers', { listener: { where: 'inside' as const, answersAfterS: null, hangsUpAfterS: null } }],
    [
      'the other person is not inside Duet',
      { listener: { where: 'outside' as const, answersAfterS: 3, hangsUpAfterS: 60 } },
    ],
    [
      'WeChat fires no events',
      { voipEvents: false, listener: { where: 'inside' as const, answersAfterS: 3, hangsUpAfterS: 60 } },
    ],
  ])('%s: the join succeeds and the record stays 已呼叫, never claiming an answer', async (_name, env) => {
    const { app, page } = await dialAlice(env)
    await tapCall(page)
    await wait(120)
    expect(lastOutcome(page)).toBe('已呼叫')
    expect(savedHistory(app)[0]).not.toHaveProperty('answeredAt')
  })

  test("an interruption after answering ends the call with its length; one's own hang-up fires nothing", async () => {
    const { app, page } = await dialAlice({ listener: { where: 'inside', answersAfterS: 2, hangsUpAfterS: null } })
    await tapCall(page)
    await wait(32)
    app.fake.voip.interrupt()
    await settle()
    expect(lastOutcome(page)).toBe('已接通 · 通话 0:30')
    const own = await dialAlice({ listener: { where: 'inside', answersAfterS: 2, hangsUpAfterS: null } })
    await tapCall(own.page)
    await wait(10)
    own.app.fake.voip.hangUp()
    await wait(10)
    expect(lastOutcome(own.page)).toBe('已接通')
  })
})

describe('-1 on the call after an ended one (§4.7)', () => {
  test.each(['errCode', 'errMsg-only'] as const)(
    '#call-retry leaves the stale room with exitVoIPChat, then calls again (the code given as %s)',
    async (voipErrCodeShape) => {
      const { app, page } = await dialAlice({ staleRoomAfterCall: true, voipErrCodeShape })
      await tapCall(page)
      app.fake.voip.hangUp()
      await tapCall(page)
      expect(page.text('#call-error')).toContain('上一通电话可能还没有完全结束')
      const mark = app.fake.calls.length
      page.tap('#call-retry')
      await settle()
      expect(callsSince(app, mark)).toEqual(['exitVoIPChat', 'join1v1Chat(voice)'])
      expect(page.text('#call-notice')).toBe(CALL_RESULT_WORDS.placed)
    },
  )

  test('exitVoIPChat failing is ignored: the call is tried all the same', async () => {
    const { app, page } = await dialAlice({
      staleRoomAfterCall: true,
      failures: { exitVoIPChat: { errMsg: 'exitVoIPChat:fail' } },
    })
    await tapCall(page)
    app.fake.voip.hangUp()
    await tapCall(page)
    page.tap('#call-retry')
    await settle()
    expect(app.fake.trace(['call']).slice(-2)).toEqual(['exitVoIPChat(fails)', 'join1v1Chat(voice)'])
    expect(page.text('#call-error')).toContain('上一通电话可能还没有完全结束')
    expect([page.exists('#call'), page.isDisabled('#call-retry')]).toEqual([false, false])
  })

  test('a WeChat without exitVoIPChat: #call-retry simply joins again, and a room still held says so again', async () => {
    const { app, page } = await dialAlice({ staleRoomAfterCall: true, missingApis: ['exitVoIPChat'] })
    await tapCall(page)
    app.fake.voip.hangUp()
    await tapCall(page)
    const mark = app.fake.calls.length
    page.tap('#call-retry')
    await settle()
    expect(callsSince(app, mark)).toEqual(['join1v1Chat(voice)'])
    expect(page.text('#call-error')).toContain('上一通电话可能还没有完全结束')
    expect(page.exists('#call-retry')).toBe(true)
    expect([page.exists('#call'), page.isDisabled('#call-retry')]).toEqual([false, false])
  })
})

describe('waiting for WeChat (§4.8)', () => {
  test('a join WeChat answers only when the other person does is not cut short: answered after 50 s, no error', async () => {
    const { page } = await dialAlice({
      joinSucceedsWhen: 'answered',
      listener: { where: 'inside', answersAfterS: 50, hangsUpAfterS: null },
    })
    await tapCall(page)
    expect(page.isDisabled('#call')).toBe(true)
    expect(page.exists('#call-cancel')).toBe(true)
    await wait(50)
    expect(page.text('#call-notice')).toBe(CALL_RESULT_WORDS.placed)
    expect(page.exists('#call-error')).toBe(false)
    expect(lastOutcome(page)).toBe('已接通')
  })

  test('WeChat says both are in before its join succeeds: the record is 已接通, and still is after a relaunch', async () => {
    const { app, page } = await dialAlice({
      joinSucceedsWhen: 'answered',
      joinSuccessLagMs: 1500,
      listener: { where: 'inside', answersAfterS: 5, hangsUpAfterS: null },
    })
    await tapCall(page)
    await wait(7)
    expect(lastOutcome(page)).toBe('已接通')
    const again = await launch({ authSetting: GRANTED, storage: app.fake.env.storage })
    const reopened = await again.open('dial', { openid: ALICE.openid })
    expect(reopened.texts('.history-item__outcome')).toEqual(['已接通'])
    expect(again.store.persistence.problem).toBeNull()
  })

  test('WeChat never answers: at 75 s the button is free, with a message and a way to try again', async () => {
    const { page } = await dialAlice({ joinOutcomes: ['hang'] })
    await tapCall(page)
    await wait(74)
    expect(page.isDisabled('#call')).toBe(true)
    await wait(1)
    expect(page.text('#call-error')).toBe('微信长时间没有响应，请重试。')
    expect([page.exists('#call'), page.isDisabled('#call-retry')]).toEqual([false, false])
    expect(lastOutcome(page)).toBe('未接通（微信没有响应）')
  })

  test('#call-cancel frees the button at once, asks WeChat nothing, and a late answer still corrects the record', async () => {
    const { app, page } = await dialAlice({
      joinSucceedsWhen: 'answered',
      listener: { where: 'inside', answersAfterS: 30, hangsUpAfterS: null },
    })
    await tapCall(page)
    await wait(5)
    const mark = app.fake.calls.length
    page.tap('#call-cancel')
    await settle()
    expect(app.fake.calls.slice(mark).filter((c) => c.category !== 'storage')).toEqual([])
    expect(page.isDisabled('#call')).toBe(false)
    expect(page.text('#call-notice')).toContain('已停止等待')
    expect(lastOutcome(page)).toBe('未接通（微信没有响应）')
    await wait(30)
    expect(lastOutcome(page)).toBe('已接通')
  })
})

test('#reach-hint says the other person must have Duet open, until a first call to them is placed', async () => {
  const { app, page } = await dialAlice({ joinOutcomes: [{ errCode: -2 }, 'place'] })
  expect(page.text('#reach-hint')).toBe('对方要正在使用 Duet，才能接到你的来电。')
  await tapCall(page)
  expect(page.exists('#reach-hint')).toBe(true)
  page.tap('#call-retry')
  await settle()
  expect(page.exists('#reach-hint')).toBe(false)
  const again = await launch({ authSetting: GRANTED, storage: app.fake.env.storage })
  expect((await again.open('dial', { openid: ALICE.openid })).exists('#reach-hint')).toBe(false)
})

describe('setEnable1v1Chat refused at launch (§4.2): the contacts page says others cannot call, and the way out', () => {
  async function contactsWith(env: Partial<Environment>, user: Partial<ScriptedUser> = {}) {
    const app = await launch(
      { authSetting: GRANTED, storage: stored({ profile: ME, contacts: [ALICE] }), ...env },
      user,
    )
    return { app, page: await app.open('contacts') }
  }

  test.each([
    ['-20000', { enableFailure: { errCode: -20000 } }, '还没有开通双人通话功能', null],
    ['-20001 (PC WeChat)', { enableFailure: { errCode: -20001 } }, '这台手机不支持小程序通话', null],
    [
      '-20001 with its code only in errMsg',
      { voipErrCodeShape: 'errMsg-only' as const, enableFailure: { errCode: -20001 } },
      '这台手机不支持小程序通话',
      null,
    ],
    ['an unknown code', { enableFailure: { errCode: -4242 } }, '通话失败', '重试'],
    [
      '-30002',
      { enableChecks: 'microphone' as const, os: { microphone: 'denied' as const, camera: 'authorized' as const } },
      '手机没有允许微信使用麦克风',
      '打开手机设置',
    ],
    [
      '-30004, camera denied before',
      { enableChecks: 'microphone-and-camera' as const, authSetting: { 'scope.record': true, 'scope.camera': false } },
      '摄像头权限已关闭',
      '去开启权限',
    ],
  ])('%s', async (_name, env, message, button) => {
    const { page } = await contactsWith(env)
    expect(page.text('#reach-problem-text')).toContain('现在别人无法呼叫你：')
    expect(page.text('#reach-problem-text')).toContain(message)
    expect(page.exists('#reach-fix') ? page.text('#reach-fix') : null).toBe(button)
  })

  test('a voice-only person whose enable WeChat refuses for the camera (-30004) is asked for it, then can be called', async () => {
    const { app, page } = await contactsWith(
      {
        enableChecks: 'microphone-and-camera',
        authSetting: { 'scope.record': true },
        storage: stored({ profile: ME, prefs: { audioOnly: true } }),
      },
      { popups: { 'scope.camera': ['allow'] } },
    )
    // The camera was never asked: the banner says why WeChat wants it for voice, not that it was switched off.
    expect(page.text('#reach-problem-text')).toBe(
      '现在别人无法呼叫你：微信要求先允许使用摄像头才能接听来电，只用语音通话也需要。',
    )
    expect(page.text('#reach-fix')).toBe('允许使用摄像头')
    const mark = app.fake.calls.length
    page.tap('#reach-fix')
    await settle()
    expect(callsSince(app, mark)).toEqual(['authorize(scope.camera)', 'getPrivacySetting', 'setEnable1v1Chat(true)'])
    expect(app.fake.voip.enabled).toBe(true)
    expect(page.exists('#reach-problem')).toBe(false)
  })

  test('back from the settings page with the camera on, WeChat is asked again and the notice goes', async () => {
    const { app, page } = await contactsWith(
      { enableChecks: 'microphone-and-camera', authSetting: { 'scope.record': true, 'scope.camera': false } },
      { settingsPage: { 'scope.camera': true } },
    )
    page.tap('#reach-fix')
    await settle()
    expect(app.fake.voip.enabled).toBe(true)
    expect(page.exists('#reach-problem')).toBe(false)
  })

  test('before a voice call, the same -30004 is explained, the camera asked for, and the call goes through', async () => {
    const { app, page } = await dialAlice(
      { enableChecks: 'microphone-and-camera', authSetting: { 'scope.record': true } },
      { popups: { 'scope.camera': ['allow'] } },
    )
    const mark = app.fake.calls.length
    await tapCall(page)
    expect(callsSince(app, mark)).toEqual([
      'setEnable1v1Chat(true)',
      'getSetting',
      'authorize(scope.camera)',
      'getPrivacySetting',
      'setEnable1v1Chat(true)',
      'join1v1Chat(voice)',
    ])
    expect(page.text('#call-notice')).toBe(CALL_RESULT_WORDS.placed)
  })
})

/**
 * errno 112 on the dial page: #privacy-undeclared, no retry, calling is no longer the main action (no tap here
 * helps), and another tap asks WeChat nothing.
 */
async function expectUndeclaredStays(app: LaunchedApp, page: PageHandle): Promise<void> {
  expect(page.text('#privacy-undeclared')).toContain('隐私保护指引没有声明')
  expect(page.exists('#call-retry')).toBe(false)
  expect(page.attr('#call', 'type')).toBe('default')
  const mark = app.fake.calls.length
  await tapCall(page)
  expect(callsSince(app, mark)).toEqual([])
  expect(page.exists('#privacy-undeclared')).toBe(true)
}

describe('privacy refusals and a guide that does not declare the devices (§1.6, §1.7)', () => {
  test.each(['errno-104', 'errno-103', 'text-only'] as const)(
    'a refusal shaped %s, when the person declines the card WeChat held a call for, leads back to consent',
    async (privacyRefusal) => {
      const { app, page } = await dialAlice({ privacyRefusal })
      app.fake.env.privacyNeedsAgreement = true
      await tapCall(page)
      page.tap('#privacy-decline')
      await settle()
      expect(page.text('#call-error')).toBe('需要先同意隐私保护指引，才能使用麦克风和摄像头。')
      expect(page.exists('#privacy-agree')).toBe(true)
      expect(app.fake.voip.joins).toEqual([])
    },
  )

  test('errno 112 in onboarding: #privacy-undeclared, no request to repeat, and a way to look around', async () => {
    const app = await launch(
      { guideDeclares: { microphone: true, camera: false } },
      { popups: { 'scope.record': ['allow'] } },
    )
    const page = await app.open('onboarding')
    page.tap('#grant')
    await settle()
    expect(page.text('#privacy-undeclared')).toContain('需要小程序的开发者在管理后台补充')
    expect(page.exists('#grant')).toBe(false)
    page.tap('#look-around')
    await settle()
    expect(app.top()?.route).toBe('pages/contacts/index')
  })

  test('errno 112 on the dial page: #privacy-undeclared, no retry, #call no longer primary, another tap asks nothing', async () => {
    const { app, page } = await dialAlice(
      { authSetting: { 'scope.record': true }, guideDeclares: { microphone: true, camera: false } },
      {},
      'video',
    )
    await tapCall(page)
    await expectUndeclaredStays(app, page)
  })

  test('errno 112 from a join WeChat holds for consent (scopes granted before): the same, nothing to retry', async () => {
    const { app, page } = await dialAlice({ guideDeclares: { microphone: true, camera: false } }, {}, 'video')
    const mark = app.fake.calls.length
    await tapCall(page)
    expect(callsSince(app, mark)).toEqual(['join1v1Chat(video)'])
    await expectUndeclaredStays(app, page)
  })

  test("a consent given on WeChat's combined popup is not asked again", async () => {
    const app = await launch(
      { combinedPrivacyPopup: true },
      { popups: { 'scope.record': ['allow'], 'scope.camera': ['allow'] } },
    )
    const page = await app.open('onboarding')
    app.fake.env.privacyNeedsAgreement = true // the guide changed after launch
    page.tap('#grant')
    await settle()
    expect(app.fake.trace(['privacy']).filter((c) => c.startsWith('resolvePrivacy'))).toEqual([])
    expect(app.store.permissions.privacy).toBe('agreed')
    expect(walkthroughAt(app, page)).toBe('done')
  })
})

describe("each page shows its own person's call", () => {
  const annaInvites = () => pageUrl('invite', invitationQuery({ from: ANNA, mode: 'voice', sentAt: Date.now() }))

  test("a call to Alice that failed is not shown on Anna's invitation, and calling back calls Anna", async () => {
    const { app, page } = await dialAlice({ joinOutcomes: [{ errCode: -2 }, 'place'] })
    await tapCall(page)
    expect(page.exists('#call-retry')).toBe(true)
    const invite = await app.openUrl(annaInvites())
    expect([invite.exists('#call-retry'), invite.exists('#call-error')]).toEqual([false, false])
    expect(invite.attr('#callback', 'type')).toBe('primary')
    await invite.press('#callback')
    const joins = app.fake.calls.filter((c) => c.api === 'join1v1Chat')
    expect((joins.at(-1)?.args as { listener: { openid: string } }).listener.openid).toBe(ANNA.openid)
  })

  test('an expired invitation whose callback failed: inviting back leads, the retry does not', async () => {
    const storage = stored({ profile: ME })
    const app = await launch({ authSetting: GRANTED, storage, joinOutcomes: [{ errCode: -2 }] })
    const old = invitationQuery({ from: ANNA, mode: 'voice', sentAt: Date.now() - 11 * 60 * 1000 })
    const invite = await app.openUrl(pageUrl('invite', old))
    await invite.press('#callback')
    expect(invite.attr('#invite-back', 'type')).toBe('primary')
    expect(invite.attr('#call-retry', 'type')).toBe('default')
  })

  test('an expired invitation before I have a profile: saving it leads, not the inviting back it enables', async () => {
    const app = await launch({ authSetting: GRANTED, storage: stored({}) })
    const old = invitationQuery({ from: ANNA, mode: 'voice', sentAt: Date.now() - 11 * 60 * 1000 })
    const invite = await app.openUrl(pageUrl('invite', old))
    await settle()
    expect([invite.isDisabled('#invite-back'), invite.attr('#invite-back', 'type')]).toEqual([true, 'default'])
    expect(invite.attr('#me-save', 'type')).toBe('primary')
  })

  test('back on a dial page after a call made from a page over it: the page shows its own person again', async () => {
    const { app, page } = await dialAlice({ joinOutcomes: [{ errCode: -2 }] })
    const query = invitationQuery({ from: ANNA, mode: 'voice', sentAt: Date.now() })
    const invite = await app.open('invite', query)
    await invite.press('#callback')
    expect(invite.exists('#call-retry')).toBe(true)
    expect(await app.back()).toBe(page)
    expect([page.text('#contact-name'), page.exists('#call-retry'), page.exists('#call')]).toEqual([
      ALICE.nickname,
      false,
      true,
    ])
  })
})
