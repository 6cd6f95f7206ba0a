// Every combination of privacy × microphone scope × camera scope × WeChat's phone microphone and camera
// permission × where Duet runs (old WeChat, DevTools, iOS, Android) × mode × whether WeChat holds a join for
// consent × the combined privacy popup × how the person called behaves (with the calendar's scope, which no call
// reads, taking its values in turn; every-state-calendar has its own table), checked against the independent
// oracle in test/oracle.ts: the onboarding step, what a call tap ends with, the platform calls made on the
// way, and what the call history says once the other person has done what they do.
// This module holds the table and both ways of checking it; every-state-*.test.ts run it, split by where
// Duet runs so that jest's two workers share it:
// - npm test: a third of the table against the store (no pages), which third picked afresh each run and printed
//   (DUET_EVERY_STATE_THIRD=0|1|2 replays it), plus a fixed sample through the real pages.
// - npm run proof:pages (DUET_EVERY_STATE=pages; .ci/run runs it): the whole table against the store and the
//   whole table through the real pages.
import type { Environment, ScriptedUser } from '../../wechat-model'
import type { FakeWx } from '../../wechat-model'
import type { RootStore } from '../../miniprogram/store/index'
import { endLaunches, launch, launchStore } from '../harness/app'
import { PageHandle, settle } from '../harness/page'
import { callResultShown, walkthroughAt } from '../harness/screens'
import { ALICE, ME, stored } from '../fixtures'
import {
  authSettingOf,
  callTapFor,
  combinedPopupValuesOn,
  Env,
  FullState,
  gatedJoinValuesOn,
  launchCallsFor,
  ListenerBehaviour,
  onboardingStepFor,
  osValuesOn,
  Privacy,
  privacyValuesOn,
  recordFor,
  SCOPE_VALUES,
} from '../oracle'

export const ENVS: Env[] = ['old-base-library', 'devtools', 'ios', 'android']
const LISTENERS: ListenerBehaviour[] = ['answers', 'never', 'outside']
const ENV: Record<Env, Partial<Environment>> = {
  'old-base-library': { sdkVersion: '2.19.0' },
  devtools: { platform: 'devtools' },
  ios: { platform: 'ios' },
  android: { platform: 'android' },
}
/** The listener acts at once: the table is about what is recorded, not about how long it takes. */
const LISTENER: Record<ListenerBehaviour, Environment['listener']> = {
  answers: { where: 'inside', answersAfterS: 0, hangsUpAfterS: 0 },
  never: { where: 'inside', answersAfterS: null, hangsUpAfterS: null },
  outside: { where: 'outside', answersAfterS: 0, hangsUpAfterS: null },
}
const PLATFORM = ['privacy', 'permission', 'call', 'system', 'network']
/** Every popup is allowed: the table is about where each state leads when the person cooperates. */
const USER: Partial<ScriptedUser> = { popups: { 'scope.record': ['allow'], 'scope.camera': ['allow'] } }
/** One state in SAMPLE_EVERY goes through the pages in npm test: a prime, so the sample crosses every dimension. */
const SAMPLE_EVERY = 263

/** npm test checks one state in STORE_SAMPLE_EVERY against the store; every third of the table is as likely. */
const STORE_SAMPLE_EVERY = 3

export const ALL: FullState[] = []
for (const env of ENVS)
  for (const privacy of privacyValuesOn(env))
    for (const mic of SCOPE_VALUES)
      for (const camera of SCOPE_VALUES)
        for (const phoneMic of osValuesOn(env))
          for (const phoneCamera of osValuesOn(env))
            for (const mode of ['voice', 'video'] as const)
              for (const gatedJoin of gatedJoinValuesOn(env))
                for (const combinedPopup of combinedPopupValuesOn(env))
                  for (const listener of LISTENERS)
                    ALL.push({
                      privacy,
                      mic,
                      camera,
                      phoneMic,
                      phoneCamera,
                      env,
                      mode,
                      gatedJoin,
                      combinedPopup,
                      listener,
                      // In turn, not crossed: no call reads it (oracle.ts, FullState.calendar). Turning every third
                      // state, so each third npm test checks against the store sees all three values.
                      calendar: SCOPE_VALUES[Math.floor(ALL.length / STORE_SAMPLE_EVERY) % SCOPE_VALUES.length],
                    })

const WHOLE = process.env.DUET_EVERY_STATE === 'pages'
export const THROUGH_PAGES = WHOLE ? ALL : ALL.filter((_, i) => i % SAMPLE_EVERY === 0)

const STORE_THIRD = Number(process.env.DUET_EVERY_STATE_THIRD ?? Math.floor(Math.random() * STORE_SAMPLE_EVERY))
const AGAINST_STORE = WHOLE ? ALL : ALL.filter((_, i) => i % STORE_SAMPLE_EVERY === STORE_THIRD)
const STORE_SHARE = WHOLE ? 'the whole table' : `third ${STORE_THIRD}, DUET_EVERY_STATE_THIRD=${STORE_THIRD} replays it`

