// The world a test sets up before Duet runs: what WeChat knows, and what the people will do.
// Written from docs/platform.md; every field names a fact from it (§ numbers). Where the doc says a
// behaviour is unknown, a field plays each answer.

/** The scopes the model knows: a call's two (§2.1) and the phone's calendar (§10.1). */
export type FakeScope = 'scope.record' | 'scope.camera' | 'scope.addPhoneCalendar'
export type OsPermission = 'authorized' | 'denied' | 'not determined'
export type Platform = 'ios' | 'android' | 'devtools'
export type NetworkType = 'wifi' | '2g' | '3g' | '4g' | '5g' | 'unknown' | 'none'
export type PopupAnswer = 'allow' | 'deny'
export type ModalAnswer = 'confirm' | 'cancel'
export type PrivacyPopupAnswer = 'agree' | 'refuse'
/** §10.3: on the system's calendar sheet the person adds the event or cancels. */
export type CalendarSheetAnswer = 'add' | 'cancel'
/** What join1v1Chat does once every check it models has passed: place the call, never answer, or fail. */
export type JoinOutcome = 'place' | 'hang' | { errCode: number; errMsg?: string }

/** The other person of a 1v1 call (§4.5, §4.6). */
export interface Listener {
  /**
   * Where the listener is: inside the mini program with 1v1 enabled (the call rings), with it in the
   * background (rings only if `backgroundListenerRings`), or outside it (never rings; the join still succeeds).
   */
  where: 'inside' | 'background' | 'outside'
  /** Seconds of ringing before answering; null: never answers (WeChat stops ringing after about a minute). */
  answersAfterS: number | null
  /** Seconds into the answered call before hanging up; null: stays until the caller hangs up. */
  hangsUpAfterS: number | null
}

export interface Environment {
  /** §5.2: WeChat Cloud is open to this mini program (not to the tourist appid or a test account). */
  cloudEnabled: boolean
  /** This person's openid in Duet, as WeChat's servers know it (§5.1): what whoami answers. Test values only. */
  openid: string
  sdkVersion: string
  platform: Platform
  /** needAuthorization from getPrivacySetting: the privacy guide has not been agreed yet (§1.1). */
  privacyNeedsAgreement: boolean
  /** §1.6 (rev): from 3.4.2 the microphone/camera popup carries the privacy checkbox; one tap grants and agrees. */
  combinedPrivacyPopup: boolean
  /** §1.7 (rev): how a refused privacy API fails: errno 104 with its text, errno 103, or the text alone. */
  privacyRefusal: 'errno-104' | 'errno-103' | 'text-only'
  /**
   * §1.7 (rev), §10.1: what the admin console's privacy guide declares (the microphone, the camera, the phone's
   * calendar); an API using one it leaves out fails with errno 112. A test that leaves `calendar` out gets the
   * default's (declared): the model fills every field in.
   */
  guideDeclares: { microphone: boolean; camera: boolean; calendar?: boolean }
  /** §1.8 (rev): whether WeChat holds join1v1Chat for privacy consent (unknown: both are played). */
  joinPrivacyGated: boolean
  /** authSetting: a scope that is absent has never been asked (§2.2). */
  authSetting: Partial<Record<FakeScope, boolean>>
  /** WeChat's own permission on the phone (§3); 'not determined' only on iOS (§3.2, rev). */
  os: { microphone: OsPermission; camera: OsPermission }
  /** 1v1 calling switched on for this mini program in the admin console (errCode -20000). */
  adminConsole1v1: boolean
  /** The device cannot do 1v1 calls at all (errCode -20001). */
  deviceSupports1v1: boolean
  /** Another mini program is on a call (errCode -20003). */
  otherMiniProgramInCall: boolean
  /** §4.8, unknown: WeChat answers a voice call with -30004 when scope.camera is missing. */
  voiceCallNeedsCamera: boolean
  /** §4.2 (rev): what setEnable1v1Chat checks, failing with join's codes (reported on some phones). */
  enableChecks: 'nothing' | 'microphone' | 'microphone-and-camera'
  /**
   * setEnable1v1Chat failure to return instead of success, if any (e.g. -20001 on PC WeChat 4.1.x); without an
   * errMsg, the doc's format for it.
   */
  enableFailure: { errCode: number; errMsg?: string } | null
  /**
   * join1v1Chat outcomes once the modelled checks pass, used in order; the last one repeats. A failure without
   * an errMsg gets the doc's format for join.
   */
  joinOutcomes: JoinOutcome[]
  /**
   * §4.7: how setEnable1v1Chat and join1v1Chat failures carry their code: as `errCode` beside errMsg, or only
   * inside errMsg (the typings give setEnable1v1Chat's fail no errCode), as `[-20001] setEnable1v1Chat:fail …`
   * and `join1v1Chat:fail -10086, -1, Already in room!, -1`. A scripted errMsg is kept as it is.
   */
  voipErrCodeShape: 'errCode' | 'errMsg-only'
  /** §4.8, unknown: join1v1Chat reports success when the call screen opens, or only once the listener answers. */
  joinSucceedsWhen: 'placed' | 'answered'
  /** With success on answer: how many ms after the members event that success comes (0: at once). */
  joinSuccessLagMs: number
  /** The person being called. */
  listener: Listener
  /** §4.5 (rev), unknown: whether a listener with the mini program in the background rings. */
  backgroundListenerRings: boolean
  /** §4.6 (rev): whether WeChat fires onVoIPChatMembersChanged / onVoIPChatInterrupted at all. */
  voipEvents: boolean
  /** §4.7 (rev): the next join after an ended call fails with -1 "already in room". */
  staleRoomAfterCall: boolean
  /** §4.7 (rev, unconfirmed): exitVoIPChat clears such a stale room. */
  exitClearsStaleRoom: boolean
  network: NetworkType
  /** §8.6: the phone's light or dark appearance. */
  theme: 'light' | 'dark'
  /** §8.5: which build runs: a developer's (also the one under review), a trial, or the released one. */
  envVersion: 'develop' | 'trial' | 'release'
  /** Storage writes throw, as when the 10 MB quota is used up (§8.1). */
  storageFull: boolean
  storage: Record<string, unknown>
  /**
   * APIs this WeChat does not have (an older or a different client), by dotted name ('exitVoIPChat',
   * 'cloud.uploadFile'): undefined, as on a phone without them, whatever the base library says.
   */
  missingApis: string[]
  /** WeChat answers these APIs with this failure instead of success (sync ones throw it). */
  failures: Partial<Record<string, { errMsg: string; errCode?: number; errno?: number }>>
  /** Answers a login server gives for a wx.login code; null = no server reachable; 'no-answer' = it never answers. */
  loginServer: ((code: string) => { statusCode: number; data: unknown }) | 'no-answer' | null
}

