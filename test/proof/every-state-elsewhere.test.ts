// The every-state table (test/proof/every-state.ts) where calls cannot work: an old WeChat and DevTools;
// and the table's own shape.
import { ALL, checkEveryState, THROUGH_PAGES } from './every-state'

checkEveryState(['old-base-library', 'devtools'])

test('the table covers every state once, and the page sample crosses every value of every dimension', () => {
  // Everything but the old base library: privacy 4 × scopes 9 × phone permissions (3 × 3 on iOS and DevTools;
  // 2 × 2 on Android, where 'not determined' does not happen) × mode 2 × held join 2 × combined popup 2 ×
  // listener 3. The old base library has one privacy state, one phone state, no held join, no combined popup. The
  // calendar scope takes its three values in turn and adds no state.
  expect(ALL).toHaveLength((9 + 9 + 4) * 4 * 9 * 2 * 2 * 2 * 3 + 9 * 2 * 3)
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
    'calendar',
  ] as const
  for (const d of dims)
    expect([d, new Set(THROUGH_PAGES.map((s) => s[d])).size]).toEqual([d, new Set(ALL.map((s) => s[d])).size])
})
