// §10: the phone's calendar. wx.addPhoneCalendar works only from a tap, is a privacy API (the guide must declare
// the calendar), needs scope.addPhoneCalendar (asked by the call itself, like any scope), and then shows the
// system's calendar sheet, where the person adds the event or cancels: a cancel fails on iOS, succeeds on Android.
import type { CalendarSheetAnswer } from './environment'
import type { ApiTable, Callbacks, FakeWx } from './fake-wx'
import { api } from './fake-wx'

const CALENDAR_SINCE = '2.15.0'
const PATH_SINCE = '3.7.6'
/** Unix seconds stay below this until the year 2286: a larger time is milliseconds by mistake. */
const SECONDS_BELOW = 10_000_000_000

/** An event as the calendar sheet shows it, WeChat's defaults filled in (§10.1). */
export interface CalendarEvent {
  title: string
  /** Unix seconds. */
  startTime: number
  /** Unix seconds; the start when not given. */
  endTime: number
  allDay: boolean
  description: string
  location: string
  alarm: boolean
  /** Seconds before the start. */
  alarmOffset: number
}

type CalendarOptions = Callbacks & Record<string, unknown>

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0

/** What is wrong with the options, as a sentence, or null: a mistake Duet made, reported loudly. */
function mistakeIn(o: CalendarOptions, sdkHasPath: boolean): string | null {
  if (typeof o.title !== 'string' || o.title.trim() === '') return 'title is required'
  for (const field of ['startTime', 'endTime'] as const) {
    const value = o[field]
    if (value === undefined && field === 'endTime') continue
    if (!isTime(value)) return `${field} must be unix seconds, got ${JSON.stringify(value)}`
    if (value >= SECONDS_BELOW) return `${field} ${value} is in milliseconds: WeChat takes unix seconds (§10.1)`
  }
  if (o.endTime !== undefined && (o.endTime as number) < (o.startTime as number)) return 'endTime is before startTime'
  if (o.alarm !== undefined && typeof o.alarm !== 'boolean') return 'alarm must be a boolean'
  if (o.alarmOffset !== undefined && !(typeof o.alarmOffset === 'number' && o.alarmOffset >= 0))
    return 'alarmOffset must be seconds before the start (≥ 0)'
  for (const field of ['description', 'location'] as const)
    if (o[field] !== undefined && typeof o[field] !== 'string') return `${field} must be a string`
  if (o.path !== undefined || o.signature !== undefined) {
    // §10.2: the signature needs the session key, which a CloudBase-only app never holds.
    return sdkHasPath ? 'path and signature need the session key (§10.2): do not use them' : 'path needs 3.7.6'
  }
  return null
}

export class FakeCalendar {
  /** What the phone's calendar holds: events the person added on the sheet. */
  readonly events: CalendarEvent[] = []
  /** Calendar sheets shown, in order. */
  readonly sheetsShown: CalendarEvent[] = []
  /** Facts for invariants: calls that must never happen. */
  readonly audit = { outsideTap: 0 }

  constructor(private readonly fake: FakeWx) {}

  private add(o: CalendarOptions): void {
    const fake = this.fake
    const args = Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v !== 'function'))
    fake.record('addPhoneCalendar', `addPhoneCalendar(${String(o.title)})`, 'ui', args)
    // §10.1: only from a tap. After an await the tap is over: always Duet's bug, so reported as well as failed.
    if (!fake.inTap) {
      this.audit.outsideTap++
      fake.noteProblem('addPhoneCalendar was called outside a tap (after an await or a .then?): §10.1')
      return fake.failWith(o, { errMsg: 'addPhoneCalendar:fail can only be invoked by user TAP gesture.' })
    }
    const mistake = mistakeIn(o, fake.sdkAtLeast(PATH_SINCE))
    if (mistake) {
      fake.noteProblem(`addPhoneCalendar: ${mistake}`)
      return fake.failWith(o, { errMsg: `addPhoneCalendar:fail parameter error: ${mistake}` })
    }
    const startTime = o.startTime as number
    const event: CalendarEvent = {
      title: o.title as string,
      startTime,
      endTime: (o.endTime as number | undefined) ?? startTime,
      allDay: o.allDay === true,
      description: (o.description as string | undefined) ?? '',
      location: (o.location as string | undefined) ?? '',
      alarm: o.alarm !== false,
      alarmOffset: (o.alarmOffset as number | undefined) ?? 0,
    }
    // §10.1: a privacy API (the guide must declare the calendar), then the scope, then the sheet.
    fake.privacy.gate('addPhoneCalendar', o, ['calendar'], () =>
      fake.scopes.ensure('addPhoneCalendar', o, 'scope.addPhoneCalendar', () => this.showSheet(o, event)),
    )
  }

  /** §10.3: the system's sheet; a cancel fails on iOS but succeeds on Android, so "added" is unknowable there. */
  private showSheet(o: CalendarOptions, event: CalendarEvent): void {
    const fake = this.fake
    this.sheetsShown.push(event)
    fake.ask(
      'calendar',
      { event },
      () => fake.user.calendarSheet.shift(),
      (answer: CalendarSheetAnswer | undefined) => {
        if (!answer) {
          fake.noteProblem('the calendar sheet opened but the test scripted no answer')
          return fake.failWith(o, { errMsg: 'addPhoneCalendar:fail cancel' })
        }
        fake.record('calendarSheet', `calendarSheet(${answer})`, 'ui', { answer })
        if (answer === 'add') {
          this.events.push(event)
          return fake.succeed('addPhoneCalendar', o)
        }
        if (fake.env.platform === 'android') return fake.succeed('addPhoneCalendar', o)
        fake.failWith(o, { errMsg: 'addPhoneCalendar:fail cancel' })
      },
    )
  }

  apis(): ApiTable {
    return {
      addPhoneCalendar: api(CALENDAR_SINCE, 'ui', (o: CalendarOptions) => this.add(o)),
    }
  }
}
