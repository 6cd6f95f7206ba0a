// The calendar slice on stand-ins (no page, no model of WeChat): the offer leaves at once, in the tap, once at a
// time; what each outcome teaches the permissions.
import type { Appointment } from '../../miniprogram/store/appointment-rules'
import { CALENDAR_ALARM_BEFORE_MS, CalendarStore } from '../../miniprogram/store/calendar'
import type { CalendarOutcome } from '../../miniprogram/services/calendar'
import { deferred, flush } from './stand-ins'

const START = Date.UTC(2026, 11, 8, 7, 0)
const APPOINTMENT = {
  id: 'abcdefgh12',
  startAt: START,
  endAt: START + 30 * 60_000,
} as Appointment
const WORDS = { title: '与 安娜 语音通话', description: '进入微信打开 Duet' }

function slice() {
  const offers: unknown[] = []
  const learnt: string[] = []
  const answer = deferred<CalendarOutcome>()
  const store = new CalendarStore({
    service: {
      addToCalendar: (offer) => {
        offers.push(offer)
        return answer.promise
      },
    },
    permissions: {
      learnCalendarScope: (state) => void learnt.push(`scope ${state}`),
      markPrivacyDeclined: () => void learnt.push('privacy declined'),
    },
  })
  return { store, offers, learnt, answer: (o: CalendarOutcome) => answer.resolve(o) }
}

test('an offer leaves synchronously, with the times as kept and the alarm 5 minutes before; a second tap meanwhile does nothing', async () => {
  const { store, offers, answer } = slice()
  store.offer(APPOINTMENT, WORDS)
  // Nothing awaited before it: WeChat allows the calendar only within the tap.
  expect(offers).toEqual([{ ...WORDS, startAt: START, endAt: START + 30 * 60_000, alarmBeforeMs: 5 * 60_000 }])
  expect(CALENDAR_ALARM_BEFORE_MS).toBe(300_000)
  expect(store.resultFor(APPOINTMENT.id)).toBe('sending')
  store.offer(APPOINTMENT, WORDS)
  expect(offers).toHaveLength(1)
  answer('sent')
  await flush()
  expect(store.resultFor(APPOINTMENT.id)).toBe('sent')
  expect(store.resultFor('another')).toBeNull()
})

test.each([
  ['sent', ['scope granted']],
  ['denied', ['scope denied']],
  ['privacy-declined', ['privacy declined']],
  ['not-sent', []],
  ['undeclared', []],
  ['unsupported', []],
] as const)('%s teaches the permissions %j', async (outcome, taught) => {
  const { store, learnt, answer } = slice()
  store.offer(APPOINTMENT, WORDS)
  answer(outcome)
  await flush()
  expect(store.resultFor(APPOINTMENT.id)).toBe(outcome)
  expect(learnt).toEqual(taught)
})
