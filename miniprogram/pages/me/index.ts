// My own page: my profile, how others reach me (my card, accepting calls, one ring), and the developer options.
// The contact list stays a list: everything about me lives here.
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { duetPage } from '../../behaviors/duet-page'
import { withBehaviors } from '../../behaviors/settings-ways-out'
import { shareFrom } from '../../share-cards'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { profile, rings } = store

ComponentWithStore({
  ...withBehaviors(duetPage),
  data: {
    t: strings.me,
    tc: strings.common,
    canRing: rings.available,
  },
  storeBindings: {
    store,
    fields: {
      primary: () => store.screens.me.primary,
      me: () => profile.me,
      devOptionsOpen: () => profile.devOptionsOpen,
      // The contact list's edit dialog owns the one form while it is open.
      editing: () => store.contacts.form.editing,
      allowRings: () => rings.allow,
      acceptCalls: () => store.reachability.acceptCalls,
      privacyPromptPending: () => store.permissions.privacyPromptPending,
      saveFailed: () => store.persistence.saveFailed,
    },
    actions: [],
  },
  methods: {
    onAcceptCalls(e: WechatMiniprogram.SwitchChange) {
      void store.reachability.setAcceptCalls(e.detail.value)
    },
    /** WeChat's popup for one ring: asked in the synchronous part of the tap (platform doc §7.3). */
    onAllowRings() {
      void rings.allowOne()
    },
    onShareAppMessage(e: WechatMiniprogram.Page.IShareAppMessageOption) {
      return shareFrom(e, null)
    },
  },
})
