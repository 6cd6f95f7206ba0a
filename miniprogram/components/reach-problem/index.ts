// Why others cannot call me now (WeChat refused setEnable1v1Chat, platform doc §4.2), and the way out:
// allow a device never asked for, the settings page, the phone's settings, or asking WeChat again. Shown on
// the contacts page, my page and in the waiting room, which must not promise a callback that cannot ring.
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { settingsWaysOut, withBehaviors } from '../../behaviors/settings-ways-out'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { reachability } = store

ComponentWithStore({
  ...withBehaviors(settingsWaysOut),
  options: { styleIsolation: 'apply-shared' },
  data: { t: strings.reachProblem },
  storeBindings: {
    store,
    fields: {
      problem: () => {
        const reason = strings.reachProblemText(reachability.refusal?.problem ?? null, reachability.devicesToAsk)
        return reason ? strings.fill(strings.reachProblem.unreachable, { reason }) : ''
      },
      code: () => strings.errorCodeLine(reachability.refusal?.problem.errCode),
      way: () => reachability.wayOut,
      askLabel: () =>
        strings.fill(strings.reachProblem.allowDevices, { devices: strings.deviceList(reachability.devicesToAsk) }),
    },
    actions: [],
  },
  methods: {
    onAsk() {
      void reachability.askAndRetry()
    },
    onRetry() {
      void reachability.retry()
    },
  },
})
