// What the dial page shows: whom it calls, the call button, the ways to reach someone outside Duet, and which of
// its actions is the one primary action. Grouped so each part crosses to the view only when it changes.
import { makeAutoObservable } from 'mobx-miniprogram'
import type { CallStore } from '../call'
import type { HistoryRow } from '../history'
import type { InvitationsStore } from '../invitations'
import type { CallMode, Contact, Person } from '../model'
import type { ProfileStore } from '../profile'
import type { RingsStore, RingState } from '../rings'
import { CallScreenContext, consentCardShown, initialOf, wayOutLeads } from './call-screens'

export interface DialContext extends CallScreenContext {
  call: CallScreenContext['call'] &
    Pick<
      CallStore,
      'contact' | 'contactOpenid' | 'mode' | 'status' | 'busy' | 'disableSwitchVoice' | 'cannotHere' | 'reachHint'
    > & { readonly historyRows: HistoryRow[] }
  profile: Pick<ProfileStore, 'me'>
  invitations: Pick<InvitationsStore, 'waiting'>
  rings: Pick<RingsStore, 'stateFor' | 'code' | 'restingFor' | 'restSeconds' | 'restMinutes'>
}

/** The one primary action: the consent card's, going back (nobody to call), calling, or a problem's way out. */
export type DialPrimary = 'consent' | 'back' | 'call' | 'way-out' | 'none'
/** What the call button says: the attempt's stage, or the call it makes. */
export type CallButtonWords = 'checking' | 'requesting' | 'joining' | CallMode

export interface DialPerson {
  contact: Contact
  initial: string
  /** Until a first call is placed: the other person must be inside Duet to be reached. */
  reachHint: boolean
}

export interface DialCaller {
  mode: CallMode
  disableSwitchVoice: boolean
  busy: boolean
  words: CallButtonWords
  /** Where trying again is the way out, #call-retry (in call-status) takes the call button's place. */
  shown: boolean
  primary: boolean
}

export interface DialReach {
  /** A wait for this person shows in its place (the waiting room). */
  shown: boolean
  /** Inviting and ringing need my profile (the callback must know whom to call). */
  hasProfile: boolean
  ring: RingState
  /** WeChat's code when the ring failed. */
  ringCode: number | null
  resting: boolean
  /** How long the rest lasts, in seconds for the last minute, else in minutes (the other is 0). */
  restSeconds: number
  restMinutes: number
}

export class DialScreen {
  constructor(private readonly ctx: DialContext) {
    makeAutoObservable<this, 'ctx'>(this, { ctx: false })
  }

  get consent(): boolean {
    return consentCardShown(this.ctx)
  }

  get primary(): DialPrimary {
    const { call } = this.ctx
    if (this.consent) return 'consent'
    if (!call.contact) return 'back'
    if (wayOutLeads(this.ctx)) return 'way-out'
    // Calling cannot work here as things are: nothing on this screen leads.
    if (call.cannotHere) return 'none'
    return 'call'
  }

  get person(): DialPerson | null {
    const { contact, reachHint } = this.ctx.call
    return contact ? { contact, initial: initialOf(contact.nickname), reachHint } : null
  }

  get caller(): DialCaller {
    const { call } = this.ctx
    return {
      mode: call.mode,
      disableSwitchVoice: call.disableSwitchVoice,
      busy: call.busy,
      words: call.status === 'idle' ? call.mode : call.status,
      shown: !call.offersRetry,
      primary: this.primary === 'call',
    }
  }

  get reach(): DialReach {
    const { call, invitations, profile, rings } = this.ctx
    const ring = rings.stateFor(call.contactOpenid)
    const resting = rings.restingFor(call.contactOpenid)
    return {
      shown: invitations.waiting?.to.openid !== call.contactOpenid,
      hasProfile: profile.me !== null,
      ring,
      ringCode: ring === 'failed' ? (rings.code ?? null) : null,
      resting,
      // Minutes while more than one is left: the page is not re-sent every second of an hour's wait.
      restSeconds: resting && rings.restSeconds <= 60 ? rings.restSeconds : 0,
      restMinutes: resting && rings.restSeconds > 60 ? rings.restMinutes : 0,
    }
  }

  get history(): HistoryRow[] {
    return this.ctx.call.historyRows
  }

  /** Whom an invitation from this page is for, in the mode chosen; nobody without a contact. */
  get invitee(): { to: Person; mode: CallMode } | null {
    const { contact, mode } = this.ctx.call
    return contact ? { to: contact, mode } : null
  }
}
