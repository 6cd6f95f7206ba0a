// Appointments on this phone (issue 23): booking one with a contact, a card opened from a chat, the answer
// sent back. The rules live in appointment-rules.ts; this slice holds the list, the booking being made and the
// card on screen, and moves them only on the person's own taps.
import { IReactionDisposer, makeAutoObservable, observable, reaction, runInAction } from 'mobx-miniprogram'
import type { AppointmentAction, ListedAppointment, ReminderOutcome } from '../services/appointments-cloud'
import {
  Appointment,
  AppointmentCard,
  AppointmentProblem,
  AppointmentReply,
  AppointmentState,
  booked,
  bookingProblem,
  canMove,
  fromCard,
  isLive,
  LENGTHS,
  moved,
  NEXT_STATES,
  newAppointmentId,
  overBy,
  phoneOffset,
  readAppointmentCard,
  readReply,
  received,
  replied,
  replyQuery,
  retained,
  roomPhase,
  settled,
} from './appointment-rules'
import type { ContactsStore } from './contacts'
import type { CallMode, Person } from './model'
import type { ProfileStore } from './profile'

const MINUTE_MS = 60 * 1000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS
/** Home shows the appointments of the next 7 days. */
export const UPCOMING_MS = 7 * 24 * HOUR_MS
/** How often the clock is read while anything upcoming is shown: a row lights up within this of its window. */
const TICK_MS = 15 * 1000

export interface AppointmentsContext {
  profile: Pick<ProfileStore, 'me' | 'openid'>
  /** The mode of my newest call with `openid`, if any: a booking offers it first. */
  lastMode(openid: string): CallMode | undefined
  /** The phone's clock (tests move it). */
  now?(): number
  /** The `appointments` cloud function, where WeChat Cloud is configured (services/appointments-cloud). */
  cloud: {
    tell(action: AppointmentAction, data: Record<string, unknown>): Promise<boolean>
    remind(id: string): Promise<ReminderOutcome>
    canRemind(): boolean
    list(): Promise<ListedAppointment[] | null>
  }
  /** Where the other person is offered as a contact; only the person's own tap saves them (contacts.ts). */
  contacts: Pick<ContactsStore, 'find' | 'offer'>
}

/** A reminder asked for on this phone: being asked, or how it went. */
export type ReminderState = 'asking' | ReminderOutcome

/** A booking as the person is making it: the picker's own values ("2026-12-08", "15:00"), in the phone's zone. */
export interface Draft {
  id: string
  guest: Person
  date: string
  time: string
  minutes: number
  mode: CallMode
  topic: string
  /** The appointment this booking reschedules: once the new one is accepted it takes the old one's place. */
  replaces?: string
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n))

/** A time as the date and time pickers show it, in the phone's zone. */
export function pickerValues(ms: number): { date: string; time: string } {
  const local = new Date(ms + phoneOffset(ms) * MINUTE_MS)
  return {
    date: `${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`,
    time: `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`,
  }
}

/** The UTC instant of a picker's date and time in the phone's zone; NaN for values no picker gives. */
export function fromPickerValues(date: string, time: string): number {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const t = /^(\d{2}):(\d{2})$/.exec(time)
  if (!d || !t) return NaN
  const wall = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2])
  // The zone's offset at that wall time (the offset of the instant itself, across a daylight-saving change).
  return wall - phoneOffset(wall - phoneOffset(wall) * MINUTE_MS) * MINUTE_MS
}

export class AppointmentsStore {
  /** Kept appointments, upcoming first (appointment-rules' retained order). */
  items: Appointment[] = []
  /** The booking on the booking page, until it is sent or the page closes. */
  draft: Draft | null = null
  /** The booking was sent (its card went to WeChat's share sheet) and saved as 待确认. */
  draftSent = false
  /** The query the appointment page was opened with (untrusted): a card, a reply, or just an id. */
  private openedQuery: Record<string, string | undefined> = {}
  now: number
  private ticker: ReturnType<typeof setInterval> | null = null
  private readonly stopWatchingClock: IReactionDisposer
  /** Appointments cancelled on this phone in this run: their cancellation card is mine to send. */
  private cancelledHere: string[] = []
  /** Reminders asked for in this run, by appointment id. */
  reminders: Record<string, ReminderState> = {}
  /** The appointment whose call is connected now (WeChat's members event), and since when. */
  private connected: { id: string; since: number } | null = null

