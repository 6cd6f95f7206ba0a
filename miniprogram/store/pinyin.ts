// Search by pinyin initials: "wdc" finds 王大锤. Pure; the table is built on the first search by letters.
import { pinyinInitialsDataModule } from './later'

/** A set of initials as bits: a is 1, b is 2, c is 4… (曾, read ceng or zeng, has c and z). */
type Initials = number

const bitOf = (letter: string): Initials => 1 << (letter.charCodeAt(0) - 97)

/** code point → its initials; built once, when first needed (about 7,000 characters, a few milliseconds). */
let initialsTable: Map<number, Initials> | null = null

function buildInitialsTable(): Map<number, Initials> {
  const { CHARACTERS_BY_INITIAL, GAP_BASE, GAP_DIGITS } = pinyinInitialsDataModule()
  const digitValue: number[] = []
  for (let value = 0; value < GAP_DIGITS.length; value++) digitValue[GAP_DIGITS.charCodeAt(value)] = value
  const table = new Map<number, Initials>()
  for (const initial of Object.keys(CHARACTERS_BY_INITIAL)) {
    const digits = CHARACTERS_BY_INITIAL[initial]
    const bit = bitOf(initial)
    let codePoint = 0
    let gap = 0
    for (let i = 0; i < digits.length; i++) {
      const value = digitValue[digits.charCodeAt(i)]
      if (value >= GAP_BASE) {
        gap = gap * GAP_BASE + value - GAP_BASE
        continue
      }
      codePoint += gap * GAP_BASE + value + 1
      gap = 0
      table.set(codePoint, (table.get(codePoint) ?? 0) | bit)
    }
  }
  return table
}

/** One character's initials (none when unknown); a Latin letter is its own, in either case. */
function initialsOf(codePoint: number): Initials {
  const lower = codePoint >= 65 && codePoint <= 90 ? codePoint + 32 : codePoint
  if (lower >= 97 && lower <= 122) return 1 << (lower - 97)
  initialsTable ??= buildInitialsTable()
  return initialsTable.get(codePoint) ?? 0
}

/** Texts already spelled out, so a keystroke over a long list only compares bits. */
const spelled = new Map<string, readonly Initials[]>()
/**
 * Past it, texts since edited away are let go. Ten thousand contacts have up to twenty thousand nicknames and
 * notes: a smaller memo was cleared on every keystroke over them, and every text spelled again.
 */
const SPELLED_LIMIT = 50_000

/** Each character's initials, spaces left out (so "Carol 王" is "carolw" too). */
function spell(text: string): readonly Initials[] {
  const known = spelled.get(text)
  if (known) return known
  if (spelled.size >= SPELLED_LIMIT) spelled.clear()
  const letters = text.replace(/\s+/g, '')
  const initials: Initials[] = []
  for (let i = 0; i < letters.length; i++) {
    const codePoint = letters.codePointAt(i) ?? 0
    if (codePoint > 0xffff) i++ // the second half of a surrogate pair (an emoji): one character, as a person sees it
    initials.push(initialsOf(codePoint))
  }
  spelled.set(text, initials)
  return initials
}

/** Spells `text` out now, so that a later search by letters finds it ready (and the table built). */
export function prepareInitials(text: string): void {
  spell(text)
}

/**
 * A test of texts against one query (lowercase letters): whether it is the initials of consecutive characters of
 * a text, any reading of each; null when the query is not letters. Made once per keystroke, used on every contact.
 */
export function initialsMatcher(query: string): ((text: string) => boolean) | null {
  if (!/^[a-z]+$/.test(query)) return null
  const wanted = Array.from(query, bitOf)
  return (text) => {
    const initials = spell(text)
    for (let start = 0; start + wanted.length <= initials.length; start++) {
      let at = 0
      while (at < wanted.length && initials[start + at] & wanted[at]) at++
      if (at === wanted.length) return true
    }
    return false
  }
}

/** Whether `query` (lowercase letters) is the initials of consecutive characters of `text`, any reading of each. */
export function initialsMatch(text: string, query: string): boolean {
  return initialsMatcher(query)?.(text) ?? false
}
