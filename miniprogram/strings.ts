// Every piece of text a person sees, in Simplified Chinese, one section per view. One idiom: records of whole
// sentences, with {placeholders} that fill() (or, for rows and countdowns, format.wxs's fill) puts values into;
// words for a kind of problem are a record keyed by the kind. Limits and durations come from the constants.
// Pages bind these; WXS receives them as arguments.
import type { CallProblem, ProblemKind } from './store/call-problems'
import type { ContactProblem } from './store/contacts'
import type { IdentityProblem, ProfileNotice, ProfileProblem } from './store/profile'
import type { StorageProblem } from './store/saved-state'
import { NICKNAME_MAX, NOTE_MAX, OPENID_MAX, OPENID_MIN } from './store/validation'
import type { InputProblem } from './store/validation'
import { INVITATION_VALID_MS } from './store/invitation-link'
import type { InvitationProblem } from './store/invitation-link'
import type { WaitEnd } from './store/invitations'
import type { ReminderState } from './store/appointments'
import type { CalendarState } from './store/calendar'
import type { CallMode, Device } from './store/model'
import { DAYS_AHEAD_MAX, LENGTHS, TOPIC_MAX } from './store/appointment-limits'
import type {
  AppointmentProblem,
  AppointmentRow,
  AppointmentState,
  DayWord,
  LocalTime,
} from './store/appointment-rules'

/** Values for a sentence's {placeholders}. */
export type Values = Record<string, string | number>

/** A sentence with its {placeholders} filled from `values`; a placeholder without a value stays as it is. */
export function fill(template: string, values: Values = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole))
}

/** The sentence `table` has for `key`, filled; nothing to say without a key. */
export function say<K extends string>(table: Record<K, string>, key: K | null | undefined, values?: Values): string {
  return key === null || key === undefined ? '' : fill(table[key], values)
}

/** How long an invitation stays answerable, in the minutes people are told. */
const INVITATION_MINUTES = INVITATION_VALID_MS / 60_000

export const common = {
  appName: 'Duet',
  microphone: '麦克风',
  camera: '摄像头',
  and: '和',
  saveFailed: '保存失败：手机存储空间不足。本次的更改仍在，但退出后可能丢失，请清理空间后再试。',
  /** Ways out that several views offer, in the same words everywhere. */
  retry: '重试',
  fixPermissions: '去开启权限',
  openPhoneSettings: '打开手机设置',
  callVoice: '语音呼叫',
  callVideo: '视频呼叫',
  /** WeChat's code, for anyone who has to look it up: the one way Duet writes it. */
  errorCode: '错误码 {code}',
  /** A message that carries WeChat's code at its end. */
  withErrorCode: '{message}（{errorCode}）',
}

export const modes = {
  voice: '语音通话',
  video: '视频通话',
}

export const privacy = {
  title: '先看看隐私保护指引',
  body: '通话需要使用麦克风和摄像头。Duet 只在你发起或接听通话时使用它们，不会录音、录像或上传。你把预约添加到手机日历时，还会用到日历。',
  declinedBody:
    '你还没有同意隐私保护指引。不同意的话，微信不允许 Duet 使用麦克风和摄像头，也就无法通话。你可以随时重新同意。',
  link: '查看完整的隐私保护指引',
  /** {name} is the guide's name as the developer registered it, e.g. 《Duet 隐私保护指引》. */
  viewContract: '查看{name}',
  agree: '同意并继续',
  decline: '暂不同意',
}

/** errno 112: nothing the person can do; said the same way in onboarding and on the dial page. */
const PRIVACY_UNDECLARED =
  '这个小程序的隐私保护指引没有声明使用麦克风和摄像头，微信因此不允许通话。需要小程序的开发者在管理后台补充，你这边无需操作。'

export const onboarding = {
  loading: '正在检查权限…',
  explainerTitle: '通话需要这些权限',
  explainerMicrophone: '麦克风：语音和视频通话都需要，让对方听到你。',
  explainerCamera: '摄像头：仅视频通话需要，让对方看到你。',
  explainerAudioOnly: '你选择了只用语音通话，所以现在只需要麦克风。',
  grant: '允许使用',
  grantAudioOnly: '允许使用麦克风',
  skipCamera: '只用语音通话',
  includeCamera: '也开启视频通话',
  requesting: '请在弹出的窗口中选择“允许”…',
  requestFailed: '请求权限没有成功，请再试一次。',
  recoveryTitle: '权限已被关闭',
  recoveryBody: '你之前拒绝了以下权限，微信不会再弹窗询问：',
  recoverySteps: '点击下方按钮打开设置页，打开对应开关后返回，Duet 会自动继续。',
  openSettings: '去设置中开启',
  phoneTitle: '微信没有手机的权限',
  phoneBody: '手机系统没有允许微信使用以下功能，Duet 也就无法使用：',
  phoneSteps: '点击下方按钮打开手机设置，允许微信使用后返回。',
  phoneSettingsFailed: '无法自动打开手机设置。请手动打开：手机“设置” → 微信 → 允许访问麦克风和相机。',
  openPhoneSettings: common.openPhoneSettings,
  undeclaredTitle: '暂时无法通话',
  undeclaredBody: PRIVACY_UNDECLARED,
  lookAround: '先看看联系人',
  notNowWhat: '暂时不开启也可以先看看：能查看和整理联系人、分享名片，但还不能通话。',
  declinedWhat: '不同意也可以先看看：能查看和整理联系人、分享名片，但不能通话，别人也无法呼叫你。',
}

