// A call to one contact: the mode, the call and how it stands, reaching someone outside Duet, and our history.
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { duetPage } from '../../behaviors/duet-page'
import { screenBindings } from '../../behaviors/screen-bindings'
import { withBehaviors } from '../../behaviors/settings-ways-out'
import { goTo, replaceWith } from '../../services/navigation'
import { shareFrom } from '../../share-cards'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { call, rings } = store
const screen = store.screens.dial

ComponentWithStore({
  ...withBehaviors(duetPage),
  data: {
    t: strings.dial,
    tm: strings.modes,
    tr: strings.reach,
    tb: { open: strings.book.open },
    canRing: rings.available,
    /** Whom this page is for (its query's openid): another page's call may have changed the call store. */
    openid: '',
    /** What "today" is for the history's day words, read when the page shows. */
    now: Date.now(),
  },
  storeBindings: screenBindings(screen, {
    person: () => screen.person,
    caller: () => screen.caller,
    reach: () => screen.reach,
    history: () => screen.history,
    noContactText: () => (screen.person ? '' : strings.callProblemText(call.problem)),
    ringRest: () => {
      const { restSeconds, restMinutes } = screen.reach
      return restMinutes
        ? strings.fill(strings.reachFilled.ringRestMinutes, { minutes: restMinutes })
        : strings.fill(strings.reachFilled.ringRest, { seconds: restSeconds })
    },
    ringCode: () => strings.errorCodeLine(screen.reach.ringCode),
  }),
  methods: {
    load(query: Record<string, string | undefined>) {
      call.open(query.openid)
      if (typeof query.openid === 'string') this.setData({ openid: query.openid })
    },
    show() {
      if (this.data.openid) call.showFor(this.data.openid)
      this.setData({ now: Date.now() })
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
    onRing() {
      const contact = call.contact
      if (contact) void rings.ring(contact, call.mode)
    },
    onBook() {
      if (this.data.openid) goTo('book', { openid: this.data.openid })
    },
    onBack() {
      replaceWith('contacts')
    },
    onShareAppMessage(e: WechatMiniprogram.Page.IShareAppMessageOption) {
      return shareFrom(e, screen.invitee)
    },
  },
})
