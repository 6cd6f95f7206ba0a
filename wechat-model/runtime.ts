// The runtime itself: scheduling, feature checks and what the phone says about itself.
import type { ApiTable, FakeWx } from './fake-wx'
import { api } from './fake-wx'

export class FakeRuntime {
  private readonly themeListeners = new Set<(res: { theme: 'light' | 'dark' }) => void>()

  constructor(private readonly fake: FakeWx) {}

  /** §8.6: the person switches the phone between light and dark; WeChat tells only a mini program with darkmode. */
  setTheme(theme: 'light' | 'dark'): void {
    this.fake.env.theme = theme
    if (!this.fake.darkmode) return
    for (const listener of [...this.themeListeners]) listener({ theme })
  }

  apis(): ApiTable {
    const fake = this.fake
    return {
      nextTick: api('1.0.0', 'system', (fn: () => void) => queueMicrotask(fn)),
      canIUse: api('1.1.0', 'system', (schema: string) => {
        fake.record('canIUse', `canIUse(${schema})`, 'system', { schema })
        return fake.supports(schema)
      }),
      getAppBaseInfo: api('2.20.1', 'system', () => {
        fake.record('getAppBaseInfo', 'getAppBaseInfo', 'system', {})
        return {
          SDKVersion: fake.env.sdkVersion,
          enableDebug: false,
          host: { env: 'WeChat' },
          language: 'zh_CN',
          // §8.6: only with app.json's darkmode; undefined otherwise.
          theme: fake.darkmode ? fake.env.theme : undefined,
        }
      }),
      onThemeChange: api('2.11.0', 'system', (listener: (res: { theme: 'light' | 'dark' }) => void) => {
        fake.record('onThemeChange', 'onThemeChange', 'system', {})
        this.themeListeners.add(listener)
      }),
      offThemeChange: api('2.11.0', 'system', (listener?: (res: { theme: 'light' | 'dark' }) => void) => {
        fake.record('offThemeChange', 'offThemeChange', 'system', {})
        if (listener) this.themeListeners.delete(listener)
        else this.themeListeners.clear()
      }),
      // §8.5: which build runs; envVersion from 2.10.0, the released version number only in a released build.
      getAccountInfoSync: api('2.2.2', 'system', () => {
        fake.record('getAccountInfoSync', 'getAccountInfoSync', 'system', {})
        const { envVersion } = fake.env
        return {
          miniProgram: {
            appId: 'wx0000000000000000',
            ...(fake.sdkAtLeast('2.10.0') ? { envVersion } : {}),
            ...(fake.sdkAtLeast('2.10.2') ? { version: envVersion === 'release' ? '1.0.0' : '' } : {}),
          },
        }
      }),
      getDeviceInfo: api('2.20.1', 'system', () => {
        fake.record('getDeviceInfo', 'getDeviceInfo', 'system', {})
        return { platform: fake.env.platform, brand: 'fake', model: 'fake phone', system: 'fake 1.0' }
      }),
    }
  }
}
