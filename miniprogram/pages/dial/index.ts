import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { replaceWith } from '../../services/navigation'
import { invitationCard, myCard, sharedFrom } from '../../share-cards'
import { problemFromErrCode } from '../../store/call-problems'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { call, permissions, rings } = store
/** The newest calls shown for a contact; the full history stays in the store. */
const HISTORY_SHOWN = 10

ComponentWithStore({
  data: {
    t: strings.dial,
    tm: strings.modes,
    tr: strings.reach,
    canRing: rings.available,
  },
  storeBindings: {
    store,
    fields: {
      contact: () => call.contact ?? null,
      initial: () => Array.from(call.contact?.nickname ?? '?')[0],
      mode: () => call.mode,
      disableSwitchVoice: () => call.disableSwitchVoice,
      status: () => call.status,
      busy: () => call.busy,
      noContactText: () => strings.callProblemText(call.contact ? null : call.problem),
      reachHint: () => call.reachHint,
      hasProfile: () => store.profile.me !== null,
      waiting: () => store.invitations.waiting !== null,
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
            // Why it failed, in words (strings.dial.reasons); the code itself goes to the details line.
            reason: outcome === 'failed' && errCode !== undefined ? problemFromErrCode(errCode).kind : undefined,
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
