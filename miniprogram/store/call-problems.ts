// Everything that can stop a call, and the way out each one offers. Texts live in ../strings.ts.
import type { Scope } from '../services/scopes'
import type { Device } from './call-modes'

export type ProblemKind =
  | 'old-base-library' | 'devtools' | 'offline' | 'no-profile' | 'no-contact' | 'privacy'
  | 'scopes-denied' | 'request-failed' | 'phone-denied'
  | 'not-enabled' | 'unsupported-device' | 'already-in-call' | 'other-app-in-call' | 'mic-busy'
  | 'interrupted' | 'system-error' | 'timeout' | 'unknown-error'

export interface CallProblem {
  kind: ProblemKind
  /** WeChat's errCode, when the problem came from WeChat. */
  errCode?: number
  scopes?: Scope[]
  devices?: Device[]
}

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

/** A failure of setEnable1v1Chat or join1v1Chat, by WeChat's errCode (platform doc §4). */
export function problemFromErrCode(errCode: number | undefined): CallProblem {
  switch (errCode) {
    case -20000: return { kind: 'not-enabled', errCode }
    case -20001: return { kind: 'unsupported-device', errCode }
    case -20002: case -1: return { kind: 'already-in-call', errCode }
    case -20003: return { kind: 'other-app-in-call', errCode }
    case -30000: case -1000: return { kind: 'system-error', errCode }
    case -30001: return { kind: 'phone-denied', errCode, devices: ['camera'] }
    case -30002: return { kind: 'phone-denied', errCode, devices: ['microphone'] }
    case -30003: return { kind: 'scopes-denied', errCode, scopes: ['scope.record'] }
    case -30004: return { kind: 'scopes-denied', errCode, scopes: ['scope.camera'] }
    case -2: return { kind: 'mic-busy', errCode }
    case -3: return { kind: 'interrupted', errCode }
    case undefined: return { kind: 'unknown-error' }
    default: return { kind: 'unknown-error', errCode }
  }
}
