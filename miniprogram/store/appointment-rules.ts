// Appointments: a time booked for a call, so that both people are inside Duet at once (platform doc §4.5).
// Pure rules, no wx: the entity, its card both ways (a card is untrusted: anyone can forge one), the state
// machine, the room's time window, overlap, retention, rescheduling, and a row's parts in the phone's zone.
// Times are UTC milliseconds; a zone is an offset in minutes east of UTC, passed in (see `phoneOffset`).
import { APPOINTMENT_ID as ID, DAYS_AHEAD_MAX, LENGTHS, TOPIC_MAX } from './appointment-limits'
import { CLOCK_SKEW_MS } from './invitation-link'
import { CallMode, isCallMode, Person } from './model'
import { checkAvatarUrl, checkNickname, checkNote, checkOpenid, safeDecode, visibleLength } from './validation'

const MINUTE_MS = 60 * 1000
const DAY_MS = 24 * 60 * MINUTE_MS

export { DAYS_AHEAD_MAX, isAppointmentId, LENGTHS, TOPIC_MAX } from './appointment-limits'
/** The room opens this long before the start. */
export const ROOM_OPENS_BEFORE_MS = 10 * MINUTE_MS
/** At most this many appointments are kept on a phone. */
export const KEPT_MAX = 200
/** Appointments that ended longer ago than this are dropped. */
export const KEPT_AFTER_END_MS = 30 * DAY_MS

/**
 * 待确认 (proposed) → 已确认 (accepted) / 已拒绝 (declined) / 已取消 (cancelled); 已确认 → 已完成 (completed) /
 * 已错过 (missed) / 已取消. A proposal nobody answered by its end is 已错过 too. Only forward. 已错过 is a phone's
 * reading of its own clock, 已完成 a call that connected: a phone whose clock ran ahead, or that saw no call,
 * learns 已完成 from the other side (through the cloud) over its own 已错过, so that both end up saying the same.
 */
export type AppointmentState = 'proposed' | 'accepted' | 'declined' | 'cancelled' | 'completed' | 'missed'

export const NEXT_STATES: Readonly<Record<AppointmentState, readonly AppointmentState[]>> = {
  proposed: ['accepted', 'declined', 'cancelled', 'missed'],
  accepted: ['completed', 'missed', 'cancelled'],
  declined: [],
  cancelled: [],
  completed: [],
  missed: ['completed'],
}

/** Still to happen (or happening): the states that hold a time in the calendar. */
export const isLive = (state: AppointmentState) => state === 'proposed' || state === 'accepted'

export interface Appointment {
  id: string
  /** Who booked it, and whom they invited (openids). */
  booker: string
  guest: string
  /** The other person, as this phone knows them. */
  other: Person
  startAt: number
  endAt: number
  mode: CallMode
  /** Empty when none was given. */
  topic: string
  state: AppointmentState
  /** The appointment this one reschedules: it replaces that one on both phones. */
  replaces?: string
  /** When the state last moved. */
  changedAt: number
  /** A completed appointment's connected call, in seconds (unknown when Duet was closed during it). */
  callSeconds?: number
  /**
   * When a call in its window connected on this phone. Saved at once: Duet closed during the call (its length
   * then unknown) must not read the end passing at its next launch as 已错过.
   */
  connectedAt?: number
}

/** What an appointment's card carries: the booking, from the booker to the guest. */
export interface AppointmentCard {
  id: string
  from: Person
  to: string
  startAt: number
  endAt: number
  mode: CallMode
  topic: string
  replaces?: string
}

/** What is wrong with a card, or with a booking before it is sent. */
export type AppointmentProblem =
  | 'missing'
  | 'id'
  | 'openid'
  | 'nickname'
  | 'avatar'
  | 'guest'
  | 'mode'
  | 'time'
  | 'order'
  | 'length'
  | 'ended'
  | 'past'
  | 'too-far'
  | 'topic'
  | 'replaces'
  | 'own'
  | 'not-for-me'
  | 'overlap'

type Read<T> = { ok: true; value: T } | { ok: false; problem: AppointmentProblem }

const TIME = /^\d{1,15}$/

/** An id for a new appointment: unique enough between two people, and safe in a link. */
export function newAppointmentId(now: number, random: () => number = Math.random): string {
  return `${now.toString(36)}${Math.floor(random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0')}`
}

