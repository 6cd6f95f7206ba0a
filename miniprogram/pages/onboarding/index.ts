import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { replaceWith } from '../../services/navigation'
import { authSettingFromEvent } from '../../services/scopes'
import { DEVICE_FOR_SCOPE } from '../../store/call-modes'
import { store } from '../../store/index'
import * as strings from '../../strings'
import { privacyConsentMethods } from '../../templates/privacy-consent'

const permissions = store.permissions

ComponentWithStore({
  data: {
    t: strings.onboarding,
    tp: strings.privacy,
    /** False until we know a returning user is not simply passed on to the contacts page. */
    decided: false,
  },
  storeBindings: {
    store: permissions,
    fields: {
      step: () => permissions.onboardingStep,
      privacyDeclined: () => permissions.privacy === 'declined',
      contractName: () => permissions.privacyContractName,
      audioOnly: () => permissions.audioOnly,
      requesting: () => permissions.requesting,
      requestFailed: () => permissions.requestFailed,
      phoneSettingsFailed: () => permissions.phoneSettingsFailed,
      deniedText: () => strings.deviceList(permissions.onboardingLacks.denied.map((s) => DEVICE_FOR_SCOPE[s])),
      phoneText: () => strings.deviceList(permissions.onboardingLacks.phoneDenied),
    },
    actions: [],
  },
  methods: {
    ...privacyConsentMethods,
    onLoad() {
      void store.start().then(() => {
        // A returning user with everything granted never sees this page.
        if (permissions.onboardingStep === 'done') replaceWith('contacts')
        else this.setData({ decided: true })
      })
    },
    onShow() {
      void store.pageShown()
    },
    onGrant() {
      void permissions.request(permissions.onboardingMode)
    },
    onSkipCamera() {
      permissions.skipCamera()
    },
    onIncludeCamera() {
      permissions.includeCamera()
    },
    onSettingsClosed(e: WechatMiniprogram.CustomEvent) {
      const setting = authSettingFromEvent(e.detail)
      if (setting) permissions.applyAuthSetting(setting)
    },
    onOpenPhoneSettings() {
      void permissions.openPhoneSettings()
    },
    onContinue() {
      replaceWith('contacts')
    },
  },
})
