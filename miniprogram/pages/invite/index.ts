// An invitation opened from a chat (platform doc §7.2): call back the person who sent it, in their mode.
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { duetPage } from '../../behaviors/duet-page'
import { screenBindings } from '../../behaviors/screen-bindings'
import { withBehaviors } from '../../behaviors/settings-ways-out'
import { replaceWith } from '../../services/navigation'
import { shareFrom } from '../../share-cards'
import { store } from '../../store/index'
import type { CallMode } from '../../store/model'
import * as strings from '../../strings'

const { call, invitations, onboarding } = store
const screen = store.screens.invite
const t = strings.invite

ComponentWithStore({
  ...withBehaviors(duetPage),
  data: { t },
  storeBindings: screenBindings(screen, {
    status: () => screen.status,
    card: () => screen.card,
    callback: () => screen.callback,
    title: () => {
      const card = screen.card
      return card ? strings.invitationTitle(card.from.nickname, card.mode) : ''
    },
    callbackText: () => {
      const card = screen.card
      return card ? strings.fill(strings.inviteFilled.callback[card.mode], { name: card.from.nickname }) : ''
    },
    sentAgo: () => {
      const minutes = screen.card?.minutesAgo ?? 0
      return minutes < 1 ? strings.inviteFilled.justNow : strings.fill(strings.inviteFilled.minutesAgo, { minutes })
    },
    problemText: () => strings.invitationProblemText(invitations.problem),
  }),
  methods: {
    load(query: Record<string, string | undefined>) {
      invitations.open(query)
      // A first-time person is walked through privacy and permissions first, then brought back here; one who
      // chose to look around sees the invitation, and what is missing shows when they call back.
      void store.start().then(() => {
        const answerable = invitations.status === 'valid' || invitations.status === 'expired'
        if (answerable && onboarding.walksInviteeThrough) replaceWith('onboarding')
      })
    },
    show() {
      // The call state may be about someone else (a call elsewhere): this page is about the inviter.
      const shown = invitations.shown
      if (shown) call.showGuest(shown.from, shown.mode)
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
    onShareAppMessage(e: WechatMiniprogram.Page.IShareAppMessageOption) {
      return shareFrom(e, screen.invitee)
    },
  },
})
