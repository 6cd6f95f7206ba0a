// The walkthrough, as a table over privacy × microphone × camera × WeChat's phone permission × what the
// person does. Each row asserts the step a person sees and the exact wx calls made.
import type { ScriptedUser } from '../../wechat-model'
import { launch } from '../harness/app'
import { settle } from '../harness/page'
import { routeOf, stepShown, walkthroughAt } from '../harness/screens'
import {
  authSettingOf,
  expectedOnboardingStep,
  LAUNCH,
  PlatformState,
  READ_ALL,
  SCOPE_OF,
  SCOPE_VALUES,
} from '../oracle'

type Cooperates = 'cooperates' | 'refuses'
const states: PlatformState[] = []
for (const privacy of ['needed', 'agreed'] as const)
  for (const mic of SCOPE_VALUES)
    for (const camera of SCOPE_VALUES)
      for (const phone of ['authorized', 'denied'] as const) states.push({ privacy, mic, camera, phone })

function envFor(s: PlatformState) {
  return {
    privacyNeedsAgreement: s.privacy === 'needed',
    authSetting: authSettingOf(s),
    os: { microphone: s.phone, camera: s.phone },
  }
}

/** What the person does on the step shown, and what the platform then holds. */
function userFor(s: PlatformState, how: Cooperates): Partial<ScriptedUser> {
  const allow = how === 'cooperates' ? 'allow' : 'deny'
  const settingsPage: ScriptedUser['settingsPage'] = {}
  if (how === 'cooperates')
    for (const k of ['mic', 'camera'] as const) if (s[k] !== 'unasked') settingsPage[SCOPE_OF[k]] = true
  return {
    popups: { 'scope.record': [allow], 'scope.camera': [allow] },
    settingsPage,
    phoneSettings: how === 'cooperates' ? { microphone: 'authorized', camera: 'authorized' } : {},
  }
}

/** setEnable1v1Chat(true) at launch needs the microphone granted and calls supported. */
const enableAtLaunch = (s: PlatformState) => (s.mic === 'granted' ? ['setEnable1v1Chat(true)'] : [])

describe.each(states)('privacy $privacy, mic $mic, camera $camera, phone $phone', (s) => {
  const step = expectedOnboardingStep(s)

  test(`opens on the ${step} step with only the launch reads`, async () => {
    const app = await launch(envFor(s))
    const page = await app.open('onboarding')
    expect(app.fake.trace()).toEqual([...LAUNCH, ...enableAtLaunch(s)])
    if (step === 'done') {
      // A returning user with everything granted goes straight on: no popup, no onboarding card.
      expect(app.fake.ui.navigations).toEqual(['/pages/contacts/index'])
      expect(app.stack.map((p) => p.route)).toEqual([routeOf('contacts')])
    } else {
      expect(stepShown(page)).toBe(step)
      expect(app.fake.ui.navigations).toEqual([])
    }
    expect(app.fake.scopes.popupsShown).toEqual([])
  })

  if (step === 'done') return

  test.each(['cooperates', 'refuses'] as const)('the person %s', async (how) => {
    const app = await launch(envFor(s), userFor(s, how))
    const page = await app.open('onboarding')
    const ok = how === 'cooperates'
    let expectedCalls: string[]
    let next: PlatformState

    if (step === 'privacy') {
      page.tap(ok ? '#privacy-agree' : '#privacy-decline')
      expectedCalls = ok ? ['agreePrivacyAuthorization(#privacy-agree)'] : []
      next = ok ? { ...s, privacy: 'agreed' } : s
    } else if (step === 'explainer') {
      page.tap('#grant')
      expectedCalls = []
      next = { ...s }
      for (const k of ['mic', 'camera'] as const) {
        if (s[k] !== 'unasked') continue
        expectedCalls.push(`authorize(${SCOPE_OF[k]})`)
        if (!ok) {
          expectedCalls.push('getSetting') // a refusal is learnt from getSetting, never from errMsg
          next[k] = 'denied'
          break
        }
        next[k] = 'granted'
        if (k === 'mic') expectedCalls.push('setEnable1v1Chat(true)')
        // After a grant, consent is read again: the popup may have carried it (platform doc §1.6).
        expectedCalls.push('getPrivacySetting')
      }
    } else if (step === 'recovery') {
      page.tap('#open-settings')
      next = ok
        ? { ...s, mic: s.mic === 'denied' ? 'granted' : s.mic, camera: s.camera === 'denied' ? 'granted' : s.camera }
        : s
      const micTurnedOn = s.mic === 'denied' && next.mic === 'granted'
      expectedCalls = ['openSetting(button)', ...(micTurnedOn ? ['setEnable1v1Chat(true)'] : []), ...READ_ALL]
    } else {
      page.tap('#open-app-settings')
      next = ok ? { ...s, phone: 'authorized' } : s
      expectedCalls = ['openAppAuthorizeSetting', ...READ_ALL]
    }
    await settle()

    expect(app.fake.trace().slice(LAUNCH.length + enableAtLaunch(s).length)).toEqual(expectedCalls)
    // Never a wx.authorize for a scope that was already denied.
    for (const k of ['mic', 'camera'] as const) {
      if (s[k] === 'denied') expect(app.fake.trace()).not.toContain(`authorize(${SCOPE_OF[k]})`)
    }
    expect(walkthroughAt(app, page)).toBe(expectedOnboardingStep(next))
  })
})
