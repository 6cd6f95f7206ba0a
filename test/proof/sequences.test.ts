// Issue 6 §2: random sequences of what a person does (taps on every button, typing into every input,
// switches, navigation, relaunch, popup answers, settings-page switches) and what the platform does
// (network lost, storage full, join errors, the privacy guide changing), run through the real pages and
// the fake runtime. Invariants are checked after every step. Seeded: a failure replays and is shrunk.
// `npm run fuzz` (scripts/fuzz.js) runs 20,000 in chunks; DUET_FUZZ_SEED and DUET_FUZZ_RUNS replay one.
import fc from 'fast-check'
import type { Environment, JoinOutcome, OsPermission } from '../fake-wx'
import { launch, LaunchedApp, PageName } from '../harness/app'
import { PageHandle, settle } from '../harness/page'
import { ALICE, ME, savedState, STORAGE_KEY } from '../fixtures'

/** npm test runs 300 (a quarter of a minute); .ci/run adds `npm run fuzz -- 3000` with other seeds. */
const RUNS = Number(process.env.DUET_FUZZ_RUNS || 300)
const SEED = Number(process.env.DUET_FUZZ_SEED || 20261125)
const KEY = STORAGE_KEY

type Action =
  | { do: 'tap'; nth: number }
  | { do: 'type'; nth: number; text: string }
  | { do: 'switch'; nth: number; on: boolean }
  | { do: 'go'; page: PageName }
  | { do: 'relaunch' }
  | { do: 'network'; type: 'none' | 'wifi' }
  | { do: 'storageFull'; full: boolean }
  | { do: 'nextJoin'; outcome: JoinOutcome }
  | { do: 'popups'; answer: 'allow' | 'deny' }
  | { do: 'settingsPage'; record: boolean; camera: boolean }
  | { do: 'phoneSettings'; microphone: OsPermission; camera: OsPermission }
  | { do: 'endCall' }
  | { do: 'guideChanged' }

