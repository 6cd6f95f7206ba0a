// @ts-check
// appointments: keeps each appointment, and each reminder a person accepted for one, in collections closed to
// phones (platform doc §12.5). WeChat names the caller (getWXContext), never the event; only the two people in
// an appointment can read or change it, and a stranger learns nothing, not even that it exists. Every change
// of state is one conditional update, so two phones acting at once cannot move it backward (§12.7).
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
const DAY_MS = 24 * 60 * MINUTE_MS
// The app's rules (miniprogram/store/appointment-rules.ts), kept here because a function is deployed on its
// own; test/cloud/appointments.test.ts holds the two to each other.
const LENGTHS = [15, 30, 45, 60]
const DAYS_AHEAD_MAX = 60
const TOPIC_MAX = 20
const CLOCK_SKEW_MS = 2 * MINUTE_MS
/** Appointments that ended longer ago than this are no longer listed. */
const LISTED_AFTER_END_MS = 30 * DAY_MS
const LISTED_MAX = 200
/** A reminder goes this long before the start. */
const REMIND_BEFORE_MS = 5 * MINUTE_MS

const OPENID = /^[A-Za-z0-9_-]{16,64}$/
const ID = /^[A-Za-z0-9_-]{8,64}$/
const TEMPLATE_ID = /^[A-Za-z0-9_-]{16,64}$/
// Control and format characters and lone surrogates, as the app refuses them (store/validation.ts).
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/
const NICKNAME_MAX = 32
const { Segmenter } =
  /** @type {{ Segmenter?: new () => { segment(text: string): Iterable<{ segment: string }> } }} */ (
    /** @type {unknown} */ (Intl)
  )
const segmenter = Segmenter ? new Segmenter() : null

/**
 * Visible text of at most `max` characters as a person sees them, trimmed; null if anything is wrong.
 * @param {unknown} raw
 * @param {number} max
 */
function readText(raw, max) {
  const text = typeof raw === 'string' ? raw.trim() : ''
  if (INVISIBLE.test(text)) return null
  const length = segmenter ? Array.from(segmenter.segment(text)).length : Array.from(text).length
  return length <= max ? text : null
}

const LIVE = ['proposed', 'accepted']
/**
 * The states each state is reached from: only forward (the app's NEXT_STATES in appointment-rules.ts, read
 * the other way, as a conditional update needs it).
 * @type {Record<string, string[]>}
 */
const REACHED_FROM = {
  accepted: ['proposed'],
  declined: ['proposed'],
  cancelled: LIVE,
  // A phone's clock may have called it missed before the call connected: the call is the fact.
  completed: ['accepted', 'missed'],
  missed: LIVE,
}

/**
 * @typedef {{ _id: string, booker: string, guest: string, bookerName: string, guestName: string,
 *   startAt: number, endAt: number, mode: 'voice' | 'video', topic: string, state: string,
 *   replaces?: string, replacedBy?: string, createdAt: number, changedAt: number, callSeconds?: number }} Stored
 * @typedef {{ ok: false, reason: 'invalid' | 'not-found' | 'state' | 'database', state?: string,
 *   errCode?: number }} Refusal
 */

/**
 * What the booker asks to create, checked; a reason the app's words can say, or the booking.
 * @param {Record<string, unknown>} e
 * @param {string} me
 * @param {number} now
 */
function readBooking(e, me, now) {
  const { id, guest, startAt, endAt, mode, replaces } = e
  if (typeof id !== 'string' || !ID.test(id)) return 'id'
  if (typeof guest !== 'string' || !OPENID.test(guest)) return 'guest'
  if (guest === me) return 'own'
  if (mode !== 'voice' && mode !== 'video') return 'mode'
  if (!Number.isSafeInteger(startAt) || !Number.isSafeInteger(endAt)) return 'time'
  const start = /** @type {number} */ (startAt)
  const end = /** @type {number} */ (endAt)
  if (start >= end) return 'order'
  if (!LENGTHS.includes((end - start) / MINUTE_MS)) return 'length'
  if (start <= now - CLOCK_SKEW_MS) return 'past'
  if (start > now + (DAYS_AHEAD_MAX + 1) * DAY_MS + CLOCK_SKEW_MS) return 'too-far'
  const topic = readText(e.topic ?? '', TOPIC_MAX)
  if (topic === null) return 'topic'
  const bookerName = readText(e.bookerName ?? '', NICKNAME_MAX)
  const guestName = readText(e.guestName ?? '', NICKNAME_MAX)
  if (bookerName === null || guestName === null) return 'nickname'
  if (replaces !== undefined && (typeof replaces !== 'string' || !ID.test(replaces) || replaces === id))
    return 'replaces'
  return {
    id,
    guest,
    startAt: start,
    endAt: end,
    mode: /** @type {'voice' | 'video'} */ (mode),
    topic,
    bookerName,
    guestName,
    replaces,
  }
}