/** Sentences the onboarding view shows once code has filled them: sent filled, so not in its data. */
export const onboardingFilled = {
  invitedBy: '{name} 邀请你通话。完成下面几步，就能回拨。',
}

/** The contact list (home). */
export const contacts = {
  loading: '正在打开…',
  /** A contact's last call in words: "昨天 · 语音 · 已呼叫" (wxs/format.wxs lastCall). */
  lastCall: {
    line: '{day} · {mode} · {outcome}',
    /** The last call was an appointment's. */
    lineBooked: '{day} · {mode} · {outcome} · 预约通话',
    today: '今天',
    yesterday: '昨天',
    voice: '语音',
    video: '视频',
    placed: '已呼叫',
    answered: '已接通',
    left: '已取消',
    failed: '未接通',
  },
  /** A row's buttons, for screen readers: {name} is the contact's. */
  callVoiceFor: '语音呼叫 {name}',
  callVideoFor: '视频呼叫 {name}',
  moreFor: '更多操作 {name}',
  moreIcon: '⋯',
  showMore: '显示更多',
  /** The cell at the top that opens my own page. */
  meHint: '我的名片与设置',
  openMe: '打开我的名片与设置',
  arrow: '›',
  clearSearch: '清除搜索',
  clearIcon: '×',
  editTitle: '编辑联系人',
  cancelEdit: '取消',
  search: '搜索昵称、备注或拼音首字母',
  emptyTitle: '还没有联系人',
  emptyBody: '把你的名片发给朋友，请 TA 也把名片发回来。点开朋友的名片，就能把 TA 加为联系人。',
  noMatch: '没有找到匹配的联系人',
  edit: '编辑',
  delete: '删除',
  undo: '撤销',
  shareCard: '分享我的名片',
  shareNeedsProfile: '先保存我的资料，才能分享名片。',
  dismiss: '知道了',
  openInvite: '查看邀请',
}

/** Sentences the contacts view shows once code has filled them: sent filled, so not in its data. */
export const contactsFilled = {
  deleted: '已删除 {name}',
  pendingInvite: '有一个邀请等你回拨：{name}',
}

/** My profile: the avatar and nickname WeChat's controls give (components/profile-card). */
export const profile = {
  profileTitle: '我的资料',
  profileHint: '通话时对方会看到你的头像和昵称。',
  chooseAvatar: '选择头像',
  myOpenid: '我的 openid',
  myNickname: '我的昵称',
  nicknameFromWechat: '点这里可用微信昵称',
  avatarPlaceholder: '头像',
  nicknameRejected: '这个昵称没有通过微信的内容检查，请换一个。',
  savedWithoutAvatar: '资料已保存，但新头像没有上传成功。稍后再点一次“保存”即可重试。',
  savedNeedsOpenid: '昵称已保存。这个版本无法从微信获取身份：请在“我的 openid”中填写（开发者选项），再点一次“保存”。',
  savedNeedsIdentity: '昵称已保存。还没能从微信确认你的身份，头像暂时无法上传：点“重试”，确认后再点一次“保存”。',
  openidPlaceholder: `${OPENID_MIN}–${OPENID_MAX} 位字母、数字、_ 或 -`,
  devOptions: '开发者选项',
  devOptionsHint: '仅供开发调试：在“我”页面里按 openid 添加联系人；没有后台时，也在这里填写我的 openid。',
  saveProfile: '保存我的资料',
  profileSaved: '已保存',
}

/** Who I am, while WeChat's servers are asked (components/identity-problem). */
export const identity = {
  identityFetching: '正在向微信确认你的身份…',
  retry: common.retry,
}

