// Expected behaviour written straight from ../shared/docs/wechat-platform.md and the issues, independently
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
export function expectedOnboardingStep(s: PlatformState, audioOnly = false): 'privacy' | 'recovery' | 'explainer' | 'phone' | 'done' {
  if (s.privacy === 'needed') return 'privacy'
  const needed = neededScopes(audioOnly ? 'voice' : 'video')
  if (needed.some((k) => s[k] === 'denied')) return 'recovery'
  if (needed.some((k) => s[k] === 'unasked')) return 'explainer'
  // Only a denial stops anyone: 'not determined' means the phone asks WeChat's user when the call starts.
  if (s.phone === 'denied') return 'phone'
  return 'done'
}

/** Every read Duet makes of the platform when it (re)reads permissions. */
export const READ_ALL = ['getPrivacySetting', 'getSetting', 'getAppAuthorizeSetting', 'canIUse(join1v1Chat)', 'getDeviceInfo']
/** What app launch does before any page acts. */
export const LAUNCH = ['onNeedPrivacyAuthorization', 'onNetworkStatusChange', 'getNetworkType', ...READ_ALL]
