// Contacts and my profile, through the page and the fake runtime: what a person types and sees.
import { UNDO_MS } from '../../miniprogram/store/contacts'
import type { Environment } from '../../wechat-model'
import { launch, LaunchedApp } from '../harness/app'
import { CLOUD_CONFIG } from '../harness/phones'
import { PageHandle, settle, useFakeClock, useRealClock, wait } from '../harness/page'
import {
  contactAction,
  contactNames,
  openDevOptions,
  routeOf,
  searchContacts,
  typeContact,
  typeProfile,
} from '../harness/screens'

import {
  ALICE,
  BACKUP_KEY,
  BOB,
  CAROL,
  GRANTED,
  laterCopyOf,
  ME,
  NEWER_KEY,
  SAVED_VERSION,
  savedIn,
  STORAGE_KEY as KEY,
  stored,
  WANG,
} from '../fixtures'

type Saved = {
  version: number
  profile: unknown
  contacts: Array<{ openid: string; nickname: string; note: string }>
  history: unknown[]
}
const SAVE_FAILED = '保存失败：手机存储空间不足。本次的更改仍在，但退出后可能丢失，请清理空间后再试。'
const saved = (app: LaunchedApp) => savedIn(app.fake.env.storage) as unknown as Saved

/** Someone past the walkthrough (microphone and camera granted) opens their contacts. */
async function open(env: Partial<Environment> = {}, query: Record<string, string> = {}) {
  const app = await launch({ authSetting: GRANTED, ...env })
  const page = await app.open('contacts', query)
  return { app, page }
}

/** Adds a contact by typed openid on my page (开发者选项), over the list: the page with the form. */
async function add(app: LaunchedApp, openid: string, nickname: string, note = ''): Promise<PageHandle> {
  const top = app.top()
  const me = top?.route === routeOf('me') ? top : await app.open('me')
  await typeContact(me, openid, nickname, note)
  return me
}

describe('a new user', () => {
  test('sees an empty state that says what to do first', async () => {
    const { page } = await open()
    expect(page.text('#empty-title')).toBe('还没有联系人')
    expect(page.text('#empty-state')).toContain('点开朋友的名片')
    expect(page.isDisabled('#share-card')).toBe(true)
    expect(page.text('#share-needs-profile')).toBe('先保存我的资料，才能分享名片。')
  })

  test('no openid field shows until 开发者选项 is tapped; then both do, mine here and the add form on my page', async () => {
    const { app, page } = await open()
    expect([page.exists('#add-openid'), page.exists('#me-openid')]).toEqual([false, false])
    await page.press('#dev-options')
    expect(page.exists('#me-openid')).toBe(true)
    const me = await app.open('me')
    expect([me.exists('#add-openid'), me.exists('#me-openid')]).toEqual([true, true])
  })

  test('with no backend a developer types an openid under 开发者选项; the profile survives a relaunch', async () => {
    const { app, page } = await open()
    expect(page.exists('#me-openid')).toBe(false)
    await typeProfile(page, `  ${ME.openid} `, ME.nickname)
    expect(page.text('#me-saved')).toBe('已保存')
    expect(saved(app).profile).toEqual(ME)
    const again = await launch({ storage: app.fake.env.storage })
    const page2 = await again.open('contacts')
    expect(again.store.profile.me).toEqual(ME)
    expect(page2.isDisabled('#share-card')).toBe(false)
  })

  test('a bad profile openid is explained and nothing is saved', async () => {
    const { app, page } = await open()
    await typeProfile(page, 'short', '我')
    expect(page.text('#me-error')).toBe('openid 应为 16–64 位。')
    expect(app.fake.env.storage[KEY]).toBeUndefined()
  })
})