/** My own page: my profile, how others reach me, and the developer options (pages/me). */
export const me = {
  reachTitle: '别人如何联系我',
  shareCard: contacts.shareCard,
  shareNeedsProfile: contacts.shareNeedsProfile,
  acceptCalls: '接听来电',
  acceptCallsHint: '关闭后，别人无法呼叫你。',
  addTitle: '添加联系人',
  allowRings: '开启来电提醒',
  allowRingsHint: '开启后，朋友可以在你不在 Duet 时提醒你一次。每开启一次，可以收到一次提醒。',
  allowRingsAllowed: '已开启，可以收到一次来电提醒。',
  allowRingsAgain: '再开启一次',
  allowRingsDeclined: '你没有允许来电提醒，需要时可以再开启。',
  allowRingsFailed: '暂时无法开启来电提醒，请稍后再试。',
}

/** The contact form: adding by a typed openid (developers), or editing (components/contact-form). */
export const contactForm = {
  contactOpenid: '对方 openid',
  openidPlaceholder: profile.openidPlaceholder,
  contactNickname: '对方昵称',
  nicknamePlaceholder: `1–${NICKNAME_MAX} 个字`,
  contactNote: '备注',
  notePlaceholder: `备注（可选，最多 ${NOTE_MAX} 个字）`,
  add: '添加',
  saveEdit: '保存修改',
  updateExisting: '更新这位联系人',
}

/** Someone offered by an opened card or invitation (components/share-offer). */
export const shareOffer = {
  shareOfferNew: '要添加这位联系人吗？',
  shareOfferUpdate: '这位联系人的资料有变化，要更新吗？',
  shareAccept: '添加',
  shareAcceptUpdate: '更新',
  shareDismiss: '忽略',
  shareBadLink: '这个名片链接中的信息无效，已忽略。',
  dismiss: contacts.dismiss,
  sendCardBack: '发回我的名片',
  sendCardBackHint: '已添加。把你的名片也发给 TA，TA 就能呼叫你。',
  sendCardBackDismiss: '不用了',
}

/** Why others cannot call me now, and the way out (components/reach-problem). */
export const reachProblem = {
  /** {reason} is why: one of the sentences below, or the call problem WeChat's refusal means. */
  unreachable: '现在别人无法呼叫你：{reason}',
  /** The reason when WeChat wants a device never asked for; {devices} names them, e.g. 摄像头. */
  unreachableAsk: '微信要求先允许使用{devices}才能接听来电。',
  /** Said when WeChat wants the camera even from someone who only makes voice calls (platform doc §4.8). */
  unreachableAskCamera: '微信要求先允许使用{devices}才能接听来电，只用语音通话也需要。',
  /** {devices} names the devices, e.g. 摄像头. */
  allowDevices: '允许使用{devices}',
  fixPermissions: common.fixPermissions,
  openPhoneSettings: common.openPhoneSettings,
  retry: common.retry,
}

/**
 * Each kind of call problem in words, keyed like store/call-problems.ts KINDS: `shown` where a call is made
 * ({devices} names the devices), and `history`, why a past call failed, for the kinds WeChat's codes mean.
 * WeChat's code is never part of these: it goes on a details line (errorCodeLine).
 */
export const callProblems: Readonly<Record<ProblemKind, { shown: string; history?: string }>> = {
  'old-base-library': { shown: '当前微信版本过低，不支持通话。请升级微信后再试。' },
  devtools: { shown: '开发者工具不支持通话，请在手机上预览或真机调试。' },
  offline: { shown: '网络未连接，请检查网络后重试。' },
  'no-profile': { shown: '还没有填写你的昵称，对方需要知道是谁在呼叫。' },
  'no-identity': { shown: '还没能从微信确认你的身份，暂时无法呼叫。' },
  'no-contact': { shown: '找不到这位联系人，可能已被删除或链接有误。' },
  privacy: { shown: '需要先同意隐私保护指引，才能使用麦克风和摄像头。' },
  'privacy-undeclared': { shown: PRIVACY_UNDECLARED },
  'scopes-denied': {
    shown: '{devices}权限已关闭，请在设置中开启后再试。',
    history: '没有允许 Duet 使用麦克风或摄像头',
  },
  'request-failed': { shown: '请求权限没有成功，请重试。' },
  'phone-denied': {
    shown: '手机没有允许微信使用{devices}，请在手机设置中允许后再试。',
    history: '你的手机没有允许微信使用麦克风或摄像头',
  },
  'not-enabled': {
    shown: '这个小程序还没有开通双人通话功能，请联系小程序的运营者。',
    history: '小程序还没有开通通话功能',
  },
  'unsupported-device': { shown: '这台手机不支持小程序通话。', history: '这台手机不支持小程序通话' },
  'already-in-call': { shown: '你已经在通话中，请先结束当前通话。', history: '你已经在通话中' },
  'other-app-in-call': { shown: '另一个小程序正在通话，请先结束那个通话。', history: '另一个小程序正在通话' },
  'stale-room': {
    shown: '上一通电话可能还没有完全结束。点“重试”会先退出它，再重新呼叫。',
    history: '上一通电话还没有完全结束',
  },
  'mic-busy': {
    shown: '麦克风正被其他通话占用（微信通话或电话），请结束后重试。',
    history: '麦克风正被其他通话占用',
  },
  left: { shown: '通话没有接通就结束了（例如你取消了呼叫），可以再呼叫一次。' },
  'system-error': { shown: '微信出现系统错误，请稍后重试。', history: '微信出现系统错误' },
  timeout: { shown: '微信长时间没有响应，请重试。' },
  'unknown-error': { shown: '通话失败，请稍后重试。', history: '原因不明' },
}

