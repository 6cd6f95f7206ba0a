// Every state that matters to #appt-calendar (platform doc §10): where Duet runs (iOS, Android) × consent to the
// privacy guide × scope.addPhoneCalendar × whether the guide declares the calendar × what the person does on the
// calendar sheet, checked against calendarTapFor in test/oracle.ts. The scope matters only on the appointment
// page, so it has this table of its own (96 states) instead of multiplying the call table (which takes its values
// in turn and shows calls ignore it). npm test: every state against the store, a sample through the real page;
// npm run proof:pages: every state both ways.
import type { Environment, FakeWx, ScriptedUser } from '../../wechat-model'
import type { RootStore } from '../../miniprogram/store/index'
import { endLaunches, launch, launchStore } from '../harness/app'
import { settle, useFakeClock, useRealClock } from '../harness/page'
import { ALICE, APPOINTMENT_WITH_ALICE, GRANTED, ME, MONDAY_10, stored } from '../fixtures'
import { calendarWords } from '../../miniprogram/strings'
import {
  calendarTapFor,
  CalendarPrivacy,
  CalendarScopeStart,
  CalendarTapExpected,
  CalendarTapResult,
  CalendarTapState,
} from '../oracle'

const PRIVACY: CalendarPrivacy[] = ['agreed', 'agrees-on-card', 'declines-on-card']
const SCOPE: CalendarScopeStart[] = ['granted', 'denied', 'unasked-allows', 'unasked-denies']
const ALL: CalendarTapState[] = []
for (const platform of ['ios', 'android'] as const)
  for (const privacy of PRIVACY)
    for (const scope of SCOPE)
      for (const guideDeclares of [true, false])
        for (const sheet of ['add', 'cancel'] as const) ALL.push({ platform, privacy, scope, guideDeclares, sheet })

/** One state in SAMPLE_EVERY goes through the page in npm test: a prime, so the sample crosses every dimension. */
const SAMPLE_EVERY = 7
const THROUGH_PAGE = process.env.DUET_EVERY_STATE === 'pages' ? ALL : ALL.filter((_, i) => i % SAMPLE_EVERY === 0)

/** A voice appointment with Alice, kept on my phone, tomorrow. */
const APPOINTMENT = { ...APPOINTMENT_WITH_ALICE, mode: 'voice' as const }

function envFor(s: CalendarTapState): Partial<Environment> {
  const scope =
    s.scope === 'granted'
      ? { 'scope.addPhoneCalendar': true }
      : s.scope === 'denied'
        ? { 'scope.addPhoneCalendar': false }
        : {}
  return {
    platform: s.platform,
    privacyNeedsAgreement: s.privacy !== 'agreed',
    guideDeclares: { microphone: true, camera: true, calendar: s.guideDeclares },
    authSetting: { ...GRANTED, ...scope },
    storage: stored({ profile: ME, contacts: [ALICE], appointments: [APPOINTMENT] }),
  }
}

function userFor(s: CalendarTapState): Partial<ScriptedUser> {
  const popup =
    s.scope === 'unasked-allows' ? ['allow' as const] : s.scope === 'unasked-denies' ? ['deny' as const] : []
  return { popups: { 'scope.addPhoneCalendar': popup }, calendarSheet: [s.sheet] }
}

interface Observed extends CalendarTapExpected {
  /** The store's result, or the page's words' kind. */
  shown: CalendarTapResult | string
}

function observe(fake: FakeWx, consentAsked: boolean, shown: Observed['shown']): Observed {
  return {
    result: shown as CalendarTapResult,
    shown,
    consentAsked,
    popup: fake.scopes.popupsShown.includes('scope.addPhoneCalendar'),
    sheet: fake.calendar.sheetsShown.length > 0,
    added: fake.calendar.events.length > 0,
  }
}

/** Answers Duet's consent card (when WeChat holds the call for it) the state's way; whether it was asked. */
async function answerConsent(s: CalendarTapState, store: RootStore, agree: () => void, decline: () => void) {
  await settle()
  const asked = store.permissions.privacyPromptPending
  if (asked) (s.privacy === 'declines-on-card' ? decline : agree)()
  await settle()
  return asked
}

async function throughStore(s: CalendarTapState): Promise<Observed> {
  const { fake, store } = await launchStore(envFor(s), userFor(s))
  store.appointments.open({ appt: APPOINTMENT.id })
  const shown = store.appointments.shown!
  fake.inTap = true
  store.calendar.offer(shown, { title: '与 爱丽丝 语音通话', description: '进入微信打开 Duet' })
  fake.inTap = false
  const asked = await answerConsent(
    s,
    store,
    () => {
      fake.privacy.tapAgreeButton('privacy-agree')
      store.agreePrivacy('privacy-agree')
    },
    () => store.permissions.declinePrivacy(),
  )
  return observe(fake, asked, store.calendar.resultFor(APPOINTMENT.id) ?? 'nothing')
}

async function throughPage(s: CalendarTapState): Promise<Observed> {
  const app = await launch(envFor(s), userFor(s))
  jest.setSystemTime(MONDAY_10)
  const page = await app.open('appointment', { appt: APPOINTMENT.id })
  page.tap('#appt-calendar')
  const asked = await answerConsent(
    s,
    app.store,
    () => page.tap('#privacy-agree'),
    () => page.tap('#privacy-decline'),
  )
  const words = page.exists('#appt-calendar-result') ? page.text('#appt-calendar-result') : ''
  const kind = (Object.keys(calendarWords) as CalendarTapResult[]).find((k) => calendarWords[k] === words)
  // A denial always comes with its way to the settings page, and only a denial does.
  expect([kind, page.exists('#appt-calendar-settings')]).toEqual([kind, kind === 'denied'])
  return observe(app.fake, asked, kind ?? words)
}

const counted = { store: 0, page: 0 }
afterAll(() =>
  console.log(`every-state-calendar: ${counted.store} states against the store, ${counted.page} through the page`),
)

beforeEach(useFakeClock)
afterEach(useRealClock)

async function check(
  states: CalendarTapState[],
  how: (s: CalendarTapState) => Promise<Observed>,
  count: 'store' | 'page',
) {
  for (const s of states) {
    const { shown, ...observed } = await how(s)
    expect({ state: s, ...observed, shown }).toEqual({
      state: s,
      ...calendarTapFor(s),
      shown: calendarTapFor(s).result,
    })
    endLaunches()
    counted[count]++
  }
}

test('every calendar state against the store', () => check(ALL, throughStore, 'store'), 120_000)

test(
  'the calendar states through the real appointment page (a sample; all of them in proof:pages)',
  () => check(THROUGH_PAGE, throughPage, 'page'),
  600_000,
)

test('the table crosses every value, and the page sample does too', () => {
  expect(ALL).toHaveLength(2 * 3 * 4 * 2 * 2)
  for (const d of ['platform', 'privacy', 'scope', 'guideDeclares', 'sheet'] as const)
    expect([d, new Set(THROUGH_PAGE.map((s) => s[d])).size]).toEqual([d, new Set(ALL.map((s) => s[d])).size])
})