describe('adding, editing, deleting', () => {
  test('add (developers, by openid): trimmed, shown with its note, saved', async () => {
    const { app, page } = await open()
    const me = await add(app, ` ${ALICE.openid} `, ` ${ALICE.nickname} `, '大学同学')
    expect(contactNames(page)).toEqual(['爱丽丝'])
    expect(page.text('.contact-row__note')).toBe('大学同学')
    expect(saved(app).contacts).toEqual([{ ...ALICE, note: '大学同学' }])
    expect(me.text('#add-openid') + me.attr('#add-openid', 'value')).toBe('')
  })

  test('duplicate openid: says so and offers to update the existing contact', async () => {
    const { app, page } = await open({ storage: stored({ contacts: [ALICE] }) })
    const me = await add(app, ALICE.openid, '新名字')
    expect(me.text('#add-error')).toContain('已有这个 openid 的联系人')
    expect(saved(app).contacts[0].nickname).toBe('爱丽丝')
    me.tap('#add-update')
    await settle()
    expect(contactNames(page)).toEqual(['新名字'])
    expect(saved(app).contacts).toHaveLength(1)
  })

  test('you cannot add yourself', async () => {
    const { app } = await open({ storage: stored({ profile: ME }) })
    const me = await add(app, ME.openid, '我自己')
    expect(me.text('#add-error')).toBe('这是你自己的 openid，不能添加自己为联系人。')
    expect(app.fake.env.storage).toEqual(stored({ profile: ME }))
  })

  test('edit: the form fills in, the openid stays, the change is saved, and the avatar stays', async () => {
    const bob = { ...BOB, avatarUrl: 'https://example.com/bob.png' }
    const { app, page } = await open({ storage: stored({ contacts: [ALICE, bob] }) })
    await contactAction(page, 'Bob', '编辑')
    expect(page.text('#edit-dialog >>> .weui-half-screen-dialog__title')).toBe('编辑联系人')
    expect(page.exists('#add-openid')).toBe(false)
    // The open dialog's save leads (store/screens/home.ts: primary).
    expect(page.attr('#add-save', 'type')).toBe('primary')
    page.input('#add-nickname', 'Robert')
    page.tap('#add-save')
    await settle()
    expect(contactNames(page)).toEqual(['爱丽丝', 'Robert'].sort((a, b) => a.localeCompare(b, 'zh-CN')))
    expect(saved(app).contacts.find((c) => c.openid === BOB.openid)).toEqual({ ...bob, nickname: 'Robert' })
    expect(page.exists('#add-form')).toBe(false)
  })

  test('delete, then undo, restores the contact in place', async () => {
    const { app, page } = await open({ storage: stored({ contacts: [ALICE, BOB] }) })
    const before = contactNames(page)
    await contactAction(page, before[0], '删除')
    expect(contactNames(page)).toEqual(before.slice(1))
    expect(page.text('#undo-text')).toBe(`已删除 ${before[0]}`)
    expect(saved(app).contacts).toHaveLength(1)
    page.tap('#undo-delete')
    await settle()
    expect(contactNames(page)).toEqual(before)
    expect(saved(app).contacts).toHaveLength(2)
    expect(page.exists('#undo-bar')).toBe(false)
  })

  test('the undo offer ends by itself after a few seconds; the contact stays deleted', async () => {
    useFakeClock()
    try {
      const { app, page } = await open({ storage: stored({ contacts: [ALICE, BOB] }) })
      await contactAction(page, 'Bob', '删除')
      await wait(UNDO_MS / 1000 - 1)
      expect(page.exists('#undo-bar')).toBe(true)
      await wait(1)
      expect(page.exists('#undo-bar')).toBe(false)
      expect([contactNames(page), saved(app).contacts]).toEqual([['爱丽丝'], [ALICE]])
    } finally {
      useRealClock()
    }
  })

  test('tapping a contact opens the dial page for that openid', async () => {
    const { app, page } = await open({ storage: stored({ contacts: [ALICE] }) })
    page.tapNth('.contact-row', 0)
    await settle()
    expect(app.fake.ui.navigations).toEqual([`/pages/dial/index?openid=${ALICE.openid}`])
  })
})