  constructor(private readonly ctx: AppointmentsContext) {
    this.now = this.clock()
    // The list is replaced, never changed in place, and its entries are frozen: saving compares them by
    // reference to write only the chunks a change touched (saved-layout.ts).
    makeAutoObservable<this, 'ctx' | 'ticker' | 'stopWatchingClock'>(
      this,
      { ctx: false, ticker: false, stopWatchingClock: false, items: observable.ref },
      { autoBind: true },
    )
    // Whatever adds an upcoming appointment or connects a call (a booking, an answer, a reply, a load) starts it.
    this.stopWatchingClock = reaction(() => this.clockNeeded, this.runClock, { fireImmediately: true })
  }

  private clock(): number {
    return this.ctx.now ? this.ctx.now() : Date.now()
  }

  /**
   * The clock moves: a live appointment whose end passed without a connected call is 已错过 (with the one
   * below, the machine's only moves that need no tap). A call still connected past the end is not missed: it
   * completes when it ends. One whose call connected before Duet was closed is 已完成, its length unknown.
   * With the cloud, the function learns it; without, it stays on this phone (the other phone's own clock and
   * call say the same).
   */
  tick(): void {
    this.now = this.clock()
    const told: Array<{ id: string; to: 'completed' | 'missed' }> = []
    const next = this.items.map((a) => {
      const to = this.connected?.id === a.id ? null : overBy(a, this.now)
      if (!to) return a
      told.push({ id: a.id, to })
      return moved(a, to, this.now) ?? a
    })
    if (told.length) {
      this.items = next
      for (const { id, to } of told) void this.ctx.cloud.tell(to === 'missed' ? 'miss' : 'complete', { id })
    }
  }

  load(saved: readonly Appointment[]): void {
    this.items = retained(saved, this.clock()).map((a) => Object.freeze(a))
    this.tick()
  }

  /** Live appointments starting within the next 7 days (or under way), soonest first: home's upcoming list. */
  get upcoming(): Appointment[] {
    return this.items
      .filter((a) => isLive(a.state) && a.endAt > this.now && a.startAt < this.now + UPCOMING_MS)
      .sort((a, b) => a.startAt - b.startAt)
  }

  /**
   * With the cloud, what the other phone did meanwhile (an acceptance, a refusal, a cancellation, a call
   * completed) reaches mine when Duet shows, with no reply card: each kept appointment moves forward to the
   * state the function keeps, never back.
   */
  async sync(): Promise<void> {
    // Nothing still to happen, nor a recent 已错过 the other side may have completed: no call to the function.
    if (!this.items.some((a) => isLive(a.state) || (a.state === 'missed' && a.endAt > this.now - DAY_MS))) return
    const listed = await this.ctx.cloud.list()
    if (!listed) return
    runInAction(() => {
      this.now = this.clock()
      const kept = new Map(listed.map((a) => [a.id, a]))
      const synced = this.items.map((a) => {
        const there = kept.get(a.id)
        if (!there || !(there.state in NEXT_STATES) || !canMove(a.state, there.state as AppointmentState)) return a
        return moved(a, there.state as AppointmentState, this.now, there.callSeconds) ?? a
      })
      // Replaced only when something moved: a new list is a change to save.
      if (synced.some((a, i) => a !== this.items[i])) this.items = settled(synced)
      // After the cloud's word: what the other side completed is not called missed here.
      this.tick()
    })
  }

  // ---- the room: a call between the two while the window is open ------------------------------------------

