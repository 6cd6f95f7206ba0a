// An invitation opened from a chat (platform doc §7.2): call back the person who sent it, in their mode.
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { replaceWith } from '../../services/navigation'
import { invitationCard, myCard, sharedFrom } from '../../share-cards'
import { store } from '../../store/index'
import type { CallMode } from '../../store/model'
import * as strings from '../../strings'

const { call, invitations, onboarding, permissions } = store

/**
 * Whether calling (back, or a way out of its problem) is this screen's main action: not beside the consent
 * card, not before my profile is given, not on an expired invitation (inviting back leads there).
 */
const callLeads = () =>
  invitations.status === 'valid' &&
  store.profile.me !== null &&
  !permissions.privacyPromptPending &&
  call.problem?.kind !== 'privacy'

ComponentWithStore({
  data: { t: strings.invite },
  storeBindings: {
    store,
    fields: {
      theme: () => store.appearance.theme,
      status: () => invitations.status,
      from: () => invitations.shown?.from ?? null,
      initial: () => Array.from(invitations.shown?.from.nickname ?? '?')[0],
      mode: () => invitations.shown?.mode ?? 'voice',
      title: () =>
        invitations.shown ? strings.invitationTitle(invitations.shown.from.nickname, invitations.shown.mode) : '',
      callbackText: () =>
        invitations.shown ? strings.callbackText(invitations.shown.from.nickname, invitations.shown.mode) : '',
      sentAgo: () => (invitations.shown ? strings.sentAgo(invitations.now - invitations.shown.sentAt) : ''),
      problemText: () => strings.invitationProblemText(invitations.problem),
      hasProfile: () => store.profile.me !== null,
      busy: () => call.busy,
      showConsent: () => permissions.privacyPromptPending || call.problem?.kind === 'privacy',
      // One primary action: calling back while the invitation is fresh and nothing else must come first.
      callbackPrimary: () => callLeads() && !call.leadsWayOut,
      offersRetry: () => call.offersRetry,
      // The way out of a call problem (call-status) leads on the same terms.
      statusLeads: callLeads,
    },
    actions: [],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      invitations.open(query || {})
      // A first-time person is walked through privacy and permissions first, then brought back here; one who
      // chose to look around sees the invitation, and what is missing shows when they call back.
      void store.start().then(() => {
        const answerable = invitations.status === 'valid' || invitations.status === 'expired'
        if (answerable && onboarding.walksInviteeThrough) replaceWith('onboarding')
      })
    },
    onShow() {
      // The call state may be about someone else (a call elsewhere): this page is about the inviter.
      const shown = invitations.shown
      if (shown) call.showGuest(shown.from, shown.mode)
      void store.pageShown()
    },
    /** #callback: the same preflight as every call, to the inviter, in the invited mode. Only on this tap. */
    onCallback() {
      this.callBack(invitations.shown?.mode ?? 'voice')
    },
    /** #callback-voice: a video invitation answered by voice (voice only chosen, or no camera to hand). */
    onCallbackVoice() {
      this.callBack('voice')
    },
    callBack(mode: CallMode) {
      const shown = invitations.shown
      if (!shown) return
      call.openGuest(shown.from, mode)
      void call.start()
    },
    onHome() {
      replaceWith('contacts')
    },
    /** #invite-back invites the inviter back; any other share (e.g. #send-card-back) sends my card. */
    onShareAppMessage(e: WechatMiniprogram.Page.IShareAppMessageOption) {
      const shown = invitations.shown
      return sharedFrom(e) === 'invite-back' && shown ? invitationCard(shown.from, shown.mode) : myCard()
    },
  },
})
