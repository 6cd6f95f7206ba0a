// What home (the contact list) shows first, and which of its actions is the one primary action.
import { makeAutoObservable } from 'mobx-miniprogram'
import type { ContactsStore } from '../contacts'
import type { PermissionsStore } from '../permissions'
import type { ProfileStore } from '../profile'

export interface HomeContext {
  permissions: Pick<PermissionsStore, 'privacyPromptPending'>
  profile: Pick<ProfileStore, 'me'>
  contacts: Pick<ContactsStore, 'shareOffer' | 'items' | 'form'>
}

/**
 * The consent card's, saving an edit (the edit dialog is open), adding a person offered, saving my profile,
 * sharing my card (no contacts yet), or none.
 */
export type HomePrimary = 'consent' | 'edit' | 'share-offer' | 'profile' | 'share-card' | 'none'

export class HomeScreen {
  /**
   * Someone without a profile starts with it, above the list; decided once per visit (opened), so the card does
   * not jump away the moment the profile is saved. Null until then: neither the card nor my cell is drawn.
   */
  profileFirst: boolean | null = null

  constructor(private readonly ctx: HomeContext) {
    makeAutoObservable<this, 'ctx'>(this, { ctx: false }, { autoBind: true })
  }

  /** Home opens (a visit begins). */
  opened(): void {
    this.profileFirst = this.ctx.profile.me === null
  }

  get primary(): HomePrimary {
    const { contacts, permissions, profile } = this.ctx
    if (permissions.privacyPromptPending) return 'consent'
    if (contacts.form.editing) return 'edit'
    if (contacts.shareOffer && profile.me) return 'share-offer'
    if (this.profileFirst && !profile.me) return 'profile'
    if (contacts.items.length === 0 && profile.me && this.profileFirst === false) return 'share-card'
    return 'none'
  }
}