  /**
   * WeChat says who is in a call (§4.6), on either phone: both of us in it during an accepted appointment's
   * window connects it; the other person gone again completes it, with the call's length.
   */
  membersChanged(openids: string[]): void {
    this.tick()
    if (openids.length >= 2) {
      const room = openids.map(this.roomWith).find((a) => a !== null)
      if (room && !this.connected) {
        const since = this.now
        this.connected = { id: room.id, since }
        // Saved at once, so that Duet closed during the call still ends it 已完成 (overBy).
        this.items = this.items.map((a) => (a === room ? Object.freeze({ ...a, connectedAt: since }) : a))
      }
      return
    }
    this.callEnded()
  }

  /** The accepted appointment with `openid` whose room is open now: a call with them now is its call. */
  roomWith(openid: string): Appointment | null {
    const now = this.clock()
    return (
      this.items.find((a) => a.state === 'accepted' && a.other.openid === openid && roomPhase(a, now) === 'open') ??
      null
    )
  }

  /** The call ended (the other left, or WeChat interrupted it): a connected appointment is 已完成. */
  callEnded(): void {
    const connected = this.connected
    if (!connected) return
    this.connected = null
    const seconds = Math.round((this.clock() - connected.since) / 1000)
    this.items = this.items.map((a) =>
      a.id === connected.id ? (moved(a, 'completed', this.clock(), seconds) ?? a) : a,
    )
    void this.ctx.cloud.tell('complete', { id: connected.id, callSeconds: seconds })
  }

  /** The clock runs only while something upcoming can change how it shows, or a call is connected. */
  get clockNeeded(): boolean {
    return this.upcoming.length > 0 || this.connected !== null
  }

  private runClock(on: boolean): void {
    if (on && !this.ticker) this.ticker = setInterval(this.tick, TICK_MS)
    if (!on && this.ticker) {
      clearInterval(this.ticker)
      this.ticker = null
    }
  }

  /** Stops the clock for good (the store is done with, e.g. a test's app closing). */
  dispose(): void {
    this.stopWatchingClock()
    this.runClock(false)
  }

  find(id: string): Appointment | null {
    return this.items.find((a) => a.id === id) ?? null
  }

  // ---- booking ----------------------------------------------------------------------------------------------

  /** The booking page opens for `guest`: the next whole hour, 30 minutes, the mode of our last call. */
  startBooking(contact: Person, replaces?: string): void {
    this.tick()
    // The person only: a contact's own note stays with the contact.
    const { openid, nickname, avatarUrl } = contact
    const guest: Person = { openid, nickname, ...(avatarUrl ? { avatarUrl } : {}) }
    const start = Math.ceil((this.now + MINUTE_MS) / HOUR_MS) * HOUR_MS
    const { date, time } = pickerValues(start)
    this.draft = {
      id: newAppointmentId(this.now),
      guest,
      date,
      time,
      minutes: 30,
      mode: this.ctx.lastMode(guest.openid) ?? 'voice',
      topic: '',
    }
    // Rescheduling one of ours (with this person, still to happen): its mode and topic carry over.
    const old = replaces ? this.find(replaces) : null
    if (old && old.other.openid === guest.openid && isLive(old.state)) {
      this.draft = { ...this.draft, mode: old.mode, topic: old.topic, replaces: old.id }
    }
    this.draftSent = false
  }

  /** The booking page opened for nobody (a contact since deleted): no booking. */
  stopBooking(): void {
    this.draft = null
    this.draftSent = false
  }

  /** A field changed on the booking page; sending again after a change books a new appointment. */
  edit(change: Partial<Pick<Draft, 'date' | 'time' | 'minutes' | 'mode' | 'topic'>>): void {
    if (!this.draft) return
    this.tick()
    const changed = (Object.keys(change) as Array<keyof typeof change>).some((k) => change[k] !== this.draft?.[k])
    if (!changed) return
    this.draft = { ...this.draft, ...change, ...(this.draftSent ? { id: newAppointmentId(this.now) } : {}) }
    this.draftSent = false
  }

  /** #book-length's picker gives an index into LENGTHS. */
  chooseLength(index: number): void {
    const minutes = LENGTHS[index]
    if (minutes !== undefined) this.edit({ minutes })
  }

