// What a share button sends (platform doc §7.2): my card, or an invitation to call me back. Pages answer
// onShareAppMessage with these; the friend's tap opens the path's page with its query.
import { pageUrl } from './services/navigation'
import { store } from './store/index'
import type { CallMode, Person } from './store/model'
import * as strings from './strings'

export interface ShareCard {
  title: string
  path: string
}

/** My card: the contacts page, offering me as a contact. Without a profile, just Duet. */
export function myCard(): ShareCard {
  const me = store.profile.me
  if (!me) return { title: strings.common.appName, path: pageUrl('contacts') }
  const card: Record<string, string> = { openid: me.openid, nickname: me.nickname }
  if (me.avatarUrl) card.avatar = me.avatarUrl
  return { title: strings.shareTitle(me.nickname), path: pageUrl('contacts', card) }
}

/** An invitation to call me back in `mode`; sending it starts my wait for `to`. */
export function invitationCard(to: Person, mode: CallMode): ShareCard {
  const me = store.profile.me
  const query = store.invitations.invite(to, mode)
  if (!me || !query) return myCard()
  return { title: strings.invitationTitle(me.nickname, mode), path: pageUrl('invite', query) }
}

/** The id of the share button that was tapped, if a button was. */
export function sharedFrom(e: WechatMiniprogram.Page.IShareAppMessageOption | undefined): string {
  const target = e?.target as { id?: unknown } | undefined
  return typeof target?.id === 'string' ? target.id : ''
}
