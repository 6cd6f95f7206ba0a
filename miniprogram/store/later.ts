// What no launch needs, loaded at its first use: the one place Duet requires a module later than at the top of
// a file. "Later" means later evaluation, not later download: WeChat injects every JS file of the main package
// when Duet starts, but runs a module only when it is first required (and, with app.json's lazyCodeLoading,
// a page or a component only when it is first shown). So a module required here, and the modules only it
// requires, are not run at launch, and neither is what they build. Each is required once.
/* eslint-disable @typescript-eslint/no-require-imports -- see above: this file is the seam */

/** `load` on the first call; its result on every later one. */
function once<T>(load: () => T): () => T {
  let loaded: T | undefined
  return () => (loaded ??= load())
}

/**
 * Appointments (issue 23): the slice and its rules. The root store builds the slice at launch when some are
 * saved, else when a booking or appointment page first asks for it.
 */
export const appointmentsModule = once(() => require('./appointments') as typeof import('./appointments'))

/** Appointments' cloud functions (services/appointments-cloud.ts): the slice's service, built with it. */
export const appointmentsCloudModule = once(
  () => require('../services/appointments-cloud') as typeof import('../services/appointments-cloud'),
)

/** The calendar slice (#appt-calendar) and its service: when the appointment page first asks for them. */
export const calendarModule = once(() => require('./calendar') as typeof import('./calendar'))
export const calendarServiceModule = once(
  () => require('../services/calendar') as typeof import('../services/calendar'),
)

/** Their rules alone: what an appointment's card says (share-cards.ts), when one is shared. */
export const appointmentRulesModule = once(() => require('./appointment-rules') as typeof import('./appointment-rules'))

/** A call's join with WeChat and the call it becomes (join.ts, ongoing-call.ts): at the first call placed. */
export const joinModule = once(() => require('./join') as typeof import('./join'))

/** Rings, a call's message to someone's phone (rings.ts): the slice, when the dial page or my page first asks. */
export const ringsModule = once(() => require('./rings') as typeof import('./rings'))

/**
 * The screens of pages other than home (store/screens/), each built when its page first asks. The appointment
 * screens include home's upcoming list, asked for once the appointments slice is built.
 */
export const screenModules = {
  dial: once(() => require('./screens/dial') as typeof import('./screens/dial')),
  invite: once(() => require('./screens/invite') as typeof import('./screens/invite')),
  me: once(() => require('./screens/me') as typeof import('./screens/me')),
  appointments: once(() => require('./screens/appointments') as typeof import('./screens/appointments')),
}

/** Reading saved appointments back: only when storage holds some. */
export const savedAppointmentsModule = once(
  () => require('./saved-appointments') as typeof import('./saved-appointments'),
)

/** The pinyin initials table (about 12 KB): at the first search by letters. */
export const pinyinInitialsDataModule = once(
  () => require('./pinyin-initials-data') as typeof import('./pinyin-initials-data'),
)