/** What went wrong with a call, in words; WeChat's code goes to a details line (errorCodeLine). */
export function callProblemText(problem: CallProblem | null): string {
  if (!problem) return ''
  const { shown } = callProblems[problem.kind]
  return 'devices' in problem ? fill(shown, { devices: deviceList(problem.devices) }) : shown
}

/** Why a past call failed, by kind: the dial page's history hands these to wxs/format.wxs. */
function historyReasons(): Partial<Record<ProblemKind, string>> {
  const reasons: Partial<Record<ProblemKind, string>> = {}
  for (const kind of Object.keys(callProblems) as ProblemKind[]) {
    const { history } = callProblems[kind]
    if (history) reasons[kind] = history
  }
  return reasons
}

export const dial = {
  title: '发起通话',
  chooseMode: '通话方式',
  disableSwitchVoice: '视频通话中不允许切换为语音',
  /** The call button: the attempt's stage, or the call it makes (store/screens/dial.ts CallButtonWords). */
  callButton: {
    checking: '正在检查…',
    requesting: '请在弹窗中允许…',
    joining: '正在打开通话…',
    voice: common.callVoice,
    video: common.callVideo,
  },
  reachHint: '对方要正在使用 Duet，才能接到你的来电。',
  back: '返回联系人',
  historyTitle: '通话记录',
  historyEmpty: '还没有和 TA 通过话',
  /** The tag on a call that was an appointment's. */
  bookedCall: '预约通话',
  outcomePlaced: '已呼叫',
  outcomeAnswered: '已接通',
  /** {duration} is the call's length, m:ss. */
  outcomeAnsweredFor: '已接通 · 通话 {duration}',
  outcomeNoAnswer: '未接通（微信没有响应）',
  outcomeLeft: '已取消',
  /** {code} is WeChat's errCode. */
  outcomeFailedCode: '未接通（{code}）',
  /** Why a call was not connected, by the problem WeChat's code means (store/call-problems.ts). */
  outcomeFailedPrefix: '未接通：',
  reasons: historyReasons(),
  /** The details line under a call: when, how, and WeChat's code when there was one. */
  callTime: '{day} {time}',
  detail: '{time} · {mode}',
  detailWithCode: '{time} · {mode} · {errorCode}',
  errorCode: common.errorCode,
  today: contacts.lastCall.today,
  yesterday: contacts.lastCall.yesterday,
}

/** How the call being made stands, and each problem's way out (components/call-status). */
export const callStatus = {
  placed: '已呼叫，请在微信的通话界面等待对方接听。',
  waitCancelled: '已停止等待。如果微信的通话界面已经打开，可以在那里继续。',
  cancelWait: '停止等待',
  voiceNeedsCamera: '微信要求语音通话也开启摄像头权限。',
  fixPermissions: common.fixPermissions,
  openPhoneSettings: common.openPhoneSettings,
  editProfile: '去填写我的资料',
  retry: common.retry,
}

/** The invitation page: calling back someone who invited me (platform doc §7.2). */
export const invite = {
  waitsForYou: '对方正在 Duet 里等你回拨，点下面的按钮就会呼叫 TA。',
  needsProfile: '先填写你的昵称，对方才知道是谁在回拨。',
  /** A video invitation answered by voice: for someone who chose voice only, or has no camera to hand. */
  callbackByVoice: '改用语音回拨',
  expiredTitle: '邀请已过期',
  expiredBody: `邀请发出已超过 ${INVITATION_MINUTES} 分钟，对方可能已经离开 Duet。仍然可以试着呼叫，或者邀请 TA 回来等你回拨。`,
  tryCalling: '仍然回拨',
  inviteBack: '邀请 TA 回来',
  selfTitle: '这是你自己发出的邀请',
  selfBody: '把它发给朋友：朋友点开后就能一键回拨你。',
  invalidTitle: '邀请链接无效',
  nothingSaved: '没有保存或更改任何内容。',
  noneTitle: '没有待回拨的邀请',
  noneBody: '邀请可能已经回拨过了。',
  home: '返回联系人',
}

