// Every page in each of its key states, for the gallery (npm run gallery). Each names its heading (the
// screen's title: the navigation bar's, or a card's, a dialog's or a sheet's) and the texts it is about; the
// gallery fails when the heading is not a title a person can read on the screen, when those texts are not
// readable there, and on anything scripts/gallery-checks.js finds (overflow, squeezed or cut-off text, a sheet
// off the screen, two primary actions).
import type { Environment, ScriptedUser } from '../../wechat-model'
import { TEST_CLOUD_ENV, TEST_RING_TEMPLATE } from '../../wechat-model'
import type { LaunchedApp, LaunchOptions, PageName } from '../harness/app'
import { dataset } from '../harness/jcomponent'
import { settle } from '../harness/page'
import type { PageHandle } from '../harness/page'
import { contactAction, openDevOptions, openMyPage, typeContact } from '../harness/screens'
import { ALICE, ANNA, BOB, CAROL, DAVE, friends, GRANTED, LONG_NAMED, ME, savedState, STORAGE_KEY, STRANGER_OPENID, stored } from '../fixtures'

export interface GalleryState {
  page: PageName
  state: string
  /** The screen's title, exactly: a title element (or the navigation bar's title) on the screen as shown. */
  heading: string
  /** What the state is about: texts readable on the screen as shown. */
  shows?: string[]
  /** Texts further down the page, readable once scrolled to. */
  below?: string[]
  /** Texts this state may cut off with an ellipsis, besides TRUNCATED_BY_DESIGN (each, or a part of it). */
  truncated?: string[]
  /** The state is further down the page: the person has scrolled to the element with exactly this text. */
  scrollTo?: string
  dark?: boolean
  env?: Partial<Environment>
  user?: Partial<ScriptedUser>
  options?: LaunchOptions
  query?: Record<string, string>
  /** How the person gets to the page; by default it opens on its own (a card, a link) at the bottom of the stack. */
  arrive?: (app: LaunchedApp) => Promise<PageHandle>
  drive?: (page: PageHandle, app: LaunchedApp) => void | Promise<void>
}

/** Texts long on purpose, to see how a screen copes: cutting them off with an ellipsis (in a list row) is allowed. */
export const TRUNCATED_BY_DESIGN = [LONG_NAMED.nickname, LONG_NAMED.note]