const openidArb = fc.stringMatching(/^o[A-Za-z0-9_-]{15,30}$/)
const textArb = fc.oneof(
  openidArb,
  fc.constantFrom(
    ALICE.openid,
    ME.openid,
    '爱丽丝',
    '😀👍',
    ' Bob ',
    '',
    '   ',
    '<view>x</view>',
    '\u202Eevil',
    'a'.repeat(2000),
  ),
  fc.string({ maxLength: 40 }),
)
const JOIN_CODES = [-20000, -20001, -20002, -20003, -30000, -30001, -30002, -30003, -30004, -1, -2, -3, -1000, -77777]
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ do: fc.constant('tap' as const), nth: fc.nat(40) }) },
  { weight: 4, arbitrary: fc.record({ do: fc.constant('type' as const), nth: fc.nat(10), text: textArb }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('switch' as const), nth: fc.nat(3), on: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      do: fc.constant('go' as const),
      page: fc.constantFrom<PageName>('onboarding', 'contacts', 'dial'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ do: 'relaunch' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      do: fc.constant('network' as const),
      type: fc.constantFrom('none' as const, 'wifi' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('storageFull' as const), full: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      do: fc.constant('nextJoin' as const),
      outcome: fc.oneof(
        fc.constantFrom<JoinOutcome>('place', 'hang'),
        fc.constantFrom(...JOIN_CODES).map((errCode): JoinOutcome => ({ errCode })),
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      do: fc.constant('popups' as const),
      answer: fc.constantFrom('allow' as const, 'deny' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ do: fc.constant('settingsPage' as const), record: fc.boolean(), camera: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      do: fc.constant('phoneSettings' as const),
      microphone: fc.constantFrom<OsPermission>('authorized', 'denied'),
      camera: fc.constantFrom<OsPermission>('authorized', 'denied'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ do: 'endCall' as const }) },
  { weight: 1, arbitrary: fc.constant({ do: 'guideChanged' as const }) },
)
const startArb = fc.record({
  privacyNeedsAgreement: fc.boolean(),
  record: fc.constantFrom(undefined, true, false),
  camera: fc.constantFrom(undefined, true, false),
  voiceCallNeedsCamera: fc.boolean(),
  saved: fc.boolean(),
})

/** A running Duet: the app, the page on top, and what the invariants need to remember. */
class Session {
  page!: PageHandle
  constructor(public app: LaunchedApp) {}

  static async start(env: Partial<Environment>, defaultPopupAnswer: 'allow' | 'deny'): Promise<Session> {
    const app = await launch(env, { defaultPopupAnswer }, { config: { joinTimeoutMs: 1 } })
    const session = new Session(app)
    session.page = await app.open('onboarding')
    return session
  }

  tappables(): Array<{ selector: string; index: number }> {
    return ['.btn', '.contact', '.link'].flatMap((selector) =>
      this.page.all(selector).map((_n, index) => ({ selector, index })),
    )
  }
}

/** Settles; a join that WeChat never answered is waited out past config.joinTimeoutMs. */
async function quiet(app: LaunchedApp, hangingBefore: number): Promise<void> {
  await settle()
  if (app.fake.voip.hangingJoins === hangingBefore) return
  await new Promise((r) => setTimeout(r, 3))
  await settle()
}

async function perform(session: Session, action: Action): Promise<{ taps: number }> {
  const { app } = session
  const fake = app.fake
  switch (action.do) {
    case 'tap': {
      const all = session.tappables()
      if (!all.length) return { taps: 0 }
      const target = all[action.nth % all.length]
      session.page.tapNth(target.selector, target.index)
      return { taps: 1 }
    }
    case 'type': {
      const inputs = session.page.all('.field__input')
      if (!inputs.length) return { taps: 0 }
      const n = action.nth % inputs.length
      session.page.input(inputs[n], action.text)
      return { taps: 0 }
    }
    case 'switch': {
      const ids = ['#accept-calls', '#disable-switch-voice'].filter((id) => session.page.exists(id))
      if (ids.length) session.page.change(ids[action.nth % ids.length], action.on)
      return { taps: 0 }
    }
    case 'go':
      session.page = await app.open(action.page, action.page === 'dial' ? { openid: firstContact(app) } : {})
      return { taps: 0 }
    case 'relaunch': {
      const env = { ...fake.env, storage: fake.env.storage, authSetting: { ...fake.env.authSetting } }
      const next = await Session.start(env, fake.user.defaultPopupAnswer ?? 'allow')
      session.app = next.app
      session.page = next.page
      return { taps: 0 }
    }
    case 'network':
      fake.storage.setNetwork(action.type)
      return { taps: 0 }
    case 'storageFull':
      fake.env.storageFull = action.full
      return { taps: 0 }
    case 'nextJoin':
      fake.env.joinOutcomes = [action.outcome, 'place']
      return { taps: 0 }
    case 'popups':
      fake.user.defaultPopupAnswer = action.answer
      return { taps: 0 }
    case 'settingsPage':
      fake.user.settingsPage = { 'scope.record': action.record, 'scope.camera': action.camera }
      return { taps: 0 }
    case 'phoneSettings':
      fake.user.phoneSettings = { microphone: action.microphone, camera: action.camera }
      return { taps: 0 }
    case 'endCall':
      fake.voip.hangUp()
      return { taps: 0 }
    case 'guideChanged':
      fake.env.privacyNeedsAgreement = true
      return { taps: 0 }
  }
}

function firstContact(app: LaunchedApp): string {
  return app.store.contacts.items[0]?.openid ?? ALICE.openid
}

function stored(app: LaunchedApp): unknown {
  return app.fake.env.storage[KEY]
}

function checkInvariants(
  app: LaunchedApp,
  page: PageHandle,
  joinsBefore: number,
  taps: number,
  errors: unknown[],
): void {
  const { voip, scopes } = app.fake
  // join1v1Chat only with privacy agreed and every scope the mode needs granted.
  for (const join of voip.joins) {
    expect(join.privacyAgreed && join.record && (join.roomType === 'voice' || join.camera)).toBe(true)
  }
  // At most one join per tap; a voice call WeChat answered with -30004 may be retried once.
  const joins = voip.joins.length - joinsBefore
  expect(joins).toBeLessThanOrEqual(taps * 2)
  if (joins === 2) expect(voip.joins[joinsBefore].roomType).toBe('voice')
  expect(scopes.audit.authorizeAfterDenial).toBe(0)
  expect(scopes.audit.openSettingOutsideTap).toBe(0)
  // What is in storage equals what the store holds, unless the person was told saving failed.
  if (!app.store.persistence.saveFailed && stored(app) !== undefined) {
    expect(JSON.parse(JSON.stringify(stored(app)))).toEqual(JSON.parse(JSON.stringify(app.store.snapshot)))
  }
  // No exception escaped, and nothing stays "calling" once the attempt is over. An attempt waiting on
  // WeChat's privacy prompt has not ended: it waits for the person, whose page shows the consent card.
  expect(errors).toEqual([])
  if (app.store.permissions.privacyPromptPending) {
    expect(page.exists('#privacy-agree')).toBe(true)
  } else {
    expect(app.store.call.status).toBe('idle')
  }
  expect(app.fake.problems).toEqual([])
}

test(`${RUNS} random action sequences keep every invariant`, async () => {
  const errors: unknown[] = []
  const onRejection = (reason: unknown) => {
    errors.push(reason)
  }
  process.on('unhandledRejection', onRejection)
  try {
    await fc.assert(
      fc.asyncProperty(startArb, fc.array(actionArb, { minLength: 1, maxLength: 14 }), async (start, actions) => {
        errors.length = 0
        const authSetting: Environment['authSetting'] = {}
        if (start.record !== undefined) authSetting['scope.record'] = start.record
        if (start.camera !== undefined) authSetting['scope.camera'] = start.camera
        // What an earlier Duet wrote: a complete saved state.
        const storage = start.saved ? { [KEY]: savedState() } : {}
        const session = await Session.start(
          {
            privacyNeedsAgreement: start.privacyNeedsAgreement,
            authSetting,
            voiceCallNeedsCamera: start.voiceCallNeedsCamera,
            storage,
          },
          'allow',
        )
        await quiet(session.app, 0)
        for (const action of actions) {
          const before = session.app
          const joinsBefore = before.fake.voip.joins.length
          const savedBefore = before.store.persistence.saveFailed ? null : JSON.stringify(stored(before) ?? null)
          const hangingBefore = before.fake.voip.hangingJoins
          const { taps } = await perform(session, action)
          await quiet(session.app, session.app === before ? hangingBefore : 0)
          if (session.app !== before) {
            // A relaunch loses nothing that was saved: every saved field comes back as it was.
            if (savedBefore !== null && savedBefore !== 'null') {
              const saved = JSON.parse(savedBefore) as Record<string, unknown>
              const now = JSON.parse(JSON.stringify(session.app.store.snapshot)) as Record<string, unknown>
              for (const key of Object.keys(saved)) {
                if (key === 'prefs') expect(now.prefs).toMatchObject(saved.prefs as object)
                else expect([key, now[key]]).toEqual([key, saved[key]])
              }
            }
            checkInvariants(session.app, session.page, 0, 0, errors)
          } else {
            checkInvariants(session.app, session.page, joinsBefore, taps, errors)
          }
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: false, verbose: 1 },
    )
  } finally {
    process.off('unhandledRejection', onRejection)
  }
}, 1_800_000)
