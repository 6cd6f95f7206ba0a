import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { settingsWaysOut, withBehaviors } from '../../behaviors/settings-ways-out'
import { replaceWith } from '../../services/navigation'
import { store } from '../../store/index'
import { DEVICE_FOR_SCOPE } from '../../store/model'
import * as strings from '../../strings'

const permissions = store.permissions

ComponentWithStore({
  ...withBehaviors(settingsWaysOut),
  data: {
    t: strings.onboarding,
    /** False until we know a returning user is not simply passed on to the contacts page. */
    decided: false,
  },
  storeBindings: {
    store: permissions,
    fields: {
      step: () => permissions.onboardingStep,
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
    onContinue() {
      replaceWith('contacts')
    },
  },
})
