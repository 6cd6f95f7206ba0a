// Issue 6 §1: every combination of privacy × microphone scope × camera scope × WeChat's phone microphone
// and camera permission × environment × mode, checked against the independent oracle in test/oracle.ts:
// the onboarding step shown, what a #call tap does, and the wx calls made.
import type { Environment } from '../fake-wx'
import { launch } from '../harness/app'
import { settle } from '../harness/page'
import { callResultShown, routeOf, stepShown } from '../harness/screens'
import { ALICE, ME, stored } from '../fixtures'
import {
  authSettingOf,
  callTapFor,
  Env,
  FullState,
  launchCallsFor,
  onboardingStepFor,
  OS_VALUES,
  Privacy,
  SCOPE_VALUES,
} from '../oracle'

const ENV: Record<Env, Partial<Environment>> = {
  'old-base-library': { sdkVersion: '2.19.0' },
  devtools: { platform: 'devtools' },
  phone: { platform: 'ios' },
}
const PLATFORM_CATEGORIES = ['privacy', 'permission', 'call', 'system', 'network'] as const

async function check(s: FullState) {
  const app = await launch(
    {
      ...ENV[s.env],
      privacyNeedsAgreement: s.privacy !== 'agreed',
      authSetting: authSettingOf(s),
      os: { microphone: s.phoneMic, camera: s.phoneCamera },
      storage: stored({ profile: ME, contacts: [ALICE], prefs: { lastMode: s.mode } }),
    },
    { popups: { 'scope.record': ['allow'], 'scope.camera': ['allow'] } },
  )

  const onboarding = await app.open('onboarding')
  const launchCalls = app.fake.trace()
  if (s.privacy === 'declined' && onboarding.exists('#privacy-decline')) {
    onboarding.tap('#privacy-decline')
    await settle()
  }
  const step = onboardingStepFor(s)
  // Nothing left to do: the walkthrough steps aside for the contacts page.
  const shown = app.top()?.route === routeOf('contacts') ? 'done' : stepShown(onboarding)

  const dial = await app.open('dial', { openid: ALICE.openid })
  const mark = app.fake.calls.length
  dial.tap('#call')
  await settle()
  const calls = app.fake.calls
    .slice(mark)
    .filter((c) => (PLATFORM_CATEGORIES as readonly string[]).includes(c.category))
    .map((c) => c.summary)
  const expected = callTapFor(s)

  expect({
    state: s,
    launchCalls,
    step: shown,
    result: callResultShown(dial),
    calls,
    authorizeAfterDenial: false,
  }).toEqual({
    state: s,
    launchCalls: launchCallsFor(s),
    step,
    result: expected.result,
    calls: expected.calls,
    authorizeAfterDenial: app.fake.calls.some(
      (c) =>
        c.api === 'authorize' &&
        ((c.args as { scope: string }).scope === 'scope.record' ? s.mic : s.camera) === 'denied',
    ),
  })
  expect(dial.isDisabled('#call')).toBe(false)
}

let checked = 0
afterAll(() => {
  console.log(`every-state: ${checked} states checked against the oracle`)
})

const PRIVACY: Privacy[] = ['needed', 'agreed', 'declined']
const ENVS: Env[] = ['old-base-library', 'devtools', 'phone']

describe.each(ENVS)('%s', (env) => {
  test.each(PRIVACY)(
    'privacy %s: every scope, phone permission and mode',
    async (privacy) => {
      for (const mic of SCOPE_VALUES)
        for (const camera of SCOPE_VALUES)
          for (const phoneMic of OS_VALUES)
            for (const phoneCamera of OS_VALUES)
              for (const mode of ['voice', 'video'] as const) {
                await check({ privacy, mic, camera, phoneMic, phoneCamera, env, mode })
                checked++
              }
    },
    300_000,
  )
})

test('the table covers 3 × 3 × 3 × 3 × 3 × 3 × 2 states', () => {
  expect(checked).toBe(1458)
})
