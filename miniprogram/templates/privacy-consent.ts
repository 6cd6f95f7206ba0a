// The handlers behind privacy-consent.wxml. A page that imports the template spreads these into its methods.
import { store } from '../store/index'

export const privacyConsentMethods = {
  /** WeChat has recorded consent for this button; the id tells WeChat which button it was. */
  onAgreePrivacy(e: WechatMiniprogram.CustomEvent) {
    store.agreePrivacy(e.currentTarget.id || 'privacy-agree')
  },
  onDeclinePrivacy() {
    store.permissions.declinePrivacy()
  },
  onOpenPrivacyContract() {
    void store.permissions.openPrivacyContract()
  },
}
