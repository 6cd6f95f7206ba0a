// Issue 6 §3: bad input from every door (typed fields, share links, storage, WeChat's own answers).
// Each row: the message a person sees, and proof that nothing already saved changed.
import type { Environment } from '../../wechat-model'
import { launch, LaunchedApp, LaunchOptions, PageName } from '../harness/app'
import { JOIN_TIMEOUT_MS } from '../../miniprogram/store/join'
import { PageHandle, settle, useFakeClock, useRealClock, wait } from '../harness/page'
import { contactNames, openMyPage, typeContact, typeProfile } from '../harness/screens'
import { chunkKey, SavedIndex } from '../../miniprogram/store/saved-layout'
import {
  ALICE,
  BACKUP_KEY,
  BOB,
  crowd,
  GRANTED,
  ME,
  NEWER_KEY,
  SAVED_VERSION,
  savedIn,
  savedState,
  STORAGE_KEY,
  stored,
} from '../fixtures'

const KEY = STORAGE_KEY
const SAVED = savedState()
/** SAVED as this build keeps it: an index and chunks. */
const STORED = stored(SAVED)
/** SAVED as the build before kept it, under one key: where damage in one value comes from. */
const V2 = { ...SAVED, version: 2 }
/** STORED with `change` made to its keys: damage to the current layout. */
function storedDamaged(change: (storage: Record<string, unknown>, index: SavedIndex) => void) {
  const storage = JSON.parse(JSON.stringify(STORED)) as Record<string, unknown>
  change(storage, storage[KEY] as SavedIndex)
  return storage
}

const MSG = {
  openidEmpty: '请填写 openid。',
  openidLength: 'openid 应为 16–64 位。',
  openidChars: 'openid 只能包含字母、数字、下划线和短横线。',
  nicknameEmpty: '请填写昵称。',
  nicknameLength: '昵称最多 32 个字。',
  nicknameChars: '昵称不能包含不可见的控制字符。',
  noteLength: '备注最多 60 个字。',
  noteChars: '备注不能包含不可见的控制字符。',
  badLink: '这个名片链接中的信息无效，已忽略。',
}

interface Row {
  name: string
  env?: Partial<Environment>
  page: PageName
  query?: Record<string, string>
  config?: LaunchOptions['config']
  act?: (page: PageHandle, app: LaunchedApp) => void | Promise<void>
  /** Selector and the text a person reads there; null: nothing is shown (e.g. my own card). */
  shows: [string, string] | null
  /**
   * Storage after the row: 'unchanged' (byte for byte), 'backed-up' (the raw value kept under the backup key),
   * 'kept-aside' (a newer Duet's value kept untouched under its own key), or 'reads-back-unchanged' (keys a
   * refused save wrote before the refusal may be there, named by no index: what a launch reads is as it was).
   */
  storage?: 'unchanged' | 'backed-up' | 'kept-aside' | 'reads-back-unchanged'
}

const addContact =
  (openid: string, nickname: string, note = '') =>
  (page: PageHandle) =>
    typeContact(page, openid, nickname, note)
const saveProfile = (openid: string, nickname: string) => (page: PageHandle) => typeProfile(page, openid, nickname)
const tapCall = (page: PageHandle) => page.tap('#call')
const big = (n: number, unit = 'a') => unit.repeat(n)

/** Typed into the add-contact form (my page, 开发者选项): the message under it. */
const typedContact = (name: string, act: Row['act'], message: string): Row => ({
  name,
  page: 'me',
  act,
  shows: ['#add-error', message],
})

/** Typed into my profile (my page): the message under it. */
const typedProfile = (name: string, act: Row['act'], message: string): Row => ({
  name,
  page: 'me',
  act,
  shows: ['#me-error', message],
})

/**
 * Stored values that cannot be read as they are: the notice, and where the value under KEY (a whole state
 * before version 3, the index since) was kept.
 */
