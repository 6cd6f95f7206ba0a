// WeChat's failures as Duet's own type (services/wx-error.ts), without a phone: where the errCode comes from,
// and how a privacy refusal is told from the deployer's undeclared guide (platform doc §1.7, §4.7).
import { errCodeFromErrMsg, toWxError } from '../../miniprogram/services/wx-error'

describe('an errCode WeChat gives only inside errMsg (§4.7: "[-20001] setEnable1v1Chat:fail …")', () => {
  test.each([
    ['[-20001] setEnable1v1Chat:fail device not support', -20001],
    ['[-30002] setEnable1v1Chat:fail no microphone permission for WeChat', -30002],
    ['join1v1Chat:fail -10086, -1, Already in room!, -1', -1],
    ['join1v1Chat:fail -10086, -20002, already in a call, -20002', -20002],
  ])('%p → %i', (errMsg, errCode) => {
    expect(errCodeFromErrMsg(errMsg)).toBe(errCode)
  })

  test.each([
    '',
    'setEnable1v1Chat:fail',
    'join1v1Chat:fail cancel',
    'join room callback failed: 13',
    'join1v1Chat:fail -30002',
    '[-20001]',
    '[abc] setEnable1v1Chat:fail x',
    '[-20001 setEnable1v1Chat:fail x',
    'something [-20001] setEnable1v1Chat:fail x',
    '[-99999999999999999999] setEnable1v1Chat:fail x',
    'join1v1Chat:fail -10086, one, Already in room!, -1',
    'join1v1Chat:fail -10086, -1',
  ])('garbage has no code: %p', (errMsg) => {
    expect(errCodeFromErrMsg(errMsg)).toBeUndefined()
  })

  test('toWxError takes errCode when WeChat gives it, and reads errMsg only when it does not', () => {
    expect(toWxError('setEnable1v1Chat', { errMsg: '[-20001] setEnable1v1Chat:fail device not support' }).errCode).toBe(
      -20001,
    )
    expect(toWxError('join1v1Chat', { errMsg: 'join1v1Chat:fail -10086, -1, Already in room!, -1' }).errCode).toBe(-1)
    expect(toWxError('setEnable1v1Chat', { errMsg: '[-20001] setEnable1v1Chat:fail x', errCode: -20000 }).errCode).toBe(
      -20000,
    )
    expect(toWxError('join1v1Chat', { errMsg: 'join1v1Chat:fail' }).errCode).toBeUndefined()
    expect(toWxError('join1v1Chat', 'not even an object').errCode).toBeUndefined()
  })
})

describe('a privacy refusal is recognised by errno or by its text, each enough alone (§1.7)', () => {
  const refusal = (detail: object) => toWxError('authorize', detail).isPrivacyRefusal
  const undeclared = (detail: object) => toWxError('authorize', detail).isPrivacyUndeclared

  test.each([
    ['errno 104 with the text', { errno: 104, errMsg: 'authorize:fail privacy permission is not authorized' }],
    ['errno 104 with other words', { errno: 104, errMsg: 'authorize:fail' }],
    ['errno 103 (the official popup throttled)', { errno: 103, errMsg: 'authorize:fail' }],
    ['the text alone', { errMsg: 'authorize:fail privacy permission is not authorized' }],
    [
      'the text for a wrong button id',
      { errMsg: 'authorize:fail privacy permission is not authorized or buttonId is wrong' },
    ],
  ])('%s is a refusal, not an undeclared guide', (_name, detail) => {
    expect([refusal(detail), undeclared(detail)]).toEqual([true, false])
  })

  test.each([
    [
      'errno 112 with the text',
      { errno: 112, errMsg: 'authorize:fail api scope is not declared in the privacy agreement' },
    ],
    ['errno 112 with other words', { errno: 112, errMsg: 'authorize:fail' }],
    ['the text alone', { errMsg: 'authorize:fail api scope is not declared in the privacy agreement' }],
  ])('%s is an undeclared guide, not a refusal', (_name, detail) => {
    expect([refusal(detail), undeclared(detail)]).toEqual([false, true])
  })

  test.each([
    ['a scope denial', { errMsg: 'authorize:fail auth deny' }],
    ['another errno', { errno: 1, errMsg: 'authorize:fail' }],
    ['nothing at all', {}],
  ])('%s is neither', (_name, detail) => {
    expect([refusal(detail), undeclared(detail)]).toEqual([false, false])
  })
})