  get draftStartAt(): number {
    return this.draft ? fromPickerValues(this.draft.date, this.draft.time) : NaN
  }

  /** What stands in the way of sending the booking: said before the card goes. */
  get draftProblem(): AppointmentProblem | null {
    const draft = this.draft
    if (!draft) return null
    if (!Number.isFinite(this.draftStartAt)) return 'time'
    const booking = {
      startAt: this.draftStartAt,
      minutes: draft.minutes,
      topic: draft.topic,
      id: draft.id,
      replaces: draft.replaces,
    }
    return bookingProblem(booking, this.items, this.now, phoneOffset(this.draftStartAt))
  }

  /** The card the booking sends, or null while it cannot be sent (no profile, or a problem). */
  get draftCard(): AppointmentCard | null {
    const { draft } = this
    const me = this.ctx.profile.me
    if (!draft || !me || this.draftProblem) return null
    const startAt = this.draftStartAt
    return {
      id: draft.id,
      from: me,
      to: draft.guest.openid,
      startAt,
      endAt: startAt + draft.minutes * MINUTE_MS,
      mode: draft.mode,
      topic: draft.topic.trim(),
      ...(draft.replaces ? { replaces: draft.replaces } : {}),
    }
  }

  /**
   * #book-send: the card goes to WeChat's share sheet and the appointment is kept as 待确认 (WeChat does not say
   * whether the card was then sent, platform doc §7.2). Sending the same booking again keeps it once.
   */
  book(): AppointmentCard | null {
    this.tick()
    const card = this.draftCard
    if (!card || !this.draft) return null
    const isNew = !this.find(card.id)
    this.items = received(this.items, booked(card, this.draft.guest, this.now), this.now)
    this.draftSent = true
    if (isNew) {
      const { id, to: guest, startAt, endAt, mode, topic, from, replaces } = card
      const booking = { id, guest, startAt, endAt, mode, topic, bookerName: from.nickname, replaces }
      void this.ctx.cloud.tell('create', { ...booking, guestName: this.draft.guest.nickname })
    }
    return card
  }

  // ---- the appointment page: a card, a reply, or one of mine --------------------------------------------------

  /** The appointment page opens with its query (untrusted). A reply card's answer applies at once. */
  open(query: Record<string, string | undefined>): void {
    this.tick()
    // Opened without one (back from the walkthrough): the card on screen before stays, and so does its offer.
    if (query.appt !== undefined) {
      this.openedQuery = { ...query }
      const reply = query.answer !== undefined ? readReply(query) : null
      if (reply) this.items = settled(replied(this.items, reply, this.now))
    }
    this.offerOther()
  }

  /**
   * As for an invitation's sender: the other person on screen, not a contact yet, is offered as one, so that
   * either side can call the other later. The offer lives only in memory; nothing is saved without a yes.
   */
  private offerOther(): void {
    const other = this.shown?.other
    if (other && !this.ctx.contacts.find(other.openid)) this.ctx.contacts.offer(other)
  }

  /** A reply card that is no reply (damaged), or one whose answer was not applied. */
  private get openedReply(): AppointmentReply | null {
    return this.openedQuery.answer !== undefined ? readReply(this.openedQuery) : null
  }

  /** The opened card as read (null when the query is not a whole card: a reply, or an id of one of mine). */
  private get openedCard(): { ok: true; value: AppointmentCard } | { ok: false; problem: AppointmentProblem } | null {
    const q = this.openedQuery
    if (q.answer !== undefined || (q.from === undefined && q.start === undefined)) return null
    return readAppointmentCard(q, this.ctx.profile.openid, this.now)
  }

  private get openedId(): string | null {
    const id = this.openedQuery.appt
    return typeof id === 'string' ? id : null
  }

