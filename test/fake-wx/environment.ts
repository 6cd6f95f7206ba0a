// The world a test sets up before Duet runs: what WeChat knows, and what the person will do.
// Written from docs/platform.md; every field names a fact from it.

export type FakeScope = 'scope.record' | 'scope.camera'
export type OsPermission = 'authorized' | 'denied' | 'not determined'
export type Platform = 'ios' | 'android' | 'devtools'
export type NetworkType = 'wifi' | '2g' | '3g' | '4g' | '5g' | 'unknown' | 'none'
export type PopupAnswer = 'allow' | 'deny'
export type ModalAnswer = 'confirm' | 'cancel'
/** What join1v1Chat does once every check it models has passed. */
export type JoinOutcome = 'connect' | 'hang' | { errCode: number; errMsg?: string }

export interface Environment {
  sdkVersion: string
  platform: Platform
  /** needAuthorization from getPrivacySetting: the privacy guide has not been agreed yet. */
  privacyNeedsAgreement: boolean
  /** authSetting: a scope that is absent has never been asked. */
  authSetting: Partial<Record<FakeScope, boolean>>
  /** WeChat's own permission on the phone. */
  os: { microphone: OsPermission; camera: OsPermission }
  /** 1v1 calling switched on for this mini program in the admin console. */
  adminConsole1v1: boolean
  /** The device cannot do 1v1 calls at all (errCode -20001). */
  deviceSupports1v1: boolean
  /** Another mini program is on a call (errCode -20003). */
  otherMiniProgramInCall: boolean
  /** The undocumented case: WeChat answers a voice call with -30004 when scope.camera is missing. */
  voiceCallNeedsCamera: boolean
  network: NetworkType
  /** Storage writes throw, as when the 10 MB quota is used up. */
  storageFull: boolean
  storage: Record<string, unknown>
  /** join1v1Chat outcomes once the modelled checks pass, used in order; the last one repeats. */
  joinOutcomes: JoinOutcome[]
  /** setEnable1v1Chat failure to return instead of success, if any. */
  enableFailure: { errCode: number; errMsg?: string } | null
  /** WeChat answers these APIs with this failure instead of success (sync ones throw it). */
  failures: Partial<Record<string, { errMsg: string; errCode?: number; errno?: number }>>
  /** Answers a login server gives for a wx.login code; null = no server reachable. */
  loginServer: ((code: string) => { statusCode: number; data: unknown }) | null
}

/** The scripted person. Anything WeChat would ask them that is not scripted is a test bug. */
export interface ScriptedUser {
  /** Answers to system permission popups, per scope, used in order. */
  popups: Partial<Record<FakeScope, PopupAnswer[]>>
  /** What they switch on the mini program's settings page; a scope never asked is not listed there. */
  settingsPage: Partial<Record<FakeScope, boolean>>
  /** What they switch in the phone's settings for WeChat. */
  phoneSettings: Partial<Environment['os']>
  /** The answer to any popup once `popups` for that scope is used up; unset = unscripted, a test bug. */
  defaultPopupAnswer?: PopupAnswer
  /** Answers to wx.showModal, used in order. */
  modals: ModalAnswer[]
}

export function defaultEnvironment(): Environment {
  return {
    sdkVersion: '3.5.0',
    platform: 'ios',
    privacyNeedsAgreement: false,
    authSetting: {},
    os: { microphone: 'authorized', camera: 'authorized' },
    adminConsole1v1: true,
    deviceSupports1v1: true,
    otherMiniProgramInCall: false,
    voiceCallNeedsCamera: false,
    network: 'wifi',
    storageFull: false,
    storage: {},
    joinOutcomes: ['connect'],
    enableFailure: null,
    loginServer: null,
    failures: {},
  }
}

export function defaultUser(): ScriptedUser {
  return { popups: {}, settingsPage: {}, phoneSettings: {}, modals: [] }
}
