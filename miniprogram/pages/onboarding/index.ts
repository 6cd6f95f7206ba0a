// The walkthrough: privacy, why the microphone and camera are needed, one request per permission, and the way
// back after a "deny"; never a dead end (looking around is always offered).
import { reaction } from 'mobx-miniprogram'
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { duetPage } from '../../behaviors/duet-page'
import { settingsWaysOut, withBehaviors } from '../../behaviors/settings-ways-out'
import { replaceWith } from '../../services/navigation'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { onboarding, permissions } = store
const t = strings.onboarding

ComponentWithStore({
  ...withBehaviors(duetPage, settingsWaysOut),
  data: { t },
  storeBindings: {
    store,
    fields: {
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
      invitedBy: () => {
        const name = store.invitations.received?.from.nickname
        return name ? strings.fill(strings.onboardingFilled.invitedBy, { name }) : ''
      },
    },
    actions: [],
  },
  methods: {
    /**
     * While this page is on top, it goes on by itself once nothing is missing: to the invitation that brought
     * the person, or home. (Under another page it must not: a redirect replaces whichever page is on top.)
     * A returning person with everything granted never sees it.
     */
    whileOnTop() {
      return [
        reaction(
          () => onboarding.step === 'done',
          (done) => done && replaceWith(onboarding.next),
          { fireImmediately: true },
        ),
      ]
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
