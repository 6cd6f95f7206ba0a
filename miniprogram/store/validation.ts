// Rules for what a person types or a share link carries. Pure: the same checks serve typed input,
// share-link queries and stored data.
import type { Person } from './model'

export type OpenidProblem = 'openid-empty' | 'openid-length' | 'openid-chars'
export type NicknameProblem = 'nickname-empty' | 'nickname-length' | 'nickname-chars'
export type NoteProblem = 'note-length' | 'note-chars'
export type InputProblem = OpenidProblem | NicknameProblem | NoteProblem

export const OPENID_MIN = 16
export const OPENID_MAX = 64
export const NICKNAME_MAX = 32
export const NOTE_MAX = 60

const OPENID_PATTERN = /^[A-Za-z0-9_-]+$/
// Control and format characters (right-to-left overrides, zero-width space, BOM) and lone surrogates.
// The zero-width joiners U+200C/U+200D stay allowed: emoji such as 👩‍💻 and 👨‍👩‍👧 are built with them.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/

export type Checked<T, P> = { ok: true; value: T } | { ok: false; problem: P }

type Segmenter = { segment(text: string): Iterable<unknown> }
/** Built on first use: building one costs about 20 ms, and most launches never need it (see visibleLength). */
let segmenter: Segmenter | null | undefined
function graphemeSegmenter(): Segmenter | null {
  if (segmenter === undefined) {
    const Ctor = (Intl as unknown as { Segmenter?: new () => Segmenter }).Segmenter
    segmenter = Ctor ? new Ctor() : null
  }
  return segmenter
}

const ONE_UNIT_EACH = /^[\u0020-\u007e\u4e00-\u9fff]*$/

/**
 * Counts what a person sees as characters: grapheme clusters where the JS engine can (so 👨‍👩‍👧 is one),
 * code points otherwise (so 😀 is still one, not two UTF-16 units).
 */
export function visibleLength(text: string): number {
  // Printable ASCII and common CJK ideographs are one character per UTF-16 unit: most names, and the
  // segmenter costs about 40 µs a call (a long contact list is read at every launch).
  if (ONE_UNIT_EACH.test(text)) return text.length
  const graphemes = graphemeSegmenter()
  return graphemes ? Array.from(graphemes.segment(text)).length : Array.from(text).length
}

/**
 * Whether `text` shows more than `max` characters. A person sees no more characters than the text has code
 * points, nor more code points than UTF-16 units: a text within `max` by either count is within it, and only a
 * longer one is segmented (reading ten thousand saved names, with emoji, builds no segmenter).
 */
export function longerThan(text: string, max: number): boolean {
  if (text.length <= max) return false
  let codePoints = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff) i++ // a surrogate pair is one code point
    if (++codePoints > max) return visibleLength(text) > max
  }
  return false
}

export function checkOpenid(raw: unknown): Checked<string, OpenidProblem> {
  const value = typeof raw === 'string' ? raw.trim() : ''
  if (!value) return { ok: false, problem: 'openid-empty' }
  if (!OPENID_PATTERN.test(value)) return { ok: false, problem: 'openid-chars' }
  if (value.length < OPENID_MIN || value.length > OPENID_MAX) return { ok: false, problem: 'openid-length' }
  return { ok: true, value }
}

export function checkNickname(raw: unknown): Checked<string, NicknameProblem> {
  const value = typeof raw === 'string' ? raw.trim() : ''
  if (!value) return { ok: false, problem: 'nickname-empty' }
  if (INVISIBLE.test(value)) return { ok: false, problem: 'nickname-chars' }
  if (longerThan(value, NICKNAME_MAX)) return { ok: false, problem: 'nickname-length' }
  return { ok: true, value }
}

export function checkNote(raw: unknown): Checked<string, NoteProblem> {
  const value = typeof raw === 'string' ? raw.trim() : ''
  if (INVISIBLE.test(value)) return { ok: false, problem: 'note-chars' }
  if (longerThan(value, NOTE_MAX)) return { ok: false, problem: 'note-length' }
  return { ok: true, value }
}

/** Both fields checked; the first problem found is the one shown. */
export function checkPerson(openid: unknown, nickname: unknown): Checked<Person, OpenidProblem | NicknameProblem> {
  const id = checkOpenid(openid)
  if (!id.ok) return id
  const name = checkNickname(nickname)
  if (!name.ok) return name
  return { ok: true, value: { openid: id.value, nickname: name.value } }
}

export const AVATAR_URL_MAX = 1024

/** An avatar another phone can load: an https URL of reasonable length, nothing invisible or odd in it. */
export function checkAvatarUrl(raw: unknown): Checked<string, 'avatar-invalid'> {
  const value = typeof raw === 'string' ? raw.trim() : ''
  const ok =
    value.length <= AVATAR_URL_MAX &&
    /^https:\/\/[A-Za-z0-9.-]+(:\d+)?\/[\x21-\x7e]*$/.test(value) &&
    !/["'<>\\`]/.test(value)
  return ok ? { ok: true, value } : { ok: false, problem: 'avatar-invalid' }
}

/** A picture file on this phone, as WeChat names temporary and saved files. */
export function checkLocalPath(raw: unknown): Checked<string, 'avatar-invalid'> {
  const value = typeof raw === 'string' ? raw : ''
  const ok = value.length <= AVATAR_URL_MAX && /^(wxfile:\/\/|http:\/\/tmp\/)[\x21-\x7e]+$/.test(value)
  return ok ? { ok: true, value } : { ok: false, problem: 'avatar-invalid' }
}

/**
 * A value from a link's query. WeChat hands onLoad the values as they stand in the link (platform doc §7.2):
 * decode once, never throw; a value that cannot be decoded (a truncated or tampered link) counts as missing.
 */
export function safeDecode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return undefined
  }
}
