// Expected behaviour written straight from docs/platform.md and the issues, independently
// of the store's own logic. Tests compare Duet against this, never against Duet's own rules.
import type { Environment, FakeScope, OsPermission } from '../wechat-model'

export type ScopeValue = 'unasked' | 'granted' | 'denied'
export type Mode = 'voice' | 'video'

export interface PlatformState {
  privacy: 'needed' | 'agreed'
  mic: ScopeValue
  camera: ScopeValue
  phone: OsPermission
}

export const SCOPE_VALUES: ScopeValue[] = ['unasked', 'granted', 'denied']
export const SCOPE_OF = { mic: 'scope.record', camera: 'scope.camera' } as const

export function authSettingOf(s: {
  mic: ScopeValue
  camera: ScopeValue
  calendar?: ScopeValue
}): Environment['authSetting'] {
  const out: Partial<Record<FakeScope, boolean>> = {}
  if (s.mic !== 'unasked') out['scope.record'] = s.mic === 'granted'
  if (s.camera !== 'unasked') out['scope.camera'] = s.camera === 'granted'
  if (s.calendar !== undefined && s.calendar !== 'unasked') out['scope.addPhoneCalendar'] = s.calendar === 'granted'
  return out
}

/** Scopes each mode needs, in the order they are asked: voice the microphone; video both. */
export function neededScopes(mode: Mode): Array<'mic' | 'camera'> {
  return mode === 'voice' ? ['mic'] : ['mic', 'camera']
}

/** The onboarding step a person should see (onboarding covers video unless they chose audio only). */
export function expectedOnboardingStep(
  s: PlatformState,
  audioOnly = false,
): 'privacy' | 'recovery' | 'explainer' | 'phone' | 'done' {
  if (s.privacy === 'needed') return 'privacy'
  const needed = neededScopes(audioOnly ? 'voice' : 'video')
  if (needed.some((k) => s[k] === 'denied')) return 'recovery'
  if (needed.some((k) => s[k] === 'unasked')) return 'explainer'
  // Only a denial stops anyone: 'not determined' means the phone asks WeChat's user when the call starts.
  if (s.phone === 'denied') return 'phone'
  return 'done'
}

/** Every read Duet makes of the platform when it (re)reads permissions. */
export const READ_ALL = [
  'getPrivacySetting',
  'getSetting',
  'getAppAuthorizeSetting',
  'canIUse(join1v1Chat)',
  'getDeviceInfo',
]
/** What app launch does before any page acts. */
export const LAUNCH = [
  'onNeedPrivacyAuthorization',
  // §8.6: the phone's appearance, for WeUI's dark mode.
  'getAppBaseInfo',
  'onThemeChange',
  'onNetworkStatusChange',
  'getNetworkType',
  ...READ_ALL,
]

// ---- the full state space -----------------------------------------------------------------------------

/**
 * 'changed': agreed when Duet launched, but the privacy guide changed before the call tap (Duet learns it
 * only when WeChat holds a gated API: platform doc §1.4, §1.6, §1.8).
 */
export type Privacy = 'needed' | 'agreed' | 'declined' | 'changed'
/** Where Duet runs: too old a WeChat, DevTools, or a phone (iOS or Android: §3.2). */
export type Env = 'old-base-library' | 'devtools' | 'ios' | 'android'
/** The person called: answers (and later hangs up), never answers, or is not inside Duet (§4.4–§4.6). */
export type ListenerBehaviour = 'answers' | 'never' | 'outside'

export interface FullState {
  privacy: Privacy
  mic: ScopeValue
  camera: ScopeValue
  phoneMic: OsPermission
  phoneCamera: OsPermission
  env: Env
  mode: Mode
  /** §1.8: WeChat holds join1v1Chat for consent (unknown: both). */
  gatedJoin: boolean
  /** §1.6: the microphone/camera popup carries the privacy checkbox (base library 3.4.2+). */
  combinedPopup: boolean
  listener: ListenerBehaviour
  /**
   * §10: scope.addPhoneCalendar, which no call, walkthrough or launch reads. Each state holds one value, taken
   * in turn, so the table shows every value ignored without growing threefold; what the scope does is the
   * appointment page's table (calendarTapFor).
   */
  calendar: ScopeValue
}