/** The scripted person holding the phone. Anything WeChat would ask them that is not scripted is a test bug. */
export interface ScriptedUser {
  /** Answers to system permission popups, per scope, used in order. */
  popups: Partial<Record<FakeScope, PopupAnswer[]>>
  /** The answer to any popup once `popups` for that scope is used up; unset = unscripted, a test bug. */
  defaultPopupAnswer?: PopupAnswer
  /** §1.5 (rev): answers to WeChat's own privacy popup, shown when no handler is registered, used in order. */
  privacyPopup: PrivacyPopupAnswer[]
  /** What they switch on the mini program's settings page; a scope never asked is not listed there. */
  settingsPage: Partial<Record<FakeScope, boolean>>
  /** What they switch in the phone's settings for WeChat. */
  phoneSettings: Partial<Environment['os']>
  /**
   * §3.2: their answer when the phone itself first asks whether WeChat may use a device ('not determined', iOS
   * only), which happens when a call first uses it.
   */
  phonePrompt: Record<keyof Environment['os'], PopupAnswer>
  /** Answers to wx.showModal, used in order. */
  modals: ModalAnswer[]
  /**
   * What the person picks with `<button open-type="chooseAvatar">` (§6.1), used in order: a picture (its
   * temporary path), 'rejected' by WeChat's content check (no event at all), or 'cancel'.
   */
  avatars: Array<string | 'rejected' | 'cancel'>
  /** WeChat's content check empties a nickname typed into `<input type="nickname">` when it leaves (§6.1). */
  nicknameRejected: boolean
  /**
   * Answers on the subscribe-message popup (§7.3), used in order; '-always' ticks "总是保持", which answers
   * the same later without a popup.
   */
  subscribe: SubscribeAnswer[]
  /** Answers on the system's calendar sheet (§10.3), used in order. */
  calendarSheet: CalendarSheetAnswer[]
}

export type SubscribeAnswer = 'accept' | 'reject' | 'accept-always' | 'reject-always'

export function defaultEnvironment(): Environment {
  return {
    cloudEnabled: true,
    openid: 'oThisPhone_00000000001',
    sdkVersion: '3.5.0',
    platform: 'ios',
    privacyNeedsAgreement: false,
    combinedPrivacyPopup: false,
    privacyRefusal: 'errno-104',
    guideDeclares: { microphone: true, camera: true, calendar: true },
    joinPrivacyGated: true,
    authSetting: {},
    os: { microphone: 'authorized', camera: 'authorized' },
    adminConsole1v1: true,
    deviceSupports1v1: true,
    otherMiniProgramInCall: false,
    voiceCallNeedsCamera: false,
    enableChecks: 'nothing',
    enableFailure: null,
    joinOutcomes: ['place'],
    voipErrCodeShape: 'errCode',
    joinSucceedsWhen: 'placed',
    joinSuccessLagMs: 0,
    listener: { where: 'inside', answersAfterS: null, hangsUpAfterS: null },
    backgroundListenerRings: false,
    voipEvents: true,
    staleRoomAfterCall: false,
    exitClearsStaleRoom: true,
    network: 'wifi',
    theme: 'light',
    envVersion: 'release',
    storageFull: false,
    storage: {},
    missingApis: [],
    failures: {},
    loginServer: null,
  }
}

export function defaultUser(): ScriptedUser {
  return {
    popups: {},
    privacyPopup: [],
    settingsPage: {},
    phoneSettings: {},
    phonePrompt: { microphone: 'allow', camera: 'allow' },
    modals: [],
    avatars: [],
    nicknameRejected: false,
    subscribe: [],
    calendarSheet: [],
  }
}