/** The query of an appointment's card: each value URI-encoded once by whoever builds the path. */
export function appointmentCardQuery(card: AppointmentCard): Record<string, string> {
  return {
    appt: card.id,
    from: card.from.openid,
    name: card.from.nickname,
    ...(card.from.avatarUrl ? { avatar: card.from.avatarUrl } : {}),
    to: card.to,
    start: String(card.startAt),
    end: String(card.endAt),
    mode: card.mode,
    ...(card.topic ? { topic: card.topic } : {}),
    ...(card.replaces ? { re: card.replaces } : {}),
  }
}

/** Whether a query is meant as an appointment's card at all. */
export const looksLikeAppointment = (query: Record<string, string | undefined>) => query.appt !== undefined

/** Reads a length of time from a card: whole minutes in the list. */
const lengthOk = (startAt: number, endAt: number) => LENGTHS.indexOf((endAt - startAt) / MINUTE_MS) >= 0

function readTime(raw: string): number | null {
  const ms = TIME.test(raw) ? Number(raw) : NaN
  return Number.isSafeInteger(ms) && ms > 0 ? ms : null
}

/** A topic as kept: trimmed, nothing invisible, at most TOPIC_MAX characters as a person sees them. */
export function checkTopic(raw: unknown): Read<string> {
  const note = checkNote(raw)
  if (!note.ok || visibleLength(note.value) > TOPIC_MAX) return { ok: false, problem: 'topic' }
  return { ok: true, value: note.value }
}

/**
 * Reads an opened card, for `me`: the booking, or the first thing wrong with it. Phones' clocks differ a
 * little, so "already ended" and "too far ahead" allow CLOCK_SKEW_MS; "too far" also allows a day, for a
 * booker whose day is ahead of mine.
 */
export function readAppointmentCard(
  query: Record<string, string | undefined>,
  me: string | null,
  now: number,
): Read<AppointmentCard> {
  const [id, from, name, avatar, to, start, end, mode, topic, re] = [
    'appt',
    'from',
    'name',
    'avatar',
    'to',
    'start',
    'end',
    'mode',
    'topic',
    're',
  ].map((k) => safeDecode(query[k]))
  const fail = (problem: AppointmentProblem): Read<AppointmentCard> => ({ ok: false, problem })
  if (!id || !from || !name || !to || !start || !end || !mode) return fail('missing')
  if (!ID.test(id)) return fail('id')
  const booker = checkOpenid(from)
  if (!booker.ok) return fail('openid')
  const nickname = checkNickname(name)
  if (!nickname.ok) return fail('nickname')
  const avatarUrl = avatar === undefined ? null : checkAvatarUrl(avatar)
  if (avatarUrl && !avatarUrl.ok) return fail('avatar')
  const guest = checkOpenid(to)
  if (!guest.ok) return fail('guest')
  if (!isCallMode(mode)) return fail('mode')
  const startAt = readTime(start)
  const endAt = readTime(end)
  if (startAt === null || endAt === null) return fail('time')
  if (startAt >= endAt) return fail('order')
  if (!lengthOk(startAt, endAt)) return fail('length')
  if (endAt <= now - CLOCK_SKEW_MS) return fail('ended')
  if (startAt > now + (DAYS_AHEAD_MAX + 1) * DAY_MS + CLOCK_SKEW_MS) return fail('too-far')
  const checkedTopic = checkTopic(topic ?? '')
  if (!checkedTopic.ok) return fail('topic')
  if (re !== undefined && (!ID.test(re) || re === id)) return fail('replaces')
  if (me !== null && booker.value === me) return fail('own')
  if (me !== null && guest.value !== me) return fail('not-for-me')
  const person: Person = {
    openid: booker.value,
    nickname: nickname.value,
    ...(avatarUrl?.ok ? { avatarUrl: avatarUrl.value } : {}),
  }
  const card: AppointmentCard = {
    id,
    from: person,
    to: guest.value,
    startAt,
    endAt,
    mode,
    topic: checkedTopic.value,
  }
  if (re) card.replaces = re
  return { ok: true, value: card }
}

/** The appointment a guest keeps from a card: 待确认 until their own tap. */
export function fromCard(card: AppointmentCard, now: number): Appointment {
  const { id, from, to, startAt, endAt, mode, topic, replaces } = card
  const appointment: Appointment = {
    id,
    booker: from.openid,
    guest: to,
    other: from,
    startAt,
    endAt,
    mode,
    topic,
    state: 'proposed',
    changedAt: now,
  }
  if (replaces) appointment.replaces = replaces
  return appointment
}

