// Offering an appointment to the phone's calendar (issue 23, #appt-calendar; platform doc §10): what happened to
// each offer in this run. The call must leave in the tap's synchronous part, so `offer` sends before anything
// waits. The words of the event are the page's (strings.ts); the times and the alarm are this slice's.
import { makeAutoObservable, runInAction } from 'mobx-miniprogram'
import type * as CalendarService from '../services/calendar'
import type { CalendarOutcome } from '../services/calendar'
import type { Appointment } from './appointment-rules'
import type { PermissionsStore } from './permissions'

/** The phone reminds this long before the start: the same 5 minutes as a reminder from the cloud. */
export const CALENDAR_ALARM_BEFORE_MS = 5 * 60 * 1000

/** An offer under way, or how it went. */
export type CalendarState = 'sending' | CalendarOutcome

export interface CalendarContext {
  service: Pick<typeof CalendarService, 'addToCalendar'>
  permissions: Pick<PermissionsStore, 'learnCalendarScope' | 'markPrivacyDeclined'>
}

export class CalendarStore {
  /** By appointment id, for this run only: nothing about the phone's calendar is kept. */
  results: Record<string, CalendarState> = {}

  constructor(private readonly ctx: CalendarContext) {
    makeAutoObservable<this, 'ctx'>(this, { ctx: false }, { autoBind: true })
  }

  resultFor(id: string): CalendarState | null {
    return this.results[id] ?? null
  }

  /** #appt-calendar: the event goes to WeChat at once (from the tap); a second tap while it is out does nothing. */
  offer(appointment: Appointment, words: { title: string; description: string }): void {
    const { id } = appointment
    if (this.results[id] === 'sending') return
    this.results = { ...this.results, [id]: 'sending' }
    const sent = this.ctx.service.addToCalendar({
      ...words,
      startAt: appointment.startAt,
      endAt: appointment.endAt,
      alarmBeforeMs: CALENDAR_ALARM_BEFORE_MS,
    })
    void sent.then((outcome) =>
      runInAction(() => {
        this.results = { ...this.results, [id]: outcome }
        // What the outcome teaches: sent means the scope is granted; denied that only the settings page helps.
        if (outcome === 'privacy-declined') this.ctx.permissions.markPrivacyDeclined()
        if (outcome === 'sent') this.ctx.permissions.learnCalendarScope('granted')
        if (outcome === 'denied') this.ctx.permissions.learnCalendarScope('denied')
      }),
    )
  }
}