/**
 * An appointment as `me` may read it, under `id`. The guest's name is the booker's own label for them (the
 * contact's nickname as the booker keeps it), so only the booker reads it back.
 * @param {Stored} doc
 * @param {string} me
 */
function shown(doc, me) {
  const { _id, guestName, ...rest } = doc
  return { id: _id, ...rest, ...(doc.booker === me ? { guestName } : {}) }
}

/**
 * The errCode a database failure carries (-502005: the collection was never created, …).
 * @param {unknown} err
 * @returns {Refusal}
 */
function databaseFailure(err) {
  const errCode = /** @type {{ errCode?: unknown }} */ (err)?.errCode
  return { ok: false, reason: 'database', ...(typeof errCode === 'number' ? { errCode } : {}) }
}

/**
 * The appointment `id` if `me` is one of its two people; null for anyone else, as for one that does not exist.
 * @param {unknown} id
 * @param {string} me
 * @returns {Promise<Stored | null>}
 */
async function mine(id, me) {
  if (typeof id !== 'string' || !ID.test(id)) return null
  const { data } = await promised(db.collection('appointments').where({ _id: id }).limit(1).get())
  const found = /** @type {Stored | undefined} */ (data[0])
  return found && (found.booker === me || found.guest === me) ? found : null
}

/**
 * Moves appointment `id` to `to` for `me`, if `me` may and the machine allows it from its state now: one
 * conditional update, so a move that raced another is refused with the state that won.
 * @param {unknown} id
 * @param {string} me
 * @param {string} to
 * @param {'guest' | 'either'} who
 * @param {number} now
 * @param {Record<string, unknown>} [extra]
 */
async function move(id, me, to, who, now, extra = {}) {
  const found = await mine(id, me)
  if (!found) return { ok: false, reason: 'not-found' }
  if (who === 'guest' && found.guest !== me) return { ok: false, reason: 'invalid', problem: 'own' }
  const { stats } = await promised(
    db
      .collection('appointments')
      .where({ _id: found._id, state: _.in(REACHED_FROM[to]) })
      .update({ data: { state: to, changedAt: now, ...extra } }),
  )
  if (stats.updated === 1)
    return { ok: true, appointment: shown({ ...found, state: to, changedAt: now, ...extra }, me) }
  const after = await mine(found._id, me)
  // The same tap sent twice (a retry after a lost answer) is done, not refused.
  if (after?.state === to) return { ok: true, appointment: shown(after, me) }
  return { ok: false, reason: 'state', state: after?.state }
}

/**
 * The guest accepts; an accepted reschedule takes the old one's place: the old one is cancelled if it is
 * between the same two people (either may have booked it) and still live. Until then both stand, so that a
 * declined reschedule leaves the old one as it was.
 * @param {unknown} id
 * @param {string} me
 * @param {number} now
 */
async function accept(id, me, now) {
  const answer = await move(id, me, 'accepted', 'guest', now)
  const accepted = answer.ok ? answer.appointment : undefined
  if (accepted?.replaces) {
    const { booker, guest } = accepted
    const samePair = _.or([
      { booker, guest },
      { booker: guest, guest: booker },
    ])
    await promised(
      db
        .collection('appointments')
        .where(_.and([{ _id: accepted.replaces, state: _.in(LIVE) }, samePair]))
        .update({ data: { state: 'cancelled', replacedBy: accepted.id, changedAt: now } }),
    )
  }
  return answer
}

/**
 * @param {string} me
 * @param {Record<string, unknown>} e
 * @param {number} now
 */
async function create(me, e, now) {
  const booking = readBooking(e, me, now)
  if (typeof booking === 'string') return { ok: false, reason: 'invalid', problem: booking }
  const { id, replaces, ...rest } = booking
  /** @type {Stored} */
  const doc = {
    _id: id,
    booker: me,
    ...rest,
    state: 'proposed',
    createdAt: now,
    changedAt: now,
    ...(replaces ? { replaces } : {}),
  }
  try {
    await promised(db.collection('appointments').add({ data: doc }))
  } catch {
    // The id is taken: the same booking sent twice, or someone else's. Only the first counts.
    const existing = await mine(id, me)
    return existing && existing.booker === me
      ? { ok: true, appointment: shown(existing, me) }
      : { ok: false, reason: 'invalid', problem: 'id' }
  }
  return { ok: true, appointment: shown(doc, me) }
}

