// How the call being made stands, wherever one is made (the dial page, an invitation): the wait, what
// WeChat said, and each problem with its way out.
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { settingsWaysOut, withBehaviors } from '../../behaviors/settings-ways-out'
import { goTo } from '../../services/navigation'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { call } = store

ComponentWithStore({
  ...withBehaviors(settingsWaysOut),
  options: { styleIsolation: 'apply-shared' },
  properties: {
    /** Whether a way out may be the screen's one primary action (not while the page leads with another). */
    lead: { type: Boolean, value: true },
  },
  data: { t: strings.callStatus },
  storeBindings: {
    store,
    fields: {
      joining: () => call.status === 'joining',
      busy: () => call.busy,
      notice: () => call.notice,
      problemText: () => strings.callProblemText(call.problem),
      // Only an error has WeChat's code to look up: not a neutral note (the person left, perhaps by their own
      // cancel), nor the deployer's privacy-guide mistake (errno 112 carries no errCode).
      codeLine: () => (call.shape === 'error' ? strings.errorCodeLine(call.problem?.errCode) : ''),
      problemShape: () => call.shape,
      wayOut: () => call.wayOut,
      identityText: () =>
        call.problem?.kind === 'no-identity' ? strings.identityProblemText(store.profile.identityProblem) : '',
    },
    actions: [],
  },
  methods: {
    onCancelWait() {
      call.stopWaiting()
    },
    onRetry() {
      void call.retry()
    },
    onRetryIdentity() {
      void call.retryIdentity()
    },
    /** My profile is on my page; back from it returns to this call. */
    onEditProfile() {
      goTo('me')
    },
  },
})