export const OS_VALUES: OsPermission[] = ['authorized', 'denied', 'not determined']
export const PRIVACY_VALUES: Privacy[] = ['needed', 'agreed', 'declined', 'changed']

// What the platform can be in each environment. The old base library played (2.19.0) has no privacy consent
// (2.32.3), cannot tell WeChat's phone permission (2.20.1), predates the combined popup (3.4.2) and has no join
// for WeChat to hold: those are no states of it, so each has one value there, the one its fake holds.
const OLD = (env: Env) => env === 'old-base-library'
export const privacyValuesOn = (env: Env): Privacy[] => (OLD(env) ? ['agreed'] : PRIVACY_VALUES)
/** §3.2 (rev): 'not determined' happens on iOS only. */
export const osValuesOn = (env: Env): OsPermission[] =>
  OLD(env) ? ['authorized'] : env === 'android' ? ['authorized', 'denied'] : OS_VALUES
export const gatedJoinValuesOn = (env: Env): boolean[] => (OLD(env) ? [false] : [true, false])
export const combinedPopupValuesOn = (env: Env): boolean[] => (OLD(env) ? [false] : [true, false])

const isPhone = (env: Env) => env === 'ios' || env === 'android'

/** Before base library 2.32.3 there is no privacy consent; before 2.20.1 WeChat's phone permission cannot be read. */
function effective(s: FullState): FullState {
  if (s.env !== 'old-base-library') return s
  return { ...s, privacy: 'agreed', phoneMic: 'authorized', phoneCamera: 'authorized' }
}

/** The walkthrough at launch: a guide that changes later is not known yet, so 'changed' reads as agreed. */
export function onboardingStepFor(full: FullState): ReturnType<typeof expectedOnboardingStep> {
  const s = effective(full)
  if (s.privacy === 'needed' || s.privacy === 'declined') return 'privacy'
  const phone = s.phoneMic === 'denied' || s.phoneCamera === 'denied' ? 'denied' : 'authorized'
  return expectedOnboardingStep({ privacy: 'agreed', mic: s.mic, camera: s.camera, phone })
}

export type CallResult = 'old-base-library' | 'devtools' | 'privacy' | 'scopes-denied' | 'phone-denied' | 'placed'

/** The person agrees on Duet's consent card while WeChat holds a gated API (§1.3, §1.4). */
const AGREE_ON_CARD = ['agreePrivacyAuthorization(#privacy-agree)', 'resolvePrivacy(agree #privacy-agree)']

/**
 * What one #call tap must do, for a person who allows every popup and agrees whenever asked: the outcome
 * and the platform calls, in order. Launch has already enabled 1v1 where the microphone was granted on a phone.
 */
export function callTapFor(full: FullState): { result: CallResult; calls: string[] } {
  const s = effective(full)
  if (s.env === 'old-base-library') return { result: 'old-base-library', calls: [] }
  if (s.env === 'devtools') return { result: 'devtools', calls: [] }
  if (s.privacy === 'needed' || s.privacy === 'declined') return { result: 'privacy', calls: [] }
  const needed = neededScopes(s.mode)
  if (needed.some((k) => s[k] === 'denied')) return { result: 'scopes-denied', calls: [] }
  const calls: string[] = []
  let consentMissing = s.privacy === 'changed'
  for (const k of needed) {
    if (s[k] !== 'unasked') continue
    calls.push(`authorize(${SCOPE_OF[k]})`)
    // Consent missing: the popup itself may carry it (§1.6); otherwise WeChat holds authorize for Duet's card.
    if (consentMissing && !s.combinedPopup) calls.push(...AGREE_ON_CARD)
    consentMissing = false
    if (k === 'mic') calls.push('setEnable1v1Chat(true)')
    // After a grant Duet reads consent again: the combined popup may have given it (§1.6).
    calls.push('getPrivacySetting')
  }
  const phoneNeeded = s.mode === 'voice' ? [s.phoneMic] : [s.phoneMic, s.phoneCamera]
  if (phoneNeeded.includes('denied')) return { result: 'phone-denied', calls }
  calls.push(`join1v1Chat(${s.mode})`)
  // §1.8: a join WeChat holds for consent waits for Duet's card.
  if (consentMissing && s.gatedJoin) calls.push(...AGREE_ON_CARD)
  return { result: 'placed', calls }
}

