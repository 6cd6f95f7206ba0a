// What a share button sends (platform doc §7.2): my card, or an invitation to call me back. Each share button
// says which with data-share="card" or data-share="invitation"; pages answer onShareAppMessage with shareFrom,
// and the friend's tap opens the path's page with its query.
import { pageUrl } from './services/navigation'
import { store } from './store/index'
import { appointmentRulesModule } from './store/later'
import type { CallMode, Person } from './store/model'
import * as strings from './strings'

export interface ShareCard {
  title: string
  path: string
}

/** What a share button sends: its data-share. */
export type ShareKind = 'card' | 'invitation' | 'appointment' | 'appointment-reply'

/** Whom a page's invitation is for, and in which mode; null where there is nobody to invite. */
export type Invitee = { to: Person; mode: CallMode } | null

/** My card: the contacts page, offering me as a contact. Without a profile, just Duet. */
export function myCard(): ShareCard {
  const me = store.profile.me
  if (!me) return { title: strings.common.appName, path: pageUrl('contacts') }
  const card: Record<string, string> = { openid: me.openid, nickname: me.nickname }
  if (me.avatarUrl) card.avatar = me.avatarUrl
  return { title: strings.fill(strings.share.cardTitle, { name: me.nickname }), path: pageUrl('contacts', card) }
}

/** The card of the invitation my running wait is for (it starts nothing); my card while no wait runs. */
export function invitationCard(): ShareCard {
  const me = store.profile.me
  const link = store.invitations.sentLink
  const mode = store.invitations.waiting?.mode
  if (!me || !link || !mode) return myCard()
  return { title: strings.invitationTitle(me.nickname, mode), path: pageUrl('invite', link) }
}

/** Sending an invitation starts my wait for the invitee (the command); the card then carries its link. */
function sendInvitation(invitee: Invitee): ShareCard {
  if (invitee) store.invitations.invite(invitee.to, invitee.mode)
  return invitationCard()
}

/** An appointment's time as a card's title says it: "12月8日 周二 15:00", in the sender's zone. */
function cardDate(startAt: number): string {
  const { localTime, phoneOffset } = appointmentRulesModule()
  return strings.appointmentDate(localTime(startAt, startAt, phoneOffset(startAt)))
}

/**
 * #book-send: the booking is kept as 待确认 (the command) and its card goes out, "安娜 约你 12月8日 周二 15:00
 * 视频通话 30 分钟". A booking that cannot be sent (a past or overlapping time) sends my card instead: the
 * button is disabled then, so only a stale view gets here.
 */
function sendAppointment(): ShareCard {
  const card = store.appointments.book()
  if (!card) return myCard()
  const { appointmentCardQuery, localTime, minutesOf, phoneOffset } = appointmentRulesModule()
  const when = localTime(card.startAt, card.startAt, phoneOffset(card.startAt))
  return {
    title: strings.appointmentCardTitle(card.from.nickname, when, card.mode, minutesOf(card)),
    path: pageUrl('appointment', appointmentCardQuery(card)),
  }
}

/** #appt-reply: my answer to the appointment on screen, for its booker ("阿本 已确认：12月8日 周二 15:00"). */
function sendReply(): ShareCard {
  const reply = store.appointments.reply
  const shown = store.appointments.shown
  if (!reply || !shown) return myCard()
  const { nickname } = store.profile
  const { replyTitle, replyTitleNoName } = strings.appointmentFilled
  const title = strings.fill(nickname ? replyTitle : replyTitleNoName, {
    name: nickname,
    state: strings.appointments.states[shown.state],
    date: cardDate(shown.startAt),
  })
  return { title, path: pageUrl('appointment', reply) }
}

/** Every kind of share, and what it sends. */
const SENDS: Record<ShareKind, (invitee: Invitee) => ShareCard> = {
  card: myCard,
  invitation: sendInvitation,
  appointment: sendAppointment,
  'appointment-reply': sendReply,
}

const isShareKind = (kind: unknown): kind is ShareKind => typeof kind === 'string' && kind in SENDS

/** onShareAppMessage: what the tapped button's data-share asks for; my card for any other share (the menu's). */
export function shareFrom(e: WechatMiniprogram.Page.IShareAppMessageOption | undefined, invitee: Invitee): ShareCard {
  const kind = (e?.target as { dataset?: { share?: unknown } } | undefined)?.dataset?.share
  return SENDS[isShareKind(kind) ? kind : 'card'](invitee)
}
