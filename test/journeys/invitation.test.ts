// A call rings only when both people are inside Duet (platform doc §4.5). An invitation gets the other
// person there: Anna sends a card and waits; Ben opens it, is walked through what the call needs, and calls
// back with one tap. Two phones, one fake cloud; Ben is a first-time user.
import type { Environment, ScriptedUser } from '../../wechat-model'
import { LaunchedApp, relaunch } from '../harness/app'
import { PageHandle, settle, useFakeClock, useRealClock, wait } from '../harness/page'
import { launchPhones } from '../harness/phones'
import { routeOf } from '../harness/screens'
import { ANNA, BEN, GRANTED, savedIn, STORAGE_KEY, stored } from '../fixtures'

const ANNAS_PHONE: Partial<Environment> = {
  openid: ANNA.openid,
  authSetting: GRANTED,
  storage: stored({ profile: ANNA, contacts: [{ ...BEN, note: '' }] }),
}
/** Ben has never used Duet: privacy not agreed, the microphone never asked. */
const BENS_PHONE: Partial<Environment> = { openid: BEN.openid, privacyNeedsAgreement: true }
const BEN_ALLOWS: Partial<ScriptedUser> = { popups: { 'scope.record': ['allow'] } }

beforeEach(useFakeClock)
afterEach(useRealClock)

/** Anna opens Ben on her dial page and sends him an invitation; answers her page and the card. */
async function annaInvites(anna: LaunchedApp, mode: 'voice' | 'video' = 'voice') {
  const dial = await anna.open('dial', { openid: BEN.openid })
  if (mode === 'video') dial.tap('#mode-video')
  dial.tap('#invite')
  await settle()
  const card = anna.fake.ui.shared.at(-1)!
  return { dial, card }
}

/** Anna invites Ben, who has used Duet before (a profile, everything granted); he opens her card. */
async function benOpensAnnasInvitation() {
  const [anna, ben] = await launchPhones([
    { env: ANNAS_PHONE },
    { env: { openid: BEN.openid, authSetting: GRANTED, storage: stored({ profile: BEN }) } },
  ])
  const { card } = await annaInvites(anna)
  return { anna, ben, invite: await ben.openUrl(card.path) }
}

/** Ben gives his nickname on the way, with WeChat's nickname field. */
async function benNamesHimself(page: PageHandle): Promise<void> {
  page.input('#me-nickname', BEN.nickname)
  page.tap('#me-save')
  await settle()
}

const top = (phone: LaunchedApp) => phone.top()!
const joinOf = (phone: LaunchedApp) => phone.fake.calls.filter((c) => c.api === 'join1v1Chat').map((c) => c.args)