/**
 * What the call history says once the listener has done what they do: answered (both in the call, then
 * the other left: §4.6) or only placed (§4.4: success never means answered).
 */
export function recordFor(full: FullState): 'answered' | 'placed' | null {
  if (callTapFor(full).result !== 'placed') return null
  return full.listener === 'answers' ? 'answered' : 'placed'
}

/** What launch calls before any page acts, in this environment. */
export function launchCallsFor(full: FullState): string[] {
  // The old base library played is 2.19.0: onThemeChange (2.11.0) is there, getAppBaseInfo (2.20.1) not (§8.6).
  if (full.env === 'old-base-library')
    return ['onThemeChange', 'onNetworkStatusChange', 'getNetworkType', 'getSetting', 'canIUse(join1v1Chat)']
  const enable = isPhone(full.env) && full.mic === 'granted' ? ['setEnable1v1Chat(true)'] : []
  return [...LAUNCH, ...enable]
}

// ---- the calendar tap on the appointment page (§10) -------------------------------------------------------------

/** Consent to the privacy guide: given before, given on Duet's card when WeChat holds the call, or refused there. */
export type CalendarPrivacy = 'agreed' | 'agrees-on-card' | 'declines-on-card'
/** scope.addPhoneCalendar as the tap finds it, and for a scope never asked, the answer on its popup. */
export type CalendarScopeStart = 'granted' | 'denied' | 'unasked-allows' | 'unasked-denies'

export interface CalendarTapState {
  platform: 'ios' | 'android'
  privacy: CalendarPrivacy
  scope: CalendarScopeStart
  /** The privacy guide in the admin console declares the calendar (§10.1, §1.7). */
  guideDeclares: boolean
  /** What the person does on the system's calendar sheet (§10.3). */
  sheet: 'add' | 'cancel'
}

export type CalendarTapResult = 'sent' | 'not-sent' | 'denied' | 'privacy-declined' | 'undeclared'

export interface CalendarTapExpected {
  result: CalendarTapResult
  /** Duet's consent card was asked for (WeChat held the call for it). */
  consentAsked: boolean
  /** The scope's system popup showed. */
  popup: boolean
  /** The calendar sheet showed. */
  sheet: boolean
  /** The phone's calendar holds the event afterwards. */
  added: boolean
}

/** What one #appt-calendar tap must end with, written from §10: the guide, consent, the scope, then the sheet. */
export function calendarTapFor(s: CalendarTapState): CalendarTapExpected {
  const none = { consentAsked: false, popup: false, sheet: false, added: false }
  if (!s.guideDeclares) return { result: 'undeclared', ...none }
  const consentAsked = s.privacy !== 'agreed'
  if (s.privacy === 'declines-on-card') return { result: 'privacy-declined', ...none, consentAsked }
  const popup = s.scope.startsWith('unasked')
  if (s.scope === 'denied' || s.scope === 'unasked-denies') return { result: 'denied', ...none, consentAsked, popup }
  const added = s.sheet === 'add'
  // §10.3: a cancel fails on iOS but succeeds on Android.
  const result = added || s.platform === 'android' ? 'sent' : 'not-sent'
  return { result, consentAsked, popup, sheet: true, added }
}
