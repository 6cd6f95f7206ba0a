// Every page in each of its key states, for the gallery (npm run gallery). Each names the heading a person
// must see; the gallery fails when it is missing or when any text runs past the screen's width.
import type { Environment, ScriptedUser } from '../fake-wx'
import type { LaunchedApp, PageName } from '../harness/app'
import type { PageHandle } from '../harness/page'
import { typeContact } from '../harness/screens'
import { ALICE, BOB, CAROL, DAVE, GRANTED, LONG_NAMED, ME, savedState, STORAGE_KEY, STRANGER_OPENID, stored } from '../fixtures'

export interface GalleryState {
  page: PageName
  state: string
  heading: string
  dark?: boolean
  env?: Partial<Environment>
  user?: Partial<ScriptedUser>
  query?: Record<string, string>
  drive?: (page: PageHandle, app: LaunchedApp) => void | Promise<void>
}

const CONTACTS = [{ ...ALICE, note: '大学同学' }, { ...BOB, nickname: '王大锤' }, LONG_NAMED]
const HISTORY = [
  { at: Date.UTC(2026, 10, 24, 12, 30), openid: ALICE.openid, mode: 'video', outcome: 'placed' },
  { at: Date.UTC(2026, 10, 25, 1, 5), openid: ALICE.openid, mode: 'voice', outcome: 'failed', errCode: -30002 },
]
const saved = (extra: Record<string, unknown> = {}) => ({ storage: stored({ ...savedState({ contacts: CONTACTS, history: HISTORY }), ...extra }) })
const dialOf = (env: Partial<Environment>, extra: Partial<GalleryState> = {}): Partial<GalleryState> =>
  ({ page: 'dial', query: { openid: ALICE.openid }, heading: '爱丽丝', env: { ...saved(), authSetting: GRANTED, ...env }, ...extra })
const addContact = (openid: string, nickname: string) => (p: PageHandle) => typeContact(p, openid, nickname)
const tapCall = (p: PageHandle) => p.tap('#call')
const joinFails = (errCode: number) => dialOf({ joinOutcomes: [{ errCode }] }, { drive: tapCall })