const storedKeys = (name: string, storage: Record<string, unknown>, words: string, kept: Row['storage']): Row => ({
  name,
  page: 'contacts',
  env: { storage },
  shows: ['#storage-notice', words],
  storage: kept,
})
const storedValue = (name: string, raw: unknown, words: string, kept: Row['storage']) =>
  storedKeys(name, { [KEY]: raw }, words, kept)

/** A read WeChat fails at launch: the walkthrough goes on from what is known, never stuck on "loading". */
const launchReadFails = (api: string): Row => ({
  name: `wx: ${api} fails`,
  page: 'onboarding',
  env: { failures: { [api]: { errMsg: `${api}:fail unknown` } } },
  shows: ['#step-title', '通话需要这些权限'],
})

/** A card link whose query cannot be trusted: the contacts page says so and offers nothing. */
const badLink = (name: string, query: Record<string, string>): Row => ({
  name: `link: ${name}`,
  page: 'contacts',
  query,
  shows: ['#share-error', MSG.badLink],
})

const rows: Row[] = [
  // typed openids (add-contact form)
  typedContact('openid: empty', addContact('', 'Bob'), MSG.openidEmpty),
  typedContact('openid: spaces', addContact('     ', 'Bob'), MSG.openidEmpty),
  typedContact('openid: tabs and newlines', addContact('\t\n\r', 'Bob'), MSG.openidEmpty),
  typedContact('openid: a control character', addContact('oBob_000000\u0000000001', 'Bob'), MSG.openidChars),
  typedContact('openid: 10,000 characters', addContact(big(10000), 'Bob'), MSG.openidLength),
  typedContact('openid: WXML-like markup', addContact('<view bindtap="x">oBob_0000</view>', 'Bob'), MSG.openidChars),
  typedContact('openid: emoji', addContact('oBob_00000000000😀', 'Bob'), MSG.openidChars),
  typedContact('openid: right-to-left text', addContact('مرحبا_000000000000000', 'Bob'), MSG.openidChars),
  typedContact('openid: look-alike Cyrillic о', addContact('\u043eBob_00000000000001', 'Bob'), MSG.openidChars),
  typedContact('openid: 15 characters', addContact(big(15), 'Bob'), MSG.openidLength),
  typedContact('openid: 65 characters', addContact(big(65), 'Bob'), MSG.openidLength),
  typedContact('openid: percent-encoded', addContact('oBob%5F0000000000001', 'Bob'), MSG.openidChars),
  // typed nicknames and notes
  typedContact('nickname: empty', addContact('oBob_00000000000001', ''), MSG.nicknameEmpty),
  typedContact('nickname: spaces', addContact('oBob_00000000000001', '   '), MSG.nicknameEmpty),
  typedContact('nickname: a control character', addContact('oBob_00000000000001', 'Bo\u0008b'), MSG.nicknameChars),
  typedContact('nickname: 10,000 characters', addContact('oBob_00000000000001', big(10000, '长')), MSG.nicknameLength),
  typedContact('nickname: 33 emoji', addContact('oBob_00000000000001', big(33, '😀')), MSG.nicknameLength),
  typedContact(
    'nickname: 33 family emoji (joined sequences)',
    addContact('oBob_00000000000001', big(33, '👨‍👩‍👧')),
    MSG.nicknameLength,
  ),
  typedContact(
    'nickname: right-to-left override',
    addContact('oBob_00000000000001', 'Bob\u202Efdp.exe'),
    MSG.nicknameChars,
  ),
  typedContact('nickname: zero-width space only', addContact('oBob_00000000000001', '\u200B'), MSG.nicknameChars),
  typedContact('nickname: a byte-order mark inside', addContact('oBob_00000000000001', 'Bo\uFEFFb'), MSG.nicknameChars),
  typedContact('nickname: a lone surrogate', addContact('oBob_00000000000001', 'Bob\uD800'), MSG.nicknameChars),
  typedContact('note: 61 characters', addContact('oBob_00000000000001', 'Bob', big(61, '注')), MSG.noteLength),
  typedContact('note: a control character', addContact('oBob_00000000000001', 'Bob', 'a\u0007'), MSG.noteChars),
  typedContact('contact: my own openid', addContact(ME.openid, '我'), '这是你自己的 openid，不能添加自己为联系人。'),
  typedContact(
    'contact: an existing openid',
    addContact(ALICE.openid, 'Alice'),
    '已有这个 openid 的联系人。要用刚填写的昵称更新 TA 吗？',
  ),
  // typed profile
  typedProfile('profile: markup openid', saveProfile('<b>me</b>', '我'), MSG.openidChars),
  typedProfile('profile: 10,000-character nickname', saveProfile(ME.openid, big(10000)), MSG.nicknameLength),
  typedProfile('profile: control characters in nickname', saveProfile(ME.openid, '\u001b[31mred'), MSG.nicknameChars),
  // share-link queries
  badLink('no openid', { nickname: 'Bob' }),
  badLink('no nickname', { openid: 'oBob_00000000000001' }),
  badLink('empty values', { openid: '', nickname: '' }),
  badLink('broken percent-encoding', { openid: 'oBob_00000000000001', nickname: '%E7%88' }),
  badLink('double-encoded markup', { openid: '%253Cscript%253E0000000000', nickname: 'x' }),
  badLink('encoded right-to-left override', { openid: 'oBob_00000000000001', nickname: 'Bob%E2%80%AEexe' }),
  badLink('10,000-character nickname', { openid: 'oBob_00000000000001', nickname: big(10000) }),
  badLink('an avatar that is not https', {
    openid: 'oBob_00000000000001',
    nickname: 'Bob',
    avatar: 'http://evil.example/a.png',
  }),
  badLink('a javascript: avatar', { openid: 'oBob_00000000000001', nickname: 'Bob', avatar: 'javascript%3Aalert(1)' }),
  badLink('a 5,000-character avatar', {
    openid: 'oBob_00000000000001',
    nickname: 'Bob',
    avatar: `https://a.example/${big(5000)}`,
  }),
  badLink('an avatar with markup', {
    openid: 'oBob_00000000000001',
    nickname: 'Bob',
    avatar: 'https://a.example/%22%3E%3Cimg%3E',
  }),
  { name: 'link: my own card', page: 'contacts', query: { ...ME }, shows: null },
  {
    name: 'link: extra fields are ignored, the offer waits for a tap',
    page: 'contacts',
    query: { openid: 'oBob_00000000000001', nickname: 'Bob', admin: '1', note: '<script>' },
    shows: ['#share-offer-title', '要添加这位联系人吗？'],
  },
  // storage values
  storedValue('storage: not JSON', '{"version":1,', '已损坏', 'backed-up'),
  storedValue('storage: a number', 12345, '已损坏', 'backed-up'),
  storedValue('storage: an array', [V2], '已损坏', 'backed-up'),
  storedValue('storage: null', null, '已损坏', 'backed-up'),
  storedValue(
    'storage: wrong types',
    { ...V2, contacts: 'x', history: {}, prefs: 3 },
    '部分保存的数据已损坏',
    'backed-up',
  ),
  storedValue(
    'storage: a profile avatar that is not https',
    { ...V2, profile: { ...ME, avatarUrl: 'http://x.example/a.png' } },
    '部分保存的数据已损坏',
    'backed-up',
  ),
  storedValue(
    'storage: a contact with a forged avatar',
    { ...V2, contacts: [{ ...ALICE, avatarUrl: 'javascript:1' }] },
    '部分保存的数据已损坏',
    'backed-up',
  ),
  storedKeys(
    'storage: a contact with a forged avatar, in a chunk',
    stored({ ...SAVED, contacts: [ALICE, { ...BOB, avatarUrl: 'javascript:1' }] }),
    '部分保存的数据已损坏',
    'backed-up',
  ),
  storedKeys(
    'storage: the index names a chunk that is not there',
    storedDamaged((storage, index) => delete storage[chunkKey(index.lists.contacts.chunks[0])]),
    '部分保存的数据已损坏',
    'backed-up',
  ),
  storedKeys(
    'storage: a chunk that is not a list',
    storedDamaged((storage, index) => (storage[chunkKey(index.lists.contacts.chunks[0])] = { 0: ALICE })),
    '部分保存的数据已损坏',
    'backed-up',
  ),
  storedKeys(
    'storage: an index with chunk ids that are not ids',
    storedDamaged((_storage, index) => (index.lists.contacts.chunks = ['1' as unknown as number])),
    '部分保存的数据已损坏',
    'backed-up',
  ),
  storedKeys(
    'storage: an index without its lists',
    storedDamaged((_storage, index) => delete (index as Partial<SavedIndex>).lists),
    '已损坏，无法读取',
    'backed-up',
  ),
  storedValue('storage: a future version', { ...SAVED, version: SAVED_VERSION + 1 }, '更新版本', 'kept-aside'),
  storedValue('storage: version 0', { ...V2, version: 0 }, '已损坏', 'backed-up'),
  {
    name: 'storage: huge history',
    page: 'contacts',
    env: {
      storage: {
        [KEY]: {
          ...V2,
          history: Array.from({ length: 5000 }, (_, i) => ({
            at: i + 1,
            openid: ALICE.openid,
            mode: 'voice',
            outcome: 'placed',
          })),
        },
      },
    },
    shows: ['#storage-notice', '部分保存的数据已损坏'],
    storage: 'backed-up',
  },
  {
    name: 'storage: reading throws (what is stored is left alone, even when something changes)',
    page: 'contacts',
    env: { storage: STORED, failures: { getStorageSync: { errMsg: 'getStorageSync:fail' } } },
    query: { openid: 'oDave_00000000000001', nickname: 'Dave' },
    act: (page) => page.tap('#share-accept'),
    shows: ['#storage-notice', '暂时读不到手机上保存的数据'],
  },
  {
    name: 'storage: writing throws (full)',
    page: 'me',
    env: { storageFull: true },
    act: addContact('oBob_00000000000001', 'Bob'),
    shows: ['#storage-error', '保存失败'],
  },
  {
    name: 'storage: full while a long list is saved (a contact added to 2,000)',
    page: 'contacts',
    env: { storage: stored({ ...SAVED, contacts: [ALICE, ...crowd(2000, 0).contacts] }) },
    query: { openid: 'oDave_00000000000001', nickname: 'Dave' },
    act: (page, app) => {
      app.fake.env.storageFull = true
      page.tap('#share-accept')
    },
    shows: ['#storage-error', '保存失败'],
  },
  ...[0, 1].map((written): Row => ({
    name: `storage: fills up after ${written} key(s) of a save: told, and what a launch reads is as it was`,
    page: 'contacts',
    env: { storage: stored({ ...SAVED, contacts: [ALICE, ...crowd(2000, 0).contacts] }) },
    query: { openid: 'oDave_00000000000001', nickname: 'Dave' },
    act: (page, app) => {
      const last = app.fake.count('setStorageSync') + written
      Object.defineProperty(app.fake.env, 'storageFull', { get: () => app.fake.count('setStorageSync') > last })
      page.tap('#share-accept')
    },
    shows: ['#storage-error', '保存失败'],
    storage: 'reads-back-unchanged',
  })),
  // WeChat's own answers
  launchReadFails('getPrivacySetting'),
  launchReadFails('getSetting'),
  {
    name: 'wx: authorize fails with an unknown errMsg',
    page: 'onboarding',
    env: { failures: { authorize: { errMsg: 'authorize:fail system busy' } } },
    act: (p) => p.tap('#grant'),
    shows: ['#request-error', '请求权限没有成功，请再试一次。'],
  },
  {
    name: 'wx: openAppAuthorizeSetting fails',
    page: 'onboarding',
    env: {
      authSetting: GRANTED,
      os: { microphone: 'denied', camera: 'authorized' },
      failures: { openAppAuthorizeSetting: { errMsg: 'openAppAuthorizeSetting:fail' } },
    },
    act: (p) => p.tap('#open-app-settings'),
    shows: ['#phone-settings-error', '无法自动打开手机设置'],
  },
  {
    name: 'wx: setEnable1v1Chat fails with an unknown code',
    page: 'dial',
    env: { authSetting: GRANTED, enableFailure: { errCode: -9999 } },
    act: tapCall,
    shows: ['#call-error-code', '错误码 -9999'],
  },
  {
    name: 'wx: join1v1Chat fails with an unknown code',
    page: 'dial',
    env: { authSetting: GRANTED, joinOutcomes: [{ errCode: 31337 }] },
    act: tapCall,
    shows: ['#call-error-code', '错误码 31337'],
  },
  {
    name: 'wx: join1v1Chat fails with only an errMsg',
    page: 'dial',
    env: { authSetting: GRANTED, failures: { join1v1Chat: { errMsg: 'join1v1Chat:fail ???' } } },
    act: tapCall,
    shows: ['#call-error', '通话失败，请稍后重试。'],
  },
  {
    name: 'wx: getNetworkType fails (the call is still tried)',
    page: 'dial',
    env: { authSetting: GRANTED, failures: { getNetworkType: { errMsg: 'getNetworkType:fail' } } },
    act: tapCall,
    shows: ['#call-notice', '已呼叫'],
  },
  {
    name: 'wx: join1v1Chat never calls back',
    page: 'dial',
    env: { authSetting: GRANTED, joinOutcomes: ['hang'] },
    act: async (p) => {
      // The join's time limit passes on the app's clock, from the tap on.
      useFakeClock()
      try {
        p.tap('#call')
        await wait(JOIN_TIMEOUT_MS / 1000)
      } finally {
        useRealClock()
      }
    },
    shows: ['#call-error', '微信长时间没有响应，请重试。'],
  },
]