/** The booker's own appointment, from the card they send to `guest`. */
export const booked = (card: AppointmentCard, guest: Person, now: number): Appointment => ({
  ...fromCard(card, now),
  other: guest,
})

/** Whether `from` may move to `to`: only forward, along the machine's edges. */
export const canMove = (from: AppointmentState, to: AppointmentState) => NEXT_STATES[from].indexOf(to) >= 0

/** The appointment in its new state, or null where the machine does not allow the move. */
export function moved(
  appointment: Appointment,
  to: AppointmentState,
  now: number,
  callSeconds?: number,
): Appointment | null {
  if (!canMove(appointment.state, to)) return null
  const next: Appointment = { ...appointment, state: to, changedAt: now }
  if (to === 'completed' && callSeconds !== undefined) next.callSeconds = callSeconds
  return next
}

/** Where the room stands: before its window, open (10 minutes before the start until the end), or over. */
export type RoomPhase = 'before' | 'open' | 'over'

export function roomPhase(appointment: Pick<Appointment, 'startAt' | 'endAt'>, now: number): RoomPhase {
  if (now < appointment.startAt - ROOM_OPENS_BEFORE_MS) return 'before'
  return now < appointment.endAt ? 'open' : 'over'
}

/**
 * What the clock alone moves a live appointment to once its room is over: 已完成 if a call connected in its
 * window on this phone, 已错过 if none did; null while it is not over (or not live).
 */
export function overBy(appointment: Appointment, now: number): 'completed' | 'missed' | null {
  if (!isLive(appointment.state) || roomPhase(appointment, now) !== 'over') return null
  return appointment.connectedAt !== undefined && appointment.state === 'accepted' ? 'completed' : 'missed'
}

/** A live appointment whose room is over without a connected call was missed. */
export const isMissedBy = (appointment: Appointment, now: number) => overBy(appointment, now) === 'missed'

/** The first live appointment in `list` whose time overlaps `slot` (the one it replaces excepted), or null. */
export function overlapping(
  slot: { startAt: number; endAt: number; id?: string; replaces?: string },
  list: readonly Appointment[],
): Appointment | null {
  for (const other of list) {
    if (other.id === slot.id || other.id === slot.replaces || !isLive(other.state)) continue
    if (slot.startAt < other.endAt && other.startAt < slot.endAt) return other
  }
  return null
}

/** Local calendar day number of `ms` in a zone `offsetMinutes` east of UTC. */
const dayNumber = (ms: number, offsetMinutes: number) => Math.floor((ms + offsetMinutes * MINUTE_MS) / DAY_MS)

/**
 * A booking as the person chose it, before it is sent: the first problem, or null. "Today to 60 days ahead"
 * counts days in the phone's zone, as the date picker shows them.
 */
export function bookingProblem(
  booking: { startAt: number; minutes: number; topic: string; id?: string; replaces?: string },
  existing: readonly Appointment[],
  now: number,
  offsetMinutes: number,
): AppointmentProblem | null {
  if (LENGTHS.indexOf(booking.minutes) < 0) return 'length'
  if (booking.startAt <= now) return 'past'
  if (dayNumber(booking.startAt, offsetMinutes) - dayNumber(now, offsetMinutes) > DAYS_AHEAD_MAX) return 'too-far'
  if (!checkTopic(booking.topic).ok) return 'topic'
  const slot = { ...booking, endAt: booking.startAt + booking.minutes * MINUTE_MS }
  return overlapping(slot, existing) ? 'overlap' : null
}

/** Upcoming first (soonest first), then the rest (latest ended first): the order kept and shown. */
function byRelevance(now: number) {
  return (a: Appointment, b: Appointment) => {
    const aAhead = a.endAt > now && isLive(a.state)
    const bAhead = b.endAt > now && isLive(b.state)
    if (aAhead !== bAhead) return aAhead ? -1 : 1
    return aAhead ? a.startAt - b.startAt : b.endAt - a.endAt
  }
}

/** What a phone keeps: nothing ended more than 30 days ago, and at most 200, upcoming ones first. */
export function retained(list: readonly Appointment[], now: number): Appointment[] {
  return list
    .filter((a) => a.endAt >= now - KEPT_AFTER_END_MS)
    .sort(byRelevance(now))
    .slice(0, KEPT_MAX)
}

/**
 * An appointment arriving (a card opened, or the booker's own booking) into the kept list. The same one again
 * changes nothing (a cancelled one stays cancelled). One that reschedules sits beside the one it names until it
 * is accepted (see `settled`): declined, it leaves the old one as it was.
 */