/** Sentences the invite view shows once code has filled them: sent filled, so not in its data. */
export const inviteFilled = {
  justNow: '刚刚发出',
  minutesAgo: '{minutes} 分钟前发出',
  /** #callback's words: the invited mode and whom it calls. */
  callback: { voice: '语音回拨 {name}', video: '视频回拨 {name}' },
}

/** The title of a shared card, and of an invitation (also the invitation page's heading). */
export const share = {
  cardTitle: '{name} 邀请你在 Duet 上通话',
  /** {mode} is one of `modes`: "安娜 想和你语音通话". */
  invitationTitle: '{name} 想和你{mode}',
}

const INVITATION_PROBLEMS: Record<InvitationProblem, string> = {
  missing: '链接缺少必要的信息，可能没有复制完整。{nothingSaved}',
  openid: '链接中的邀请人身份无效。{nothingSaved}',
  nickname: '链接中的昵称无效：为空、太长或含有不可见字符。{nothingSaved}',
  avatar: '链接中的头像地址无效。{nothingSaved}',
  mode: '链接中的通话方式无效。{nothingSaved}',
  time: '链接中的发送时间无效。{nothingSaved}',
  future: '链接中的发送时间比现在还晚，链接可能被改动过。{nothingSaved}',
}

export function invitationProblemText(problem: InvitationProblem | null): string {
  return say(INVITATION_PROBLEMS, problem, { nothingSaved: invite.nothingSaved })
}

/** "安娜 想和你语音通话": the invitation card's title, and the invitation page's heading. */
export function invitationTitle(nickname: string, mode: CallMode): string {
  return fill(share.invitationTitle, { name: nickname, mode: modes[mode] })
}

/** Waiting for a callback after sending an invitation (or a ring). */
export const waiting = {
  stayHere: '请留在 Duet 里，屏幕会保持常亮：离开后对方的回拨就无法接通。',
  turnedOnAcceptCalls: '已为你打开“接听来电”。',
  /** {time} is the countdown, m:ss (wxs fills it each second). */
  remaining: '剩余 {time}',
  bannerLabel: '{title} 剩余 {time}',
  cancel: '取消等待',
  dismiss: '知道了',
}

/** Sentences the waiting view shows once code has filled them: sent filled, so not in its data. */
export const waitingFilled = {
  title: '等待 {name} 回拨',
  /** While WeChat will not let calls reach me: no promise of a callback. */
  blockedTitle: '{name} 现在无法回拨你',
}

/** How a wait for a callback ended (store/invitations.ts), once per way it can end. */
export const waitEnded: Record<NonNullable<WaitEnd>, string> = {
  /** Neutral: whether anyone called back is something Duet cannot know (the members event is undocumented). */
  'timed-out': `${INVITATION_MINUTES} 分钟的等待已结束。还没有接通的话，可以再邀请一次。`,
  answered: '对方已经回拨，通话已接通。',
  'calls-off': '你关闭了“接听来电”，对方的回拨无法接通，已停止等待。',
}

/** Reaching someone from the dial page: a card to share, or a ring through WeChat Cloud. */
export const reach = {
  invite: '发邀请给 TA',
  inviteHint: '对方不在 Duet 里时来电无法接通。发一个邀请，对方点开后就能一键回拨你。',
  inviteNeedsProfile: '先保存你的资料，才能发出邀请。',
  ring: '提醒 TA 接听',
  ringSending: '正在发送来电提醒…',
  ringSent: '已发送来电提醒，对方点开提醒就能回拨你。',
  ringNotAllowed: '对方还没开启来电提醒。可以改为发送邀请卡片。',
  ringFailed: '来电提醒没有发出，请稍后重试。',
  /** The ring function refused what it was asked to send: the same ring would be refused again. */
  ringInvalid: '来电提醒没有发出：提醒里的信息没有通过检查，重试也不会成功。可以改为发送邀请卡片。',
  /** The ring function's hourly limit (per sender, per person rung): the button says when another is allowed. */
  ringTooMany: '这一小时内提醒次数已达上限，请稍后再试。现在可以改为发送邀请卡片。',
}

/** Sentences the reach view shows once code has filled them: sent filled, so not in its data. */
export const reachFilled = {
  ringRest: '{seconds} 秒后可再次提醒',
  ringRestMinutes: '{minutes} 分钟后可再次提醒',
}

const DEVICE_NAMES: Record<Device, string> = { microphone: common.microphone, camera: common.camera }

export function deviceList(devices: readonly Device[]): string {
  return devices.map((d) => DEVICE_NAMES[d]).join(common.and)
}