describe('bad input gets a clear message and changes nothing saved', () => {
  const long = (n: number) => 'a'.repeat(n)
  test.each([
    ['empty openid', '', 'Bob', '请填写 openid。'],
    ['spaces only', '    ', 'Bob', '请填写 openid。'],
    ['too short', long(15), 'Bob', 'openid 应为 16–64 位。'],
    ['too long', long(65), 'Bob', 'openid 应为 16–64 位。'],
    ['bad characters', 'oAbc def!ghijklmnop', 'Bob', 'openid 只能包含字母、数字、下划线和短横线。'],
    ['empty nickname', BOB.openid, '  ', '请填写昵称。'],
    ['huge nickname', BOB.openid, '长'.repeat(10000), '昵称最多 32 个字。'],
    ['33 emoji', BOB.openid, '😀'.repeat(33), '昵称最多 32 个字。'],
    ['a right-to-left override', BOB.openid, 'Bob\u202Egnp.exe', '昵称不能包含不可见的控制字符。'],
    ['a control character', BOB.openid, 'Bo\u0007b', '昵称不能包含不可见的控制字符。'],
  ])('%s', async (_name, openid, nickname, message) => {
    const storage = stored({ contacts: [ALICE] })
    const { app, page } = await open({ storage })
    const before = JSON.stringify(app.fake.env.storage)
    const me = await add(app, openid, nickname)
    expect(me.text('#add-error')).toBe(message)
    expect(JSON.stringify(app.fake.env.storage)).toBe(before)
    expect(contactNames(page)).toEqual(['爱丽丝'])
  })

  test('32 emoji are 32 characters, and fine', async () => {
    const { app } = await open()
    const me = await add(app, BOB.openid, '😀'.repeat(32))
    expect(me.exists('#add-error')).toBe(false)
    expect(saved(app).contacts[0].nickname).toBe('😀'.repeat(32))
  })
})

describe('search and order', () => {
  test('most recent call first, then by name; search narrows by nickname', async () => {
    const history = [{ at: 1000, openid: CAROL.openid, mode: 'voice', outcome: 'placed' }]
    const { page } = await open({ storage: stored({ contacts: [BOB, ALICE, CAROL], history }) })
    expect(contactNames(page)).toEqual(['Carol', ...['Bob', '爱丽丝'].sort((a, b) => a.localeCompare(b, 'zh-CN'))])
    expect(await searchContacts(page, 'bo')).toEqual(['Bob'])
    expect(await searchContacts(page, 'zzz')).toEqual([])
    expect(page.text('#no-match')).toBe('没有找到匹配的联系人')
  })

  test('search takes the pinyin initials of a nickname or a note, and says so', async () => {
    const classmate = { ...CAROL, note: '高中同学' }
    const { page } = await open({ storage: stored({ contacts: [BOB, ALICE, WANG, classmate] }) })
    expect(page.attr('#search', 'placeholder')).toBe('搜索昵称、备注或拼音首字母')
    expect(await searchContacts(page, 'wdc')).toEqual(['王大锤'])
    expect(await searchContacts(page, ' ALS ')).toEqual(['爱丽丝'])
    expect(await searchContacts(page, 'gztx')).toEqual(['Carol'])
    expect(await searchContacts(page, 'wx')).toEqual([])
  })
})