describe('bad input: a clear message, and nothing saved is lost', () => {
  test('the table has at least 40 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40)
  })

  test.each(rows.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const storage = row.env?.storage ?? STORED
    const app = await launch({ ...row.env, storage: JSON.parse(JSON.stringify(storage)) }, {}, { config: row.config })
    const before = JSON.stringify(app.fake.env.storage)
    const readBefore = JSON.stringify(savedIn(app.fake.env.storage))
    const page = await app.open(row.page, row.query ?? (row.page === 'dial' ? { openid: ALICE.openid } : {}))
    await row.act?.(page, app)
    await settle()

    if (row.shows) expect(page.text(row.shows[0])).toContain(row.shows[1])
    else for (const sel of ['#share-error', '#share-offer', '#add-error']) expect(page.exists(sel)).toBe(false)

    if (row.storage === 'backed-up' || row.storage === 'kept-aside') {
      expect(app.fake.env.storage[row.storage === 'backed-up' ? BACKUP_KEY : NEWER_KEY]).toEqual(storage[KEY])
    } else if (row.storage === 'reads-back-unchanged') {
      expect(JSON.stringify(savedIn(app.fake.env.storage))).toBe(readBefore)
    } else if (row.page === 'dial') {
      // A call attempt adds to the history; everything else saved stays as it was.
      expect({ ...savedIn(app.fake.env.storage), history: [] }).toEqual(SAVED)
    } else {
      expect(JSON.stringify(app.fake.env.storage)).toBe(before)
    }
    // Whatever happened, the page still works.
    expect(app.store.call.status).toBe('idle')
  })
})

test('joined emoji are one character each and allowed: 32 families fit', async () => {
  const app = await launch({ storage: STORED })
  const page = await app.open('me')
  await addContact('oBob_00000000000001', big(32, '👨‍👩‍👧'))(page)
  await settle()
  expect(page.exists('#add-error')).toBe(false)
  expect(savedIn(app.fake.env.storage)!.contacts).toHaveLength(2)
})

test('markup in a nickname is kept as text and shown as text, never as WXML', async () => {
  const app = await launch({ storage: STORED })
  await app.open('contacts')
  await addContact('oBob_00000000000001', '<view id="x">Bob</view>')(await openMyPage(app))
  const home = await app.back()
  expect(contactNames(home)).toContain('<view id="x">Bob</view>')
  expect(home.exists('#x')).toBe(false)
})