const INPUT_PROBLEMS: Record<InputProblem, string> = {
  'openid-empty': '请填写 openid。',
  'openid-length': `openid 应为 ${OPENID_MIN}–${OPENID_MAX} 位。`,
  'openid-chars': 'openid 只能包含字母、数字、下划线和短横线。',
  'nickname-empty': '请填写昵称。',
  'nickname-length': `昵称最多 ${NICKNAME_MAX} 个字。`,
  'nickname-chars': '昵称不能包含不可见的控制字符。',
  'note-length': `备注最多 ${NOTE_MAX} 个字。`,
  'note-chars': '备注不能包含不可见的控制字符。',
}

const CONTACT_PROBLEMS: Record<ContactProblem, string> = {
  ...INPUT_PROBLEMS,
  duplicate: '已有这个 openid 的联系人。要用刚填写的昵称更新 TA 吗？',
  self: '这是你自己的 openid，不能添加自己为联系人。',
}

export function contactProblemText(problem: ContactProblem | null): string {
  return say(CONTACT_PROBLEMS, problem)
}

const PROFILE_NOTICES: Record<Exclude<ProfileNotice, null>, string> = {
  saved: profile.profileSaved,
  'saved-without-avatar': profile.savedWithoutAvatar,
  'saved-needs-identity': profile.savedNeedsIdentity,
  'saved-needs-openid': profile.savedNeedsOpenid,
}

/** What a save says under the profile; empty before one. */
export function profileNoticeText(notice: ProfileNotice): string {
  return notice ? PROFILE_NOTICES[notice] : ''
}

const PROFILE_PROBLEMS: Record<ProfileProblem, string> = {
  ...INPUT_PROBLEMS,
  'nickname-rejected': profile.nicknameRejected,
}

export function profileProblemText(problem: ProfileProblem | null): string {
  return say(PROFILE_PROBLEMS, problem)
}

/** The details line under a problem: WeChat's code, for anyone who has to look it up; empty without one. */
export function errorCodeLine(code: number | null | undefined): string {
  return code === null || code === undefined ? '' : fill(common.errorCode, { code })
}

/** `message`, with WeChat's code at its end when there is one. */
function withErrorCode(message: string, code: number | undefined): string {
  return code === undefined ? message : fill(common.withErrorCode, { message, errorCode: errorCodeLine(code) })
}

const IDENTITY_PROBLEMS: Record<IdentityProblem['kind'], string> = {
  offline: '网络未连接，无法向微信确认你的身份。连上网络后重试。',
  timeout: '向微信确认你的身份时超时了，请重试。',
  service: '暂时无法向微信确认你的身份，请稍后重试。',
  'bad-answer': '服务返回的身份信息无效，已忽略。请稍后重试。',
}

/** Why Duet could not learn who I am from WeChat's servers. */
export function identityProblemText(problem: IdentityProblem | null): string {
  return problem ? withErrorCode(IDENTITY_PROBLEMS[problem.kind], problem.code) : ''
}

const STORAGE_PROBLEMS: Record<NonNullable<StorageProblem>, string> = {
  corrupted: '手机上保存的数据已损坏，无法读取。Duet 已备份原数据并重新开始，联系人需要重新添加。',
  'future-version': '手机上的数据来自更新版本的 Duet，当前版本无法读取。原数据已原样保留，这里先重新开始。',
  'partly-corrupted': '部分保存的数据已损坏，已跳过这些条目，其余数据完好。',
  unreadable: '暂时读不到手机上保存的数据。为了不覆盖它，这次的更改不会保存；请稍后重新打开 Duet。',
}

export function storageProblemText(problem: StorageProblem): string {
  return say(STORAGE_PROBLEMS, problem)
}

/**
 * Why others cannot call me (setEnable1v1Chat refused): that WeChat wants `toAsk`, devices never asked for (a
 * popup can still grant them, so nothing was switched off), or else the refusal itself.
 */
export function reachProblemText(refusal: CallProblem | null, toAsk: readonly Device[]): string {
  if (!toAsk.length) return callProblemText(refusal)
  const words = toAsk.includes('camera') ? reachProblem.unreachableAskCamera : reachProblem.unreachableAsk
  return fill(words, { devices: deviceList(toAsk) })
}

/** A date as an appointment's card shows it: "12月8日 周二 15:00". */
const APPOINTMENT_DATE = '{month}月{date}日 {weekday} {clock}'