describe('storage', () => {
  test('a relaunch keeps contacts', async () => {
    const { app } = await open()
    await add(app, ALICE.openid, ALICE.nickname)
    const again = await launch({ storage: app.fake.env.storage })
    expect(contactNames(await again.open('contacts'))).toEqual(['爱丽丝'])
  })

  test.each([
    ['not JSON', '{not json', BACKUP_KEY, '已损坏'],
    ['not an object', 42, BACKUP_KEY, '已损坏'],
    ['a future version', { version: SAVED_VERSION + 1, contacts: [ALICE] }, NEWER_KEY, '更新版本'],
  ])('%s: kept whole under %s, started clean, told once', async (_name, raw, keptUnder, words) => {
    const { app, page } = await open({ storage: { [KEY]: raw } })
    expect(page.text('#storage-notice')).toContain(words)
    expect(app.fake.env.storage[keptUnder]).toEqual(raw)
    expect(contactNames(page)).toEqual([])
    page.tap('#storage-notice-dismiss')
    await settle()
    expect(page.exists('#storage-notice')).toBe(false)
    const again = await launch({ storage: app.fake.env.storage })
    expect((await again.open('contacts')).exists('#storage-notice')).toBe(false)
    expect(again.fake.env.storage[keptUnder]).toEqual(raw)
  })

  test('damaged data with no room to keep it aside is not written over: changes wait in memory until there is', async () => {
    // Other keys fill nine of the 10 MB; the damaged value takes almost one more, so no copy of it fits.
    const others = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`other.${i}`, 'x'.repeat(1000 * 1000)]))
    const raw = `{not json ${'x'.repeat(900 * 1000)}`
    const { app, page } = await open({ storage: { ...others, [KEY]: raw } })
    expect(page.text('#storage-notice')).toContain('已损坏')
    const me = await add(app, ALICE.openid, ALICE.nickname)
    expect(me.text('#storage-error')).toContain('保存失败')
    expect(contactNames(page)).toEqual(['爱丽丝'])
    expect(app.fake.env.storage[KEY]).toBe(raw)
    expect(app.fake.env.storage[BACKUP_KEY]).toBeUndefined()
    // Room again: the damaged value is kept aside first, and only then written over.
    delete app.fake.env.storage['other.0']
    await add(app, BOB.openid, BOB.nickname)
    expect(me.exists('#storage-error')).toBe(false)
    expect(app.fake.env.storage[BACKUP_KEY]).toBe(raw)
    expect(saved(app).contacts.map((c) => c.nickname)).toEqual(['爱丽丝', 'Bob'])
  })

  test('damaged again later: the first copy kept aside stays, and the later one is kept beside it', async () => {
    // Values under one key, as the build before the current layout wrote them.
    const first = { version: 2, contacts: [ALICE, { openid: 7 }] }
    const { app } = await open({ storage: { [KEY]: first } })
    expect(app.fake.env.storage[BACKUP_KEY]).toEqual(first)
    const later = { version: 2, contacts: [ALICE, BOB, { openid: 8 }] }
    const { app: again, page } = await open({ storage: { ...app.fake.env.storage, [KEY]: later } })
    expect(contactNames(page)).toEqual(['爱丽丝', 'Bob'])
    expect(again.fake.env.storage[BACKUP_KEY]).toEqual(first)
    expect(again.fake.env.storage[laterCopyOf(BACKUP_KEY)]).toEqual(later)
  })

  test.each([
    ['in the current layout', stored({ contacts: [ALICE, { openid: 7 }, { ...BOB, nickname: '' }], profile: ME })],
    [
      'in a version-2 file',
      { [KEY]: { version: 2, contacts: [ALICE, { openid: 7 }, { ...BOB, nickname: '' }], profile: ME } },
    ],
  ])('partly corrupted %s: the good entries survive', async (_name, storage) => {
    const { app, page } = await open({ storage })
    expect(contactNames(page)).toEqual(['爱丽丝'])
    expect(app.store.profile.me).toEqual(ME)
    expect(page.text('#storage-notice')).toContain('部分保存的数据已损坏')
  })

  test('storage full: the person is told, and the change stays in memory until a write succeeds', async () => {
    const { app, page } = await open({ storage: stored({ contacts: [ALICE] }) })
    app.fake.env.storageFull = true
    const me = await add(app, BOB.openid, BOB.nickname)
    expect([me.text('#storage-error'), page.text('#storage-error')]).toEqual([SAVE_FAILED, SAVE_FAILED])
    expect(contactNames(page)).toContain('Bob')
    expect(saved(app).contacts).toEqual([ALICE])
    app.fake.env.storageFull = false
    await add(app, 'oCarol_000000000001', 'Carol')
    expect(me.exists('#storage-error')).toBe(false)
    expect(saved(app).contacts.map((c) => c.nickname)).toEqual(['爱丽丝', 'Bob', 'Carol'])
  })
})

