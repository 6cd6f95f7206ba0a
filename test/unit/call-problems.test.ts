// WeChat's errCodes → what Duet says and does, one row each (platform doc §4), without a call.
import {
  CallProblem,
  cannotHere,
  KINDS,
  leadsWayOut,
  ProblemKind,
  ruleForErrCode,
  shape,
  wayOut,
} from '../../miniprogram/store/call-problems'
import { callProblems, callProblemText } from '../../miniprogram/strings'

test.each([
  [-20000, 'not-enabled', 'none', undefined],
  [-20001, 'unsupported-device', 'none', undefined],
  [-20002, 'already-in-call', 'none', undefined],
  [-20003, 'other-app-in-call', 'retry', undefined],
  [-30000, 'system-error', 'retry', undefined],
  [-30001, 'phone-denied', 'phone-settings', 'phone'],
  [-30002, 'phone-denied', 'phone-settings', 'phone'],
  [-30003, 'scopes-denied', 'fix-permissions', 'scopes'],
  [-30004, 'scopes-denied', 'fix-permissions', 'scopes'],
  [-1, 'stale-room', 'retry', undefined],
  [-2, 'mic-busy', 'retry', undefined],
  [-3, 'left', 'retry', undefined],
  [-1000, 'system-error', 'retry', undefined],
  [31337, 'unknown-error', 'retry', undefined],
])('%i → %s, way out %s, re-read %s', (errCode, kind, way, reread) => {
  const rule = ruleForErrCode(errCode)
  expect(rule.problem).toMatchObject({ kind, errCode })
  expect(wayOut(rule.problem)).toBe(way)
  expect(rule.reread).toBe(reread)
})

test('device problems say which device', () => {
  expect(ruleForErrCode(-30001).problem).toEqual({ kind: 'phone-denied', devices: ['camera'], errCode: -30001 })
  expect(ruleForErrCode(-30003).problem).toEqual({ kind: 'scopes-denied', devices: ['microphone'], errCode: -30003 })
})

test('only -30004 may be answered by asking for the camera and trying the voice call again', () => {
  const codes = [-20000, -20001, -20002, -20003, -30000, -30001, -30002, -30003, -30004, -1, -2, -3, -1000]
  expect(codes.filter((c) => ruleForErrCode(c).retryVoiceWithCamera)).toEqual([-30004])
})

test('a failure with no errCode is an unknown error that carries no code', () => {
  expect(ruleForErrCode(undefined).problem).toEqual({ kind: 'unknown-error' })
})

test('-1 after an earlier call: leave the stale room, then try again (platform doc §4.7)', () => {
  const codes = [-20000, -20001, -20002, -20003, -30000, -30001, -30002, -30003, -30004, -1, -2, -3, -1000]
  expect(codes.filter((c) => ruleForErrCode(c).leaveRoomBeforeRetry)).toEqual([-1])
})

test("-3 (left while joining, also one's own cancel) is a neutral note; every other code is an error", () => {
  const codes = [-20000, -20001, -20002, -20003, -30000, -30001, -30002, -30003, -30004, -1, -2, -3, -1000, 31337]
  expect(codes.filter((c) => shape(ruleForErrCode(c).problem) === 'note')).toEqual([-3])
})

describe('one row per kind says everything Duet does with it', () => {
  const kinds = Object.keys(KINDS) as ProblemKind[]
  const problemOf = (kind: ProblemKind): CallProblem =>
    kind === 'scopes-denied' || kind === 'phone-denied' ? { kind, devices: ['camera'] } : { kind }

  test('a way out that leads the screen: the settings pages, who I am, my profile', () => {
    expect(kinds.filter((k) => leadsWayOut(problemOf(k)))).toEqual([
      'no-profile',
      'no-identity',
      'scopes-denied',
      'phone-denied',
    ])
  })

  test('nothing to be done here: an old WeChat, DevTools, 1v1 not enabled, an unsupported phone, the guide', () => {
    expect(kinds.filter((k) => cannotHere(problemOf(k)))).toEqual([
      'old-base-library',
      'devtools',
      'privacy-undeclared',
      'not-enabled',
      'unsupported-device',
    ])
  })

  test('the deployer’s privacy-guide mistake has a shape of its own', () => {
    expect(kinds.filter((k) => shape(problemOf(k)) === 'undeclared')).toEqual(['privacy-undeclared'])
  })

  test.each(kinds)('%s: its words are whole sentences, the devices named, no code in them', (kind) => {
    const text = callProblemText(problemOf(kind))
    expect(text).toMatch(/。$/)
    expect(text).not.toMatch(/\{|错误码|-?\d{2,}/)
    if (kind.endsWith('-denied')) expect(text).toContain('摄像头')
  })

  test('every code WeChat gives has a reason for the history', () => {
    const codes = [-20000, -20001, -20002, -20003, -30000, -30001, -30002, -30003, -30004, -1, -2, -1000, 31337]
    for (const code of codes) expect(callProblems[ruleForErrCode(code).problem.kind].history).toBeTruthy()
  })
})
