// Contacts is home: who sees what first, one tap to call, the action sheet, and a list that shows a window.
import { pageUrl } from '../../miniprogram/services/navigation'
import { invitationQuery } from '../../miniprogram/store/invitation-link'
import { launch, LaunchedApp } from '../harness/app'
import { settle } from '../harness/page'
import { FakeCloud } from '../../wechat-model'
import { CLOUD_CONFIG } from '../harness/phones'
import { contactAction, contactNames, openMyPage, routeOf, walkthroughAt } from '../harness/screens'
import { ALICE, ANNA, BOB, friends, GRANTED, ME, savedIn, stored } from '../fixtures'

/** "先看看联系人" on the walkthrough: home, the only page, with its empty state, and no walkthrough again. */
async function looksAroundFromWalkthrough(app: LaunchedApp): Promise<void> {
  app.top()?.tap('#look-around')
  await settle()
  expect(app.stack.map((p) => p.route)).toEqual([routeOf('contacts')])
  expect(app.top()?.exists('#empty-state')).toBe(true)
}

describe('who sees what first', () => {
  test('a returning person sees their contacts at once: no loading screen, no walkthrough', async () => {
    // Even with a permission missing: that is said on the contacts page, not by sending them away.
    const app = await launch({ authSetting: {}, storage: stored({ profile: ME, contacts: [ALICE] }) })
    const home = await app.open('contacts')
    expect(home.exists('#loading')).toBe(false)
    expect(contactNames(home)).toEqual(['爱丽丝'])
    expect(app.fake.ui.navigations).toEqual([])
  })

  test('someone new is walked through first, then lands home by themselves: no extra "一切就绪" tap', async () => {
    const app = await launch({}, { popups: { 'scope.record': ['allow'], 'scope.camera': ['allow'] } })
    await app.open('contacts')
    expect(app.top()?.route).toBe(routeOf('onboarding'))
    const onboarding = app.top()!
    onboarding.tap('#grant')
    await settle()
    expect(walkthroughAt(app, onboarding)).toBe('done')
    expect(app.stack.map((p) => p.route)).toEqual([routeOf('contacts')])
    expect(app.top()?.exists('#empty-state')).toBe(true)
  })

  test('declining privacy: what will not work is said, and the person may look around without being sent back', async () => {
    const app = await launch({ privacyNeedsAgreement: true })
    await app.open('contacts')
    const onboarding = app.top()!
    onboarding.tap('#privacy-decline')
    await settle()
    expect(onboarding.text('#declined-what')).toContain('不能通话')
    await looksAroundFromWalkthrough(app)
  })

  test('someone new who looks around and then opens the invitation sees it, and home stays one page', async () => {
    const app = await launch({ privacyNeedsAgreement: true })
    await app.openUrl(pageUrl('invite', invitationQuery({ from: ANNA, mode: 'voice', sentAt: Date.now() })))
    const routes = () => app.stack.map((p) => p.route)
    expect(routes()).toEqual([routeOf('onboarding')])
    app.top()!.tap('#privacy-decline')
    await settle()
    app.top()!.tap('#look-around')
    await settle()
    expect(routes()).toEqual([routeOf('contacts')])
    app.top()!.tap('#pending-invite-open')
    await settle()
    // They chose to look around: the invitation itself is shown, not the walkthrough again.
    expect(routes()).toEqual([routeOf('contacts'), routeOf('invite')])
    expect(app.top()!.text('#step-title')).toContain(ANNA.nickname)
  })

  test('from an invitation opened at home, the walkthrough goes back home rather than opening it again', async () => {
    const invitation = { from: ANNA, mode: 'voice', sentAt: Date.now() }
    const app = await launch({ privacyNeedsAgreement: true, storage: stored({ profile: ME, invitation }) })
    await app.open('contacts')
    app.top()!.tap('#pending-invite-open')
    await settle()
    const routes = () => app.stack.map((p) => p.route)
    expect(routes()).toEqual([routeOf('contacts'), routeOf('onboarding')])
    app.top()!.tap('#privacy-decline')
    await settle()
    app.top()!.tap('#look-around')
    await settle()
    expect(routes()).toEqual([routeOf('contacts')])
    expect(app.fake.ui.navigations.slice(-1)).toEqual(['back'])
  })

  test("WeChat without the phone's camera: the voice-only path, and home", async () => {
    const app = await launch({ authSetting: GRANTED, os: { microphone: 'authorized', camera: 'denied' } })
    await app.open('contacts')
    const onboarding = app.top()!
    expect(onboarding.text('#phone-what')).toBe('摄像头')
    onboarding.tap('#skip-camera')
    await settle()
    expect(app.top()?.route).toBe(routeOf('contacts'))
    expect(app.store.onboarding.audioOnly).toBe(true)
  })
})