describe('the invitation loop', () => {
  test('Anna invites; Ben, new to Duet, agrees, allows the microphone, lands on #callback and calls her back', async () => {
    const [anna, ben] = await launchPhones([{ env: ANNAS_PHONE }, { env: BENS_PHONE, user: BEN_ALLOWS }])

    // Anna: the card says who wants what, and its path carries her, the mode and the time, each encoded once.
    const { dial, card } = await annaInvites(anna)
    expect(card.title).toBe('安娜 想和你语音通话')
    const sentAt = Date.now()
    expect(card.path).toBe(
      `/pages/invite/index?from=${ANNA.openid}&name=${encodeURIComponent('安娜')}&mode=voice&at=${sentAt}`,
    )
    // She waits reachable, with the screen on, and is told to stay.
    expect(dial.text('#waiting-title')).toBe('等待 阿本 回拨')
    expect(dial.text('#waiting-countdown')).toBe('10:00')
    expect(dial.text('#waiting-stay')).toContain('请留在 Duet 里')
    expect(anna.fake.ui.keepScreenOn).toBe(true)
    expect(anna.fake.trace(['call'])).toContain('setEnable1v1Chat(true)')

    // Ben taps the card: a first-time user is walked through privacy and the microphone first.
    await ben.openUrl(card.path)
    expect(top(ben).route).toBe(routeOf('onboarding'))
    top(ben).tap('#privacy-agree')
    await settle()
    expect(top(ben).exists('#grant')).toBe(true)
    expect(top(ben).exists('#skip-camera')).toBe(false) // a voice invitation needs no camera choice
    top(ben).tap('#grant')
    await settle()

    // …and lands back on the invitation, with nothing lost, and no call placed without his tap.
    const invite = top(ben)
    expect(invite.route).toBe(routeOf('invite'))
    expect(ben.fake.scopes.popupsShown).toEqual(['scope.record'])
    expect(invite.text('#step-title')).toBe('安娜 想和你语音通话')
    expect(invite.text('#callback')).toBe('语音回拨 安娜')
    expect(ben.fake.count('join1v1Chat')).toBe(0)
    expect(invite.isDisabled('#callback')).toBe(true) // no nickname yet
    await benNamesHimself(invite)
    expect(ben.fake.count('join1v1Chat')).toBe(0)

    invite.tap('#callback')
    await settle()
    expect(joinOf(ben)).toEqual([
      {
        caller: { openid: BEN.openid, nickname: '阿本' },
        listener: { openid: ANNA.openid, nickname: '安娜' },
        roomType: 'voice',
        disableSwitchVoice: false,
      },
    ])
    expect(invite.text('#call-notice')).toBe('已呼叫，请在微信的通话界面等待对方接听。')
    // Anna's page still waits (her WeChat rings; Duet learns of it only from WeChat's events), a little later.
    await wait(3)
    expect(dial.text('#waiting-countdown')).toBe('9:57')
    expect(anna.fake.count('join1v1Chat')).toBe(0)
  })

  test('the inviter is offered as a contact; after a yes, my card goes back; without one nothing is saved', async () => {
    const { ben, invite } = await benOpensAnnasInvitation()
    expect(invite.text('#share-offer-who')).toBe('安娜')
    expect(ben.store.contacts.items).toEqual([])
    expect(savedIn(ben.fake.env.storage)!.contacts).toEqual([])

    invite.tap('#share-accept')
    await settle()
    expect(ben.store.contacts.find(ANNA.openid)).toEqual({ ...ANNA, note: '' })
    expect(invite.text('#send-back-text')).toContain('把你的名片也发给 TA')
    invite.tap('#send-card-back')
    await settle()
    expect(ben.fake.ui.shared.at(-1)).toEqual({
      title: '阿本 邀请你在 Duet 上通话',
      path: `/pages/contacts/index?openid=${BEN.openid}&nickname=${encodeURIComponent('阿本')}`,
    })
    expect(invite.exists('#send-card-back')).toBe(false)
  })

  test('after a relaunch Anna is offered again (nothing was saved without a yes), and no longer once she is a contact', async () => {
    const { ben } = await benOpensAnnasInvitation()
    const { app: again, home } = await relaunch(ben)
    expect(home.text('#pending-invite-text')).toContain('安娜')
    expect(home.text('#share-offer-who')).toBe('安娜')
    await home.press('#pending-invite-open')
    const invite = top(again)
    expect(invite.route).toBe(routeOf('invite'))
    expect(invite.text('#share-offer-who')).toBe('安娜')
    await invite.press('#share-accept')
    expect(invite.exists('#send-card-back')).toBe(true)

    const { app: third, home: homeAgain } = await relaunch(again)
    expect(homeAgain.exists('#share-offer')).toBe(false)
    await homeAgain.press('#pending-invite-open')
    expect(top(third).exists('#callback')).toBe(true)
    expect(top(third).exists('#share-offer')).toBe(false)
  })

  test('a settings-page detour: a microphone denied before is switched on there, and Ben is back on the invitation', async () => {
    const [anna, ben] = await launchPhones([
      { env: ANNAS_PHONE },
      {
        env: { openid: BEN.openid, authSetting: { 'scope.record': false }, storage: stored({ profile: BEN }) },
        user: { settingsPage: { 'scope.record': true } },
      },
    ])
    const { card } = await annaInvites(anna)
    await ben.openUrl(card.path)
    expect(top(ben).text('#step-title')).toBe('权限已被关闭')
    top(ben).tap('#open-settings')
    await settle()
    const invite = top(ben)
    expect(invite.route).toBe(routeOf('invite'))
    expect(invite.text('#callback')).toBe('语音回拨 安娜')
    invite.tap('#callback')
    await settle()
    expect(joinOf(ben)).toMatchObject([{ listener: { openid: ANNA.openid }, roomType: 'voice' }])
  })

  test('a relaunch in the middle of onboarding: Duet reopens on its home page, and the invitation is one tap away', async () => {
    const [anna, ben] = await launchPhones([{ env: ANNAS_PHONE }, { env: BENS_PHONE, user: BEN_ALLOWS }])
    const { card } = await annaInvites(anna, 'video')
    await ben.openUrl(card.path)
    expect(top(ben).route).toBe(routeOf('onboarding'))

    // WeChat closes Duet; Ben opens it again from his recent mini programs, on app.json's first page.
    const { app: again, home } = await relaunch(ben, {
      popups: { 'scope.record': ['allow'], 'scope.camera': ['allow'] },
    })
    expect(home.route).toBe(routeOf('contacts'))
    expect(home.text('#pending-invite-text')).toBe('有一个邀请等你回拨：安娜')
    home.tap('#pending-invite-open')
    await settle()
    // The invitation still needs what it did: the walkthrough first, then back to it, with the offer too.
    top(again).tap('#privacy-agree')
    await settle()
    top(again).tap('#grant')
    await settle()
    const invite = top(again)
    expect(invite.route).toBe(routeOf('invite'))
    expect(invite.text('#callback')).toBe('视频回拨 安娜')
    expect(invite.text('#share-offer-who')).toBe('安娜')
    expect(again.fake.count('join1v1Chat')).toBe(0)
    await benNamesHimself(invite)
    invite.tap('#callback')
    await settle()
    expect(joinOf(again)).toMatchObject([
      { caller: { openid: BEN.openid }, listener: { openid: ANNA.openid }, roomType: 'video' },
    ])
  })

  test('a video invitation can be answered by voice too: #callback-voice, not the primary action', async () => {
    const [anna, ben] = await launchPhones([
      { env: ANNAS_PHONE },
      { env: { openid: BEN.openid, authSetting: GRANTED, storage: stored({ profile: BEN }) } },
    ])
    const { card } = await annaInvites(anna, 'video')
    const invite = await ben.openUrl(card.path)
    expect(invite.text('#callback')).toBe('视频回拨 安娜')
    expect(invite.attr('#callback', 'type')).toBe('primary')
    expect(invite.text('#callback-voice')).toBe('改用语音回拨')
    expect(invite.attr('#callback-voice', 'type')).not.toBe('primary')
    invite.tap('#callback-voice')
    await settle()
    expect(joinOf(ben)).toMatchObject([{ listener: { openid: ANNA.openid }, roomType: 'voice' }])
  })

  test('a voice invitation offers no second way: #callback is voice already', async () => {
    const { invite } = await benOpensAnnasInvitation()
    expect(invite.exists('#callback-voice')).toBe(false)
  })

  test('after calling back, the invitation is answered: a relaunch does not bring it back', async () => {
    const { ben, invite } = await benOpensAnnasInvitation()
    expect((ben.fake.env.storage[STORAGE_KEY] as { invitation: unknown }).invitation).toMatchObject({ mode: 'voice' })
    invite.tap('#callback')
    await settle()
    expect((ben.fake.env.storage[STORAGE_KEY] as { invitation: unknown }).invitation).toBeNull()
    expect(ben.store.invitations.received).toBeNull()
  })
})

