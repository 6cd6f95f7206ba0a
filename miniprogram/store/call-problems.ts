// Everything that can stop a call, as data: what kind of problem it is, how it is shown, what the person
// can do about it, and, for WeChat's errCodes, what Duet must read again and how it may recover.
// Texts live in ../strings.ts.
import type { Device } from './model'

/** Problems about devices say which devices. */
export type DeviceProblemKind = 'scopes-denied' | 'phone-denied'
export type PlainProblemKind =
  | 'old-base-library'
  | 'devtools'
  | 'offline'
  | 'no-profile'
  | 'no-identity'
  | 'no-contact'
  | 'privacy'
  | 'privacy-undeclared'
  | 'request-failed'
  | 'not-enabled'
  | 'unsupported-device'
  | 'already-in-call'
  | 'other-app-in-call'
  | 'stale-room'
  | 'mic-busy'
  | 'left'
  | 'system-error'
  | 'timeout'
  | 'unknown-error'
export type ProblemKind = DeviceProblemKind | PlainProblemKind

/** `errCode` is WeChat's, when the problem came from WeChat; it is shown in the message. */
export type CallProblem =
  { kind: DeviceProblemKind; devices: Device[]; errCode?: number } | { kind: PlainProblemKind; errCode?: number }

/** What the person can do about it: the button shown next to the message. */
export type WayOut =
  'fix-permissions' | 'phone-settings' | 'profile' | 'identity' | 'privacy' | 'retry' | 'back' | 'none'

/** An error is shown in red; a note is neutral (nothing went wrong that the person should worry about). */
export type Tone = 'error' | 'note'

const SHOWN: Record<ProblemKind, { wayOut: WayOut; tone: Tone }> = {
  'old-base-library': { wayOut: 'none', tone: 'error' },
  devtools: { wayOut: 'none', tone: 'error' },
  offline: { wayOut: 'retry', tone: 'error' },
  'no-profile': { wayOut: 'profile', tone: 'error' },
  // WeChat's servers have not told Duet who I am yet (platform doc §5): ask again.
  'no-identity': { wayOut: 'identity', tone: 'error' },
  'no-contact': { wayOut: 'back', tone: 'error' },
  privacy: { wayOut: 'privacy', tone: 'error' },
  // The deployer's mistake (platform doc §1.7): no retry by the person can fix it.
  'privacy-undeclared': { wayOut: 'none', tone: 'error' },
  'scopes-denied': { wayOut: 'fix-permissions', tone: 'error' },
  'request-failed': { wayOut: 'retry', tone: 'error' },
  'phone-denied': { wayOut: 'phone-settings', tone: 'error' },
  'not-enabled': { wayOut: 'none', tone: 'error' },
  'unsupported-device': { wayOut: 'none', tone: 'error' },
  'already-in-call': { wayOut: 'none', tone: 'error' },
  'other-app-in-call': { wayOut: 'retry', tone: 'error' },
  'stale-room': { wayOut: 'retry', tone: 'error' },
  'mic-busy': { wayOut: 'retry', tone: 'error' },
  // -3 includes the person's own cancel (§4.7): a note, and the way to try again.
  left: { wayOut: 'retry', tone: 'note' },
  'system-error': { wayOut: 'retry', tone: 'error' },
  timeout: { wayOut: 'retry', tone: 'error' },
  'unknown-error': { wayOut: 'retry', tone: 'error' },
}

export function wayOut(problem: CallProblem): WayOut {
  return SHOWN[problem.kind].wayOut
}

export function tone(problem: CallProblem): Tone {
  return SHOWN[problem.kind].tone
}

/** What an errCode means for Duet besides its message. */
export interface ErrCodeRule {
  problem: CallProblem
  /** Our picture of the state was stale: what to read again from WeChat. */
  reread?: 'scopes' | 'phone'
  /** WeChat wants the camera for a voice call too: explain, ask for it, and try the voice call once more. */
  retryVoiceWithCamera?: boolean
  /** A room from an earlier call is still held: leave it before trying again (§4.7). */
  leaveRoomBeforeRetry?: boolean
}

/** WeChat's errCodes for setEnable1v1Chat and join1v1Chat (platform doc §4.7), one row each. */
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
  [-1]: { problem: { kind: 'stale-room' }, leaveRoomBeforeRetry: true },
  [-2]: { problem: { kind: 'mic-busy' } },
  [-3]: { problem: { kind: 'left' } },
  [-1000]: { problem: { kind: 'system-error' } },
}

/** The rule for a WeChat failure; an unknown or missing code is an unknown error that a retry may fix. */
export function ruleForErrCode(errCode: number | undefined): ErrCodeRule {
  const rule = errCode === undefined ? undefined : ERR_CODES[errCode]
  const problem: CallProblem = rule ? rule.problem : { kind: 'unknown-error' }
  return { ...rule, problem: errCode === undefined ? problem : { ...problem, errCode } }
}
