// After an invitation (or a ring): wait reachable, with the screen on, for the other person to call back.
// A call reaches only people inside Duet (platform doc §4.5), so the room says to stay.
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { invitations } = store

ComponentWithStore({
  options: { styleIsolation: 'apply-shared' },
  data: { t: strings.waiting },
  storeBindings: {
    store,
    fields: {
      title: () => {
        const waiting = invitations.waiting
        if (!waiting) return ''
        const name = waiting.to.nickname
        return invitations.unreachable ? strings.waitingBlockedTitle(name) : strings.waitingTitle(name)
      },
      unreachable: () => invitations.unreachable !== null,
      // Whole seconds: the view changes once a second, not on every tick.
      remainingMs: () => Math.ceil(invitations.remainingMs / 1000) * 1000,
      turnedOnAcceptCalls: () => invitations.turnedOnAcceptCalls,
      ended: () => invitations.waitEnded,
    },
    actions: [],
  },
  methods: {
    onCancel() {
      invitations.cancelWaiting()
    },
    onDismissEnd() {
      invitations.dismissWaitEnd()
    },
  },
})
