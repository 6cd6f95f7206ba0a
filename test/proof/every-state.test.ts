// Issue 6 §1: every combination of privacy × microphone scope × camera scope × WeChat's phone microphone
// and camera permission × environment × mode, checked against the independent oracle in test/oracle.ts:
// the onboarding step shown, what a #call tap does, and the wx calls made.
import type { Environment } from '../fake-wx'
import { launch } from '../harness/app'
import { PageHandle, settle } from '../harness/page'
import { ALICE, ME } from '../fixtures'
import {
  authSettingOf, CallResult, callTapFor, Env, FullState, launchCallsFor, onboardingStepFor, OS_VALUES, Privacy,
  SCOPE_VALUES,
} from '../oracle'

const STEP_TITLES: Record<string, string> = {
  privacy: '先看看隐私保护指引', explainer: '通话需要这些权限', recovery: '权限已被关闭', phone: '微信没有手机的权限',
}
/** Words a person reads for each outcome of a #call tap. */
const RESULT_WORDS: Record<CallResult, string> = {
  'old-base-library': '当前微信版本过低',
  devtools: '开发者工具不支持通话',
  privacy: '需要先同意隐私保护指引',
  'scopes-denied': '权限已关闭，请在设置中开启后再试',
  'phone-denied': '请在手机设置中允许后再试',
  connected: '已打开微信通话界面。',
}
const ENV: Record<Env, Partial<Environment>> = {
  'old-base-library': { sdkVersion: '2.19.0' },
  devtools: { platform: 'devtools' },
  phone: { platform: 'ios' },
}
const PLATFORM_CATEGORIES = ['privacy', 'permission', 'call', 'system', 'network'] as const

function stepShown(page: PageHandle): string {
  if (page.exists('#loading')) return 'loading'
  const title = page.text('#step-title')
  return Object.keys(STEP_TITLES).find((k) => STEP_TITLES[k] === title) ?? (title === '一切就绪' ? 'done' : `?${title}`)
}

function resultShown(page: PageHandle): string {
  const text = page.exists('#call-error') ? page.text('#call-error') : page.exists('#call-notice') ? page.text('#call-notice') : ''
  return (Object.keys(RESULT_WORDS) as CallResult[]).find((r) => text.includes(RESULT_WORDS[r])) ?? `?${text}`
}

async function check(s: FullState) {
  const app = await launch({
    ...ENV[s.env],
    privacyNeedsAgreement: s.privacy !== 'agreed',
    authSetting: authSettingOf(s),
    os: { microphone: s.phoneMic, camera: s.phoneCamera },
    storage: { 'duet.state': { version: 1, profile: ME, contacts: [ALICE], prefs: { lastMode: s.mode } } },
  }, { popups: { 'scope.record': ['allow'], 'scope.camera': ['allow'] } })

  const onboarding = await app.open('onboarding')
  const launchCalls = app.fake.trace()
  if (s.privacy === 'declined' && onboarding.exists('#privacy-decline')) {
    onboarding.tap('#privacy-decline')
    await settle()
  }
  const step = onboardingStepFor(s)
  const shown = step === 'done' ? (app.fake.navigations.join() === '/pages/contacts/index' ? 'done' : 'stayed') : stepShown(onboarding)

  const dial = await app.open('dial', { openid: ALICE.openid })
  const mark = app.fake.calls.length
  dial.tap('#call')
  await settle()
  const calls = app.fake.calls.slice(mark).filter((c) => (PLATFORM_CATEGORIES as readonly string[]).includes(c.category)).map((c) => c.summary)
  const expected = callTapFor(s)

  expect({ state: s, launchCalls, step: shown, result: resultShown(dial), calls, authorizeAfterDenial: false })
    .toEqual({
      state: s, launchCalls: launchCallsFor(s), step, result: expected.result, calls: expected.calls,
      authorizeAfterDenial: app.fake.calls.some((c) => c.api === 'authorize'
        && ((c.args as { scope: string }).scope === 'scope.record' ? s.mic : s.camera) === 'denied'),
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
  test.each(PRIVACY)('privacy %s: every scope, phone permission and mode', async (privacy) => {
    for (const mic of SCOPE_VALUES) for (const camera of SCOPE_VALUES)
      for (const phoneMic of OS_VALUES) for (const phoneCamera of OS_VALUES)
        for (const mode of ['voice', 'video'] as const) {
          await check({ privacy, mic, camera, phoneMic, phoneCamera, env, mode })
          checked++
        }
  }, 300_000)
})

test('the table covers 3 × 3 × 3 × 3 × 3 × 3 × 2 states', () => {
  expect(checked).toBe(1458)
})
