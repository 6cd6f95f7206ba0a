// The walkthrough alone: which mode, which step, where it leads. Permissions, invitations and persistence are
// plain stand-ins holding facts; no model of WeChat, no page.
import { OnboardingContext, OnboardingStore, stepFor } from '../../miniprogram/store/onboarding'
import type { CallMode, Invitation, Scope } from '../../miniprogram/store/model'
import { SCOPES_FOR_MODE } from '../../miniprogram/store/model'
import type { Lacks, RequestOutcome } from '../../miniprogram/store/permissions'

type ScopeState = 'granted' | 'denied' | 'unasked'

/** Permission facts as plain data; `lacks` reads them as the permissions slice does. */
function facts(
  scopes: Partial<Record<Scope, ScopeState>> = {},
  more: Partial<{ loaded: boolean; privacyBlocks: boolean; phoneDenied: boolean }> = {},
) {
  const state = (s: Scope) => scopes[s] ?? 'granted'
  const requested: CallMode[] = []
  return {
    loaded: more.loaded ?? true,
    privacyBlocks: more.privacyBlocks ?? false,
    undeclared: [] as ('microphone' | 'camera')[],
    requested,
    lacks(mode: CallMode): Lacks {
      const needed = SCOPES_FOR_MODE[mode]
      return {
        denied: needed.filter((s) => state(s) === 'denied'),
        unasked: needed.filter((s) => state(s) === 'unasked'),
        phoneDenied: more.phoneDenied ? ['microphone'] : [],
      }
    },
    request(mode: CallMode): Promise<RequestOutcome> {
      requested.push(mode)
      return Promise.resolve('granted')
    },
  }
}

const BEN = { openid: 'oBen_00000000000000001', nickname: '阿本' }
const invitation = (mode: CallMode): Invitation => ({ from: BEN, mode, sentAt: 0 })

function onboardingWith(permissions = facts(), received: Invitation | null = null, returning = false) {
  const ctx: OnboardingContext = {
    permissions,
    invitations: { received },
    appointments: { awaitingAnswer: false },
    persistence: { returning },
  }
  return new OnboardingStore(ctx)
}

describe('stepFor: the first step missing, in the walkthrough’s order', () => {
  test.each([
    ['not read yet', 'loading', facts({}, { loaded: false })],
    ['consent missing', 'privacy', facts({ 'scope.record': 'denied' }, { privacyBlocks: true })],
    ['a scope denied before', 'recovery', facts({ 'scope.camera': 'denied', 'scope.record': 'unasked' })],
    ['a scope never asked', 'explainer', facts({ 'scope.camera': 'unasked' })],
    ['WeChat lacks the phone’s permission', 'phone', facts({}, { phoneDenied: true })],
    ['nothing missing', 'done', facts()],
  ] as const)('%s → %s', (_name, step, permissions) => {
    expect(stepFor(permissions, 'video')).toBe(step)
  })

  test('the guide not declaring a device is the developer’s step, before any scope', () => {
    const permissions = { ...facts({ 'scope.record': 'denied' }), undeclared: ['camera' as const] }
    expect(stepFor(permissions, 'voice')).toBe('undeclared')
  })
})

describe('the mode walked through', () => {
  test('video unless the person chose voice only; the choice is kept as a pref', () => {
    const onboarding = onboardingWith(facts({ 'scope.camera': 'unasked' }))
    expect([onboarding.mode, onboarding.step]).toEqual(['video', 'explainer'])
    onboarding.skipCamera()
    expect([onboarding.mode, onboarding.step, onboarding.prefs]).toEqual(['voice', 'done', { audioOnly: true }])
    onboarding.includeCamera()
    expect(onboarding.mode).toBe('video')
  })

  test('a voice invitation needs only the microphone, and offers no camera choice', () => {
    const onboarding = onboardingWith(facts({ 'scope.camera': 'unasked' }), invitation('voice'))
    expect([onboarding.mode, onboarding.step, onboarding.cameraOptional]).toEqual(['voice', 'done', false])
  })

  test('a video invitation walks through the person’s own choice, and leads back to it', () => {
    const onboarding = onboardingWith(facts(), invitation('video'))
    onboarding.load({ audioOnly: true })
    expect([onboarding.mode, onboarding.cameraOptional, onboarding.next]).toEqual(['voice', true, 'invite'])
  })

  test('#grant asks for what the mode needs', async () => {
    const permissions = facts({ 'scope.record': 'unasked' })
    const onboarding = onboardingWith(permissions)
    onboarding.skipCamera()
    expect(await onboarding.grant()).toBe('granted')
    expect(permissions.requested).toEqual(['voice'])
  })
})

describe('home and the walkthrough', () => {
  test('someone new is walked through, unless they chose to look around', () => {
    const onboarding = onboardingWith(facts({ 'scope.record': 'unasked' }))
    expect(onboarding.homeLeadsToWalkthrough).toBe(true)
    onboarding.lookAround()
    expect(onboarding.homeLeadsToWalkthrough).toBe(false)
  })

  test('a returning person sees their contacts, even before permissions are read', () => {
    const onboarding = onboardingWith(facts({}, { loaded: false }), null, true)
    expect([onboarding.homeDecided, onboarding.homeLeadsToWalkthrough]).toEqual([true, false])
  })

  test('someone new waits for the read before home decides', () => {
    expect(onboardingWith(facts({}, { loaded: false })).homeDecided).toBe(false)
  })

  test('what is denied or missing on the phone, for the mode', () => {
    const onboarding = onboardingWith(facts({ 'scope.camera': 'denied' }, { phoneDenied: true }))
    expect([onboarding.deniedDevices, onboarding.phoneDeniedDevices]).toEqual([['camera'], ['microphone']])
  })
})