describe('a row', () => {
  test('says who, their note and their last call in words, each on a line of its own', async () => {
    const at = Date.now() - 60 * 1000
    // A minute ago is yesterday just after midnight.
    const day = new Date(at).toDateString() === new Date().toDateString() ? '今天' : '昨天'
    const history = [{ at, openid: ALICE.openid, mode: 'voice', outcome: 'placed' }]
    const contacts = [{ ...ALICE, note: '大学同学' }, BOB]
    const app = await launch({ authSetting: GRANTED, storage: stored({ profile: ME, contacts, history }) })
    const page = await app.open('contacts')
    expect(contactNames(page)).toEqual(['爱丽丝', 'Bob'])
    expect(page.texts('.contact-row__note')).toEqual(['大学同学'])
    expect(page.texts('.contact-row__last')).toEqual([`${day} · 语音 · 已呼叫`])
  })

  test('tells the newest call, not an older one', async () => {
    const at = Date.now() - 60 * 1000
    const day = new Date(at).toDateString() === new Date().toDateString() ? '今天' : '昨天'
    const history = [
      { at: at - 1000, openid: ALICE.openid, mode: 'video', outcome: 'failed', errCode: -2 },
      { at, openid: ALICE.openid, mode: 'voice', outcome: 'placed' },
    ]
    const app = await launch({ authSetting: GRANTED, storage: stored({ profile: ME, contacts: [ALICE], history }) })
    const page = await app.open('contacts')
    expect(page.texts('.contact-row__last')).toEqual([`${day} · 语音 · 已呼叫`])
  })
})

describe('me, one tap away', () => {
  test('a returning person finds the list, with their name on top; profile, card and settings are on their own page', async () => {
    const app = await launch({ authSetting: GRANTED, storage: stored({ profile: ME, contacts: [ALICE] }) })
    const home = await app.open('contacts')
    expect(home.text('#me-name')).toBe(ME.nickname)
    expect(['#profile', '#accept-calls', '#dev-options', '#add-openid'].filter((id) => home.exists(id))).toEqual([])
    const me = await openMyPage(app)
    expect(app.stack.map((p) => p.route)).toEqual([routeOf('contacts'), routeOf('me')])
    expect([me.exists('#profile'), me.exists('#accept-calls'), me.isDisabled('#share-card')]).toEqual([
      true,
      true,
      false,
    ])
    expect(me.attr('#share-card', 'type')).toBe('primary')
    expect(me.attr('#me-save', 'type')).toBe('default')
  })

  test('someone new finds their profile first, on the list itself, and no cell for a page with nothing in it yet', async () => {
    const app = await launch({ authSetting: GRANTED })
    const home = await app.open('contacts')
    expect([home.exists('#profile'), home.exists('#open-me')]).toEqual([true, false])
  })

  test('WeChat Cloud has not said who a returning person is yet: their profile comes first, with the reason and #whoami-retry', async () => {
    const cloud = new FakeCloud()
    cloud.missing.add('whoami')
    const storage = stored({ profile: { openid: null, nickname: ME.nickname }, contacts: [ALICE] })
    const app = await launch({ openid: ME.openid, authSetting: GRANTED, storage }, {}, { config: CLOUD_CONFIG, cloud })
    const home = await app.open('contacts')
    expect([home.exists('#profile'), home.exists('#open-me')]).toEqual([true, false])
    expect(home.text('#whoami-error-text')).toContain('-501000')
    cloud.missing.clear()
    await home.press('#whoami-retry')
    expect(home.exists('#whoami-error')).toBe(false)
    expect(app.store.profile.openid).toBe(ME.openid)
  })
})

describe('one tap to call', () => {
  const home = async () => {
    const app = await launch({ authSetting: GRANTED, storage: stored({ profile: ME, contacts: [ALICE, BOB] }) })
    return { app, page: await app.open('contacts') }
  }

  test.each([
    ['.call-voice', 'voice'],
    ['.call-video', 'video'],
  ])(
    "%s: that mode's call through the same preflight, and the dial page shows how it goes",
    async (button, roomType) => {
      const { app, page } = await home()
      page.tapNth(button, contactNames(page).indexOf('Bob'))
      await settle()
      expect(app.fake.calls.filter((c) => c.api === 'join1v1Chat').map((c) => c.args)).toMatchObject([
        { listener: { openid: BOB.openid }, roomType },
      ])
      const dial = app.top()!
      expect(dial.route).toBe(routeOf('dial'))
      expect(dial.text('#contact-name')).toBe('Bob')
      expect(dial.text('#call-notice')).toBe('已呼叫，请在微信的通话界面等待对方接听。')
    },
  )

  test('a one-tap call stops where the dial page would, with the same way out', async () => {
    const app = await launch({
      authSetting: { 'scope.record': false },
      storage: stored({ profile: ME, contacts: [ALICE] }),
    })
    const page = await app.open('contacts')
    page.tapNth('.call-voice', 0)
    await settle()
    expect(app.fake.count('join1v1Chat')).toBe(0)
    expect(app.top()?.exists('#fix-permissions')).toBe(true)
  })

  test('the row itself opens the dial page; the buttons on it do not also open it twice', async () => {
    const { app, page } = await home()
    page.tapNth('.contact-row', 0)
    await settle()
    expect(app.fake.ui.navigations).toHaveLength(1)
  })

  test('a fast double tap on a call button (the second before the dial page arrived) is one call on one page', async () => {
    const { app, page } = await home()
    page.tapNth('.call-voice', 0)
    page.tapNth('.call-voice', 0)
    await settle()
    expect(app.fake.ui.navigations).toHaveLength(1)
    expect(app.stack.map((p) => p.route)).toEqual([routeOf('contacts'), routeOf('dial')])
    expect(app.fake.count('join1v1Chat')).toBe(1)
  })
})