/** Appointments (store/appointment-rules.ts): their states, times and rows, and what is wrong with a card. */
export const appointments = {
  states: {
    proposed: '待确认',
    accepted: '已确认',
    declined: '已拒绝',
    cancelled: '已取消',
    completed: '已完成',
    missed: '已错过',
  } as Record<AppointmentState, string>,
  weekdays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  modeShort: { voice: '语音', video: '视频' } as Record<CallMode, string>,
  date: APPOINTMENT_DATE,
  /** When an appointment starts, as a row shows it: "今天 15:00", "明天 15:00", or the date. */
  when: { today: '今天 {clock}', tomorrow: '明天 {clock}', other: APPOINTMENT_DATE } as Record<DayWord, string>,
  /** "今天 15:00 · 小明 · 视频 30 分钟 · 已确认" */
  row: '{when} · {name} · {mode} {minutes} 分钟 · {state}',
  /** "安娜 约你 12月8日 周二 15:00 视频通话 30 分钟" */
  cardTitle: '{name} 约你 {date} {mode} {minutes} 分钟',
}

const APPOINTMENT_PROBLEMS: Record<AppointmentProblem, string> = {
  missing: '预约缺少必要的信息，可能没有复制完整。',
  id: '预约的编号无效。',
  openid: '预约人的身份无效。',
  nickname: '预约人的昵称无效：为空、太长或含有不可见字符。',
  avatar: '预约人的头像地址无效。',
  guest: '被预约人的身份无效。',
  mode: '预约的通话方式无效。',
  time: '预约的时间无效。',
  order: '预约的开始时间晚于结束时间。',
  length: `预约的时长只能是 ${LENGTHS.slice(0, -1).join('、')} 或 ${LENGTHS[LENGTHS.length - 1]} 分钟。`,
  ended: '这个预约的时间已经过去了。',
  past: '这个时间已经过去了，请选择一个以后的时间。',
  'too-far': `只能预约 ${DAYS_AHEAD_MAX} 天以内的时间。`,
  topic: `主题最多 ${TOPIC_MAX} 个字，且不能含有不可见字符。`,
  replaces: '预约要替换的旧预约编号无效。',
  own: '这是你自己发出的预约，请把它发给对方。',
  'not-for-me': '这个预约是发给别人的，不是发给你的。',
  overlap: '这个时间和你的另一个预约重叠了，请换一个时间。',
}

export function appointmentProblemText(problem: AppointmentProblem | null): string {
  return say(APPOINTMENT_PROBLEMS, problem)
}

/** The values a date's sentence takes. */
const dateValues = (when: LocalTime): Values => ({
  month: when.month,
  date: when.date,
  weekday: appointments.weekdays[when.weekday],
  clock: when.clock,
})

/** "12月8日 周二 15:00": a date as a card's title shows it. */
export function appointmentDate(when: LocalTime): string {
  return fill(appointments.date, dateValues(when))
}

/** "今天 15:00", "明天 15:00", or the date: when an appointment starts, as a row shows it. */
export function appointmentWhen(when: LocalTime): string {
  return fill(appointments.when[when.day], dateValues(when))
}

/** "今天 15:00 · 小明 · 视频 30 分钟 · 已确认": a row of upcoming appointments. */
export function appointmentRowText(row: AppointmentRow): string {
  return fill(appointments.row, {
    when: appointmentWhen(row.when),
    name: row.nickname,
    mode: appointments.modeShort[row.mode],
    minutes: row.minutes,
    state: appointments.states[row.state],
  })
}

/** "安娜 约你 12月8日 周二 15:00 视频通话 30 分钟": the title of an appointment's card. */
export function appointmentCardTitle(nickname: string, when: LocalTime, mode: CallMode, minutes: number): string {
  return fill(appointments.cardTitle, { name: nickname, date: appointmentDate(when), mode: modes[mode], minutes })
}

/** The booking page: a time with one contact, sent as a card. */
export const book = {
  title: '预约通话',
  /** #book on the dial page and in a contact's action sheet. */
  open: '预约时间',
  hint: '选一个时间，把预约发给对方；对方确认后，到时间你们都在 Duet 里，一点就能接通。',
  date: '日期',
  time: '开始时间',
  length: '时长',
  lengths: LENGTHS.map((minutes) => `${minutes} 分钟`),
  chooseMode: '通话方式',
  topic: '主题（可不填）',
  topicPlaceholder: `最多 ${TOPIC_MAX} 个字`,
  send: '发送预约',
  needsProfile: '先填写你的昵称，对方才知道是谁约 TA。',
  sent: '预约已发出，等待对方确认。改动后再发送，就是一个新的预约。',
  noContact: '找不到这个联系人，可能已被删除。',
  back: '返回',
}

/** Sentences the booking page shows once code has filled them. */
export const bookFilled = {
  /** "和 小明 预约通话" */
  with: '和 {name} 预约通话',
}