export const STATES: GalleryState[] = [
  { page: 'onboarding', state: 'privacy', heading: '先看看隐私保护指引', env: { privacyNeedsAgreement: true } },
  { page: 'onboarding', state: 'privacy-declined', heading: '先看看隐私保护指引', env: { privacyNeedsAgreement: true }, drive: (p) => p.tap('#privacy-decline') },
  { page: 'onboarding', state: 'explainer', heading: '通话需要这些权限' },
  { page: 'onboarding', state: 'explainer-dark', heading: '通话需要这些权限', dark: true },
  { page: 'onboarding', state: 'explainer-audio-only', heading: '通话需要这些权限', drive: (p) => p.tap('#skip-camera') },
  { page: 'onboarding', state: 'request-failed', heading: '通话需要这些权限', env: { failures: { authorize: { errMsg: 'authorize:fail' } } }, drive: (p) => p.tap('#grant') },
  { page: 'onboarding', state: 'recovery', heading: '权限已被关闭', env: { authSetting: { 'scope.record': false, 'scope.camera': false } } },
  { page: 'onboarding', state: 'recovery-dark', heading: '权限已被关闭', dark: true, env: { authSetting: { 'scope.record': false } } },
  { page: 'onboarding', state: 'phone', heading: '微信没有手机的权限', env: { authSetting: GRANTED, os: { microphone: 'denied', camera: 'denied' } } },
  { page: 'onboarding', state: 'done', heading: '一切就绪', user: { popups: { 'scope.record': ['allow'], 'scope.camera': ['allow'] } }, drive: (p) => p.tap('#grant') },

  { page: 'contacts', state: 'empty', heading: '还没有联系人' },
  { page: 'contacts', state: 'empty-dark', heading: '还没有联系人', dark: true },
  { page: 'contacts', state: 'with-contacts', heading: '爱丽丝', env: saved() },
  { page: 'contacts', state: 'with-contacts-dark', heading: '爱丽丝', env: saved(), dark: true },
  { page: 'contacts', state: 'error-openid-empty', heading: '请填写 openid。', env: saved(), drive: addContact('', '赵六') },
  { page: 'contacts', state: 'error-openid-length', heading: 'openid 应为 16–64 位。', env: saved(), drive: addContact('oShort', '赵六') },
  { page: 'contacts', state: 'error-openid-chars', heading: 'openid 只能包含', env: saved(), drive: addContact('o Bad!0000000000000', '赵六') },
  { page: 'contacts', state: 'error-nickname-length', heading: '昵称最多 32 个字。', env: saved(), drive: addContact(CAROL.openid, '长'.repeat(40)) },
  { page: 'contacts', state: 'error-nickname-chars', heading: '昵称不能包含不可见的控制字符。', env: saved(), drive: addContact(CAROL.openid, 'a\u202eb') },
  { page: 'contacts', state: 'error-duplicate', heading: '已有这个 openid 的联系人', env: saved(), drive: addContact(ALICE.openid, '新名字') },
  { page: 'contacts', state: 'error-self', heading: '不能添加自己为联系人', env: saved(), drive: addContact(ME.openid, '我') },
  { page: 'contacts', state: 'share-offer', heading: '要添加这位联系人吗？', env: saved(), query: { openid: DAVE.openid, nickname: DAVE.nickname } },
  { page: 'contacts', state: 'share-bad-link', heading: '这个名片链接中的信息无效', env: saved(), query: { openid: 'bad', nickname: 'x' } },
  { page: 'contacts', state: 'storage-corrupted', heading: '手机上保存的数据已损坏', env: { storage: { [STORAGE_KEY]: '{broken' } } },
  { page: 'contacts', state: 'storage-full', heading: '保存失败', env: { ...saved(), storageFull: true }, drive: addContact(CAROL.openid, '赵六') },

  { ...dialOf({}), state: 'voice' } as GalleryState,
  { ...dialOf({}, { drive: (p) => p.tap('#mode-video') }), state: 'video' } as GalleryState,
  { ...dialOf({}, { dark: true, drive: (p) => p.tap('#mode-video') }), state: 'video-dark' } as GalleryState,
  { ...dialOf({ joinOutcomes: ['hang'] }, { drive: tapCall }), state: 'calling' } as GalleryState,
  { ...dialOf({}, { drive: tapCall }), state: 'connected' } as GalleryState,
  { ...dialOf({ sdkVersion: '2.19.0' }, { drive: tapCall }), state: 'stop-old-base-library' } as GalleryState,
  { ...dialOf({ platform: 'devtools' }, { drive: tapCall }), state: 'stop-devtools' } as GalleryState,
  { ...dialOf({ network: 'none' }, { drive: tapCall }), state: 'stop-offline' } as GalleryState,
  { ...dialOf({ ...saved({ profile: null }) }, { drive: tapCall }), state: 'stop-no-profile' } as GalleryState,
  { ...dialOf({ privacyNeedsAgreement: true }, { drive: tapCall }), state: 'stop-privacy' } as GalleryState,
  { ...dialOf({ authSetting: { 'scope.record': false } }, { drive: tapCall }), state: 'stop-scopes-denied' } as GalleryState,
  { ...dialOf({ os: { microphone: 'denied', camera: 'authorized' } }, { drive: tapCall }), state: 'stop-phone-denied' } as GalleryState,
  { ...joinFails(-20000), state: 'error-not-enabled' } as GalleryState,
  { ...joinFails(-20001), state: 'error-unsupported-device' } as GalleryState,
  { ...joinFails(-20002), state: 'error-already-in-call' } as GalleryState,
  { ...joinFails(-2), state: 'error-mic-busy' } as GalleryState,
  { ...joinFails(-3), state: 'error-interrupted' } as GalleryState,
  { ...joinFails(-1000), state: 'error-system' } as GalleryState,
  { ...joinFails(-424242), state: 'error-unknown' } as GalleryState,
  { ...dialOf({ voiceCallNeedsCamera: true, authSetting: { 'scope.record': true } }, { user: { popups: { 'scope.camera': ['deny'] } }, drive: tapCall }), state: 'error-voice-needs-camera' } as GalleryState,
  { page: 'dial', state: 'no-contact', heading: '找不到这位联系人', query: { openid: STRANGER_OPENID }, env: saved() },
]
