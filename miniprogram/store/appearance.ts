import { makeAutoObservable } from 'mobx-miniprogram'
import type * as ThemeService from '../services/theme'
import type { Theme } from '../services/theme'

export interface AppearanceContext {
  service: Pick<typeof ThemeService, 'getTheme' | 'onThemeChange'>
}

/** How the phone looks, light or dark, as WeChat last said: the pages hand it to WeUI (platform doc §8.6). */
export class AppearanceStore {
  theme: Theme = 'light'

  constructor(private readonly ctx: AppearanceContext) {
    makeAutoObservable<this, 'ctx'>(this, { ctx: false }, { autoBind: true })
  }

  /** Reads the appearance and follows the person's switches. */
  start(): void {
    this.theme = this.ctx.service.getTheme()
    this.ctx.service.onThemeChange(this.setTheme)
  }

  private setTheme(theme: Theme): void {
    this.theme = theme
  }
}
