import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { replaceWith } from '../../services/navigation'
import { invitationCard, myCard, sharedFrom } from '../../share-cards'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { call, permissions, rings } = store
/** Whom each open dial page is for (its query's openid): another page's call may have changed the call store. */
const openids = new WeakMap<object, string>()

ComponentWithStore({
  data: {
    t: strings.dial,
    tm: strings.modes,
    /** What "today" is for the history's day words, read when the page shows. */
    now: Date.now(),
    tr: strings.reach,
    canRing: rings.available,
  },
  storeBindings: {
    store,
    fields: {
      theme: () => store.appearance.theme,
      contact: () => call.contact ?? null,
      initial: () => Array.from(call.contact?.nickname ?? '?')[0],
      mode: () => call.mode,
      disableSwitchVoice: () => call.disableSwitchVoice,
      status: () => call.status,
      busy: () => call.busy,
      noContactText: () => strings.callProblemText(call.contact ? null : call.problem),
      reachHint: () => call.reachHint,
      hasProfile: () => store.profile.me !== null,
      waitingHere: () => store.invitations.waiting?.to.openid === call.contactOpenid,
      ringState: () => rings.stateFor(call.contactOpenid),
      ringCode: () => strings.errorCodeLine(rings.code),
      ringResting: () => rings.resting,
      ringRest: () => rings.restSeconds,
      showConsent: () => permissions.privacyPromptPending || call.problem?.kind === 'privacy',
      // One primary action: calling, unless a way out of a problem (or the consent card) leads instead.
      callIsPrimary: () =>
        !(permissions.privacyPromptPending || call.problem?.kind === 'privacy') &&
        !call.leadsWayOut &&
        !call.cannotHere,
      offersRetry: () => call.offersRetry,
      history: () => call.historyRows,
    },
    actions: [],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      void store.start()
      call.open(query?.openid)
      if (typeof query?.openid === 'string') openids.set(this, query.openid)
    },
    onShow() {
      const openid = openids.get(this)
      if (openid) call.showFor(openid)
      this.setData({ now: Date.now() })
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
    onRing() {
      const contact = call.contact
      if (contact) void rings.ring(contact, call.mode)
    },
    onBack() {
      replaceWith('contacts')
    },
    /** #invite sends an invitation to this contact in the chosen mode; any other share sends my card. */
    onShareAppMessage(e: WechatMiniprogram.Page.IShareAppMessageOption) {
      const contact = call.contact
      return sharedFrom(e) === 'invite' && contact ? invitationCard(contact, call.mode) : myCard()
    },
  },
})