/** Avatars as WeChat Cloud serves them; the gallery's browser answers these URLs with a drawn picture. */
const avatar = (name: string) => `https://6475-duet-test-0a1b2c-1300000000.tcb.qcloud.la/avatars/${name}/1.png`
const MINUTE = 60 * 1000
const clock = require('./clock.json') as { now: string; timeZone: string }
/** The phone's clock in every state (test/gallery/clock.json; jest and the browser run on its time zone). */
export const GALLERY_NOW = Date.parse(clock.now)
export const GALLERY_TIME_ZONE = clock.timeZone
const CONTACTS = [
  { ...ALICE, note: '大学同学', avatarUrl: avatar('alice') },
  { ...BOB, nickname: '王大锤' },
  { ...CAROL, avatarUrl: avatar('carol') },
  LONG_NAMED,
]
const HISTORY = [
  { at: GALLERY_NOW - 26 * 60 * MINUTE, openid: ALICE.openid, mode: 'video', outcome: 'placed', answeredAt: GALLERY_NOW - 26 * 60 * MINUTE + 9000, endedAt: GALLERY_NOW - 26 * 60 * MINUTE + 201_000 },
  { at: GALLERY_NOW - 3 * 60 * MINUTE, openid: ALICE.openid, mode: 'voice', outcome: 'failed', errCode: -30002 },
  { at: GALLERY_NOW - 90 * MINUTE, openid: CAROL.openid, mode: 'voice', outcome: 'placed' },
]
const ME_WITH_AVATAR = { ...ME, avatarUrl: avatar('me') }
const saved = (extra: Record<string, unknown> = {}) => ({
  storage: stored({ ...savedState({ profile: ME_WITH_AVATAR, contacts: CONTACTS, history: HISTORY }), ...extra }),
  authSetting: GRANTED,
})
const RINGS: LaunchOptions = { config: { cloudEnv: TEST_CLOUD_ENV, ringTemplateId: TEST_RING_TEMPLATE } }
/** Home first, then a tap on the person's row: the dial page over contacts, as a person gets there. */
const fromHome = (openid: string) => async (app: LaunchedApp) => {
  const home = await app.open('contacts')
  const row = home.all('.contact-row').find((r) => dataset(r).openid === openid)
  if (!row) throw new Error(`no row for ${openid} on the contacts page`)
  home.tap(row)
  await settle()
  return app.top()!
}
/** Alice's dial page, reached from home; `shows` is what the state is about. */
const dialOf = (env: Partial<Environment>, extra: Partial<GalleryState> = {}): Partial<GalleryState> => ({
  page: 'dial',
  arrive: fromHome(ALICE.openid),
  heading: '爱丽丝',
  env: { ...saved(), ...env },
  ...extra,
})
/** My page, reached from home (the cell at the top of the list). */
const meOf = (extra: Partial<GalleryState> = {}): Partial<GalleryState> => ({
  page: 'me',
  arrive: async (app) => {
    await app.open('contacts')
    return openMyPage(app)
  },
  heading: '我',
  env: saved(),
  ...extra,
})
/** 开发者选项 opened on my page (a developer's build), then a contact typed by openid. */
const addContact = (openid: string, nickname: string) => async (p: PageHandle) => {
  await openDevOptions(p)
  await typeContact(p, openid, nickname)
}
const tapCall = (p: PageHandle) => p.tap('#call')
const joinFails = (errCode: number, shows: string) => dialOf({ joinOutcomes: [{ errCode }] }, { drive: tapCall, shows: [shows] })
/** An invitation from Alice, sent `minutesAgo`, as its card's path carries it. */
const invitation = (minutesAgo: number, mode = 'voice') => ({
  from: ALICE.openid,
  name: encodeURIComponent(ALICE.nickname),
  avatar: encodeURIComponent(avatar('alice')),
  mode,
  at: String(GALLERY_NOW - minutesAgo * MINUTE),
})
const inviteOf = (query: Record<string, string>, heading: string, extra: Partial<GalleryState> = {}): Partial<GalleryState> => ({
  page: 'invite',
  query,
  heading,
  env: { authSetting: GRANTED, storage: stored({ profile: ME }) },
  ...extra,
})

/** Invites, then `ends` the wait as WeChat or the person would: the waiting room says how it ended. */
const inviteThenEnd =
  (ends: (app: LaunchedApp) => unknown) =>
  async (p: PageHandle, app: LaunchedApp): Promise<void> => {
    p.tap('#invite')
    await settle()
    await app.within(() => ends(app))
    await settle()
  }
/** WeChat reports the invited person in a call with me: the wait ends as answered. */
const endWaitByCallback = inviteThenEnd((app) => app.fake.voip.reportMembers([ME.openid, ALICE.openid]))
/** "Accept calls" switched off, as the me page's switch does: the wait ends and says why. */
const endWaitByCallsOff = inviteThenEnd((app) => app.store.reachability.setAcceptCalls(false))

/** An appointment with Alice kept on my phone, starting `minutesAhead` from the gallery's clock: video, 30 minutes. */
const withAlice = (state: string, minutesAhead: number, iBooked = true, extra: Record<string, unknown> = {}) => ({
  id: 'gallery0001',
  booker: iBooked ? ME.openid : ALICE.openid,
  guest: iBooked ? ALICE.openid : ME.openid,
  other: { openid: ALICE.openid, nickname: ALICE.nickname, avatarUrl: avatar('alice') },
  startAt: GALLERY_NOW + minutesAhead * MINUTE,
  endAt: GALLERY_NOW + (minutesAhead + 30) * MINUTE,
  mode: 'video',
  topic: '聊聊新年计划',
  state,
  changedAt: GALLERY_NOW - 60 * MINUTE,
  ...extra,
})
/** The appointment page for one kept appointment (opened from home's row or a reminder). */
const roomOf = (appointment: ReturnType<typeof withAlice>, heading: string, extra: Partial<GalleryState> = {}): Partial<GalleryState> => ({
  page: 'appointment',
  query: { appt: appointment.id },
  heading,
  env: saved({ appointments: [appointment] }),
  ...extra,
})
/** Alice's card booking me for tomorrow at 15:00, as its path carries it. */
const aliceBooks = (extra: Record<string, string> = {}) => {
  const start = GALLERY_NOW + (24 * 60 - 30) * MINUTE
  return {
    appt: 'gallery0002',
    from: ALICE.openid,
    name: encodeURIComponent(ALICE.nickname),
    to: ME.openid,
    start: String(start),
    end: String(start + 30 * MINUTE),
    mode: 'video',
    topic: encodeURIComponent('聊聊新年计划'),
    ...extra,
  }
}

