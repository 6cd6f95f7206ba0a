// The two ways back to a working microphone or camera, for any page that offers them: the mini program's
// settings page (an open-type="openSetting" button, bindopensetting="onSettingsClosed") and the phone's
// settings for WeChat (bindtap="onOpenPhoneSettings").
import { store } from '../store/index'

export const settingsWaysOut = Behavior({
  methods: {
    onSettingsClosed(e: WechatMiniprogram.CustomEvent) {
      store.settingsClosed(e.detail)
    },
    onOpenPhoneSettings() {
      void store.permissions.openPhoneSettings()
    },
  },
})

/**
 * `{ behaviors }` for ComponentWithStore, whose typings leave the option out although the bindings pass it
 * to WeChat's Component(). The handlers are bound from WXML by name, so the page's type needs nothing more.
 */
export function withBehaviors(...behaviors: string[]): Record<never, never> {
  return { behaviors }
}
