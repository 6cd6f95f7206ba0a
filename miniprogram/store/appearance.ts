import { makeAutoObservable } from 'mobx-miniprogram'
import * as themeService from '../services/theme'
import type { Theme } from '../services/theme'

/** How the phone looks, light or dark, as WeChat last said: the pages hand it to WeUI (platform doc §8.6). */
export class AppearanceStore {
  theme: Theme = 'light'

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  /** Reads the appearance and follows the person's switches. */
  start(): void {
    this.theme = themeService.getTheme()
    themeService.onThemeChange(this.setTheme)
  }

  private setTheme(theme: Theme): void {
    this.theme = theme
  }
}
