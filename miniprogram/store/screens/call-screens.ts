// What every screen that makes a call shows the same way (the dial page, an invitation): the consent card, and
// whether a problem's way out is the thing to do next.
import type { CallStore } from '../call'
import type { PermissionsStore } from '../permissions'

export interface CallScreenContext {
  call: Pick<CallStore, 'problem' | 'leadsWayOut' | 'offersRetry'>
  permissions: Pick<PermissionsStore, 'privacyPromptPending'>
}

/**
 * The consent card shows while WeChat holds a privacy prompt open, and where a call stopped for want of consent:
 * a pending prompt must always be answerable.
 */
export function consentCardShown({ call, permissions }: CallScreenContext): boolean {
  return permissions.privacyPromptPending || call.problem?.kind === 'privacy'
}

/** A problem's way out (a settings page, who I am, my profile, or trying again) is what to do next. */
export function wayOutLeads({ call }: CallScreenContext): boolean {
  return call.leadsWayOut || call.offersRetry
}

/** The first character of a name, for an avatar without a picture ("?" without a name). */
export function initialOf(name: string | undefined): string {
  return Array.from(name || '?')[0]
}
