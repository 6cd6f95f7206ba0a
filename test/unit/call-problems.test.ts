// WeChat's errCodes → what Duet says and does, one row each (platform doc §4), without a call.
import { ruleForErrCode, tone, wayOut } from '../../miniprogram/store/call-problems'

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
  expect(codes.filter((c) => tone(ruleForErrCode(c).problem) === 'note')).toEqual([-3])
})
