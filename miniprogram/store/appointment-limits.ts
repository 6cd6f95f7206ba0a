// What a booking allows, apart from the rules (appointment-rules.ts re-exports these): the words of every
// page say them (strings.ts), and no page but booking's needs the rules themselves at its first show.

/** What an appointment's id looks like: safe in a link. A call record names one (saved-state.ts reads it). */
export const APPOINTMENT_ID = /^[A-Za-z0-9_-]{8,64}$/
export const isAppointmentId = (v: unknown): v is string => typeof v === 'string' && APPOINTMENT_ID.test(v)

/** Lengths a booking offers, in minutes. */
export const LENGTHS: readonly number[] = [15, 30, 45, 60]
/** The date picker runs from today to this many days ahead. */
export const DAYS_AHEAD_MAX = 60
/** A topic's length, in characters as a person sees them. */
export const TOPIC_MAX = 20
