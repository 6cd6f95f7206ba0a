// @ts-check
// remind: run by its timer trigger every minute (config.json; platform doc §11.2). Sends each reminder that is
// due (5 minutes before its appointment's start) as a one-time subscribe message whose page is the room
// (§7.3, §11.1). A run may be late or overlap the next (§11.3), so each reminder is claimed with one
// conditional update before it is sent (§12.7): whatever runs at once, a reminder goes at most once. A send
// that fails is tried again by the next run, 3 times in all; nothing goes for an appointment not accepted.
// A run that stops between its claim and the send's outcome leaves the reminder "sending" for good: at most
// once, never twice.
const cloud = require('wx-server-sdk')

cloud.init({ env: /** @type {string} */ (/** @type {unknown} */ (cloud.DYNAMIC_CURRENT_ENV)) })
const db = cloud.database()
const _ = db.command

/**
 * A database call as it runs here: called without callbacks it answers a promise (the SDK's typings also
 * allow the callback form's void).
 * @template T
 * @param {Promise<T> | void | string} call
 */
const promised = (call) => /** @type {Promise<T>} */ (call)

const MINUTE_MS = 60 * 1000
/** Tries of one reminder before it is given up. */
const TRIES_MAX = 3
/** Reminders looked at in one run; more wait for the next minute. */
const BATCH = 100
const THING_MAX = 20
/** The room: the appointment's own page (the app's route for it). */
const ROOM_PAGE = 'pages/appointment/index'

/**
 * @typedef {{ _id: string, appointment: string, touser: string, templateId: string, dueAt: number,
 *   endAt: number, status: string, tries: number }} Reminder
 * @typedef {{ _id: string, booker: string, guest: string, bookerName: string, guestName: string,
 *   startAt: number, endAt: number, mode: 'voice' | 'video', topic: string, state: string }} Appointment
 */

/**
 * Time in China (UTC+8), as a `time` keyword shows it: "2026-11-25 14:05".
 * @param {number} ms
 */
function chinaTime(ms) {
  const t = new Date(ms + 8 * 3600 * 1000).toISOString()
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`
}

/**
 * As much of `text` as a `thing` keyword holds, in code points.
 * @param {string} text
 */
const thing = (text) => Array.from(text).slice(0, THING_MAX).join('')

/**
 * What the reminder says to `touser`: with whom, when, and how.
 * @param {Appointment} appointment
 * @param {string} touser
 */
function message(appointment, touser) {
  const other = touser === appointment.booker ? appointment.guestName : appointment.bookerName
  const minutes = Math.round((appointment.endAt - appointment.startAt) / 60000)
  return {
    thing1: { value: thing(other || '对方') },
    time2: { value: chinaTime(appointment.startAt) },
    thing3: { value: thing(`${appointment.mode === 'video' ? '视频' : '语音'}通话 ${minutes} 分钟`) },
  }
}

/**
 * Sets `reminder`'s outcome, if it is still the one this run claimed.
 * @param {Reminder} reminder
 * @param {Record<string, unknown>} data
 */
const settle = (reminder, data) =>
  promised(db.collection('reminders').where({ _id: reminder._id, status: 'sending' }).update({ data }))

/**
 * One due reminder: dropped if its appointment is over or off, left waiting while it is not yet accepted,
 * else claimed, sent, and its outcome kept.
 * @param {Reminder} reminder
 * @param {number} now
 * @returns {Promise<'sent' | 'failed' | 'dropped' | 'waiting' | 'taken'>}
 */
async function handle(reminder, now) {
  const reminders = db.collection('reminders')
  const { data } = await promised(db.collection('appointments').where({ _id: reminder.appointment }).limit(1).get())
  const appointment = /** @type {Appointment | undefined} */ (data[0])
  if (!appointment || !['proposed', 'accepted'].includes(appointment.state)) {
    await promised(
      reminders.where({ _id: reminder._id, status: 'waiting' }).update({ data: { status: 'dropped', at: now } }),
    )
    return 'dropped'
  }
  if (appointment.state !== 'accepted') {
    // Not yet accepted: it waits at the back of the queue, so that many such never crowd out due ones.
    await promised(
      reminders.where({ _id: reminder._id, status: 'waiting' }).update({ data: { dueAt: now + MINUTE_MS } }),
    )
    return 'waiting'
  }
  // The claim: only the run whose update finds it still waiting, with the tries it read, sends it.
  const { stats } = await promised(
    reminders
      .where({ _id: reminder._id, status: 'waiting', tries: reminder.tries })
      .update({ data: { status: 'sending', tries: _.inc(1), claimedAt: now } }),
  )
  if (stats.updated !== 1) return 'taken'
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: reminder.touser,
      templateId: reminder.templateId,
      page: `${ROOM_PAGE}?appt=${encodeURIComponent(appointment._id)}`,
      data: message(appointment, reminder.touser),
    })
  } catch (err) {
    const errCode = /** @type {{ errCode?: unknown }} */ (err)?.errCode
    const givenUp = reminder.tries + 1 >= TRIES_MAX
    await settle(reminder, {
      status: givenUp ? 'failed' : 'waiting',
      errCode: typeof errCode === 'number' ? errCode : -1,
    })
    return 'failed'
  }
  await settle(reminder, { status: 'sent', sentAt: now })
  return 'sent'
}

/**
 * @param {unknown} event The timer's `{ Type: 'Timer', TriggerName, Time }`.
 */
exports.main = async (event) => {
  // Only the timer runs this: a phone calling it (WeChat names every phone) could send reminders early.
  if (cloud.getWXContext().OPENID) return { ok: false, reason: 'timer-only' }
  const e = /** @type {{ Time?: unknown }} */ (event && typeof event === 'object' ? event : {})
  const scheduled = typeof e.Time === 'string' ? Date.parse(e.Time) : NaN
  const now = Number.isFinite(scheduled) ? scheduled : Date.now()
  const reminders = db.collection('reminders')
  // Reminders whose appointment ended unsent stay unsent: a reminder after the end helps nobody.
  await promised(
    reminders.where({ status: 'waiting', endAt: _.lte(now) }).update({ data: { status: 'expired', at: now } }),
  )
  const { data } = await promised(
    reminders
      .where({ status: 'waiting', dueAt: _.lte(now) })
      .orderBy('dueAt', 'asc')
      .limit(BATCH)
      .get(),
  )
  /** @type {Record<string, number>} */
  const counts = {}
  for (const reminder of /** @type {Reminder[]} */ (data)) {
    const outcome = await handle(reminder, now)
    counts[outcome] = (counts[outcome] ?? 0) + 1
  }
  return { ok: true, ...counts }
}
