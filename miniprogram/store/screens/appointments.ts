// What the booking page and the appointment page show, and which of their actions is the one primary action.
import { makeAutoObservable } from 'mobx-miniprogram'
import {
  DAYS_AHEAD_MAX,
  LENGTHS,
  localTime,
  minutesOf,
  phoneOffset,
  ROOM_OPENS_BEFORE_MS,
  roomPhase,
  rowParts,
} from '../appointment-rules'
import type { AppointmentRow, AppointmentState, LocalTime, RoomPhase } from '../appointment-rules'
import type { CalendarState, CalendarStore } from '../calendar'
import type { CallStore } from '../call'
import type { ContactsStore } from '../contacts'
import type { AppointmentsStore } from '../appointments'
import { pickerValues } from '../appointments'
import type { CallMode, Person } from '../model'
import type { PermissionsStore } from '../permissions'
import type { ProfileStore } from '../profile'
import { CallScreenContext, consentCardShown, initialOf, wayOutLeads } from './call-screens'

const DAY_MS = 24 * 60 * 60 * 1000

export interface AppointmentScreensContext extends CallScreenContext {
  call: CallScreenContext['call'] & Pick<CallStore, 'busy'>
  appointments: Pick<
    AppointmentsStore,
    | 'draft'
    | 'draftSent'
    | 'draftProblem'
    | 'draftCard'
    | 'now'
    | 'problem'
    | 'shown'
    | 'iBooked'
    | 'reply'
    | 'upcoming'
    | 'cancellable'
  >
  permissions: Pick<PermissionsStore, 'privacyPromptPending' | 'calendar'>
  calendar: Pick<CalendarStore, 'resultFor'>
  profile: Pick<ProfileStore, 'me'>
  contacts: Pick<ContactsStore, 'find'>
}

/** The booking page's one primary action: the consent card's, giving my profile first, or sending the card. */
export type BookPrimary = 'consent' | 'profile' | 'send'

export interface BookForm {
  guest: Person
  initial: string
  date: string
  time: string
  /** The date picker's range: today to DAYS_AHEAD_MAX days ahead, in the phone's zone. */
  firstDate: string
  lastDate: string
  lengthIndex: number
  minutes: number
  mode: CallMode
  topic: string
}

export class BookScreen {
  constructor(private readonly ctx: AppointmentScreensContext) {
    makeAutoObservable<this, 'ctx'>(this, { ctx: false })
  }

  get form(): BookForm | null {
    const { draft, now } = this.ctx.appointments
    if (!draft) return null
    return {
      guest: draft.guest,
      initial: initialOf(draft.guest.nickname),
      date: draft.date,
      time: draft.time,
      firstDate: pickerValues(now).date,
      lastDate: pickerValues(now + DAYS_AHEAD_MAX * DAY_MS).date,
      lengthIndex: LENGTHS.indexOf(draft.minutes),
      minutes: draft.minutes,
      mode: draft.mode,
      topic: draft.topic,
    }
  }

  get primary(): BookPrimary {
    if (this.ctx.permissions.privacyPromptPending) return 'consent'
    return this.ctx.profile.me ? 'send' : 'profile'
  }

  /** #book-send works only with a card to send: a profile, and a time that is free and ahead. */
  get canSend(): boolean {
    return this.ctx.appointments.draftCard !== null
  }
}

/** Where the appointment page stands: a card that leads nowhere, nothing opened, or an appointment. */
export type AppointmentStatus = 'invalid' | 'none' | 'shown'

/**
 * Its one primary action: the consent card's, going home, accepting, sending my answer back, the booker's call
 * in the open room, a call problem's way out, or none (the guest waits to be called).
 */
export type AppointmentPrimary = 'consent' | 'home' | 'accept' | 'reply' | 'call' | 'way-out' | 'none'

export interface AppointmentView {
  id: string
  other: Person
  initial: string
  iBooked: boolean
  state: AppointmentState
  when: LocalTime
  mode: CallMode
  minutes: number
  topic: string
  /** An accepted appointment's room: before its window (a countdown), open, or over; null otherwise. */
  phase: RoomPhase | null
  /** Whole minutes until the room opens, before its window. */
  opensInMinutes: number
  /** A completed appointment's call, in whole minutes (at least 1); null when its length is unknown. */
  callMinutes: number | null
}

/**
 * The room's line under its state, as words of strings.appointmentFilled: how long the call lasted, whom the
 * guest waits for in the open room, or when the room opens.
 */
export type RoomNote =
  | { words: 'completed'; values: { minutes: number } }
  | { words: 'completedUnknownLength' }
  | { words: 'waitingFor'; values: { name: string } }
  | { words: 'opensInMinutes' | 'opensInHours'; values: { hours: number; minutes: number } }

export class AppointmentScreen {
  constructor(private readonly ctx: AppointmentScreensContext) {
    makeAutoObservable<this, 'ctx'>(this, { ctx: false })
  }

  get status(): AppointmentStatus {
    const { problem, shown } = this.ctx.appointments
    if (problem) return 'invalid'
    return shown ? 'shown' : 'none'
  }

