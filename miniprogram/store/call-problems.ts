// Everything that can stop a call, as data: what kind of problem it is, what the person can do about it,
// and, for WeChat's errCodes, what Duet must read again and how it may recover. Texts live in ../strings.ts.
import type { Device } from './model'

/** Problems about devices say which devices. */
export type DeviceProblemKind = 'scopes-denied' | 'phone-denied'
export type PlainProblemKind =
  | 'old-base-library'
  | 'devtools'
  | 'offline'
  | 'no-profile'
  | 'no-contact'
  | 'privacy'
  | 'request-failed'
  | 'not-enabled'
  | 'unsupported-device'
  | 'already-in-call'
  | 'other-app-in-call'
  | 'mic-busy'
  | 'interrupted'
  | 'system-error'
  | 'timeout'
  | 'unknown-error'
export type ProblemKind = DeviceProblemKind | PlainProblemKind

/** `errCode` is WeChat's, when the problem came from WeChat; it is shown in the message. */
export type CallProblem =
  { kind: DeviceProblemKind; devices: Device[]; errCode?: number } | { kind: PlainProblemKind; errCode?: number }

/** What the person can do about it: the button shown next to the message. */
export type WayOut = 'fix-permissions' | 'phone-settings' | 'profile' | 'privacy' | 'retry' | 'back' | 'none'

const WAY_OUT: Record<ProblemKind, WayOut> = {
  'old-base-library': 'none',
  devtools: 'none',
  offline: 'retry',
  'no-profile': 'profile',
  'no-contact': 'back',
  privacy: 'privacy',
  'scopes-denied': 'fix-permissions',
  'request-failed': 'retry',
  'phone-denied': 'phone-settings',
  'not-enabled': 'none',
  'unsupported-device': 'none',
  'already-in-call': 'none',
  'other-app-in-call': 'retry',
  'mic-busy': 'retry',
  interrupted: 'retry',
  'system-error': 'retry',
  timeout: 'retry',
  'unknown-error': 'retry',
}

export function wayOut(problem: CallProblem): WayOut {
  return WAY_OUT[problem.kind]
}

/** The device problems' kinds, for narrowing. */
export function isDeviceProblem(p: CallProblem): p is Extract<CallProblem, { devices: Device[] }> {
  return p.kind === 'scopes-denied' || p.kind === 'phone-denied'
}

/** What an errCode means for Duet besides its message. */
export interface ErrCodeRule {
  problem: CallProblem
  /** Our picture of the state was stale: what to read again from WeChat. */
  reread?: 'scopes' | 'phone'
  /** WeChat wants the camera for a voice call too: explain, ask for it, and try the voice call once more. */
  retryVoiceWithCamera?: boolean
}

/** WeChat's errCodes for setEnable1v1Chat and join1v1Chat (platform doc §4), one row each. */
const ERR_CODES: Record<number, ErrCodeRule> = {
  [-20000]: { problem: { kind: 'not-enabled' } },
  [-20001]: { problem: { kind: 'unsupported-device' } },
  [-20002]: { problem: { kind: 'already-in-call' } },
  [-20003]: { problem: { kind: 'other-app-in-call' } },
  [-30000]: { problem: { kind: 'system-error' } },
  [-30001]: { problem: { kind: 'phone-denied', devices: ['camera'] }, reread: 'phone' },
  [-30002]: { problem: { kind: 'phone-denied', devices: ['microphone'] }, reread: 'phone' },
  [-30003]: { problem: { kind: 'scopes-denied', devices: ['microphone'] }, reread: 'scopes' },
  [-30004]: { problem: { kind: 'scopes-denied', devices: ['camera'] }, reread: 'scopes', retryVoiceWithCamera: true },
  [-1]: { problem: { kind: 'already-in-call' } },
  [-2]: { problem: { kind: 'mic-busy' } },
  [-3]: { problem: { kind: 'interrupted' } },
  [-1000]: { problem: { kind: 'system-error' } },
}

/** The rule for a WeChat failure; an unknown or missing code is an unknown error that a retry may fix. */
export function ruleForErrCode(errCode: number | undefined): ErrCodeRule {
  const rule = errCode === undefined ? undefined : ERR_CODES[errCode]
  const problem: CallProblem = rule ? rule.problem : { kind: 'unknown-error' }
  return { ...rule, problem: errCode === undefined ? problem : { ...problem, errCode } }
}

export function problemFromErrCode(errCode: number | undefined): CallProblem {
  return ruleForErrCode(errCode).problem
}
