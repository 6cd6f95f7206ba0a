// Search by pinyin initials, and the committed table it reads: what scripts/pinyin-initials.js generates.
import { createHash } from 'crypto'
import * as fs from 'fs'
import * as path from 'path'
import { CHARACTERS_BY_INITIAL } from '../../miniprogram/store/pinyin-initials-data'
import { initialsMatch } from '../../miniprogram/store/pinyin'

const generator = require('../../scripts/pinyin-initials') as {
  render(dir: string): string
  packageDir(arg?: string): string
}

describe('initialsMatch', () => {
  test.each([
    ['王大锤', 'wdc'],
    ['王大锤', 'wd'],
    ['王大锤', 'dc'],
    ['王大锤', 'd'],
    ['爱丽丝', 'als'],
    ['曾小贤', 'zxx'],
    ['曾小贤', 'cxx'],
    ['Carol王', 'carolw'],
    ['Carol王', 'olw'],
    ['Carol 王', 'carolw'],
    ['王 大锤', 'wdc'],
  ])('%s matches %s', (text, query) => {
    expect(initialsMatch(text, query)).toBe(true)
  })

  test.each([
    ['王大锤', 'xyz', 'no character has these initials'],
    ['王大锤', 'wc', 'not consecutive'],
    ['王大锤', 'cdw', 'out of order'],
    ['王大锤', 'wdcx', 'longer than the name'],
    ['王大锤', '', 'empty'],
    ['王大锤', 'w d', 'a space'],
    ['王大锤', 'w1', 'a digit'],
    ['王大锤', '王', 'not a letter'],
    ['王大锤', 'WDC', 'not lowercased'],
    ['王1大', 'wd', 'a digit between'],
    ['', 'w', 'empty text'],
    ['😀王', 'xw', 'an emoji has no initial'],
  ])('%s does not match %s (%s)', (text, query) => {
    expect(initialsMatch(text, query)).toBe(false)
  })
})

describe('the initials table', () => {
  /** The letters a character matches by itself: its initials. */
  const initialsOf = (character: string) =>
    Array.from('abcdefghijklmnopqrstuvwxyz')
      .filter((letter) => initialsMatch(character, letter))
      .join('')

  test.each([
    ['王', 'w'],
    ['大', 'd'],
    ['锤', 'c'],
    ['爱', 'a'],
    ['丽', 'l'],
    ['丝', 's'],
    ['曾', 'cz'],
    ['张', 'z'],
    ['婳', 'h'],
    ['A', 'a'],
    ['1', ''],
    ['犇', ''],
  ])('%s: %s', (character, initials) => {
    expect(initialsOf(character)).toBe(initials)
  })

  test('is the committed data, unedited (after regenerating, put the new checksum here)', () => {
    const checksum = createHash('sha256').update(JSON.stringify(CHARACTERS_BY_INITIAL)).digest('hex')
    expect(checksum).toBe('ddeb53f94bfe8c5b8717e5fd053f516906deadaa7a3b7b1e68ea53ee6a7dde93')
  })

  // pinyin-match is a devDependency: installed by `npm ci`.
  const installed = (() => {
    try {
      return generator.packageDir()
    } catch {
      return null
    }
  })()
  const whenInstalled = installed ? test : test.skip
  whenInstalled('is what the generator makes from the installed pinyin-match', () => {
    const committed = fs.readFileSync(path.join(__dirname, '../../miniprogram/store/pinyin-initials-data.ts'), 'utf8')
    expect(generator.render(installed!)).toBe(committed)
  })
})
