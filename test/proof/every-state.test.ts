// Every combination of privacy × microphone scope × camera scope × WeChat's phone microphone and camera
// permission × environment × mode, checked against the independent oracle in test/oracle.ts: the
// onboarding step, what a call tap ends with, and the platform calls made on the way.
// - npm test: the whole table against the store (no pages), plus a fixed sample through the real pages.
// - npm run proof:pages (DUET_EVERY_STATE=pages; .ci/run runs it): the whole table through the real pages.
import type { Environment, ScriptedUser } from '../fake-wx'
import { launch, launchStore } from '../harness/app'
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

const PRIVACY: Privacy[] = ['needed', 'agreed', 'declined']
const ENVS: Env[] = ['old-base-library', 'devtools', 'phone']
const ENV: Record<Env, Partial<Environment>> = {
  'old-base-library': { sdkVersion: '2.19.0' },
  devtools: { platform: 'devtools' },
  phone: { platform: 'ios' },
}
const PLATFORM = ['privacy', 'permission', 'call', 'system', 'network']
/** Every popup is allowed: the table is about where each state leads when the person cooperates. */
const USER: Partial<ScriptedUser> = { popups: { 'scope.record': ['allow'], 'scope.camera': ['allow'] } }
/** One state in SAMPLE_EVERY goes through the pages in npm test: a prime, so the sample crosses every dimension. */
const SAMPLE_EVERY = 11

const ALL: FullState[] = []
for (const env of ENVS)
  for (const privacy of PRIVACY)
    for (const mic of SCOPE_VALUES)
      for (const camera of SCOPE_VALUES)
        for (const phoneMic of OS_VALUES)
          for (const phoneCamera of OS_VALUES)
            for (const mode of ['voice', 'video'] as const)
              ALL.push({ privacy, mic, camera, phoneMic, phoneCamera, env, mode })

const THROUGH_PAGES = process.env.DUET_EVERY_STATE === 'pages' ? ALL : ALL.filter((_, i) => i % SAMPLE_EVERY === 0)

function envFor(s: FullState): Partial<Environment> {
  return {
    ...ENV[s.env],
    privacyNeedsAgreement: s.privacy !== 'agreed',
    authSetting: authSettingOf(s),
    os: { microphone: s.phoneMic, camera: s.phoneCamera },
    storage: stored({ profile: ME, contacts: [ALICE], prefs: { lastMode: s.mode } }),
  }
}

interface Observed {
  launchCalls: string[]
  step: string
  result: string
  calls: string[]
}

function expected(s: FullState): Observed {
  const tap = callTapFor(s)
  return { launchCalls: launchCallsFor(s), step: onboardingStepFor(s), result: tap.result, calls: tap.calls }
}

const platformCalls = (calls: Array<{ category: string; summary: string }>) =>
  calls.filter((c) => PLATFORM.includes(c.category)).map((c) => c.summary)

async function throughStore(s: FullState): Promise<Observed> {
  const { fake, store } = await launchStore(envFor(s), USER)
  const launchCalls = fake.trace()
  if (s.privacy === 'declined' && store.permissions.onboardingStep === 'privacy') store.permissions.declinePrivacy()
  const step = store.permissions.onboardingStep
  const mark = fake.calls.length
  store.call.open(ALICE.openid)
  await store.call.start()
  const problem = store.call.problem
  const result = problem ? problem.kind : store.call.notice === 'connected' ? 'connected' : '?nothing'
  expect(store.call.status).toBe('idle')
  return { launchCalls, step, result, calls: platformCalls(fake.calls.slice(mark)) }
}

async function throughPages(s: FullState): Promise<Observed> {
  const app = await launch(envFor(s), USER)
  const onboarding = await app.open('onboarding')
  const launchCalls = app.fake.trace()
  if (s.privacy === 'declined' && onboarding.exists('#privacy-decline')) {
    onboarding.tap('#privacy-decline')
    await settle()
  }
  // Nothing left to do: the walkthrough steps aside for the contacts page.
  const step = app.top()?.route === routeOf('contacts') ? 'done' : stepShown(onboarding)
  const dial = await app.open('dial', { openid: ALICE.openid })
  const mark = app.fake.calls.length
  dial.tap('#call')
  await settle()
  expect(dial.isDisabled('#call')).toBe(false)
  return { launchCalls, step, result: callResultShown(dial), calls: platformCalls(app.fake.calls.slice(mark)) }
}

/** Never a wx.authorize for a scope that was denied before. */
function noAuthorizeAfterDenial(s: FullState, calls: string[]): void {
  if (s.mic === 'denied') expect(calls).not.toContain('authorize(scope.record)')
  if (s.camera === 'denied') expect(calls).not.toContain('authorize(scope.camera)')
}

const counted = { store: 0, pages: 0 }
afterAll(() => {
  console.log(`every-state: ${counted.store} states checked against the store, ${counted.pages} through the real pages`)
})

describe.each(ENVS)('%s', (env) => {
  test.each(PRIVACY)('privacy %s, against the store: every scope, phone permission and mode', async (privacy) => {
    for (const s of ALL.filter((x) => x.env === env && x.privacy === privacy)) {
      const observed = await throughStore(s)
      expect({ state: s, ...observed }).toEqual({ state: s, ...expected(s) })
      noAuthorizeAfterDenial(s, observed.calls)
      counted.store++
    }
  })

  test.each(PRIVACY)(
    'privacy %s, through the real pages',
    async (privacy) => {
      for (const s of THROUGH_PAGES.filter((x) => x.env === env && x.privacy === privacy)) {
        const observed = await throughPages(s)
        expect({ state: s, ...observed }).toEqual({ state: s, ...expected(s) })
        noAuthorizeAfterDenial(s, observed.calls)
        counted.pages++
      }
    },
    300_000,
  )
})

test('the table covers 3 × 3 × 3 × 3 × 3 × 3 × 2 states, and the page sample crosses every value of every dimension', () => {
  expect(ALL).toHaveLength(1458)
  const dims = ['env', 'privacy', 'mic', 'camera', 'phoneMic', 'phoneCamera', 'mode'] as const
  for (const d of dims) expect(new Set(THROUGH_PAGES.map((s) => s[d])).size).toBe(new Set(ALL.map((s) => s[d])).size)
})