  get appointment(): AppointmentView | null {
    const { shown, iBooked, now } = this.ctx.appointments
    if (!shown) return null
    return {
      id: shown.id,
      other: shown.other,
      initial: initialOf(shown.other.nickname),
      iBooked,
      state: shown.state,
      when: localTime(shown.startAt, now, phoneOffset(shown.startAt)),
      mode: shown.mode,
      minutes: minutesOf(shown),
      topic: shown.topic,
      phase: shown.state === 'accepted' ? roomPhase(shown, now) : null,
      opensInMinutes: Math.max(0, Math.ceil((shown.startAt - ROOM_OPENS_BEFORE_MS - now) / 60_000)),
      callMinutes: shown.callSeconds === undefined ? null : Math.max(1, Math.round(shown.callSeconds / 60)),
    }
  }

  /** #appt-reschedule: one still to happen, with a contact (the booking page books contacts). */
  get reschedulable(): boolean {
    const shown = this.appointment
    return (
      this.ctx.appointments.cancellable && shown !== null && this.ctx.contacts.find(shown.other.openid) !== undefined
    )
  }

  /** #appt-call shows in the open room, on both phones: whoever calls first is fine. */
  get callable(): boolean {
    return this.appointment?.phase === 'open'
  }

  /** #appt-calendar: one kept and still to happen (待确认 or 已确认), a secondary action. */
  get calendarable(): boolean {
    return this.ctx.appointments.cancellable
  }

  /**
   * How offering the appointment on screen to the phone's calendar went in this run. A denial stands only while
   * the scope stays denied: switched on in the settings page, the next tap will do.
   */
  get calendarResult(): CalendarState | null {
    const id = this.appointment?.id
    const result = id ? this.ctx.calendar.resultFor(id) : null
    if (result === 'denied' && this.ctx.permissions.calendar !== 'denied') return null
    return result
  }

  get roomNote(): RoomNote | null {
    const shown = this.appointment
    if (!shown) return null
    if (shown.state === 'completed')
      return shown.callMinutes === null
        ? { words: 'completedUnknownLength' }
        : { words: 'completed', values: { minutes: shown.callMinutes } }
    if (shown.phase === 'open' && !shown.iBooked) return { words: 'waitingFor', values: { name: shown.other.nickname } }
    if (shown.phase !== 'before') return null
    const hours = Math.floor(shown.opensInMinutes / 60)
    const values = { hours, minutes: shown.opensInMinutes % 60 }
    return { words: hours ? 'opensInHours' : 'opensInMinutes', values }
  }

  /** The guest may answer a proposal that is still 待确认. */
  get answerable(): boolean {
    const view = this.appointment
    return view !== null && !view.iBooked && view.state === 'proposed'
  }

  get consent(): boolean {
    return consentCardShown(this.ctx)
  }

  get primary(): AppointmentPrimary {
    if (this.consent) return 'consent'
    if (this.status !== 'shown') return 'home'
    if (this.answerable) return 'accept'
    if (this.callable && wayOutLeads(this.ctx)) return 'way-out'
    // In the room the booker calls; the guest, kept reachable, waits for that call (#appt-call a second way).
    if (this.callable && this.appointment?.iBooked) return 'call'
    if (this.callable) return 'none'
    return this.ctx.appointments.reply ? 'reply' : 'none'
  }
}

/** A row of home's upcoming list: its parts in the phone's zone, and whether its room is open now. */
export interface UpcomingRow {
  id: string
  parts: AppointmentRow
  /** From 10 minutes before the start until the end: highlighted, with #appt-join. */
  open: boolean
}

/** Home shows this many upcoming appointments (the soonest, an open room among them); the rest are one tap away. */
export const UPCOMING_SHOWN = 3

export class UpcomingScreen {
  /** The person asked to see every upcoming appointment (#upcoming-all), until they fold it again. */
  expanded = false

  constructor(private readonly ctx: AppointmentScreensContext) {
    makeAutoObservable<this, 'ctx'>(this, { ctx: false }, { autoBind: true })
  }

  /** Every upcoming appointment's row, soonest first. */
  get rows(): UpcomingRow[] {
    const { upcoming, now } = this.ctx.appointments
    return upcoming.map((a) => ({
      id: a.id,
      parts: rowParts(a, now, phoneOffset(a.startAt)),
      open: roomPhase(a, now) === 'open',
    }))
  }

  /** How many rows home shows: the first few, so that the contacts stay near the top, or all once asked. */
  get shownCount(): number {
    return this.expanded ? this.rows.length : Math.min(UPCOMING_SHOWN, this.rows.length)
  }

  /** Rows behind #upcoming-all: it shows while there are any. */
  get hidden(): number {
    return this.rows.length - this.shownCount
  }

  /** The open room whose #appt-join is home's primary action: the first one. */
  get firstOpen(): string {
    return this.rows.find((row) => row.open)?.id ?? ''
  }

  /** #upcoming-all shows them all; #upcoming-fold back to the first few. */
  toggle(): void {
    this.expanded = !this.expanded
  }
}