/** The appointment page: a card opened from a chat, or one of mine. */
export const appointment = {
  accept: '接受',
  decline: '拒绝',
  reply: '把回复发给对方',
  replyHint: '对方打开你的回复，就能看到你的答复。',
  remind: '开始前提醒我',
  /** #appt-calendar, a secondary action. */
  calendar: '添加到手机日历',
  /** Back to a denied calendar scope: the settings page. */
  calendarSettings: common.fixPermissions,
  reschedule: '改约时间',
  cancel: '取消预约',
  cancelTitle: '取消这个预约？',
  keep: '保留',
  invalidTitle: '预约无效',
  noneTitle: '找不到这个预约',
  noneBody: '它可能已经过期，或者已被删除。',
  home: '返回联系人',
}

/** How asking for a reminder went (#appt-remind), as the appointment page says it. */
export const reminderWords: Record<ReminderState, string> = {
  asking: '正在设置提醒…',
  armed: '已设置：开始前 5 分钟，微信会提醒你。',
  reject: '你没有允许这条提醒，需要时可以再点一次。',
  ban: '你关闭了 Duet 的消息提醒，可以在微信的设置里重新打开。',
  filter: '微信没有显示提醒的请求，请稍后再试。',
  unknown: '提醒没有设置成功，请稍后再试。',
  failed: '提醒没有设置成功，请检查网络后再试。',
}

/**
 * How offering the appointment to the phone's calendar went (#appt-calendar). WeChat's success does not mean the
 * event was added (on Android a cancelled sheet succeeds too, platform doc §10.3): "sent", never "added".
 */
export const calendarWords: Record<CalendarState, string> = {
  sending: '正在打开手机日历…',
  sent: '已发送到日历。',
  'not-sent': '没有添加到日历，需要时可以再点一次。',
  denied: '你没有允许 Duet 使用日历。在设置页开启“日历”后返回，再点一次“添加到手机日历”。',
  'privacy-declined': '同意隐私保护指引后，才能添加到日历。需要时可以再点一次。',
  undeclared:
    '这个小程序的隐私保护指引没有声明使用日历，微信因此不允许添加。需要小程序的开发者在管理后台补充，你这边无需操作。',
  unsupported: '当前微信版本不支持添加到日历，请升级微信后再试。',
}

/** Sentences the appointment page shows once code has filled them. */
export const appointmentFilled = {
  /** The calendar event's title: "与 小明 视频通话". */
  calendarTitle: '与 {name} {mode}',
  /** The calendar event's description: how to be there at its time. */
  calendarDescription: '{mode} {minutes} 分钟。到时间请进入微信打开 Duet，在这个预约里与 {name} 接通。',
  /** The booker's side: "你约了 小明". */
  iBooked: '你约了 {name}',
  /** The guest's side: "安娜 约你". */
  booksMe: '{name} 约你',
  /** "12月8日 周二 15:00 · 视频通话 30 分钟" */
  detail: '{date} · {mode} {minutes} 分钟',
  topic: '主题：{topic}',
  state: '状态：{state}',
  /** #appt-call, in the booked mode: "视频呼叫 安娜". */
  call: { voice: '语音呼叫 {name}', video: '视频呼叫 {name}' } as Record<CallMode, string>,
  /** The guest in the open room, kept reachable. */
  waitingFor: '等待 {name} 呼叫。保持 Duet 打开，TA 呼叫时就会响铃。',
  /** Before the room opens (10 minutes before the start). */
  opensInMinutes: '{minutes} 分钟后可以进入通话。',
  opensInHours: '{hours} 小时 {minutes} 分钟后可以进入通话。',
  completed: '已通话 {minutes} 分钟。',
  /** Completed, its length unknown (Duet was closed during the call). */
  completedUnknownLength: '已通话。',
  /** The confirmation before #appt-cancel takes effect. */
  cancelBody: '取消后无法恢复。之后把取消的消息发给 {name}，TA 就知道了。',
  /** A card that leads nowhere: what is wrong, and that nothing changed. */
  problem: '{problem}没有保存或更改任何内容。',
  /** The reply card's title: "阿本 已确认：12月8日 周二 15:00". */
  replyTitle: '{name} {state}：{date}',
  /** The same, from someone who has not given a nickname yet: "你的预约已确认：12月8日 周二 15:00". */
  replyTitleNoName: '你的预约{state}：{date}',
}

/** Home's upcoming appointments. */
export const upcoming = {
  title: '近 7 天的预约',
  join: '进入',
  fold: '收起',
}

/** Sentences home's upcoming list shows once code has filled them: sent filled, so not in its data. */
export const upcomingFilled = {
  /** Every upcoming appointment, behind one tap: {count} in all. */
  all: '全部 {count} 个预约',
}
