// What the invitation page shows: the invitation, the callback and which action is the one primary action.
import { makeAutoObservable } from 'mobx-miniprogram'
import type { CallStore } from '../call'
import type { InvitationsStore, InvitationStatus } from '../invitations'
import type { CallMode, Person } from '../model'
import type { ProfileStore } from '../profile'
import { CallScreenContext, consentCardShown, initialOf, wayOutLeads } from './call-screens'

export interface InviteContext extends CallScreenContext {
  call: CallScreenContext['call'] & Pick<CallStore, 'busy'>
  invitations: Pick<InvitationsStore, 'status' | 'shown' | 'now'>
  profile: Pick<ProfileStore, 'me'>
}

/**
 * The one primary action: the consent card's, going home (a link that leads nowhere), giving my profile first,
 * inviting back (expired), calling back, or a call problem's way out.
 */
export type InvitePrimary = 'consent' | 'home' | 'invite-back' | 'profile' | 'callback' | 'way-out'

export interface InviteCard {
  from: Person
  initial: string
  mode: CallMode
  /** Whole minutes since it was sent: 0 is "just now". */
  minutesAgo: number
}

export interface InviteCallback {
  /** Where trying again is the way out, #call-retry (in call-status) takes the callback's place. */
  shown: boolean
  disabled: boolean
  /** Calling back and inviting back need my profile (the other person must know who calls). */
  hasProfile: boolean
  /** A video invitation may be answered by voice. */
  byVoiceToo: boolean
  primary: boolean
}

export class InviteScreen {
  constructor(private readonly ctx: InviteContext) {
    makeAutoObservable<this, 'ctx'>(this, { ctx: false })
  }

  get consent(): boolean {
    return consentCardShown(this.ctx)
  }

  get status(): InvitationStatus {
    return this.ctx.invitations.status
  }

  get primary(): InvitePrimary {
    if (this.consent) return 'consent'
    if (this.status !== 'valid' && this.status !== 'expired') return 'home'
    // Calling back and inviting back both need my profile: giving it comes first.
    if (this.ctx.profile.me === null) return 'profile'
    if (this.status === 'expired') return 'invite-back'
    return wayOutLeads(this.ctx) ? 'way-out' : 'callback'
  }

  get card(): InviteCard | null {
    const { shown, now } = this.ctx.invitations
    if (!shown) return null
    return {
      from: shown.from,
      initial: initialOf(shown.from.nickname),
      mode: shown.mode,
      minutesAgo: Math.floor(Math.max(0, now - shown.sentAt) / 60_000),
    }
  }

  get callback(): InviteCallback {
    const { call, invitations, profile } = this.ctx
    return {
      shown: !call.offersRetry,
      disabled: call.busy || profile.me === null,
      hasProfile: profile.me !== null,
      byVoiceToo: invitations.shown?.mode === 'video',
      primary: this.primary === 'callback',
    }
  }

  /** Whom inviting back invites: the person who invited me, in their mode. */
  get invitee(): { to: Person; mode: CallMode } | null {
    const { shown } = this.ctx.invitations
    return shown ? { to: shown.from, mode: shown.mode } : null
  }
}
