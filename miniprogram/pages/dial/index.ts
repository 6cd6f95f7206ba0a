import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { settingsWaysOut, withBehaviors } from '../../behaviors/settings-ways-out'
import { backTo } from '../../services/navigation'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { call, permissions } = store
/** The newest calls shown for a contact; the full history stays in the store. */
const HISTORY_SHOWN = 10

ComponentWithStore({
  ...withBehaviors(settingsWaysOut),
  data: {
    t: strings.dial,
    tm: strings.modes,
  },
  storeBindings: {
    store,
    fields: {
      contact: () => call.contact ?? null,
      mode: () => call.mode,
      disableSwitchVoice: () => call.disableSwitchVoice,
      status: () => call.status,
      busy: () => call.busy,
      problemText: () => strings.callProblemText(call.problem),
      // How the problem is shown: the deployer's privacy-guide mistake, a neutral note, or an error.
      problemShape: () =>
        call.problem?.kind === 'privacy-undeclared' ? 'undeclared' : call.tone === 'note' ? 'note' : 'error',
      wayOut: () => call.wayOut,
      notice: () => call.notice,
      reachHint: () => call.reachHint,
      identityText: () =>
        call.problem?.kind === 'no-identity' ? strings.identityProblemText(store.profile.identityProblem) : '',
      showConsent: () => permissions.privacyPromptPending || call.problem?.kind === 'privacy',
      // Only what the list renders: every byte here crosses to the view on each call attempt.
      history: () =>
        store.history
          .forContact(call.contactOpenid)
          .slice(0, HISTORY_SHOWN)
          .map(({ at, mode, outcome, errCode, answeredAt, endedAt }) => ({
            at,
            mode,
            outcome,
            errCode,
            answeredAt,
            endedAt,
          })),
    },
    actions: [],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      void store.start()
      call.open(query?.openid)
    },
    onShow() {
      void store.pageShown()
    },
    onModeAudio() {
      call.setMode('voice')
    },
    onModeVideo() {
      call.setMode('video')
    },
    onDisableSwitchVoice(e: WechatMiniprogram.SwitchChange) {
      call.setDisableSwitchVoice(e.detail.value)
    },
    onCall() {
      void call.start()
    },
    onRetry() {
      void call.retry()
    },
    onRetryIdentity() {
      void call.retryIdentity()
    },
    onCancelWait() {
      call.stopWaiting()
    },
    onEditProfile() {
      backTo('contacts')
    },
    onBack() {
      backTo('contacts')
    },
  },
})
