import { callWx, wxFunction } from './call-wx'

export type PhonePermission = 'authorized' | 'denied' | 'not determined' | 'unknown'
export interface PhonePermissions {
  microphone: PhonePermission
  camera: PhonePermission
}
/** Whether 1v1 calls can work here at all. */
export type CallSupport = 'supported' | 'old-base-library' | 'devtools'

const KNOWN: readonly PhonePermission[] = ['authorized', 'denied', 'not determined']
const asPermission = (v: unknown): PhonePermission =>
  KNOWN.includes(v as PhonePermission) ? (v as PhonePermission) : 'unknown'

/** WeChat's own permissions on the phone; 'unknown' before base library 2.20.1. */
export function getPhonePermissions(): PhonePermissions {
  const read = wxFunction('getAppAuthorizeSetting')
  if (!read) return { microphone: 'unknown', camera: 'unknown' }
  const res = read.call(wx) as Partial<WechatMiniprogram.AppAuthorizeSetting>
  return { microphone: asPermission(res.microphoneAuthorized), camera: asPermission(res.cameraAuthorized) }
}

export function openPhoneSettings(): Promise<void> {
  return callWx<unknown>('openAppAuthorizeSetting').then(() => undefined)
}

export function getCallSupport(): CallSupport {
  if (!wx.canIUse('join1v1Chat')) return 'old-base-library'
  return wx.getDeviceInfo().platform === 'devtools' ? 'devtools' : 'supported'
}

/**
 * A developer's or a trial build, where developer options may show; the released build, or a base library
 * that does not say (envVersion came in 2.10.0), is treated as released. A build under review says 'develop'.
 */
export function isPreReleaseBuild(): boolean {
  try {
    const info = wxFunction('getAccountInfoSync')?.() as { miniProgram?: { envVersion?: unknown } } | undefined
    const version = info?.miniProgram?.envVersion
    return version === 'develop' || version === 'trial'
  } catch {
    // Read while the store is built: a WeChat that throws here must not stop Duet from opening.
    return false
  }
}