export function received(list: readonly Appointment[], incoming: Appointment, now: number): Appointment[] {
  if (list.some((a) => a.id === incoming.id)) return list.slice()
  return retained([...list, incoming], now)
}

/** Either of the two may reschedule, so the old one's booker may be the new one's guest. */
const samePair = (a: Appointment, b: Appointment) =>
  (a.booker === b.booker && a.guest === b.guest) || (a.booker === b.guest && a.guest === b.booker)

/**
 * The list once each accepted reschedule has taken the place of the one it names (when that one is between the
 * same two people): the same list when none has.
 */
export function settled(list: Appointment[]): Appointment[] {
  const replacing = list.filter((b) => b.replaces !== undefined && (b.state === 'accepted' || b.state === 'completed'))
  if (!replacing.length) return list
  const kept = list.filter((a) => !replacing.some((b) => b.replaces === a.id && samePair(a, b)))
  return kept.length === list.length ? list : kept
}

/** An answer sent back by card (or learnt from the cloud): who answered, and how. */
export interface AppointmentReply {
  id: string
  from: string
  answer: 'accepted' | 'declined' | 'cancelled'
}

const ANSWERS: readonly string[] = ['accepted', 'declined', 'cancelled']

export function replyQuery(reply: AppointmentReply): Record<string, string> {
  return { appt: reply.id, from: reply.from, answer: reply.answer }
}

/** Reads a reply card's query; null when it is not one (or a damaged one). */
export function readReply(query: Record<string, string | undefined>): AppointmentReply | null {
  const [id, from, answer] = ['appt', 'from', 'answer'].map((k) => safeDecode(query[k]))
  if (!id || !ID.test(id) || !from || !checkOpenid(from).ok || !answer || ANSWERS.indexOf(answer) < 0) return null
  return { id, from, answer: answer as AppointmentReply['answer'] }
}

/**
 * A reply applied to the kept list. Only the guest accepts or declines; either person cancels; a reply from
 * anyone else, for an appointment not kept, or against the machine, changes nothing.
 */
export function replied(list: readonly Appointment[], reply: AppointmentReply, now: number): Appointment[] {
  return list.map((a) => {
    if (a.id !== reply.id || reply.from !== a.other.openid) return a
    if (reply.answer !== 'cancelled' && reply.from !== a.guest) return a
    return moved(a, reply.answer, now) ?? a
  })
}

/** The phone's zone at `ms`, in minutes east of UTC (what `Date` knows of it). */
export const phoneOffset = (ms: number) => -new Date(ms).getTimezoneOffset()

/** Which day a time falls on, seen from `now`, in the zone `offsetMinutes` east of UTC. */
export type DayWord = 'today' | 'tomorrow' | 'other'

/** A time's parts in a zone: what a row and a card's title show. */
export interface LocalTime {
  day: DayWord
  month: number
  date: number
  /** 0 Sunday … 6 Saturday. */
  weekday: number
  /** "15:00" */
  clock: string
}

export function localTime(ms: number, now: number, offsetMinutes: number): LocalTime {
  const local = new Date(ms + offsetMinutes * MINUTE_MS)
  const days = dayNumber(ms, offsetMinutes) - dayNumber(now, offsetMinutes)
  const two = (n: number) => (n < 10 ? `0${n}` : String(n))
  return {
    day: days === 0 ? 'today' : days === 1 ? 'tomorrow' : 'other',
    month: local.getUTCMonth() + 1,
    date: local.getUTCDate(),
    weekday: local.getUTCDay(),
    clock: `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`,
  }
}

/** An appointment's length, in whole minutes. */
export const minutesOf = (appointment: Pick<Appointment, 'startAt' | 'endAt'>) =>
  Math.round((appointment.endAt - appointment.startAt) / MINUTE_MS)

/** What a row of upcoming appointments shows, in the zone `offsetMinutes` east of UTC. */
export interface AppointmentRow {
  when: LocalTime
  nickname: string
  mode: CallMode
  minutes: number
  state: AppointmentState
}

export function rowParts(appointment: Appointment, now: number, offsetMinutes: number): AppointmentRow {
  return {
    when: localTime(appointment.startAt, now, offsetMinutes),
    nickname: appointment.other.nickname,
    mode: appointment.mode,
    minutes: minutesOf(appointment),
    state: appointment.state,
  }
}
