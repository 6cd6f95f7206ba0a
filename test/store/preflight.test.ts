// Preflight is a pure function of a permissions snapshot: every snapshot is checked here against rules
// written out plainly from the platform doc (§1, §2), without a phone, a page or a model of WeChat.
import fc from 'fast-check'
import type { CallProblem } from '../../miniprogram/store/call-problems'
import type { CallMode, Device, Scope } from '../../miniprogram/store/model'
import type { PermissionsSnapshot, RequestOutcome, ScopeState } from '../../miniprogram/store/permissions'
import { permissionProblem, phoneProblem, requestProblem, supportProblem } from '../../miniprogram/store/preflight'
import type { PhonePermission } from '../../miniprogram/services/system'

const SCOPE_STATES: ScopeState[] = ['granted', 'denied', 'unasked']
const PHONE: PhonePermission[] = ['authorized', 'denied', 'not determined', 'unknown']
const DEVICE_SETS: Device[][] = [[], ['microphone'], ['camera'], ['microphone', 'camera']]
const MODES: CallMode[] = ['voice', 'video']

/** Every snapshot: privacy × what the guide declares × both scopes × both phone permissions. */
function* everySnapshot(): Generator<PermissionsSnapshot> {
  for (const privacyBlocks of [false, true])
    for (const undeclared of DEVICE_SETS)
      for (const record of SCOPE_STATES)
        for (const camera of SCOPE_STATES)
          for (const mic of PHONE)
            for (const cam of PHONE)
              yield {
                support: 'supported',
                privacyBlocks,
                undeclared,
                scopes: { 'scope.record': record, 'scope.camera': camera },
                phone: { microphone: mic, camera: cam },
              }
}

/** The rules, said another way: what a mode uses, and the first of the documented checks that fails. */
function expected(s: PermissionsSnapshot, mode: CallMode): CallProblem | 'ask' | null {
  const devices: Device[] = mode === 'video' ? ['microphone', 'camera'] : ['microphone']
  const scopeOf: Record<Device, Scope> = { microphone: 'scope.record', camera: 'scope.camera' }
  if (s.privacyBlocks) return { kind: 'privacy' }
  if (devices.some((d) => s.undeclared.includes(d))) return { kind: 'privacy-undeclared' }
  const denied = devices.filter((d) => s.scopes[scopeOf[d]] === 'denied')
  if (denied.length) return { kind: 'scopes-denied', devices: denied }
  if (devices.some((d) => s.scopes[scopeOf[d]] === 'unasked')) return 'ask'
  const phoneDenied = devices.filter((d) => s.phone[d] === 'denied')
  return phoneDenied.length ? { kind: 'phone-denied', devices: phoneDenied } : null
}

test('every snapshot, both modes: the first check that fails, in the documented order', () => {
  const wrong: unknown[] = []
  let checked = 0
  for (const snapshot of everySnapshot())
    for (const mode of MODES) {
      const got = permissionProblem(snapshot, mode)
      if (JSON.stringify(got) !== JSON.stringify(expected(snapshot, mode))) wrong.push({ mode, snapshot, got })
      checked++
    }
  expect(wrong).toEqual([])
  expect(checked).toBe(2 * 4 * 3 * 3 * 4 * 4 * 2)
})

/** A fresh seed each run, in the test's name; DUET_PREFLIGHT_SEED replays one. */
const SEED = Number(process.env.DUET_PREFLIGHT_SEED || Date.now() % 1e9)

test(`voice never depends on the camera, in any snapshot (seed ${SEED})`, () => {
  const seed = SEED
  const snapshot = fc.record({
    support: fc.constant('supported' as const),
    privacyBlocks: fc.boolean(),
    undeclared: fc.constantFrom(...DEVICE_SETS.filter((d) => !d.includes('microphone'))),
    scopes: fc.record({
      'scope.record': fc.constantFrom(...SCOPE_STATES),
      'scope.camera': fc.constantFrom(...SCOPE_STATES),
    }),
    phone: fc.record({ microphone: fc.constantFrom(...PHONE), camera: fc.constantFrom(...PHONE) }),
  })
  const otherCamera = fc.tuple(fc.constantFrom(...SCOPE_STATES), fc.constantFrom(...PHONE))
  try {
    fc.assert(
      fc.property(snapshot, otherCamera, (s, [scope, phone]) => {
        const changed = { ...s, scopes: { ...s.scopes, 'scope.camera': scope }, phone: { ...s.phone, camera: phone } }
        expect(permissionProblem(changed, 'voice')).toEqual(permissionProblem(s, 'voice'))
      }),
      { seed },
    )
  } catch (err) {
    throw new Error(`seed ${seed} (DUET_PREFLIGHT_SEED replays it): ${String(err)}`)
  }
})

test('an old base library and DevTools stop a call before anything is read or asked', () => {
  expect(supportProblem('old-base-library')).toEqual({ kind: 'old-base-library' })
  expect(supportProblem('devtools')).toEqual({ kind: 'devtools' })
  expect(supportProblem('supported')).toBeNull()
  expect(supportProblem('unknown')).toBeNull()
})

test.each([
  ['granted', null],
  ['privacy-declined', { kind: 'privacy' }],
  ['undeclared', { kind: 'privacy-undeclared' }],
  ['denied', { kind: 'scopes-denied', devices: ['camera'] }],
  ['failed', { kind: 'request-failed' }],
] as const)('a request that ended %s leaves %j', (outcome: RequestOutcome, problem) => {
  expect(requestProblem(outcome, ['camera'])).toEqual(problem)
})

test('"not determined" on the phone is no obstacle: the phone asks when WeChat first uses the device', () => {
  const phone = { microphone: 'not determined', camera: 'denied' } as const
  const scopes = { 'scope.record': 'granted', 'scope.camera': 'granted' } as const
  expect(phoneProblem({ scopes, phone }, 'voice')).toBeNull()
  expect(phoneProblem({ scopes, phone }, 'video')).toEqual({ kind: 'phone-denied', devices: ['camera'] })
})