/**
 * Mine, upcoming and those ended within 30 days: how the booker learns an answer when Duet next shows.
 * @param {string} me
 * @param {number} now
 */
async function list(me, now) {
  const { data } = await promised(
    db
      .collection('appointments')
      .where(_.and([_.or([{ booker: me }, { guest: me }]), { endAt: _.gt(now - LISTED_AFTER_END_MS) }]))
      .orderBy('startAt', 'asc')
      .limit(LISTED_MAX)
      .get(),
  )
  return { ok: true, appointments: data.map((doc) => shown(/** @type {Stored} */ (doc), me)) }
}

/**
 * A reminder `me` accepted on the phone (one subscribe message of `templateId`): the remind function sends it
 * 5 minutes before the start. One per person and appointment; accepting again after a failure re-arms it.
 * @param {string} me
 * @param {Record<string, unknown>} e
 * @param {number} now
 */
async function remindMe(me, e, now) {
  const { templateId } = e
  if (typeof templateId !== 'string' || !TEMPLATE_ID.test(templateId)) return { ok: false, reason: 'invalid' }
  const found = await mine(e.id, me)
  if (!found) return { ok: false, reason: 'not-found' }
  if (!LIVE.includes(found.state) || found.endAt <= now) return { ok: false, reason: 'state', state: found.state }
  const reminders = db.collection('reminders')
  const _id = `${found._id}_${me}`
  const armed = {
    appointment: found._id,
    touser: me,
    templateId,
    dueAt: found.startAt - REMIND_BEFORE_MS,
    endAt: found.endAt,
    status: 'waiting',
    tries: 0,
    acceptedAt: now,
  }
  // Re-armed only if it is not sent or being sent: a sent reminder is never sent again.
  const { stats } = await promised(reminders.where({ _id, status: _.nin(['sent', 'sending']) }).update({ data: armed }))
  if (stats.updated === 0) {
    try {
      await promised(reminders.add({ data: { _id, ...armed } }))
    } catch {
      // Already there, sent or being sent: nothing to do.
    }
  }
  return { ok: true }
}

/**
 * @param {unknown} event `{ action, ... }`: create, accept, decline, cancel, complete, miss, get, list, remind
 */
exports.main = async (event) => {
  const { OPENID: me } = cloud.getWXContext()
  if (!me || !OPENID.test(me)) return { ok: false, reason: 'invalid' }
  const e = /** @type {Record<string, unknown>} */ (event && typeof event === 'object' ? event : {})
  const now = Date.now()
  try {
    switch (e.action) {
      case 'create':
        return await create(me, e, now)
      case 'accept':
        return await accept(e.id, me, now)
      case 'decline':
        return await move(e.id, me, 'declined', 'guest', now)
      case 'cancel':
        return await move(e.id, me, 'cancelled', 'either', now)
      case 'complete': {
        // The call's length, unknown when Duet was closed during the call.
        const seconds = e.callSeconds
        if (seconds === undefined) return await move(e.id, me, 'completed', 'either', now)
        if (!Number.isSafeInteger(seconds) || /** @type {number} */ (seconds) < 0)
          return { ok: false, reason: 'invalid' }
        return await move(e.id, me, 'completed', 'either', now, { callSeconds: seconds })
      }
      case 'miss': {
        const found = await mine(e.id, me)
        // Missed only once its time is over (by this server's clock, with the phones' skew allowed).
        if (found && found.endAt > now + CLOCK_SKEW_MS) return { ok: false, reason: 'state', state: found.state }
        return await move(e.id, me, 'missed', 'either', now)
      }
      case 'get': {
        const found = await mine(e.id, me)
        return found ? { ok: true, appointment: shown(found, me) } : { ok: false, reason: 'not-found' }
      }
      case 'list':
        return await list(me, now)
      case 'remind':
        return await remindMe(me, e, now)
      default:
        return { ok: false, reason: 'invalid' }
    }
  } catch (err) {
    return databaseFailure(err)
  }
}

// For the test that holds these rules to the app's; WeChat Cloud calls only `main`.
exports.readBooking = readBooking
exports.REACHED_FROM = REACHED_FROM
