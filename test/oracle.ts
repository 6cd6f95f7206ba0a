// Expected behaviour written straight from docs/platform.md and the issues, independently
// of the store's own logic. Tests compare Duet against this, never against Duet's own rules.
import type { Environment, FakeScope, OsPermission } from './fake-wx'

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

export function authSettingOf(s: { mic: ScopeValue; camera: ScopeValue }): Environment['authSetting'] {
  const out: Partial<Record<FakeScope, boolean>> = {}
  if (s.mic !== 'unasked') out['scope.record'] = s.mic === 'granted'
  if (s.camera !== 'unasked') out['scope.camera'] = s.camera === 'granted'
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
export const LAUNCH = ['onNeedPrivacyAuthorization', 'onNetworkStatusChange', 'getNetworkType', ...READ_ALL]

// ---- the full state space of issue 6 ---------------------------------------------------------------

export type Privacy = 'needed' | 'agreed' | 'declined'
export type Env = 'old-base-library' | 'devtools' | 'phone'

export interface FullState {
  privacy: Privacy
  mic: ScopeValue
  camera: ScopeValue
  phoneMic: OsPermission
  phoneCamera: OsPermission
  env: Env
  mode: Mode
}

export const OS_VALUES: OsPermission[] = ['authorized', 'denied', 'not determined']

/** Before base library 2.32.3 there is no privacy consent; before 2.20.1 WeChat's phone permission cannot be read. */
function effective(s: FullState): FullState {
  if (s.env !== 'old-base-library') return s
  return { ...s, privacy: 'agreed', phoneMic: 'authorized', phoneCamera: 'authorized' }
}

export function onboardingStepFor(full: FullState): ReturnType<typeof expectedOnboardingStep> {
  const s = effective(full)
  if (s.privacy !== 'agreed') return 'privacy'
  const phone = s.phoneMic === 'denied' || s.phoneCamera === 'denied' ? 'denied' : 'authorized'
  return expectedOnboardingStep({ privacy: 'agreed', mic: s.mic, camera: s.camera, phone })
}

export type CallResult = 'old-base-library' | 'devtools' | 'privacy' | 'scopes-denied' | 'phone-denied' | 'connected'

/**
 * What one #call tap must do, for a person who allows every popup: the outcome and the platform calls,
 * in order. Launch has already enabled 1v1 where the microphone was granted on a phone.
 */
export function callTapFor(full: FullState): { result: CallResult; calls: string[] } {
  const s = effective(full)
  if (s.env === 'old-base-library') return { result: 'old-base-library', calls: [] }
  if (s.env === 'devtools') return { result: 'devtools', calls: [] }
  if (s.privacy !== 'agreed') return { result: 'privacy', calls: [] }
  const needed = neededScopes(s.mode)
  if (needed.some((k) => s[k] === 'denied')) return { result: 'scopes-denied', calls: [] }
  const calls: string[] = []
  for (const k of needed) {
    if (s[k] !== 'unasked') continue
    calls.push(`authorize(${SCOPE_OF[k]})`)
    if (k === 'mic') calls.push('setEnable1v1Chat(true)')
  }
  const phoneNeeded = s.mode === 'voice' ? [s.phoneMic] : [s.phoneMic, s.phoneCamera]
  if (phoneNeeded.includes('denied')) return { result: 'phone-denied', calls }
  calls.push(`join1v1Chat(${s.mode})`)
  return { result: 'connected', calls }
}

/** What launch calls before any page acts, in this environment. */
export function launchCallsFor(full: FullState): string[] {
  if (full.env === 'old-base-library')
    return ['onNetworkStatusChange', 'getNetworkType', 'getSetting', 'canIUse(join1v1Chat)']
  const enable = full.env === 'phone' && full.mic === 'granted' ? ['setEnable1v1Chat(true)'] : []
  return [...LAUNCH, ...enable]
}
