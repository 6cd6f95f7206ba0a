// The store bindings of a screen that may show the privacy consent card and has one primary action: what its
// view getter (store/screens/) decides, bound the same way on every such page.
import type { IStoreBindings } from 'mobx-miniprogram-bindings'
import { store } from '../store/index'

interface ScreenWithConsent {
  readonly consent: boolean
  readonly primary: string
}

export function screenBindings(screen: ScreenWithConsent, fields: Record<string, () => unknown>): IStoreBindings {
  return {
    store,
    // Each group crosses to the view only when something in it changed.
    structuralComparison: true,
    fields: { consent: () => screen.consent, primary: () => screen.primary, ...fields },
    actions: [],
  }
}
