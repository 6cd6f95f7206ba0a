// @ts-check
// ring: sends one "someone wants to talk" message (a one-time subscribe message, platform doc §7.3) whose
// page is an invitation from the caller. WeChat names the caller (getWXContext); the event only says whom to
// ring, in which mode, under which name, and each of those is checked: the event comes from a phone.
const cloud = require('wx-server-sdk')

cloud.init({ env: /** @type {string} */ (/** @type {unknown} */ (cloud.DYNAMIC_CURRENT_ENV)) })

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
 * @param {unknown} event `{ to, name, mode, templateId, avatar? }`
 * @returns {Promise<{ ok: true } | { ok: false, reason: 'invalid' | 'send', errCode?: number }>}
 */
exports.main = async (event) => {
  const { OPENID: sender } = cloud.getWXContext()
  if (!sender || !OPENID.test(sender)) return { ok: false, reason: 'invalid' }
  const ring = readEvent(event, sender)
  if (!ring) return { ok: false, reason: 'invalid' }
  const now = Date.now()
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
    return { ok: true }
  } catch (err) {
    // WeChat's errcode (43101: no ring allowed) or the SDK's own (-501001: WeChat unreachable).
    const errCode = /** @type {{ errCode?: unknown }} */ (err)?.errCode
    return { ok: false, reason: 'send', ...(typeof errCode === 'number' ? { errCode } : {}) }
  }
}

// For the test that holds this rule to the app's; WeChat Cloud calls only `main`.
exports.readName = readName
exports.isAvatarUrl = isAvatarUrl
