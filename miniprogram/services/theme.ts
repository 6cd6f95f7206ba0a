// The phone's light or dark appearance (platform doc §8.6). WeChat's bars and native components follow it by
// themselves; WeUI's follow only an ancestor's data-weui-theme, which the pages set from this.
import { wxFunction } from './call-wx'

export type Theme = 'light' | 'dark'

const asTheme = (v: unknown): Theme => (v === 'dark' ? 'dark' : 'light')

/** The appearance now; light where WeChat does not say (before base library 2.20.1). */
export function getTheme(): Theme {
  try {
    const info = wxFunction('getAppBaseInfo')?.() as { theme?: unknown } | undefined
    return asTheme(info?.theme)
  } catch {
    return 'light'
  }
}

/** Calls `listener` when the person switches the phone's appearance (2.11.0); nothing happens before. */
export function onThemeChange(listener: (theme: Theme) => void): void {
  wxFunction('onThemeChange')?.((res: { theme?: unknown }) => listener(asTheme(res.theme)))
}
