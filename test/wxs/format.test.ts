import * as strings from '../../miniprogram/strings'
import { loadWxs } from './run-wxs'

interface Format {
  maskOpenid(openid: unknown): string
  modeLabel(mode: string, labels: Record<string, string> | undefined): string
  callTime(timestamp: unknown): string
  outcome(record: unknown, labels: typeof strings.dial | undefined): string
}
const fmt = loadWxs<Format>('wxs/format.wxs')

describe('maskOpenid', () => {
  test.each([
    ['oAbCdEfGhIjKlMnOpQ', 'oAbC****nOpQ'],
    ['12345678', '****'],
    ['123456789', '1234****6789'],
    ['', ''],
    [undefined, ''],
    [42, ''],
  ])('%p → %p', (input, expected) => {
    expect(fmt.maskOpenid(input)).toBe(expected)
  })

  test('never shows the middle of the openid', () => {
    const id = 'o_SECRETMIDDLE_tail1'
    expect(fmt.maskOpenid(id)).not.toContain('SECRET')
  })
})

test('modeLabel takes its text from strings.ts', () => {
  expect(fmt.modeLabel('voice', strings.modes)).toBe('语音通话')
  expect(fmt.modeLabel('video', strings.modes)).toBe('视频通话')
  expect(fmt.modeLabel('fax', strings.modes)).toBe('')
  expect(fmt.modeLabel('voice', undefined)).toBe('')
})

test('callTime is "MM-DD HH:mm" in local time, zero-padded', () => {
  const t = new Date(2026, 0, 5, 7, 3).getTime()
  expect(fmt.callTime(t)).toBe('01-05 07:03')
  expect(fmt.callTime(new Date(2026, 10, 25, 23, 59).getTime())).toBe('11-25 23:59')
  expect(fmt.callTime(undefined)).toBe('')
  expect(fmt.callTime(-1)).toBe('')
})

test("outcome says connected, or not connected with WeChat's code", () => {
  expect(fmt.outcome({ outcome: 'connected' }, strings.dial)).toBe('已接通')
  expect(fmt.outcome({ outcome: 'failed', errCode: -30002 }, strings.dial)).toBe('未接通（-30002）')
  expect(fmt.outcome({ outcome: 'failed' }, strings.dial)).toBe('未接通')
  expect(fmt.outcome(null, strings.dial)).toBe('')
})
