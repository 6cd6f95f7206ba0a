// An invitation's link both ways, without any page: what the card carries, and how an opened link is judged.
import fc from 'fast-check'
import {
  CLOCK_SKEW_MS,
  INVITATION_VALID_MS,
  invitationQuery,
  isExpired,
  looksLikeInvitation,
  readInvitation,
} from '../../miniprogram/store/invitation-link'
import type { Invitation } from '../../miniprogram/store/model'
import { pageUrl } from '../../miniprogram/services/navigation'
import { ANNA } from '../fixtures'
import { checkNickname } from '../../miniprogram/store/validation'

const NOW = 1_790_000_000_000

/** What onLoad receives for a path: the query's values as they stand, still percent-encoded (§7.2). */
function queryOnLoad(path: string): Record<string, string> {
  const qs = path.split('?')[1] ?? ''
  return Object.fromEntries(qs.split('&').map((pair) => pair.split('=') as [string, string]))
}

const nicknameArb = fc
  .oneof(fc.string({ minLength: 1, maxLength: 32 }), fc.constantFrom('安娜', 'a&b=c', '100%', '?#/', '👩‍💻 王大锤'))
  .filter((s) => checkNickname(s).ok && s === s.trim())
const invitationArb: fc.Arbitrary<Invitation> = fc.record({
  from: fc.record(
    {
      openid: fc.stringMatching(/^o[A-Za-z0-9_-]{15,40}$/),
      nickname: nicknameArb,
      avatarUrl: fc.constantFrom('https://x.tcb.qcloud.la/avatars/o1/1.png', 'https://a.example/p?q=1&r=%20'),
    },
    { requiredKeys: ['openid', 'nickname'] },
  ),
  mode: fc.constantFrom('voice' as const, 'video' as const),
  sentAt: fc.integer({ min: NOW - 24 * 3600 * 1000, max: NOW + CLOCK_SKEW_MS }),
})

test('any invitation survives the trip through a card path and onLoad, whatever its nickname holds', () => {
  fc.assert(
    fc.property(invitationArb, (invitation) => {
      const path = pageUrl('invite', invitationQuery(invitation))
      expect(readInvitation(queryOnLoad(path), NOW)).toEqual({ ok: true, invitation })
    }),
    { numRuns: 500 },
  )
})

test('each value is encoded once: a nickname with & and = stays one field', () => {
  const path = pageUrl(
    'invite',
    invitationQuery({ from: { openid: ANNA.openid, nickname: 'a&b=c' }, mode: 'voice', sentAt: NOW }),
  )
  expect(path).toBe('/pages/invite/index?from=oAnna_0000000000000001&name=a%26b%3Dc&mode=voice&at=1790000000000')
})

test('ten minutes to answer; two minutes of clock difference believed, not more', () => {
  const base = { from: ANNA, mode: 'voice' as const }
  expect(isExpired({ ...base, sentAt: NOW - INVITATION_VALID_MS }, NOW)).toBe(false)
  expect(isExpired({ ...base, sentAt: NOW - INVITATION_VALID_MS - 1 }, NOW)).toBe(true)
  const at = (sentAt: number) =>
    readInvitation({ from: base.from.openid, name: 'x', mode: 'voice', at: String(sentAt) }, NOW)
  expect(at(NOW + CLOCK_SKEW_MS).ok).toBe(true)
  expect(at(NOW + CLOCK_SKEW_MS + 1)).toEqual({ ok: false, problem: 'future' })
})

test.each([
  [{}, false],
  [{ openid: 'x', nickname: 'y' }, false],
  [{ at: '1' }, true],
  [{ name: 'x' }, true],
])('%j is meant as an invitation: %s', (query, meant) => {
  expect(looksLikeInvitation(query)).toBe(meant)
})

test('any query at all is judged without throwing, and never yields an invitation from a bad field', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.constantFrom('from', 'name', 'avatar', 'mode', 'at', 'x'), fc.string()), (query) => {
      const read = readInvitation(query, NOW)
      if (read.ok) {
        expect(read.invitation.sentAt).toBeLessThanOrEqual(NOW + CLOCK_SKEW_MS)
        expect(['voice', 'video']).toContain(read.invitation.mode)
      }
    }),
    { numRuns: 1000 },
  )
})
