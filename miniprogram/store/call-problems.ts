// Everything that can stop a call, as data: one row per kind says how it is shown, what the person can do
// about it, whether anything can be done here, and what Duet must read again or do before trying again; a
// second table says which kind each of WeChat's errCodes is. The words live in ../strings.ts (callProblems),
// keyed like KINDS: a new kind is one row here and its words there.
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

/**
 * How the message is shown: an error (red, with WeChat's code on a details line), a neutral note (nothing went
 * wrong that the person should worry about), or the deployer's privacy-guide mistake (no code: it is not WeChat's).
 */
export type Shape = 'error' | 'note' | 'undeclared'

/** Everything Duet does with one kind of problem besides its words (strings.ts callProblems, keyed alike). */
export interface KindRow {
  wayOut: WayOut
  shape: Shape
  /** Calling cannot work on this phone or for this mini program as it is: no tap here changes that. */
  cannotHere?: true
  /** Our picture of the state was stale: what to read again from WeChat. */
  reread?: 'scopes' | 'phone'
  /** A room from an earlier call is still held: leave it before trying again (§4.7). */
  leaveRoomBeforeRetry?: true
  /** WeChat refused a voice call for want of the camera: explain, ask for it, and try the call once more. */
  asksCameraForVoice?: true
}

/** Every kind of problem, one row each. */
export const KINDS: Readonly<Record<ProblemKind, KindRow>> = {
  'old-base-library': { wayOut: 'none', shape: 'error', cannotHere: true },
  devtools: { wayOut: 'none', shape: 'error', cannotHere: true },
  offline: { wayOut: 'retry', shape: 'error' },
  'no-profile': { wayOut: 'profile', shape: 'error' },
  // WeChat's servers have not told Duet who I am yet (platform doc §5): ask again.
  'no-identity': { wayOut: 'identity', shape: 'error' },
  'no-contact': { wayOut: 'back', shape: 'error' },
  privacy: { wayOut: 'privacy', shape: 'error' },
  // The deployer's mistake (platform doc §1.7): no retry by the person can fix it.
  'privacy-undeclared': { wayOut: 'none', shape: 'undeclared', cannotHere: true },
  'scopes-denied': { wayOut: 'fix-permissions', shape: 'error', reread: 'scopes', asksCameraForVoice: true },
  'request-failed': { wayOut: 'retry', shape: 'error' },
  'phone-denied': { wayOut: 'phone-settings', shape: 'error', reread: 'phone' },
  'not-enabled': { wayOut: 'none', shape: 'error', cannotHere: true },
  'unsupported-device': { wayOut: 'none', shape: 'error', cannotHere: true },
  'already-in-call': { wayOut: 'none', shape: 'error' },
  'other-app-in-call': { wayOut: 'retry', shape: 'error' },
  'stale-room': { wayOut: 'retry', shape: 'error', leaveRoomBeforeRetry: true },
  'mic-busy': { wayOut: 'retry', shape: 'error' },
  // -3 includes the person's own cancel (§4.7): a note, and the way to try again.
  left: { wayOut: 'retry', shape: 'note' },
  'system-error': { wayOut: 'retry', shape: 'error' },
  timeout: { wayOut: 'retry', shape: 'error' },
  'unknown-error': { wayOut: 'retry', shape: 'error' },
}

/**
 * Ways out that are the screen's main action when shown (a settings page, a retry of who I am, my profile);
 * a retry stands in for the call button instead, and the rest are no action at all.
 */
const LEADING_WAYS_OUT: readonly WayOut[] = ['fix-permissions', 'phone-settings', 'identity', 'profile']

export function wayOut(problem: CallProblem): WayOut {
  return KINDS[problem.kind].wayOut
}

export function shape(problem: CallProblem): Shape {
  return KINDS[problem.kind].shape
}

export function leadsWayOut(problem: CallProblem): boolean {
  return LEADING_WAYS_OUT.includes(wayOut(problem))
}

export function cannotHere(problem: CallProblem): boolean {
  return KINDS[problem.kind].cannotHere === true
}

/** What an errCode means for Duet besides its message: its problem's row, read for that problem. */
export interface ErrCodeRule {
  problem: CallProblem
  /** Our picture of the state was stale: what to read again from WeChat. */
  reread?: 'scopes' | 'phone'
  /** WeChat wants the camera for a voice call too: explain, ask for it, and try the voice call once more. */
  retryVoiceWithCamera?: boolean
  /** A room from an earlier call is still held: leave it before trying again (§4.7). */
  leaveRoomBeforeRetry?: boolean
}

/** WeChat's errCodes for setEnable1v1Chat and join1v1Chat (platform doc §4.7): the problem each one means. */
const ERR_CODES: Record<number, CallProblem> = {
  [-20000]: { kind: 'not-enabled' },
  [-20001]: { kind: 'unsupported-device' },
  [-20002]: { kind: 'already-in-call' },
  [-20003]: { kind: 'other-app-in-call' },
  [-30000]: { kind: 'system-error' },
  [-30001]: { kind: 'phone-denied', devices: ['camera'] },
  [-30002]: { kind: 'phone-denied', devices: ['microphone'] },
  [-30003]: { kind: 'scopes-denied', devices: ['microphone'] },
  [-30004]: { kind: 'scopes-denied', devices: ['camera'] },
  [-1]: { kind: 'stale-room' },
  [-2]: { kind: 'mic-busy' },
  [-3]: { kind: 'left' },
  [-1000]: { kind: 'system-error' },
}

/** The rule for a WeChat failure; an unknown or missing code is an unknown error that a retry may fix. */
export function ruleForErrCode(errCode: number | undefined): ErrCodeRule {
  const known = errCode === undefined ? undefined : ERR_CODES[errCode]
  const base: CallProblem = known ?? { kind: 'unknown-error' }
  const problem: CallProblem = errCode === undefined ? base : { ...base, errCode }
  const row = KINDS[problem.kind]
  const rule: ErrCodeRule = { problem }
  if (row.reread) rule.reread = row.reread
  if (row.leaveRoomBeforeRetry) rule.leaveRoomBeforeRetry = true
  // Only the camera can be asked for and the voice call tried again; a refused microphone cannot.
  if (row.asksCameraForVoice && 'devices' in problem && problem.devices.includes('camera'))
    rule.retryVoiceWithCamera = true
  return rule
}