function envFor(s: FullState): Partial<Environment> {
  return {
    ...ENV[s.env],
    privacyNeedsAgreement: s.privacy === 'needed' || s.privacy === 'declined',
    authSetting: authSettingOf(s),
    os: { microphone: s.phoneMic, camera: s.phoneCamera },
    joinPrivacyGated: s.gatedJoin,
    combinedPrivacyPopup: s.combinedPopup,
    listener: LISTENER[s.listener],
    storage: stored({ profile: ME, contacts: [ALICE], prefs: { lastMode: s.mode } }),
  }
}

interface Observed {
  launchCalls: string[]
  step: string
  result: string
  calls: string[]
  record: 'answered' | 'placed' | null
}

function expected(s: FullState): Observed {
  const tap = callTapFor(s)
  return {
    launchCalls: launchCallsFor(s),
    step: onboardingStepFor(s),
    result: tap.result,
    calls: tap.calls,
    record: recordFor(s),
  }
}

const platformCalls = (fake: FakeWx, from: number) =>
  fake.calls
    .slice(from)
    .filter((c) => PLATFORM.includes(c.category))
    .map((c) => c.summary)

/** What the history says of the call, once the listener has acted; the caller gives up on a call nobody answers. */
function recordAfter(fake: FakeWx, store: RootStore): Observed['record'] {
  const record = store.history.forContact(ALICE.openid)[0]
  if (fake.voip.inCall) fake.voip.hangUp()
  if (!record || record.outcome !== 'placed') return null
  return record.answeredAt !== undefined && record.endedAt !== undefined ? 'answered' : 'placed'
}

/**
 * The call tap, with the person answering Duet's consent card whenever WeChat holds a call for it.
 * `agree` is how they do it: through the store, or a tap on the card of the page.
 */
async function tapAndAgree(tapped: Promise<void> | void, store: RootStore, agree: () => void): Promise<void> {
  let done = false
  void Promise.resolve(tapped).then(() => (done = true))
  for (let i = 0; i < 20 && !(done && store.call.status === 'idle'); i++) {
    await settle(1)
    if (store.permissions.privacyPromptPending) agree()
  }
  await settle()
}

async function throughStore(s: FullState): Promise<Observed> {
  const { fake, store } = await launchStore(envFor(s), USER)
  const launchCalls = fake.trace()
  if (s.privacy === 'declined' && store.onboarding.step === 'privacy') store.permissions.declinePrivacy()
  const step = store.onboarding.step
  if (s.privacy === 'changed') fake.env.privacyNeedsAgreement = true
  const mark = fake.calls.length
  store.call.open(ALICE.openid)
  await tapAndAgree(store.call.start(), store, () => {
    fake.privacy.tapAgreeButton('privacy-agree')
    store.agreePrivacy('privacy-agree')
  })
  const problem = store.call.problem
  const result = problem ? problem.kind : store.call.notice === 'placed' ? 'placed' : '?nothing'
  expect(store.call.status).toBe('idle')
  return { launchCalls, step, result, calls: platformCalls(fake, mark), record: recordAfter(fake, store) }
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
  const step = walkthroughAt(app, onboarding)
  const dial: PageHandle = await app.open('dial', { openid: ALICE.openid })
  if (s.privacy === 'changed') app.fake.env.privacyNeedsAgreement = true
  const mark = app.fake.calls.length
  await tapAndAgree(dial.tap('#call'), app.store, () => dial.tap('#privacy-agree'))
  expect(dial.isDisabled('#call')).toBe(false)
  const result = callResultShown(dial)
  return { launchCalls, step, result, calls: platformCalls(app.fake, mark), record: recordAfter(app.fake, app.store) }
}

/** Never a wx.authorize for a scope that was denied before. */
function noAuthorizeAfterDenial(s: FullState, calls: string[]): void {
  if (s.mic === 'denied') expect(calls).not.toContain('authorize(scope.record)')
  if (s.camera === 'denied') expect(calls).not.toContain('authorize(scope.camera)')
}

/** Checks the table for `envs`: a third (or all) against the store, the sample (or all) through the pages. */
export function checkEveryState(envs: Env[]): void {
  const counted = { store: 0, pages: 0 }
  afterAll(() => {
    console.log(
      `every-state (${envs.join(', ')}): ${counted.store} states checked against the store (${STORE_SHARE}), ${counted.pages} through the real pages`,
    )
  })

  /** Checks each state one way, against the oracle; `count` says which tally it adds to. */
  async function check(states: FullState[], how: (s: FullState) => Promise<Observed>, count: 'store' | 'pages') {
    for (const s of states) {
      const observed = await how(s)
      expect({ state: s, ...observed }).toEqual({ state: s, ...expected(s) })
      noAuthorizeAfterDenial(s, observed.calls)
      endLaunches()
      counted[count]++
    }
  }

  describe.each(envs)('%s', (env) => {
    const of = (states: FullState[], privacy: Privacy) => states.filter((x) => x.env === env && x.privacy === privacy)
    test.each(privacyValuesOn(env))(
      `privacy %s, against the store: every other dimension (${STORE_SHARE})`,
      (privacy) => check(of(AGAINST_STORE, privacy), throughStore, 'store'),
      300_000,
    )
    test.each(privacyValuesOn(env))(
      'privacy %s, through the real pages',
      (privacy) => check(of(THROUGH_PAGES, privacy), throughPages, 'pages'),
      1_800_000,
    )
  })
}