export const STATES: GalleryState[] = [
  { page: 'onboarding', state: 'privacy', heading: '先看看隐私保护指引', env: { privacyNeedsAgreement: true } },
  { page: 'onboarding', state: 'privacy-declined', heading: '先看看隐私保护指引', shows: ['不同意也可以先看看'], env: { privacyNeedsAgreement: true }, drive: (p) => p.tap('#privacy-decline') },
  { page: 'onboarding', state: 'privacy-dark', heading: '先看看隐私保护指引', env: { privacyNeedsAgreement: true }, dark: true },
  { page: 'onboarding', state: 'explainer', heading: '通话需要这些权限' },
  { page: 'onboarding', state: 'explainer-dark', heading: '通话需要这些权限', dark: true },
  { page: 'onboarding', state: 'explainer-audio-only', heading: '通话需要这些权限', drive: (p) => p.tap('#skip-camera') },
  { page: 'onboarding', state: 'request-failed', heading: '通话需要这些权限', shows: ['请求权限没有成功'], env: { failures: { authorize: { errMsg: 'authorize:fail' } } }, drive: (p) => p.tap('#grant') },
  { page: 'onboarding', state: 'recovery', heading: '权限已被关闭', env: { authSetting: { 'scope.record': false, 'scope.camera': false } } },
  { page: 'onboarding', state: 'recovery-dark', heading: '权限已被关闭', dark: true, env: { authSetting: { 'scope.record': false } } },
  { page: 'onboarding', state: 'phone', heading: '微信没有手机的权限', env: { authSetting: GRANTED, os: { microphone: 'denied', camera: 'denied' } } },
  { page: 'onboarding', state: 'phone-camera-only', heading: '微信没有手机的权限', shows: ['只用语音通话'], env: { authSetting: GRANTED, os: { microphone: 'authorized', camera: 'denied' } } },
  { page: 'onboarding', state: 'undeclared', heading: '暂时无法通话', user: { popups: { 'scope.record': ['allow'] } }, env: { guideDeclares: { microphone: false, camera: false } }, drive: (p) => p.tap('#grant') },
  { page: 'onboarding', state: 'undeclared-dark', heading: '暂时无法通话', dark: true, user: { popups: { 'scope.record': ['allow'] } }, env: { guideDeclares: { microphone: false, camera: false } }, drive: (p) => p.tap('#grant') },

  { page: 'contacts', state: 'new-person', heading: '我的资料', shows: ['还没有联系人'], env: { authSetting: GRANTED } },
  { page: 'contacts', state: 'new-person-dark', heading: '我的资料', shows: ['还没有联系人'], env: { authSetting: GRANTED }, dark: true },
  { page: 'contacts', state: 'empty-with-profile', heading: '还没有联系人', env: { authSetting: GRANTED, storage: stored({ profile: ME_WITH_AVATAR }) } },
  { page: 'contacts', state: 'home', heading: 'Duet', shows: ['爱丽丝', '大学同学'], env: saved() },
  { page: 'contacts', state: 'home-dark', heading: 'Duet', shows: ['爱丽丝', '大学同学'], env: saved(), dark: true },
  { page: 'contacts', state: 'action-sheet', heading: 'Carol', shows: ['编辑', '删除', '取消'], env: saved(), drive: async (p) => { p.tapNth('.contact-more', 0); await settle() } },
  { page: 'contacts', state: 'action-sheet-dark', heading: 'Carol', shows: ['编辑', '删除', '取消'], env: saved(), dark: true, drive: async (p) => { p.tapNth('.contact-more', 0); await settle() } },
  { page: 'contacts', state: 'edit-dialog', heading: '编辑联系人', shows: ['对方昵称', '保存修改'], env: saved(), drive: (p) => contactAction(p, '王大锤', '编辑') },
  { page: 'contacts', state: 'edit-dialog-dark', heading: '编辑联系人', shows: ['对方昵称', '保存修改'], env: saved(), dark: true, drive: (p) => contactAction(p, '王大锤', '编辑') },
  { page: 'contacts', state: 'deleted-undo', heading: 'Duet', shows: ['已删除 王大锤'], env: saved(), drive: (p) => contactAction(p, '王大锤', '删除') },
  { page: 'contacts', state: 'search-match', heading: 'Duet', shows: ['王大锤', '爱丽丝'], env: saved(), drive: (p) => p.input('#search', '大') },
  { page: 'contacts', state: 'long-list', heading: 'Duet', shows: ['朋友0'], below: ['显示更多'], env: { ...saved(), storage: stored(savedState({ profile: ME_WITH_AVATAR, contacts: [...CONTACTS, ...friends(30)], history: HISTORY })) } },
  { page: 'contacts', state: 'search-no-match', heading: 'Duet', shows: ['没有找到匹配的联系人'], env: saved(), drive: (p) => p.input('#search', '张三') },
  { page: 'contacts', state: 'share-offer', heading: '要添加这位联系人吗？', env: saved(), query: { openid: DAVE.openid, nickname: DAVE.nickname } },
  { page: 'contacts', state: 'send-card-back', heading: 'Duet', shows: ['把你的名片也发给 TA'], env: saved(), query: { openid: DAVE.openid, nickname: DAVE.nickname }, drive: (p) => p.tap('#share-accept') },
  { page: 'contacts', state: 'share-bad-link', heading: 'Duet', shows: ['这个名片链接中的信息无效'], env: saved(), query: { openid: 'bad', nickname: 'x' } },
  { page: 'contacts', state: 'pending-invitation', heading: 'Duet', shows: ['有一个邀请等你回拨：安娜'], env: saved({ invitation: { from: ANNA, mode: 'voice', sentAt: GALLERY_NOW - MINUTE } }) },
  { page: 'contacts', state: 'waiting-banner', heading: 'Duet', shows: ['等待 爱丽丝 回拨'], env: saved(), drive: (_p, app) => void app.within(() => app.store.invitations.invite(ALICE, 'voice')) },
  { page: 'contacts', state: 'waiting-banner-dark', heading: 'Duet', shows: ['等待 爱丽丝 回拨'], env: saved(), dark: true, drive: (_p, app) => void app.within(() => app.store.invitations.invite(ALICE, 'voice')) },
  { page: 'contacts', state: 'unreachable', heading: 'Duet', shows: ['现在别人无法呼叫你'], env: { ...saved(), enableFailure: { errCode: -20001 } } },
  { page: 'contacts', state: 'unreachable-dark', heading: 'Duet', shows: ['现在别人无法呼叫你'], dark: true, env: { ...saved(), enableFailure: { errCode: -20001 } } },
  { page: 'contacts', state: 'storage-corrupted', heading: 'Duet', shows: ['手机上保存的数据已损坏'], env: { authSetting: GRANTED, storage: { [STORAGE_KEY]: '{broken' } } },
  { page: 'contacts', state: 'storage-full', heading: 'Duet', shows: ['保存失败'], env: { ...saved(), storageFull: true }, drive: (p) => p.tap('#share-accept'), query: { openid: DAVE.openid, nickname: DAVE.nickname } },
  { page: 'contacts', state: 'storage-full-dark', heading: 'Duet', shows: ['保存失败'], dark: true, env: { ...saved(), storageFull: true }, drive: (p) => p.tap('#share-accept'), query: { openid: DAVE.openid, nickname: DAVE.nickname } },

  { ...meOf(), state: 'me' } as GalleryState,
  { ...meOf({ dark: true }), state: 'me-dark' } as GalleryState,
  { ...meOf({ options: RINGS, user: { subscribe: ['accept'] }, scrollTo: '别人如何联系我', shows: ['已开启，可以收到一次来电提醒。'], drive: (p) => p.tap('#allow-rings') }), state: 'rings-allowed' } as GalleryState,
  { ...meOf({ env: { ...saved(), envVersion: 'develop' }, scrollTo: '添加联系人', shows: ['openid 应为 16–64 位。'], drive: addContact('oShort', '赵六') }), state: 'dev-add-error' } as GalleryState,
  { ...meOf({ env: { ...saved(), envVersion: 'develop' }, scrollTo: '添加联系人', shows: ['已有这个 openid 的联系人'], drive: addContact(ALICE.openid, '新名字') }), state: 'dev-add-duplicate' } as GalleryState,

  { ...dialOf({}), state: 'voice' } as GalleryState,
  { ...dialOf({}, { drive: (p) => p.tap('#mode-video') }), state: 'video' } as GalleryState,
  { ...dialOf({}, { dark: true, drive: (p) => p.tap('#mode-video') }), state: 'video-dark' } as GalleryState,
  { ...dialOf({ joinOutcomes: ['hang'] }, { drive: tapCall, shows: ['停止等待'] }), state: 'calling' } as GalleryState,
  { ...dialOf({}, { drive: tapCall, shows: ['已呼叫，请在微信的通话界面等待对方接听。'] }), state: 'placed' } as GalleryState,
  { ...dialOf({}, { drive: (p) => p.tap('#invite'), shows: ['等待 爱丽丝 回拨'] }), state: 'waiting' } as GalleryState,
  { ...dialOf({}, { dark: true, drive: (p) => p.tap('#invite'), shows: ['等待 爱丽丝 回拨'] }), state: 'waiting-dark' } as GalleryState,
  { ...dialOf({}, { drive: endWaitByCallsOff, shows: ['已停止等待'] }), state: 'wait-ended-calls-off' } as GalleryState,
  { ...dialOf({}, { dark: true, drive: endWaitByCallback, shows: ['对方已经回拨，通话已接通。'] }), state: 'wait-ended-answered-dark' } as GalleryState,
  { ...dialOf({ authSetting: { 'scope.record': false }, enableChecks: 'microphone' }, { drive: (p) => p.tap('#invite'), shows: ['爱丽丝 现在无法回拨你'] }), state: 'waiting-unreachable' } as GalleryState,
  { ...dialOf({ authSetting: { 'scope.record': false }, enableChecks: 'microphone' }, { dark: true, drive: (p) => p.tap('#invite'), shows: ['爱丽丝 现在无法回拨你'] }), state: 'waiting-unreachable-dark' } as GalleryState,
  { ...dialOf({}, { options: RINGS, drive: tapRing, shows: ['对方还没开启来电提醒'] }), state: 'ring-not-allowed-43101' } as GalleryState,
  { ...dialOf({}, { options: { config: { ...RINGS.config, ringTemplateId: 'not a template id' } }, drive: tapRing, shows: ['重试也不会成功'] }), state: 'ring-invalid' } as GalleryState,
  { ...dialOf({ sdkVersion: '2.19.0' }, { drive: tapCall, shows: ['当前微信版本过低'] }), state: 'stop-old-base-library' } as GalleryState,
  { ...dialOf({ platform: 'devtools' }, { drive: tapCall, shows: ['开发者工具不支持通话'] }), state: 'stop-devtools' } as GalleryState,
  { ...dialOf({ network: 'none' }, { drive: tapCall, shows: ['网络未连接'] }), state: 'stop-offline' } as GalleryState,
  { ...dialOf({ ...saved({ profile: null }) }, { drive: tapCall, shows: ['还没有填写你的昵称'] }), state: 'stop-no-profile' } as GalleryState,
  { ...dialOf({ privacyNeedsAgreement: true }, { drive: tapCall, heading: '先看看隐私保护指引', shows: ['需要先同意隐私保护指引'] }), state: 'stop-privacy' } as GalleryState,
  { ...dialOf({ authSetting: { 'scope.record': false } }, { drive: tapCall, shows: ['权限已关闭'] }), state: 'stop-scopes-denied' } as GalleryState,
  { ...dialOf({ os: { microphone: 'denied', camera: 'authorized' } }, { drive: tapCall, shows: ['请在手机设置中允许后再试'] }), state: 'stop-phone-denied' } as GalleryState,
  { ...joinFails(-20000, '还没有开通双人通话功能'), state: 'error-not-enabled' } as GalleryState,
  { ...joinFails(-20002, '你已经在通话中'), state: 'error-already-in-call' } as GalleryState,
  { ...joinFails(-2, '麦克风正被其他通话占用'), state: 'error-mic-busy' } as GalleryState,
  { ...joinFails(-3, '通话没有接通就结束了'), state: 'note-left' } as GalleryState,
  { ...joinFails(-1, '上一通电话可能还没有完全结束'), state: 'error-stale-room' } as GalleryState,
  { ...joinFails(-424242, '错误码 -424242'), state: 'error-unknown' } as GalleryState,
  { page: 'dial', state: 'no-contact', heading: '发起通话', shows: ['找不到这位联系人'], query: { openid: STRANGER_OPENID }, env: saved() },

  { ...inviteOf(invitation(1), '爱丽丝 想和你语音通话'), state: 'callback' } as GalleryState,
  { ...inviteOf(invitation(1, 'video'), '爱丽丝 想和你视频通话', { dark: true, shows: ['视频回拨'] }), state: 'callback-video-dark' } as GalleryState,
  { ...inviteOf({ ...invitation(1, 'video'), from: LONG_NAMED.openid, name: encodeURIComponent(LONG_NAMED.nickname) }, `${LONG_NAMED.nickname} 想和你视频通话`, { shows: ['改用语音回拨'], truncated: [`视频回拨 ${LONG_NAMED.nickname}`] }), state: 'callback-long-name' } as GalleryState,
  { ...inviteOf(invitation(1), '爱丽丝 想和你语音通话', { env: { authSetting: GRANTED }, shows: ['先填写你的昵称'] }), state: 'callback-needs-nickname' } as GalleryState,
  { ...inviteOf(invitation(1), '爱丽丝 想和你语音通话', { drive: (p) => p.tap('#callback'), shows: ['已呼叫'] }), state: 'called-back' } as GalleryState,
  { ...inviteOf(invitation(1), '爱丽丝 想和你语音通话', { drive: (p) => p.tap('#share-accept'), shows: ['把你的名片也发给 TA'] }), state: 'offer-accepted' } as GalleryState,
  { ...inviteOf(invitation(14), '邀请已过期'), state: 'expired' } as GalleryState,
  { ...inviteOf(invitation(14), '邀请已过期', { dark: true }), state: 'expired-dark' } as GalleryState,
  { ...inviteOf({ ...invitation(1), from: ME.openid }, '这是你自己发出的邀请'), state: 'self' } as GalleryState,
  { ...inviteOf({ ...invitation(1), from: 'forged<' }, '邀请链接无效'), state: 'invalid' } as GalleryState,
  { ...inviteOf({ ...invitation(1), from: 'forged<' }, '邀请链接无效', { dark: true }), state: 'invalid-dark' } as GalleryState,
  { ...inviteOf(invitation(1), '先看看隐私保护指引', { env: { privacyNeedsAgreement: true } }), state: 'first-time-walkthrough' } as GalleryState,
  { page: 'book', state: 'booking', query: { openid: ALICE.openid }, heading: '和 爱丽丝 预约通话', shows: ['发送预约'], env: saved() },
  { page: 'book', state: 'booking-past', query: { openid: ALICE.openid }, heading: '和 爱丽丝 预约通话', shows: ['这个时间已经过去了'], env: saved(), drive: (p) => p.pick('#book-time', '09:00') },
  { page: 'book', state: 'booking-dark', query: { openid: ALICE.openid }, heading: '和 爱丽丝 预约通话', env: saved(), dark: true },
  { page: 'appointment', state: 'card-received', query: aliceBooks(), heading: '爱丽丝 约你', shows: ['接受', '拒绝', '状态：待确认'], env: saved() },
  { page: 'appointment', state: 'accepted-reply', query: aliceBooks(), heading: '爱丽丝 约你', shows: ['把回复发给对方'], env: saved(), drive: (p) => p.tap('#appt-accept') },
  // Accepted from someone not yet a contact: the reply stays the one primary, adding her is the second action.
  { page: 'appointment', state: 'accepted-stranger', query: aliceBooks(), heading: '爱丽丝 约你', shows: ['把回复发给对方', '要添加这位联系人吗？'], env: saved({ contacts: CONTACTS.slice(1) }), drive: (p) => p.tap('#appt-accept') },
  { page: 'appointment', state: 'invalid', query: aliceBooks({ from: 'forged<' }), heading: '预约无效', shows: ['预约人的身份无效。'], env: saved() },
  { ...roomOf(withAlice('accepted', 120), '你约了 爱丽丝', { shows: ['1 小时 50 分钟后可以进入通话。'] }), state: 'room-before' } as GalleryState,
  { ...roomOf(withAlice('accepted', 5), '你约了 爱丽丝', { shows: ['视频呼叫 爱丽丝'] }), state: 'room-open' } as GalleryState,
  { ...roomOf(withAlice('accepted', 5), '你约了 爱丽丝', { shows: ['视频呼叫 爱丽丝'], dark: true }), state: 'room-open-dark' } as GalleryState,
  { ...roomOf(withAlice('accepted', 5, false), '爱丽丝 约你', { shows: ['等待 爱丽丝 呼叫'] }), state: 'room-guest' } as GalleryState,
  { ...roomOf(withAlice('completed', -40, true, { callSeconds: 1500 }), '你约了 爱丽丝', { shows: ['状态：已完成', '已通话 25 分钟。'] }), state: 'completed' } as GalleryState,
  // Duet was closed during the call: it connected, its length is unknown, and no number is made up.
  { ...roomOf(withAlice('completed', -40, true), '你约了 爱丽丝', { shows: ['状态：已完成', '已通话。'] }), state: 'completed-unknown-length' } as GalleryState,
  { ...roomOf(withAlice('missed', -40), '你约了 爱丽丝', { shows: ['状态：已错过'] }), state: 'missed' } as GalleryState,
  { ...roomOf(withAlice('cancelled', 120), '你约了 爱丽丝', { shows: ['状态：已取消'] }), state: 'cancelled' } as GalleryState,
  {
    // #appt-calendar with the calendar's scope denied before: why, and the way to the settings page.
    ...roomOf(withAlice('accepted', 120), '你约了 爱丽丝', {
      env: { ...saved({ appointments: [withAlice('accepted', 120)] }), authSetting: { ...GRANTED, 'scope.addPhoneCalendar': false } },
      shows: ['你没有允许 Duet 使用日历。在设置页开启“日历”后返回，再点一次“添加到手机日历”。', '去开启权限'],
      drive: (p) => p.tap('#appt-calendar'),
    }),
    state: 'calendar-denied',
  } as GalleryState,
  { page: 'contacts', state: 'upcoming', heading: 'Duet', shows: ['明天 15:00 · 爱丽丝 · 视频 30 分钟 · 已确认'], env: saved({ appointments: [withAlice('accepted', 24 * 60 - 30)] }) },
  { page: 'contacts', state: 'upcoming-open-dark', heading: 'Duet', shows: ['进入'], dark: true, env: saved({ appointments: [withAlice('accepted', 5)] }) },
  // Many upcoming: the next three, the rest behind one tap, so the contacts stay on the first screen.
  { page: 'contacts', state: 'upcoming-many', heading: 'Duet', shows: ['全部 6 个预约', '爱丽丝'], env: saved({ appointments: Array.from({ length: 6 }, (_, i) => withAlice('accepted', 60 + 120 * i, true, { id: `gallery01${i}0` })) }) },
]

/** #ring to Alice, who has not allowed a ring: WeChat answers 43101. */
async function tapRing(p: PageHandle): Promise<void> {
  p.tap('#ring')
  await settle()
}

