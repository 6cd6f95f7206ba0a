// An invitation's link, both ways: what the inviter's card carries, and how an opened link is judged.
// Pure: the link is untrusted (anyone can forge a card), so every field is checked like typed input.
import { Invitation, isCallMode } from './model'
import { checkAvatarUrl, checkNickname, checkOpenid, safeDecode } from './validation'

/** An invitation is answered within this long; after it, it still says who wanted to talk. */
export const INVITATION_VALID_MS = 10 * 60 * 1000
/** Phones' clocks differ a little: a sending time this far ahead of ours is still believed. */
export const CLOCK_SKEW_MS = 2 * 60 * 1000

/** What is wrong with a link that cannot be an invitation. */
export type InvitationProblem = 'missing' | 'openid' | 'nickname' | 'avatar' | 'mode' | 'time' | 'future'

/** The query of an invitation link: each value URI-encoded once. */
export function invitationQuery(invitation: Invitation): Record<string, string> {
  const { from, mode, sentAt } = invitation
  return {
    from: from.openid,
    name: from.nickname,
    ...(from.avatarUrl ? { avatar: from.avatarUrl } : {}),
    mode,
    at: String(sentAt),
  }
}

const INVITATION_FIELDS = ['from', 'name', 'avatar', 'mode', 'at']

/** Whether a query is meant as an invitation at all: it carries any of an invitation's fields. */
export const looksLikeInvitation = (query: Record<string, string | undefined>) =>
  INVITATION_FIELDS.some((k) => query[k] !== undefined)

/** Reads an opened invitation link: the invitation, or the first thing wrong with it. */
export function readInvitation(
  query: Record<string, string | undefined>,
  now: number,
): { ok: true; invitation: Invitation } | { ok: false; problem: InvitationProblem } {
  const [from, name, avatar, mode, at] = INVITATION_FIELDS.map((k) => safeDecode(query[k]))
  if (from === undefined || name === undefined || mode === undefined || at === undefined)
    return { ok: false, problem: 'missing' }
  const openid = checkOpenid(from)
  if (!openid.ok) return { ok: false, problem: 'openid' }
  const nickname = checkNickname(name)
  if (!nickname.ok) return { ok: false, problem: 'nickname' }
  const avatarUrl = avatar === undefined ? null : checkAvatarUrl(avatar)
  if (avatarUrl && !avatarUrl.ok) return { ok: false, problem: 'avatar' }
  if (!isCallMode(mode)) return { ok: false, problem: 'mode' }
  const sentAt = /^\d{1,15}$/.test(at) ? Number(at) : NaN
  if (!Number.isSafeInteger(sentAt) || sentAt <= 0) return { ok: false, problem: 'time' }
  if (sentAt > now + CLOCK_SKEW_MS) return { ok: false, problem: 'future' }
  const person = {
    openid: openid.value,
    nickname: nickname.value,
    ...(avatarUrl?.ok ? { avatarUrl: avatarUrl.value } : {}),
  }
  return { ok: true, invitation: { from: person, mode, sentAt } }
}

export const isExpired = (invitation: Invitation, now: number) => now - invitation.sentAt > INVITATION_VALID_MS
