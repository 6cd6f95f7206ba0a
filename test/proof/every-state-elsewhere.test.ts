// The every-state table (test/proof/every-state.ts) where calls cannot work: an old WeChat and DevTools;
// and the table's own shape.
import { ALL, checkEveryState, THROUGH_PAGES } from './every-state'

checkEveryState(['old-base-library', 'devtools'])

test('the table covers every state once, and the page sample crosses every value of every dimension', () => {
  // Phone permissions: 3 × 3 everywhere but Android, where 'not determined' does not happen (2 × 2).
  expect(ALL).toHaveLength((9 + 9 + 9 + 4) * 4 * 9 * 2 * 2 * 2 * 3)
  const dims = [
    'env',
    'privacy',
    'mic',
    'camera',
    'phoneMic',
    'phoneCamera',
    'mode',
    'gatedJoin',
    'combinedPopup',
    'listener',
  ] as const
  for (const d of dims)
    expect([d, new Set(THROUGH_PAGES.map((s) => s[d])).size]).toEqual([d, new Set(ALL.map((s) => s[d])).size])
})
