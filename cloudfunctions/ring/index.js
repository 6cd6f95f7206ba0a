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
// Control and format characters have no place in a name shown on someone's lock screen.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/
const AVATAR = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?\/[\x21-\x7e]{0,256}$/

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
  const { to, name, mode, templateId, avatar } = e
  if (typeof to !== 'string' || !OPENID.test(to) || to === sender) return null
  if (typeof name !== 'string' || !name.trim() || INVISIBLE.test(name) || Array.from(name).length > 32) return null
  if (mode !== 'voice' && mode !== 'video') return null
  if (typeof templateId !== 'string' || !TEMPLATE_ID.test(templateId)) return null
  if (avatar !== undefined && (typeof avatar !== 'string' || !AVATAR.test(avatar))) return null
  return { to, name: name.trim(), mode, templateId, avatar }
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
        thing1: { value: Array.from(ring.name).slice(0, THING_MAX).join('') },
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
