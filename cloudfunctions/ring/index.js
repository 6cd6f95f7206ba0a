// @ts-check
// ring: sends one "someone wants to talk" message (a one-time subscribe message, platform doc §7.3) whose
// page is an invitation from the caller. WeChat names the caller (getWXContext); the event only says whom to
// ring, in which mode, under which name, and each of those is checked: the event comes from a phone.
// Every ring is recorded (collection `rings`, closed to phones, §12.5) under the sender WeChat names, and a
// sender, or a target, gets only a few rings an hour: anyone holding an openid (every card carries one) could
// otherwise spend that person's rings under any name.
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

const HOUR_MS = 60 * 60 * 1000
/** Rings one person may send in an hour, to anyone. */
const RINGS_PER_SENDER = 5
/** Rings one person may receive in an hour, from anyone: their accepts are theirs to spend. */
const RINGS_PER_TARGET = 3
/**
 * Records past the hour counted no longer matter: each run removes up to this many, more than the one it adds,
 * so the collection holds about an hour of rings and one run's work stays small.
 */
const PRUNE_BATCH = 50

const OPENID = /^[A-Za-z0-9_-]{16,64}$/
const TEMPLATE_ID = /^[A-Za-z0-9_-]{16,64}$/
// What a `thing` keyword of a subscribe message holds.
const THING_MAX = 20
// An avatar URL by the app's rule (checkAvatarUrl in miniprogram/store/validation.ts), held to it by a test.
const AVATAR_URL_MAX = 1024
const AVATAR = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?\/[\x21-\x7e]*$/
const AVATAR_UNSAFE = /["'<>\\`]/

/**
 * Whether `raw` is an avatar URL the app would accept.
 * @param {unknown} raw
 * @returns {raw is string}
 */
function isAvatarUrl(raw) {
  return typeof raw === 'string' && raw.length <= AVATAR_URL_MAX && AVATAR.test(raw) && !AVATAR_UNSAFE.test(raw)
}

// A nickname by the app's rule (miniprogram/store/validation.ts), so that no name the app accepted is refused
// here. The function is deployed on its own, so it keeps its own copy; test/unit/ring-nickname.test.ts holds
// the two to each other. Control and format characters and lone surrogates are refused; the zero-width
// joiners U+200C/U+200D are not: emoji such as 👩‍💻 are built with them.
const NICKNAME_MAX = 32
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/
const { Segmenter } =
  /** @type {{ Segmenter?: new () => { segment(text: string): Iterable<{ segment: string }> } }} */ (
    /** @type {unknown} */ (Intl)
  )
const segmenter = Segmenter ? new Segmenter() : null

/**
 * What a person sees as characters: grapheme clusters (Node 16 and later), code points on an older runtime.
 * @param {string} text
 */
function characters(text) {
  return segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text)
}

/**
 * The nickname, trimmed, as the app would save it; null where the app would refuse it.
 * @param {unknown} raw
 */
function readName(raw) {
  const name = typeof raw === 'string' ? raw.trim() : ''
  if (!name || INVISIBLE.test(name) || characters(name).length > NICKNAME_MAX) return null
  return name
}

/**
 * As much of `name` as a `thing` keyword holds, cut between characters a person sees, never inside one.
 * @param {string} name
 */
function thingValue(name) {
  let kept = ''
  for (const character of characters(name)) {
    if (Array.from(kept + character).length > THING_MAX) break
    kept += character
  }
  return kept
}

/**
 * Time in China (UTC+8), as a `time` keyword shows it: "2026-11-25 14:05".
 * @param {number} ms
 */
function chinaTime(ms) {
  const t = new Date(ms + 8 * 3600 * 1000).toISOString()
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`
}

/**
 * The event, checked; null if anything is wrong with it.
 * @param {unknown} event
 * @param {string} sender
 */
function readEvent(event, sender) {
  const e = /** @type {Record<string, unknown>} */ (event && typeof event === 'object' ? event : {})
  const { to, mode, templateId, avatar } = e
  if (typeof to !== 'string' || !OPENID.test(to) || to === sender) return null
  const name = readName(e.name)
  if (name === null) return null
  if (mode !== 'voice' && mode !== 'video') return null
  if (typeof templateId !== 'string' || !TEMPLATE_ID.test(templateId)) return null
  if (avatar !== undefined && !isAvatarUrl(avatar)) return null
  return { to, name, mode, templateId, avatar }
}

/**
 * The invitation path Duet's share card carries (miniprogram/store/invitation-link.ts), each value encoded once.
 * @param {Record<string, string | undefined>} query
 */
function invitationPage(query) {
  const pairs = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(/** @type {string} */ (v))}`)
  return `pages/invite/index?${pairs.join('&')}`
}

