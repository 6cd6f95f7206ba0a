import { reaction } from 'mobx-miniprogram'
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { settingsWaysOut, withBehaviors } from '../../behaviors/settings-ways-out'
import { replaceWith } from '../../services/navigation'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { onboarding, permissions } = store
/** Stops following the walkthrough when the page goes away. */
let stopFollowing: (() => void) | null = null

ComponentWithStore({
  ...withBehaviors(settingsWaysOut),
  data: { t: strings.onboarding },
  storeBindings: {
    store,
    fields: {
      theme: () => store.appearance.theme,
      step: () => onboarding.step,
      audioOnly: () => onboarding.mode === 'voice',
      cameraOptional: () => onboarding.cameraOptional,
      privacyDeclined: () => permissions.privacy === 'declined',
      requesting: () => permissions.requesting,
      requestFailed: () => permissions.requestFailed,
      phoneSettingsFailed: () => permissions.phoneSettingsFailed,
      deniedText: () => strings.deviceList(onboarding.deniedDevices),
      phoneText: () => strings.deviceList(onboarding.phoneDeniedDevices),
      onlyCameraMissing: () => onboarding.phoneDeniedDevices.join() === 'camera',
      onlyCameraDenied: () => onboarding.deniedDevices.join() === 'camera',
      invitedBy: () => store.invitations.received?.from.nickname ?? '',
    },
    actions: [],
  },
  methods: {
    onLoad() {
      void store.start()
    },
    /**
     * While this page is on top, it goes on by itself once nothing is missing: to the invitation that brought
     * the person, or home. (Under another page it must not: a redirect replaces whichever page is on top.)
     * A returning person with everything granted never sees it.
     */
    onShow() {
      stopFollowing?.()
      stopFollowing = reaction(
        () => onboarding.step === 'done',
        (done) => done && replaceWith(onboarding.next),
        { fireImmediately: true },
      )
      void store.pageShown()
    },
    onHide() {
      stopFollowing?.()
      stopFollowing = null
    },
    onUnload() {
      stopFollowing?.()
      stopFollowing = null
    },
    onGrant() {
      void onboarding.grant()
    },
    onSkipCamera() {
      onboarding.skipCamera()
    },
    onIncludeCamera() {
      onboarding.includeCamera()
    },
    onLookAround() {
      onboarding.lookAround()
      replaceWith('contacts')
    },
  },
})
