// What stands in the way of a call before WeChat is asked: a pure function of the permissions as they stand
// (a snapshot), so every state can be checked without a phone (test/store/preflight.test.ts).
import type { CallProblem } from './call-problems'
import { CallMode, Device, DEVICE_FOR_SCOPE, SCOPES_FOR_MODE } from './model'
import { lacksFor, PermissionsSnapshot, RequestOutcome } from './permissions'

/** Before asking anything: this phone or this WeChat cannot call at all. */
export function supportProblem(support: PermissionsSnapshot['support']): CallProblem | null {
  if (support === 'old-base-library') return { kind: 'old-base-library' }
  if (support === 'devtools') return { kind: 'devtools' }
  return null
}

/**
 * The permissions `mode` needs, in the documented order: consent, the privacy guide, scopes denied before,
 * then scopes never asked ('ask': a popup may grant them), then WeChat's own phone permissions.
 */
export function permissionProblem(p: PermissionsSnapshot, mode: CallMode): CallProblem | 'ask' | null {
  if (p.privacyBlocks) return { kind: 'privacy' }
  if (SCOPES_FOR_MODE[mode].some((s) => p.undeclared.includes(DEVICE_FOR_SCOPE[s])))
    return { kind: 'privacy-undeclared' }
  const lacks = lacksFor(p, mode)
  if (lacks.denied.length) return { kind: 'scopes-denied', devices: lacks.denied.map((s) => DEVICE_FOR_SCOPE[s]) }
  if (lacks.unasked.length) return 'ask'
  return phoneProblem(p, mode)
}

/** WeChat itself lacks the phone's permission for a device `mode` needs: only the phone's settings help. */
export function phoneProblem(p: Pick<PermissionsSnapshot, 'scopes' | 'phone'>, mode: CallMode): CallProblem | null {
  const { phoneDenied } = lacksFor(p, mode)
  return phoneDenied.length ? { kind: 'phone-denied', devices: phoneDenied } : null
}

/** How a request for scopes ended, as the problem it leaves; `denied` names what is now switched off. */
export function requestProblem(outcome: RequestOutcome, denied: Device[]): CallProblem | null {
  if (outcome === 'granted') return null
  if (outcome === 'privacy-declined') return { kind: 'privacy' }
  if (outcome === 'undeclared') return { kind: 'privacy-undeclared' }
  if (outcome === 'denied') return { kind: 'scopes-denied', devices: denied }
  return { kind: 'request-failed' }
}