describe('edit and delete from the action sheet', () => {
  test('delete says who, and undo puts them back in place', async () => {
    const app = await launch({ authSetting: GRANTED, storage: stored({ contacts: [ALICE, BOB] }) })
    const page = await app.open('contacts')
    const before = contactNames(page)
    await contactAction(page, 'Bob', '删除')
    expect(contactNames(page)).toEqual(before.filter((n) => n !== 'Bob'))
    expect(page.text('#undo-text')).toBe('已删除 Bob')
    page.tap('#undo-delete')
    await settle()
    expect(contactNames(page)).toEqual(before)
  })

  test('edit opens a half-screen dialog; saving changes the row in place; closing it changes nothing', async () => {
    const app = await launch({ authSetting: GRANTED, storage: stored({ contacts: [ALICE, BOB] }) })
    const page = await app.open('contacts')
    await contactAction(page, 'Bob', '编辑')
    page.input('#add-note', '高中同学')
    page.tap('#add-save')
    await settle()
    expect(page.exists('#edit-dialog')).toBe(false)
    const bobRow = page.all('.contact-row')[contactNames(page).indexOf('Bob')]
    expect(page.texts('.contact-row__note')).toEqual(['高中同学'])
    expect(bobRow.dom.textContent).toContain('高中同学')
    await contactAction(page, 'Bob', '编辑')
    page.input('#add-note', '不保存')
    page.tap(page.all('#edit-dialog >>> .weui-half-screen-dialog__hd__side')[0])
    await settle()
    expect(page.exists('#edit-dialog')).toBe(false)
    expect(savedIn(app.fake.env.storage)!.contacts[1].note).toBe('高中同学')
  })
})

describe('a long list shows a window of it', () => {
  test('twelve rows first; reaching the end shows six more; search matches the note too and starts small', async () => {
    const app = await launch({ authSetting: GRANTED, storage: stored({ contacts: friends(50) }) })
    const page = await app.open('contacts')
    expect(page.all('.contact-row')).toHaveLength(12)
    page.hook('onReachBottom')
    await settle()
    expect(page.all('.contact-row')).toHaveLength(18)
    page.input('#search', '同事')
    await settle()
    expect(page.all('.contact-row')).toHaveLength(6)
    expect(page.exists('#show-more')).toBe(true)
    page.tap('#show-more')
    await settle()
    expect(page.all('.contact-row')).toHaveLength(12)
    expect(page.texts('.contact-row__note').every((s) => s.includes('同事'))).toBe(true)
    page.input('#search', '')
    await settle()
    expect(page.all('.contact-row')).toHaveLength(12)
  })

  test('deleting from a window keeps it full: the next row moves up', async () => {
    const app = await launch({ authSetting: GRANTED, storage: stored({ contacts: friends(20) }) })
    const page = await app.open('contacts')
    const first = contactNames(page)[0]!
    await contactAction(page, first, '删除')
    expect(page.all('.contact-row')).toHaveLength(12)
    expect(contactNames(page)).not.toContain(first)
  })
})

describe('no dead ends in the walkthrough', () => {
  test.each([
    [
      'the microphone and camera were denied before',
      { authSetting: { 'scope.record': false, 'scope.camera': false } },
      '#recovery-step',
    ],
    [
      "WeChat lacks the phone's microphone",
      { authSetting: GRANTED, os: { microphone: 'denied', camera: 'denied' } },
      '#phone-step',
    ],
  ] as const)(
    '%s: the person may look around, told what will not work, and is not sent back',
    async (_n, env, step) => {
      const app = await launch(env)
      await app.open('contacts')
      const onboarding = app.top()!
      expect(onboarding.exists(step)).toBe(true)
      expect(onboarding.exists('#skip-camera')).toBe(false)
      expect(onboarding.text('#not-now-what')).toContain('还不能通话')
      await looksAroundFromWalkthrough(app)
    },
  )

  test('only the camera denied: voice only is offered beside looking around', async () => {
    const app = await launch({ authSetting: { 'scope.record': true, 'scope.camera': false } })
    await app.open('contacts')
    const onboarding = app.top()!
    expect([onboarding.exists('#recovery-step'), onboarding.exists('#skip-camera')]).toEqual([true, true])
  })
})

test('someone new whose permissions change while another page is on top is walked through only back at home', async () => {
  const app = await launch({ authSetting: GRANTED })
  await app.open('contacts')
  const me = await app.open('me')
  app.fake.env.privacyNeedsAgreement = true
  await app.within(() => app.store.permissions.refresh())
  await settle()
  expect(app.top()).toBe(me)
  await app.back()
  expect(app.stack.map((p) => p.route)).toEqual([routeOf('onboarding')])
})