describe('the waiting room', () => {
  test('counts down ten minutes, then ends, lets the screen dim and says so', async () => {
    const [anna] = await launchPhones([{ env: ANNAS_PHONE }])
    const { dial } = await annaInvites(anna)
    await wait(9 * 60 + 59)
    expect(dial.text('#waiting-countdown')).toBe('0:01')
    expect(anna.fake.ui.keepScreenOn).toBe(true)
    await wait(1)
    expect(dial.exists('#waiting')).toBe(false)
    // Duet cannot know whether anyone called (WeChat's members event is undocumented): it says only that the
    // wait ended, and what can be done.
    expect(dial.text('#wait-ended-text')).toBe('10 分钟的等待已结束。还没有接通的话，可以再邀请一次。')
    expect(anna.fake.ui.keepScreenOn).toBe(false)
    // Nothing ticks once nothing depends on the clock.
    expect(jest.getTimerCount()).toBe(0)
  })

  test('#waiting-cancel ends the wait at once and lets the screen dim', async () => {
    const [anna] = await launchPhones([{ env: ANNAS_PHONE }])
    const { dial } = await annaInvites(anna)
    dial.tap('#waiting-cancel')
    await settle()
    expect(dial.exists('#waiting')).toBe(false)
    expect(anna.fake.ui.keepScreenOn).toBe(false)
    expect(dial.exists('#invite')).toBe(true)
  })

  test('inviting with "accept calls" off turns it back on and says so', async () => {
    const storage = stored({
      profile: ANNA,
      contacts: [{ ...BEN, note: '' }],
      prefs: { acceptCalls: false },
    })
    const [anna] = await launchPhones([{ env: { ...ANNAS_PHONE, storage } }])
    expect(anna.fake.trace(['call'])).not.toContain('setEnable1v1Chat(true)')
    const { dial } = await annaInvites(anna)
    expect(dial.text('#waiting-accept-calls')).toBe('已为你打开“接听来电”。')
    expect(anna.store.reachability.acceptCalls).toBe(true)
    expect(anna.fake.trace(['call'])).toContain('setEnable1v1Chat(true)')
  })

  test('switching "accept calls" off ends the wait and says why: a callback could no longer ring', async () => {
    const [anna] = await launchPhones([{ env: ANNAS_PHONE }])
    await annaInvites(anna)
    const me = await anna.open('me')
    me.change('#accept-calls', false)
    await settle()
    expect(anna.fake.trace(['call']).at(-1)).toBe('setEnable1v1Chat(false)')
    expect(anna.fake.ui.keepScreenOn).toBe(false)
    const dial = await anna.back()
    expect(dial.exists('#waiting')).toBe(false)
    expect(dial.text('#wait-ended-text')).toBe('你关闭了“接听来电”，对方的回拨无法接通，已停止等待。')
    expect(anna.store.invitations.waiting).toBeNull()
  })

  test.each([
    [
      '-20000, 1v1 not enabled for Duet: no way out for her',
      { adminConsole1v1: false },
      '还没有开通双人通话功能',
      null,
    ],
    [
      '-30003, the microphone never asked: she may allow it here',
      { authSetting: {}, enableChecks: 'microphone' as const },
      '微信要求先允许使用麦克风才能接听来电。',
      '允许使用麦克风',
    ],
    [
      '-30003 with the microphone denied before: the settings page',
      { authSetting: { 'scope.record': false }, enableChecks: 'microphone' as const },
      '麦克风权限已关闭',
      '去开启权限',
    ],
  ])('WeChat will not let calls reach her (%s): the wait says so, and the way out', async (_name, env, words, fix) => {
    const [anna] = await launchPhones([{ env: { ...ANNAS_PHONE, ...env } }])
    const { dial } = await annaInvites(anna)
    expect(dial.text('#waiting-title')).toBe('阿本 现在无法回拨你')
    expect(dial.text('#reach-problem-text')).toContain('现在别人无法呼叫你：')
    expect(dial.text('#reach-problem-text')).toContain(words)
    expect(dial.exists('#reach-fix') ? dial.text('#reach-fix') : null).toBe(fix)
    expect(dial.exists('#waiting-stay')).toBe(false)
    expect(dial.exists('#waiting-cancel')).toBe(true)
  })

  test('-30003: she allows the microphone from the waiting room, WeChat enables calls, and the wait is a wait', async () => {
    const [anna] = await launchPhones([
      {
        env: { ...ANNAS_PHONE, authSetting: {}, enableChecks: 'microphone' },
        user: { popups: { 'scope.record': ['allow'] } },
      },
    ])
    const { dial } = await annaInvites(anna)
    dial.tap('#reach-fix')
    await settle()
    expect(anna.fake.voip.enabled).toBe(true)
    expect(dial.exists('#reach-problem')).toBe(false)
    expect(dial.text('#waiting-title')).toBe('等待 阿本 回拨')
    expect(dial.text('#waiting-stay')).toContain('请留在 Duet 里')
  })

  test('if WeChat tells her phone the invited person is in a call with her (undocumented for a listener), the wait ends as answered', async () => {
    const [anna] = await launchPhones([{ env: ANNAS_PHONE }])
    const { dial } = await annaInvites(anna)
    anna.fake.voip.reportMembers([ANNA.openid, BEN.openid])
    await settle()
    expect(dial.text('#wait-ended-text')).toBe('对方已经回拨，通话已接通。')
    expect(anna.fake.ui.keepScreenOn).toBe(false)
  })

  test('a call with someone else (Carol) while she waits for Ben does not end the wait as answered', async () => {
    const [anna] = await launchPhones([{ env: ANNAS_PHONE }])
    const { dial } = await annaInvites(anna)
    anna.fake.voip.reportMembers([ANNA.openid, 'oCarol_000000000000001'])
    await settle()
    expect(dial.exists('#wait-ended-text')).toBe(false)
    expect(dial.text('#waiting-title')).toBe('等待 阿本 回拨')
    expect(anna.fake.ui.keepScreenOn).toBe(true)
  })

  test('without a profile there is nothing to invite from: #invite is disabled and says why', async () => {
    const [anna] = await launchPhones([
      { env: { ...ANNAS_PHONE, storage: stored({ contacts: [{ ...BEN, note: '' }] }) } },
    ])
    const dial = await anna.open('dial', { openid: BEN.openid })
    expect(dial.isDisabled('#invite')).toBe(true)
    expect(dial.text('#invite-hint')).toBe('先保存你的资料，才能发出邀请。')
  })
})

