// The appearance slice alone, on a stand-in service: the theme WeChat says, followed.
import { AppearanceStore } from '../../miniprogram/store/appearance'
import type { Theme } from '../../miniprogram/services/theme'

describe('appearance', () => {
  test('reads the theme at start and follows the person’s switches', () => {
    let switchTo: ((theme: Theme) => void) | undefined
    const appearance = new AppearanceStore({
      service: { getTheme: () => 'dark', onThemeChange: (listener) => (switchTo = listener) },
    })
    expect(appearance.theme).toBe('light')
    appearance.start()
    expect(appearance.theme).toBe('dark')
    switchTo?.('light')
    expect(appearance.theme).toBe('light')
  })
})
