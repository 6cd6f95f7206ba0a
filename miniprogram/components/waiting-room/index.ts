// After an invitation (or a ring): wait reachable, with the screen on, for the other person to call back.
// A call reaches only people inside Duet (platform doc §4.5), so the room says to stay. The room sits with
// the person waited for (their dial page, their invitation); elsewhere (home) a banner keeps it in sight.
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { goTo } from '../../services/navigation'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { invitations } = store

ComponentWithStore({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    /** Only the wait for this person (an openid); without one, any wait. */
    openid: { type: String, value: '' },
    /** A banner that leads to the wait, for pages that are not the person's own. */
    banner: { type: Boolean, value: false },
  },
  data: { t: strings.waiting },
  storeBindings: {
    store,
    fields: {
      title: () => {
        const waiting = invitations.waiting
        if (!waiting) return ''
        const title = invitations.unreachable ? strings.waitingFilled.blockedTitle : strings.waitingFilled.title
        return strings.fill(title, { name: waiting.to.nickname })
      },
      unreachable: () => invitations.unreachable !== null,
      // Whole seconds: the view changes once a second, not on every tick.
      remainingMs: () => Math.ceil(invitations.remainingMs / 1000) * 1000,
      turnedOnAcceptCalls: () => invitations.turnedOnAcceptCalls,
      endedText: () => strings.say(strings.waitEnded, invitations.waitEnded),
      waitingFor: () => invitations.waitingFor,
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
    /** The banner: to the person's dial page, or to their invitation when they are not a contact. */
    onOpen() {
      const to = invitations.waiting?.to
      if (!to) return
      if (store.contacts.find(to.openid)) goTo('dial', { openid: to.openid })
      else goTo('invite')
    },
  },
})