describe('the wait, away from its dial page', () => {
  const CARL = { openid: 'oCarl_0000000000000001', nickname: '卡尔' }

  test('on the contacts page the wait stays in sight: who, the countdown, a way to cancel; a tap leads back to it', async () => {
    const [anna] = await launchPhones([{ env: ANNAS_PHONE }])
    const home = await anna.openHome()
    home.tap('.contact-row')
    await settle()
    top(anna).tap('#invite')
    await settle()
    await wait(5)
    await anna.back()
    expect(home.text('#waiting-banner-title')).toBe('等待 阿本 回拨')
    expect(home.text('#waiting-banner-countdown')).toBe('9:55')
    await wait(1)
    expect(home.text('#waiting-banner-countdown')).toBe('9:54')

    // The banner leads to Ben's dial page, opened again (it had closed), not to a second home.
    home.tap('#waiting-banner-open')
    await settle()
    expect(anna.stack.map((p) => p.route)).toEqual([routeOf('contacts'), routeOf('dial')])
    expect(top(anna).query.openid).toBe(BEN.openid)
    expect(top(anna).text('#waiting-title')).toBe('等待 阿本 回拨')

    await anna.back()
    home.tap('#waiting-banner-cancel')
    await settle()
    expect(home.exists('#waiting-banner')).toBe(false)
    expect(anna.fake.ui.keepScreenOn).toBe(false)
  })

  test('leaving Duet lets the screen dim (WeChat ends keep-screen-on); back in Duet while waiting, it is on again', async () => {
    const [anna] = await launchPhones([{ env: ANNAS_PHONE }])
    await annaInvites(anna)
    anna.fake.visitOutside(() => undefined)
    expect(anna.fake.ui.keepScreenOn).toBe(false)
    await settle()
    expect(anna.fake.ui.keepScreenOn).toBe(true)
    expect(anna.fake.trace(['ui']).filter((c) => c.startsWith('setKeepScreenOn'))).toEqual([
      'setKeepScreenOn(true)',
      'setKeepScreenOn(true)',
    ])
  })

  test('back in Duet after the wait ran out while away: the wait has ended, and the screen may dim', async () => {
    const [anna] = await launchPhones([{ env: ANNAS_PHONE }])
    const { dial } = await annaInvites(anna)
    // Suspended in the background, Duet's timers stop (platform doc §4.5); its clock moved on regardless.
    jest.setSystemTime(Date.now() + 11 * 60 * 1000)
    anna.fake.visitOutside(() => undefined)
    await settle()
    expect(dial.exists('#waiting')).toBe(false)
    expect(dial.exists('#wait-ended')).toBe(true)
    expect(anna.fake.ui.keepScreenOn).toBe(false)
  })

  test('waiting for Ben, Anna may invite Carl from his dial page: the new wait replaces the old one', async () => {
    const storage = stored({
      profile: ANNA,
      contacts: [
        { ...BEN, note: '' },
        { ...CARL, note: '' },
      ],
    })
    const [anna] = await launchPhones([{ env: { ...ANNAS_PHONE, storage } }])
    await annaInvites(anna)
    const carls = await anna.open('dial', { openid: CARL.openid })
    expect(carls.exists('#waiting')).toBe(false)
    expect(carls.isDisabled('#invite')).toBe(false)
    carls.tap('#invite')
    await settle()
    expect(carls.text('#waiting-title')).toBe('等待 卡尔 回拨')
    expect(anna.fake.ui.shared.at(-1)?.title).toBe('安娜 想和你语音通话')
    const bens = await anna.open('dial', { openid: BEN.openid })
    expect(bens.exists('#waiting')).toBe(false)
    expect(bens.exists('#invite')).toBe(true)
  })
})

