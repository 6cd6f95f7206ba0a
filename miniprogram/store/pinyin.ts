// Search by pinyin initials: "wdc" finds 王大锤. Pure; the table is built on the first search by letters.
import { CHARACTERS_BY_INITIAL, GAP_BASE, GAP_DIGITS } from './pinyin-initials-data'

/** character → its initials ("cz" for 曾); built once, when first needed (about 7,000 characters). */
let initialsTable: Map<string, string> | null = null

function buildInitialsTable(): Map<string, string> {
  const table = new Map<string, string>()
  for (const initial of Object.keys(CHARACTERS_BY_INITIAL)) {
    let codePoint = 0
    let gap = 0
    for (const digit of CHARACTERS_BY_INITIAL[initial]) {
      const value = GAP_DIGITS.indexOf(digit)
      if (value >= GAP_BASE) {
        gap = gap * GAP_BASE + value - GAP_BASE
        continue
      }
      codePoint += gap * GAP_BASE + value + 1
      gap = 0
      const character = String.fromCodePoint(codePoint)
      table.set(character, (table.get(character) ?? '') + initial)
    }
  }
  return table
}

/** The initials of one character ('' when none is known); a Latin letter is its own initial. */
export function initialsOf(character: string): string {
  if (/^[a-z]$/i.test(character)) return character.toLowerCase()
  initialsTable ??= buildInitialsTable()
  return initialsTable.get(character) ?? ''
}

/** Texts already spelled out, so a keystroke over a long list only compares letters. */
const spelled = new Map<string, readonly string[]>()
/** A few times a long list's nicknames and notes: past it, texts since edited away are let go. */
const SPELLED_LIMIT = 10_000

/** Each character's initials, spaces left out (so "Carol 王" is "carolw" too). */
function spell(text: string): readonly string[] {
  let letters = spelled.get(text)
  if (!letters) {
    if (spelled.size >= SPELLED_LIMIT) spelled.clear()
    letters = Array.from(text.replace(/\s+/g, ''), initialsOf)
    spelled.set(text, letters)
  }
  return letters
}

/** Whether `query`'s letters are the initials of consecutive characters of `text`, any reading of each. */
export function initialsMatch(text: string, query: string): boolean {
  if (!/^[a-z]+$/.test(query)) return false
  const letters = spell(text)
  for (let start = 0; start + query.length <= letters.length; start++) {
    let at = 0
    while (at < query.length && letters[start + at].includes(query[at])) at++
    if (at === query.length) return true
  }
  return false
}
