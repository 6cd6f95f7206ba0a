import { callWx, wxFunction } from './call-wx'

export interface PrivacySetting {
  needAuthorization: boolean
  contractName: string
}

export type PrivacyAnswer = { event: 'agree'; buttonId: string } | { event: 'disagree' }
export type PrivacyPromptListener = (answer: (a: PrivacyAnswer) => void) => void

/** null where the base library predates privacy consent (before 2.32.3): nothing to agree to. */
export async function getPrivacySetting(): Promise<PrivacySetting | null> {
  if (!wxFunction('getPrivacySetting')) return null
  const res = await callWx<{ needAuthorization: boolean; privacyContractName: string }>('getPrivacySetting')
  return { needAuthorization: res.needAuthorization, contractName: res.privacyContractName }
}

/**
 * Registers the app's one handler for privacy prompts. WeChat keeps the gated call pending until
 * `answer` is called. (The typings declare the listener's argument wrongly; this is its real shape.)
 */
export function onNeedPrivacyAuthorization(listener: PrivacyPromptListener): boolean {
  const register = wxFunction('onNeedPrivacyAuthorization')
  if (!register) return false
  register.call(wx, (resolve: (a: PrivacyAnswer) => void) => listener(resolve))
  return true
}

export function openPrivacyContract(): Promise<void> {
  return callWx<unknown>('openPrivacyContract').then(() => undefined)
}
