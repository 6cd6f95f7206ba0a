// Which action leads on my own page: the consent card's, saving my profile until there is one, then sharing my card.
import { makeAutoObservable } from 'mobx-miniprogram'
import type { PermissionsStore } from '../permissions'
import type { ProfileStore } from '../profile'

export interface MeContext {
  permissions: Pick<PermissionsStore, 'privacyPromptPending'>
  profile: Pick<ProfileStore, 'me'>
}

export type MePrimary = 'consent' | 'profile' | 'share-card'

export class MeScreen {
  constructor(private readonly ctx: MeContext) {
    makeAutoObservable<this, 'ctx'>(this, { ctx: false })
  }

  get primary(): MePrimary {
    if (this.ctx.permissions.privacyPromptPending) return 'consent'
    return this.ctx.profile.me === null ? 'profile' : 'share-card'
  }
}