describe('an old, own or forged invitation', () => {
  const GOOD = { from: ANNA.openid, name: encodeURIComponent('安娜'), mode: 'voice' }
  const linkOf = (fields: Record<string, string | undefined>) =>
    '/pages/invite/index?' +
    Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${v}`)
      .join('&')

  async function benOpens(fields: Record<string, string | undefined>) {
    const [ben] = await launchPhones([
      { env: { openid: BEN.openid, authSetting: GRANTED, storage: stored({ profile: BEN }) } },
    ])
    const before = JSON.stringify(ben.fake.env.storage)
    const page = await ben.openUrl(linkOf(fields))
    return { ben, page, before }
  }

  test('older than ten minutes: #invite-expired, and Ben may still try calling, or invite Anna back and wait', async () => {
    const { ben, page } = await benOpens({ ...GOOD, at: String(Date.now() - 11 * 60 * 1000) })
    expect(page.text('#step-title')).toBe('邀请已过期')
    expect(page.text('#invite-expired')).toContain('仍然可以试着呼叫')
    expect(page.text('#invite-sent')).toBe('11 分钟前发出')
    expect(page.text('#callback')).toBe('仍然回拨')
    page.tap('#invite-back')
    await settle()
    expect(ben.fake.ui.shared.at(-1)?.title).toBe('阿本 想和你语音通话')
    expect(page.text('#waiting-title')).toBe('等待 安娜 回拨')
    page.tap('#callback')
    await settle()
    expect(joinOf(ben)).toMatchObject([{ listener: { openid: ANNA.openid }, roomType: 'voice' }])
  })

  test('an invitation expires while on screen: the countdown to it is the clock, not a reload', async () => {
    const { page } = await benOpens({ ...GOOD, at: String(Date.now()) })
    expect(page.text('#callback')).toBe('语音回拨 安娜')
    await wait(10 * 60 + 1)
    expect(page.text('#step-title')).toBe('邀请已过期')
  })

  test('a sending time a little ahead of this phone (clocks differ) is still believed', async () => {
    const { page } = await benOpens({ ...GOOD, at: String(Date.now() + 90 * 1000) })
    expect(page.text('#callback')).toBe('语音回拨 安娜')
  })

  test('my own invitation, opened by me: #invite-self, no offer, nothing saved', async () => {
    const [anna] = await launchPhones([{ env: ANNAS_PHONE }])
    const { card } = await annaInvites(anna)
    const before = JSON.stringify(anna.fake.env.storage[STORAGE_KEY])
    const page = await anna.openUrl(card.path)
    // Duet was running (her dial page open): WeChat cleared the stack and opened the card's page.
    expect(anna.stack.map((p) => p.route)).toEqual([routeOf('invite')])
    expect(page.exists('#invite-self')).toBe(true)
    expect(page.exists('#callback')).toBe(false)
    expect(page.exists('#share-offer')).toBe(false)
    expect(JSON.stringify(anna.fake.env.storage[STORAGE_KEY])).toBe(before)
  })

  const at = () => String(Date.now())
  test.each([
    ['a bad openid', { from: 'oops<script>' }, '邀请人身份无效'],
    ['a huge nickname', { name: encodeURIComponent('名'.repeat(5000)) }, '昵称无效'],
    ['an invisible character in the nickname', { name: encodeURIComponent('安\u202e娜') }, '昵称无效'],
    ['a time in the future', { at: String(Date.now() + 3 * 60 * 1000) }, '比现在还晚'],
    ['a time that is no time', { at: '12abc' }, '发送时间无效'],
    ['no sender', { from: undefined }, '缺少必要的信息'],
    ['no nickname', { name: undefined }, '缺少必要的信息'],
    ['no mode', { mode: undefined }, '缺少必要的信息'],
    ['no time', { at: undefined }, '缺少必要的信息'],
    ['a mode that is neither', { mode: 'hologram' }, '通话方式无效'],
    ['a non-https avatar', { avatar: encodeURIComponent('http://x.example/a.png') }, '头像地址无效'],
    ['a javascript: avatar', { avatar: 'javascript:alert(1)' }, '头像地址无效'],
    ['broken percent-encoding', { name: '%E5%AE' }, '缺少必要的信息'],
  ])(
    '%s: #invite-invalid says what is wrong; nothing saved changes, no offer, no walkthrough',
    async (_name, change, words) => {
      const { ben, page, before } = await benOpens({ ...GOOD, at: at(), ...change })
      expect(page.exists('#invite-invalid')).toBe(true)
      expect(page.text('#invite-problem')).toContain(words)
      expect(page.text('#invite-problem')).toContain('没有保存或更改任何内容')
      expect(page.exists('#share-offer')).toBe(false)
      expect(page.exists('#callback')).toBe(false)
      expect(ben.stack.map((p) => p.route)).toEqual([routeOf('invite')])
      expect(JSON.stringify(ben.fake.env.storage)).toBe(before)
      page.tap('#go-home')
      await settle()
      expect(top(ben).route).toBe(routeOf('contacts'))
    },
  )
})
