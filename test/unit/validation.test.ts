// What a person may type or a link may carry, checked without any page.
import fc from 'fast-check'
import {
  checkNickname,
  checkNote,
  checkOpenid,
  checkPerson,
  longerThan,
  visibleLength,
} from '../../miniprogram/store/validation'
import { V2_FILE } from '../fixtures'

describe('openid', () => {
  test.each([
    ['oAlice_0000000000001', { ok: true, value: 'oAlice_0000000000001' }],
    ['  oAlice_0000000000001 ', { ok: true, value: 'oAlice_0000000000001' }],
    ['', { ok: false, problem: 'openid-empty' }],
    [undefined, { ok: false, problem: 'openid-empty' }],
    [42, { ok: false, problem: 'openid-empty' }],
    ['a'.repeat(15), { ok: false, problem: 'openid-length' }],
    ['a'.repeat(16), { ok: true, value: 'a'.repeat(16) }],
    ['a'.repeat(64), { ok: true, value: 'a'.repeat(64) }],
    ['a'.repeat(65), { ok: false, problem: 'openid-length' }],
    ['oAbc def!ghijklmnop', { ok: false, problem: 'openid-chars' }],
    ['\u043eBob_00000000000001', { ok: false, problem: 'openid-chars' }],
  ])('%p', (raw, expected) => {
    expect(checkOpenid(raw)).toEqual(expected)
  })
})

describe('nickname', () => {
  test.each([
    ['爱丽丝', true],
    ['😀'.repeat(32), true],
    ['👨‍👩‍👧'.repeat(32), true],
    ['😀'.repeat(33), 'nickname-length'],
    ['   ', 'nickname-empty'],
    ['Bob\u202Egnp.exe', 'nickname-chars'],
    ['Bo\u0007b', 'nickname-chars'],
    ['\u200B', 'nickname-chars'],
    ['Bob\uD800', 'nickname-chars'],
    ['<view>x</view>', true],
  ])('%p', (raw, expected) => {
    const checked = checkNickname(raw)
    expect(checked.ok ? true : checked.problem).toBe(expected)
  })

  test('a joined emoji is one character a person sees', () => {
    expect(visibleLength('👩‍💻')).toBe(1)
    expect(visibleLength('a😀b')).toBe(3)
  })

  test('the quick count for ASCII and Chinese agrees with the grapheme count', () => {
    // Intl.Segmenter is in Node but not in the ES2020 library these tests type-check against.
    const segmenter = new (
      Intl as unknown as { Segmenter: new () => { segment(t: string): Iterable<unknown> } }
    ).Segmenter()
    const graphemes = (text: string) => Array.from(segmenter.segment(text)).length
    const pieces = fc.constantFrom('a', ' ', '~', '王', '鿿', '一', 'é', 'e\u0301', '\u3000', '😀', '\ufe0f', '\u200d')
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('')
        expect(visibleLength(text)).toBe(graphemes(text))
      }),
    )
    expect(visibleLength('王大锤 Wang')).toBe(8)
  })

  test('checking saved names builds no segmenter: only one longer than the limit in code points needs it', () => {
    const intl = Intl as unknown as { Segmenter: new () => object }
    const Real = intl.Segmenter
    let built = 0
    intl.Segmenter = class extends Real {
      constructor() {
        super()
        built++
      }
    }
    try {
      jest.isolateModules(() => {
        const fresh = jest.requireActual<typeof import('../../miniprogram/store/validation')>(
          '../../miniprogram/store/validation',
        )
        for (const c of V2_FILE.contacts) expect(fresh.checkNickname(c.nickname).ok).toBe(true)
        expect(built).toBe(0)
        expect(fresh.checkNickname('👨‍👩‍👧'.repeat(33))).toEqual({ ok: false, problem: 'nickname-length' })
        expect(built).toBe(1)
      })
    } finally {
      intl.Segmenter = Real
    }
  })

  test("longer than a limit: the quick answer (by UTF-16 units, then code points) is the grapheme count's", () => {
    const pieces = fc.constantFrom('a', '王', 'e\u0301', '😀', '\ufe0f', '\u200d', '👨‍👩‍👧')
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), fc.nat(14), (parts, max) => {
        const text = parts.join('')
        expect(longerThan(text, max)).toBe(visibleLength(text) > max)
      }),
      { seed: Number(process.env.DUET_FUZZ_SEED ?? 22), verbose: true },
    )
  })
})

test('a note may be empty but not invisible or too long', () => {
  expect(checkNote('')).toEqual({ ok: true, value: '' })
  expect(checkNote('注'.repeat(61))).toEqual({ ok: false, problem: 'note-length' })
  expect(checkNote('a\u0007')).toEqual({ ok: false, problem: 'note-chars' })
})

test('a person: the openid is checked first, and the first problem is the one shown', () => {
  expect(checkPerson('short', '')).toEqual({ ok: false, problem: 'openid-length' })
  expect(checkPerson('oAlice_0000000000001', ' 爱丽丝 ')).toEqual({
    ok: true,
    value: { openid: 'oAlice_0000000000001', nickname: '爱丽丝' },
  })
})