  /** What is wrong with the opened card or reply; nothing saved changed. */
  get problem(): AppointmentProblem | null {
    if (this.openedQuery.answer !== undefined) return this.openedReply ? null : 'missing'
    const card = this.openedCard
    if (card && !card.ok) {
      // The same card again after I answered it: what I kept stands, even once its time has passed.
      const keptAndOver = card.problem === 'ended' && this.openedId !== null && this.find(this.openedId) !== null
      return keptAndOver ? null : card.problem
    }
    return card || this.openedId ? null : 'missing'
  }

  /** The appointment on screen: the kept one with the opened id, else the card's offer (kept only on a tap). */
  get shown(): Appointment | null {
    if (this.problem) return null
    const kept = this.openedId ? this.find(this.openedId) : null
    if (kept) return kept
    const card = this.openedCard
    return card?.ok ? fromCard(card.value, this.now) : null
  }

  /** A card opened and not answered yet: the walkthrough leads back to it. */
  get awaitingAnswer(): boolean {
    return this.shown !== null && this.shown.state === 'proposed' && !this.iBooked && !this.find(this.shown.id)
  }

  /** I booked the appointment on screen. */
  get iBooked(): boolean {
    return this.shown !== null && this.shown.booker === this.ctx.profile.openid
  }

  /** The guest answers a proposal on screen: kept from now on, in its new state. */
  answer(to: 'accepted' | 'declined'): void {
    this.tick()
    const shown = this.shown
    if (!shown || this.iBooked || shown.state !== 'proposed') return
    const next = moved(shown, to, this.now)
    if (!next) return
    const kept = received(this.items, { ...shown, changedAt: this.now }, this.now)
    this.items = settled(kept.map((a) => (a.id === next.id ? next : a)))
    void this.ctx.cloud.tell(to === 'accepted' ? 'accept' : 'decline', { id: next.id })
  }

  /** #appt-remind shows for a live appointment still ahead, where the cloud can send a reminder. */
  get remindable(): boolean {
    return this.ctx.cloud.canRemind() && this.cancellable && (this.shown?.startAt ?? 0) > this.now
  }

  /** #appt-remind: WeChat's popup for one reminder (from the tap), then the cloud arms it. */
  remind(): void {
    const shown = this.shown
    if (!shown || !this.remindable || this.reminders[shown.id] === 'asking') return
    this.reminders = { ...this.reminders, [shown.id]: 'asking' }
    void this.ctx.cloud.remind(shown.id).then((outcome) =>
      runInAction(() => {
        this.reminders = { ...this.reminders, [shown.id]: outcome }
      }),
    )
  }

  /** How the reminder for the appointment on screen went, if one was asked for in this run. */
  get reminder(): ReminderState | null {
    const id = this.shown?.id
    return id ? (this.reminders[id] ?? null) : null
  }

  /** The appointment on screen can still be cancelled, by either person: kept, still to happen. */
  get cancellable(): boolean {
    const shown = this.shown
    return shown !== null && this.find(shown.id) !== null && isLive(shown.state) && shown.endAt > this.now
  }

  /** #appt-cancel, once confirmed: 已取消 for good; its card tells the other side. */
  cancel(): void {
    this.tick()
    const shown = this.shown
    if (!shown || !this.cancellable) return
    this.items = this.items.map((a) => (a.id === shown.id ? (moved(a, 'cancelled', this.now) ?? a) : a))
    this.cancelledHere = [...this.cancelledHere, shown.id]
    void this.ctx.cloud.tell('cancel', { id: shown.id })
  }

  /**
   * The card that answers the appointment on screen: the guest's acceptance or refusal, or a cancellation made
   * on this phone (by either person); null while there is nothing to send.
   */
  get reply(): Record<string, string> | null {
    const shown = this.shown
    const me = this.ctx.profile.openid
    if (!shown || !me) return null
    const answered = !this.iBooked && (shown.state === 'accepted' || shown.state === 'declined')
    const cancelled = shown.state === 'cancelled' && this.cancelledHere.includes(shown.id)
    if (!answered && !cancelled) return null
    return replyQuery({ id: shown.id, from: me, answer: shown.state as 'accepted' | 'declined' | 'cancelled' })
  }
}
