// Appointments as kept on the device: each read back like any stored value (untrusted), dropped alone when it
// does not hold, so one damaged entry never costs the others.
import { Appointment, AppointmentState, checkTopic, LENGTHS, NEXT_STATES, retained } from './appointment-rules'
import { isLoose } from './migrations'
import { isCallMode } from './model'
import { checkOpenid } from './validation'

const ID = /^[A-Za-z0-9_-]{8,64}$/
const MINUTE_MS = 60 * 1000

const isState = (v: unknown): v is AppointmentState => typeof v === 'string' && v in NEXT_STATES
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0

/** One kept appointment, or null when any part of it does not hold. */
export function readAppointment(
  v: unknown,
  readPerson: (v: unknown) => { person: Appointment['other'] } | null,
): Appointment | null {
  if (!isLoose(v)) return null
  const { id, booker, guest, startAt, endAt, mode, topic, state, replaces, changedAt, callSeconds, connectedAt } = v
  const other = readPerson(v.other)
  if (typeof id !== 'string' || !ID.test(id) || !other) return null
  if (!checkOpenid(booker).ok || !checkOpenid(guest).ok || booker === guest) return null
  if (other.person.openid !== booker && other.person.openid !== guest) return null
  if (!isTime(startAt) || !isTime(endAt) || LENGTHS.indexOf((endAt - startAt) / MINUTE_MS) < 0) return null
  const checkedTopic = checkTopic(topic ?? '')
  if (!isCallMode(mode) || !checkedTopic.ok || !isState(state) || !isTime(changedAt)) return null
  if (replaces !== undefined && (typeof replaces !== 'string' || !ID.test(replaces))) return null
  if (callSeconds !== undefined && (typeof callSeconds !== 'number' || !(callSeconds >= 0))) return null
  if (connectedAt !== undefined && !isTime(connectedAt)) return null
  const appointment: Appointment = {
    id,
    booker: booker as string,
    guest: guest as string,
    other: other.person,
    startAt,
    endAt,
    mode,
    topic: checkedTopic.value,
    state,
    changedAt,
  }
  if (typeof replaces === 'string') appointment.replaces = replaces
  if (typeof callSeconds === 'number') appointment.callSeconds = callSeconds
  if (isTime(connectedAt)) appointment.connectedAt = connectedAt
  return appointment
}

/**
 * The kept list: what holds, each id once, at most KEPT_MAX and nothing ended 30 days ago (appointment-rules'
 * retention). `dropped` says whether anything did not hold; a value written before appointments were kept
 * (no list at all) is an empty list, quietly.
 */
export function readAppointments(
  v: unknown,
  readPerson: (v: unknown) => { person: Appointment['other'] } | null,
  now: number,
): { items: Appointment[]; dropped: boolean } {
  if (v === undefined) return { items: [], dropped: false }
  if (!Array.isArray(v)) return { items: [], dropped: true }
  const read = v.map((item) => readAppointment(item, readPerson)).filter((a): a is Appointment => a !== null)
  const unique = read.filter((a, i) => read.findIndex((o) => o.id === a.id) === i)
  return { items: retained(unique, now), dropped: unique.length !== v.length }
}