describe('share my card', () => {
  test('the shared path opens the contacts page with my openid and nickname', async () => {
    const { page } = await open({ storage: stored({ profile: ME }) })
    const share = page.hook<{ title: string; path: string }>('onShareAppMessage')
    expect(share.title).toBe('我 邀请你在 Duet 上通话')
    expect(share.path).toBe(`/pages/contacts/index?openid=${ME.openid}&nickname=${encodeURIComponent('我')}`)
  })

  test('opening a card offers to add the sender; accepting adds them', async () => {
    const { app, page } = await open({}, { openid: ALICE.openid, nickname: encodeURIComponent(ALICE.nickname) })
    expect(page.text('#share-offer-title')).toBe('要添加这位联系人吗？')
    expect(page.text('#share-offer-who')).toBe('爱丽丝')
    page.tap('#share-accept')
    await settle()
    expect(saved(app).contacts).toEqual([{ ...ALICE, note: '' }])
    expect(page.exists('#share-offer')).toBe(false)
  })

  test('a card from a known contact with a new nickname offers an update', async () => {
    const { page } = await open({ storage: stored({ contacts: [ALICE] }) }, { openid: ALICE.openid, nickname: 'Alice' })
    expect(page.text('#share-offer-title')).toBe('这位联系人的资料有变化，要更新吗？')
  })

  test.each([
    ['a bad openid', { openid: '<script>', nickname: 'x' }],
    ['a missing nickname', { openid: ALICE.openid }],
    ['broken percent-encoding', { openid: ALICE.openid, nickname: '%E7%88' }],
  ])('%s: ignored with a message, nothing saved', async (_name, query) => {
    const { app, page } = await open({}, query)
    expect(page.text('#share-error')).toBe('这个名片链接中的信息无效，已忽略。')
    expect(page.exists('#share-offer')).toBe(false)
    expect(app.fake.env.storage[KEY]).toBeUndefined()
  })

  test('my own card is ignored', async () => {
    const { page } = await open({ storage: stored({ profile: ME }) }, { ...ME })
    expect(page.exists('#share-offer')).toBe(false)
    expect(page.exists('#share-error')).toBe(false)
  })
})

describe('开发者选项 with a backend: only in a developer or trial build', () => {
  test.each([
    ['the released build', {}, false],
    ['a developer build', { envVersion: 'develop' as const }, true],
    ['a trial build', { envVersion: 'trial' as const }, true],
    [
      'a base library without envVersion (before 2.10.0)',
      { envVersion: 'develop' as const, sdkVersion: '2.9.4' },
      false,
    ],
  ])('%s', async (_name, env, shown) => {
    const app = await launch({ authSetting: GRANTED, ...env }, {}, { config: CLOUD_CONFIG })
    const page = await app.open('contacts')
    expect(page.exists('#dev-options')).toBe(shown)
    if (!shown) return
    // Adding someone by openid, yes (on my page); typing my own, never: WeChat Cloud says who I am.
    await page.press('#dev-options')
    const me = await app.open('me')
    expect([me.exists('#add-openid'), me.exists('#me-openid')]).toEqual([true, false])
  })
})

describe('my openid from our own login server (a deployment without WeChat Cloud)', () => {
  const config = { loginEndpoint: 'https://duet.example/login' }

  test('is asked at launch: wx.login → server → openid, kept on the device, never typed', async () => {
    const server = (code: string) => ({ statusCode: 200, data: { openid: code === 'fake-code-1' ? ME.openid : 'x' } })
    const app = await launch({ loginServer: server, authSetting: GRANTED, envVersion: 'develop' }, {}, { config })
    const page = await app.open('contacts')
    expect(app.fake.trace(['login'])).toEqual(['login', 'request(https://duet.example/login)'])
    expect(app.store.profile.openid).toBe(ME.openid)
    await openDevOptions(page)
    expect(page.exists('#me-openid')).toBe(false)
    page.input('#me-nickname', ME.nickname)
    page.tap('#me-save')
    await settle()
    expect(saved(app).profile).toEqual(ME)
  })

  test('a failing server is explained with a way to try again, and nothing is typed instead', async () => {
    const app = await launch(
      { loginServer: () => ({ statusCode: 500, data: 'oops' }), authSetting: GRANTED },
      {},
      { config },
    )
    const page = await app.open('contacts')
    expect(page.text('#whoami-error-text')).toContain('暂时无法向微信确认你的身份')
    app.fake.env.loginServer = () => ({ statusCode: 200, data: { openid: ME.openid } })
    page.tap('#whoami-retry')
    await settle()
    expect(page.exists('#whoami-error')).toBe(false)
    expect(app.store.profile.openid).toBe(ME.openid)
  })
})