/**
 * How long until another ring is allowed, in whole minutes, when `field` (the sender or the target) has had
 * `most` rings in the last hour; 0 when one is allowed now.
 * @param {'sender' | 'target'} field
 * @param {string} openid
 * @param {number} most
 * @param {number} now
 */
async function minutesUntilAllowed(field, openid, most, now) {
  const { data } = await promised(
    db
      .collection('rings')
      .where({ [field]: openid, at: _.gt(now - HOUR_MS) })
      .orderBy('at', 'desc')
      .limit(most)
      .get(),
  )
  if (data.length < most) return 0
  const oldestCounted = /** @type {number} */ (data[data.length - 1].at)
  return Math.max(1, Math.ceil((oldestCounted + HOUR_MS - now) / 60000))
}

/**
 * Removes up to PRUNE_BATCH records older than the hour the limits count. A failure only leaves them for the
 * next ring: it never changes this ring's answer.
 * @param {number} now
 */
async function pruneOldRings(now) {
  const rings = db.collection('rings')
  try {
    const { data } = await promised(
      rings
        .where({ at: _.lte(now - HOUR_MS) })
        .limit(PRUNE_BATCH)
        .get(),
    )
    if (!data.length) return
    await promised(rings.where({ _id: _.in(data.map((r) => r._id)) }).remove())
  } catch {
    // Left for the next run.
  }
}

/**
 * @typedef {{ ok: true }
 *   | { ok: false, reason: 'invalid' }
 *   | { ok: false, reason: 'too-many', who: 'sender' | 'target', minutes: number }
 *   | { ok: false, reason: 'send' | 'database', errCode?: number }} RingAnswer
 * `too-many`: the sender has rung, or the target has been rung, too often this hour; another ring is allowed
 * in `minutes`. `database`: the ring could not be recorded, so none was sent.
 */

/**
 * The errCode a failure carries: WeChat's (43101: no ring allowed) or the SDK's (-501001: WeChat unreachable,
 * -502005: the collection was never created).
 * @param {unknown} err
 */
function errCodeOf(err) {
  const errCode = /** @type {{ errCode?: unknown }} */ (err)?.errCode
  return typeof errCode === 'number' ? { errCode } : {}
}

/**
 * @param {unknown} event `{ to, name, mode, templateId, avatar? }`
 * @returns {Promise<RingAnswer>}
 */
exports.main = async (event) => {
  const { OPENID: sender } = cloud.getWXContext()
  if (!sender || !OPENID.test(sender)) return { ok: false, reason: 'invalid' }
  const ring = readEvent(event, sender)
  if (!ring) return { ok: false, reason: 'invalid' }
  const now = Date.now()
  /** @type {string} */
  let recordId
  try {
    const senderWait = await minutesUntilAllowed('sender', sender, RINGS_PER_SENDER, now)
    if (senderWait) return { ok: false, reason: 'too-many', who: 'sender', minutes: senderWait }
    const targetWait = await minutesUntilAllowed('target', ring.to, RINGS_PER_TARGET, now)
    if (targetWait) return { ok: false, reason: 'too-many', who: 'target', minutes: targetWait }
    // Recorded before it is sent: a ring that fails still counts, so failures cannot probe without limit.
    const added = await promised(
      db.collection('rings').add({
        data: { sender, target: ring.to, name: ring.name, mode: ring.mode, at: now, outcome: 'sending' },
      }),
    )
    recordId = String(added._id)
  } catch (err) {
    return { ok: false, reason: 'database', ...errCodeOf(err) }
  }
  /** @type {RingAnswer} */
  let answer
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: ring.to,
      templateId: ring.templateId,
      page: invitationPage({ from: sender, name: ring.name, avatar: ring.avatar, mode: ring.mode, at: String(now) }),
      data: {
        thing1: { value: thingValue(ring.name) },
        thing2: { value: ring.mode === 'video' ? '视频通话' : '语音通话' },
        time3: { value: chinaTime(now) },
      },
    })
    answer = { ok: true }
  } catch (err) {
    answer = { ok: false, reason: 'send', ...errCodeOf(err) }
  }
  // The outcome is for whoever reads the records; the answer does not wait on it.
  await promised(
    db
      .collection('rings')
      .doc(recordId)
      .update({ data: { outcome: answer.ok ? 'sent' : 'failed' } }),
  ).catch(() => undefined)
  await pruneOldRings(now)
  return answer
}

// For the test that holds this rule to the app's; WeChat Cloud calls only `main`.
exports.readName = readName
exports.isAvatarUrl = isAvatarUrl
