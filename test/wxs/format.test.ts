import * as strings from '../../miniprogram/strings'
import { loadWxs } from './run-wxs'

interface Format {
  modeLabel(mode: string, labels: Record<string, string> | undefined): string
  callTime(timestamp: unknown, labels: typeof strings.dial, now?: number): string
  outcome(record: unknown, labels: typeof strings.dial | undefined): string
  duration(ms: unknown): string
  lastCall(row: unknown, labels: typeof strings.contacts.lastCall, now?: number): string
  callDetail(record: unknown, labels: typeof strings.dial, modes: typeof strings.modes, now?: number): string
}
const fmt = loadWxs<Format>('wxs/format.wxs')

test('modeLabel takes its text from strings.ts', () => {
  expect(fmt.modeLabel('voice', strings.modes)).toBe('语音通话')
  expect(fmt.modeLabel('video', strings.modes)).toBe('视频通话')
  expect(fmt.modeLabel('fax', strings.modes)).toBe('')
  expect(fmt.modeLabel('voice', undefined)).toBe('')
})

test('callTime says the day as the rows do (今天, 昨天, MM-DD, YYYY-MM-DD), then HH:mm in local time', () => {
  const now = new Date(2026, 10, 26, 12, 0).getTime()
  const at = (...d: [number, number, number, number, number]) =>
    fmt.callTime(new Date(...d).getTime(), strings.dial, now)
  expect(at(2026, 10, 26, 7, 3)).toBe('今天 07:03')
  expect(at(2026, 10, 25, 23, 59)).toBe('昨天 23:59')
  expect(at(2026, 0, 5, 7, 3)).toBe('01-05 07:03')
  expect(at(2025, 11, 31, 22, 0)).toBe('2025-12-31 22:00')
  expect(fmt.callTime(undefined, strings.dial, now)).toBe('')
  expect(fmt.callTime(-1, strings.dial, now)).toBe('')
})

test("outcome, from the store's row: placed is not answered; answered calls show their length; left is a cancel", () => {
  expect(fmt.outcome({ outcome: 'placed' }, strings.dial)).toBe('已呼叫')
  expect(fmt.outcome({ outcome: 'answered' }, strings.dial)).toBe('已接通')
  expect(fmt.outcome({ outcome: 'answered', duration: 192_000 }, strings.dial)).toBe('已接通 · 通话 3:12')
  expect(fmt.outcome({ outcome: 'failed', errCode: -30002 }, strings.dial)).toBe('未接通（-30002）')
  expect(fmt.outcome({ outcome: 'left' }, strings.dial)).toBe('已取消')
  expect(fmt.outcome({ outcome: 'failed' }, strings.dial)).toBe('未接通（微信没有响应）')
  expect(fmt.outcome(null, strings.dial)).toBe('')
})

test('the view knows no errCode: -3 is whatever the row says, and a row without a code shows none', () => {
  expect(fmt.outcome({ outcome: 'failed', errCode: -3 }, strings.dial)).toBe('未接通（-3）')
  const left = { at: new Date(2026, 10, 25, 9, 5).getTime(), mode: 'voice', outcome: 'left' }
  const now = new Date(2026, 11, 1).getTime()
  expect(fmt.callDetail(left, strings.dial, strings.modes, now)).toBe('11-25 09:05 · 语音通话')
  expect(fmt.callDetail({ ...left, outcome: 'failed', errCode: -3 }, strings.dial, strings.modes, now)).toBe(
    '11-25 09:05 · 语音通话 · 错误码 -3',
  )
})

test('duration is m:ss, and h:mm:ss past an hour', () => {
  expect(fmt.duration(0)).toBe('0:00')
  expect(fmt.duration(192_400)).toBe('3:12')
  expect(fmt.duration(3_725_000)).toBe('1:02:05')
  expect(fmt.duration(-1)).toBe('')
  expect(fmt.duration(undefined)).toBe('')
})

describe('a contact row\'s last call: "昨天 · 语音 · 已呼叫"', () => {
  const NOW = new Date(2026, 10, 25, 9, 30).getTime()
  const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime()
  test.each([
    [{ t: at(2026, 11, 25, 8), m: 'voice', o: 'placed' }, '今天 · 语音 · 已呼叫'],
    [{ t: at(2026, 11, 24, 23), m: 'video', o: 'answered' }, '昨天 · 视频 · 已接通'],
    [{ t: at(2026, 11, 23), m: 'voice', o: 'failed' }, '11-23 · 语音 · 未接通'],
    [{ t: at(2025, 12, 31), m: 'voice', o: 'left' }, '2025-12-31 · 语音 · 已取消'],
    [{ t: at(2026, 11, 25, 8), m: 'video', o: 'answered', b: 1 }, '今天 · 视频 · 已接通 · 预约通话'],
    [{ n: '从没通过话' }, ''],
    [null, ''],
  ])('%j → %p', (row, words) => {
    expect(fmt.lastCall(row, strings.contacts.lastCall, NOW)).toBe(words)
  })
})

test('the history says why in words; the code goes to the details line', () => {
  const failed = {
    at: new Date(2026, 10, 25, 9, 5).getTime(),
    mode: 'voice',
    outcome: 'failed',
    errCode: -30002,
    reason: 'phone-denied',
  }
  expect(fmt.outcome(failed, strings.dial)).toBe('未接通：你的手机没有允许微信使用麦克风或摄像头')
  const now = new Date(2026, 10, 25, 18, 0).getTime()
  expect(fmt.callDetail(failed, strings.dial, strings.modes, now)).toBe('今天 09:05 · 语音通话 · 错误码 -30002')
  // A code the store has no words for still says something true.
  expect(fmt.outcome({ outcome: 'failed', errCode: -9 }, strings.dial)).toBe('未接通（-9）')
})
