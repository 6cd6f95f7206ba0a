// The ring function refuses a name the app accepted only if the two disagree on what a nickname is: the
// function is deployed on its own and keeps its own copy of the rule, so this holds the copy to the app's.
import fc from 'fast-check'
import { AVATAR_URL_MAX, checkAvatarUrl, checkNickname, NICKNAME_MAX } from '../../miniprogram/store/validation'
import { cloudFunction } from '../../wechat-model'

const { readName, isAvatarUrl } = cloudFunction<{
  readName: (raw: unknown) => string | null
  isAvatarUrl: (raw: unknown) => boolean
}>('ring')

/** Pieces people's names are made of, and pieces a forged event might carry. */
const piece = fc.oneof(
  fc.constantFrom(
    '安',
    'a',
    ' ',
    '\u3000',
    '😀',
    '👩\u200d💻',
    '👨\u200d👩\u200d👧',
    '🏳️\u200d🌈',
    '\u200d',
    '\u200c',
    '\ufe0f',
    '\u0301',
    '\u200b',
    '\u200e',
    '\u202e',
    '\u2066',
    '\u00ad',
    '\ufeff',
    '\u0000',
    '\u0007',
    '\n',
    '\u007f',
    '\u0085',
    '\ud800',
    '\udc00',
  ),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
  fc.string({ unit: 'binary', maxLength: 3 }),
)
const name = fc.oneof(
  fc.array(piece, { maxLength: 40 }).map((parts) => parts.join('')),
  // Around the longest name: the count is what a person sees, not code points or UTF-16 units.
  fc
    .tuple(
      fc.constantFrom('名', '😀', '👨\u200d👩\u200d👧', 'e\u0301'),
      fc.integer({ min: NICKNAME_MAX - 2, max: NICKNAME_MAX + 2 }),
    )
    .map(([grapheme, n]) => grapheme.repeat(n)),
)

test('the ring function accepts exactly the nicknames the app accepts, trimmed the same way', () => {
  fc.assert(
    fc.property(name, (raw) => {
      const app = checkNickname(raw)
      expect(readName(raw)).toBe(app.ok ? app.value : null)
    }),
    { numRuns: 500 },
  )
})

test.each([
  ['a joined emoji (U+200D)', '👩\u200d💻'],
  ['a non-joiner (U+200C)', 'ab\u200ccd'],
  ['32 families, each one character a person sees', '👨\u200d👩\u200d👧'.repeat(NICKNAME_MAX)],
])('%s is a name', (_what, raw) => {
  expect(readName(raw)).toBe(raw)
})

/** Avatar URLs as the app makes them (WeChat Cloud's), and as a forged event might carry them. */
const avatarUrl = fc.oneof(
  fc.webUrl({ validSchemes: ['https', 'http'], withQueryParameters: true, withFragments: true }),
  fc
    .tuple(
      fc.constantFrom('https://a.tcb.qcloud.la/avatars/', 'https://x/', 'javascript:'),
      fc.string({ maxLength: 40 }),
    )
    .map(([head, tail]) => head + tail),
  fc.integer({ min: AVATAR_URL_MAX - 40, max: AVATAR_URL_MAX + 2 }).map((n) => 'https://a.b/' + 'p'.repeat(n - 12)),
)

test('the ring function accepts exactly the avatar URLs the app keeps (the app sends them trimmed)', () => {
  fc.assert(
    fc.property(avatarUrl, (raw) => {
      const app = checkAvatarUrl(raw)
      expect(isAvatarUrl(raw)).toBe(app.ok && app.value === raw)
    }),
    { numRuns: 500 },
  )
})
