// One test for every point docs/platform.md marks (rev), named after it: the fake plays what the audit
// found, and where the doc says "unknown" it plays each answer. (§5–§7, new in the audit, are pinned in
// cloud.test.ts, with "(rev)" in their names too.)
import { ANNA, BEN } from '../fixtures'
import { call, fn, tick, wait } from '../../wechat-model/calling'
import type { Environment, ScriptedUser } from '../../wechat-model'
import { createFakeWx, FakeWx, OFFICIAL_POPUP_THROTTLE_MS, PrivacyResolution, RING_SECONDS } from '../../wechat-model'

const GRANTED = { 'scope.record': true, 'scope.camera': true }

async function enabled(env: Partial<Environment> = {}, user: Partial<ScriptedUser> = {}): Promise<FakeWx> {
  const fake = createFakeWx({ authSetting: GRANTED, ...env }, user)
  expect((await call(fake, 'setEnable1v1Chat', { enable: true })).ok).toBe(true)
  return fake
}
const join = (fake: FakeWx, roomType = 'voice') => call(fake, 'join1v1Chat', { caller: ANNA, listener: BEN, roomType })

/** A handler that answers every prompt as the person would after tapping our agree button. */
function agreeing(fake: FakeWx): void {
  fake.wx.onNeedPrivacyAuthorization(((resolve: (r: PrivacyResolution) => void) => {
    fake.privacy.tapAgreeButton('privacy-agree')
    resolve({ event: 'agree', buttonId: 'privacy-agree' })
  }) as never)
}

describe('§1 privacy consent (rev)', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] }))
  afterEach(() => jest.useRealTimers())

  test('(rev) §1.5 with no handler registered WeChat shows its own popup, and after a refusal privacy APIs fail at once for about 10 s', async () => {
    const fake = createFakeWx(
      { privacyNeedsAgreement: true },
      { privacyPopup: ['refuse', 'agree'], popups: { 'scope.record': ['allow'] } },
    )
    expect(await call(fake, 'authorize', { scope: 'scope.record' })).toMatchObject({ ok: false, res: { errno: 104 } })
    expect(fake.privacy.officialPopupsShown).toBe(1)
    await wait(OFFICIAL_POPUP_THROTTLE_MS / 1000 - 1)
    expect(await call(fake, 'authorize', { scope: 'scope.record' })).toMatchObject({ ok: false, res: { errno: 103 } })
    expect(fake.privacy.officialPopupsShown).toBe(1)
    await wait(2)
    expect((await call(fake, 'authorize', { scope: 'scope.record' })).ok).toBe(true)
    expect(fake.privacy.officialPopupsShown).toBe(2)
    expect((await call(fake, 'getPrivacySetting')).res.needAuthorization).toBe(false)
  })

  test('(rev) §1.6 from base library 3.4.2 the microphone popup may carry the privacy checkbox: one tap grants the scope and agrees', async () => {
    const fake = createFakeWx(
      { privacyNeedsAgreement: true, combinedPrivacyPopup: true },
      { popups: { 'scope.record': ['allow'] } },
    )
    agreeing(fake)
    expect((await call(fake, 'authorize', { scope: 'scope.record' })).ok).toBe(true)
    expect(fake.trace(['privacy'])).not.toContain('resolvePrivacy(agree #privacy-agree)')
    expect((await call(fake, 'getPrivacySetting')).res.needAuthorization).toBe(false)
    // Before 3.4.2 the same phone asks through the privacy prompt first.
    const older = createFakeWx(
      { sdkVersion: '3.4.1', privacyNeedsAgreement: true, combinedPrivacyPopup: true },
      { popups: { 'scope.record': ['allow'] } },
    )
    agreeing(older)
    expect((await call(older, 'authorize', { scope: 'scope.record' })).ok).toBe(true)
    expect(older.trace(['privacy'])).toContain('resolvePrivacy(agree #privacy-agree)')
  })

  test.each([
    ['errno-104', { errno: 104 }],
    ['errno-103', { errno: 103 }],
    ['text-only', { errno: undefined }],
  ] as const)(
    '(rev) §1.7 a refusal looks like %s, always with the text "privacy permission is not authorized"',
    async (privacyRefusal, shape) => {
      const fake = createFakeWx({ privacyNeedsAgreement: true, privacyRefusal })
      fake.wx.onNeedPrivacyAuthorization(((resolve: (r: PrivacyResolution) => void) =>
        resolve({ event: 'disagree' })) as never)
      const r = await call(fake, 'authorize', { scope: 'scope.camera' })
      expect(r.ok).toBe(false)
      expect(r.res.errno).toBe(shape.errno)
      expect(r.res.errMsg).toContain('privacy permission is not authorized')
    },
  )

  test('(rev) §1.7 errno 112: a device the privacy guide does not declare fails, agreed or not, and no retry helps', async () => {
    const fake = createFakeWx(
      { guideDeclares: { microphone: true, camera: false } },
      { popups: { 'scope.record': ['allow'] } },
    )
    for (let i = 0; i < 2; i++) {
      expect(await call(fake, 'authorize', { scope: 'scope.camera' })).toMatchObject({
        ok: false,
        res: { errno: 112, errMsg: 'authorize:fail api scope is not declared in the privacy agreement' },
      })
    }
    expect((await call(fake, 'authorize', { scope: 'scope.record' })).ok).toBe(true)
  })

  /** A join started under a registered handler: what settled it so far, and the prompts the handler got. */
  async function joinWithHandler(joinPrivacyGated: boolean) {
    const fake = await enabled({ joinPrivacyGated })
    fake.env.privacyNeedsAgreement = true
    const prompts: Array<(r: PrivacyResolution) => void> = []
    fake.wx.onNeedPrivacyAuthorization(((resolve: (r: PrivacyResolution) => void) => prompts.push(resolve)) as never)
    const joined: { ok?: boolean } = {}
    void join(fake).then((r) => (joined.ok = r.ok))
    await wait(1)
    return { fake, prompts, joined }
  }

  test('(rev) §1.8 unknown whether a join is held for consent: played held, it waits for the handler to resolve', async () => {
    const { fake, prompts, joined } = await joinWithHandler(true)
    expect([joined.ok, prompts.length, fake.voip.joins.length]).toEqual([undefined, 1, 0])
    expect(fake.privacy.officialPopupsShown).toBe(0)
    // The typings let the handler tell WeChat its own prompt is showing; that answers nothing.
    prompts[0]({ event: 'exposureAuthorization' })
    await wait(60)
    expect(joined.ok).toBeUndefined()
    fake.privacy.tapAgreeButton('privacy-agree')
    prompts[0]({ event: 'agree', buttonId: 'privacy-agree' })
    await wait(1)
    expect(joined.ok).toBe(true)
    expect(fake.voip.joins.map((j) => j.privacyAgreed)).toEqual([true])
    expect(fake.problems).toEqual([])
  })

  test('(rev) §1.8 unknown whether a join is held for consent: played not held, it goes on without asking', async () => {
    const { fake, prompts, joined } = await joinWithHandler(false)
    expect([joined.ok, prompts.length]).toEqual([true, 0])
    expect(fake.voip.joins.map((j) => j.privacyAgreed)).toEqual([false])
    expect(fake.problems).toEqual([])
  })
})

describe('§2 scopes (rev)', () => {
  /** A tap opens a callback-style modal; openSetting runs in its success callback, or after awaiting it. */
  async function openSettingAfterModal(
    fake: FakeWx,
    where: 'in its success callback' | 'after an await',
  ): Promise<string> {
    const results: string[] = []
    const open = () => fake.wx.openSetting({ success: () => results.push('ok'), fail: (e) => results.push(e.errMsg) })
    const answered = new Promise((resolve) => {
      fake.inTap = true
      fake.wx.showModal({ title: 't', success: where === 'in its success callback' ? open : resolve })
      fake.inTap = false
    })
    if (where === 'after an await') {
      await answered
      open()
    }
    for (let i = 0; i < 3; i++) await tick()
    return results[0]
  }

  test('(rev) §2.5 openSetting works in the success callback of a modal opened from a tap, not after .then or await', async () => {
    const make = () =>
      createFakeWx(
        { authSetting: { 'scope.record': false } },
        { settingsPage: { 'scope.record': true }, modals: ['confirm', 'confirm'] },
      )
    expect(await openSettingAfterModal(make(), 'in its success callback')).toBe('ok')
    const later = make()
    expect(await openSettingAfterModal(later, 'after an await')).toBe(
      'openSetting:fail can only be invoked by user TAP gesture.',
    )
    expect(later.scopes.audit.openSettingOutsideTap).toBe(1)
  })
})

describe("§3 WeChat's phone permissions (rev)", () => {
  test('(rev) §3.2 "not determined" happens on iOS only: an Android phone that says it is refused', () => {
    expect(
      createFakeWx({ platform: 'ios', os: { microphone: 'not determined', camera: 'authorized' } }).problems,
    ).toEqual([])
    const android = createFakeWx({ platform: 'android', os: { microphone: 'not determined', camera: 'authorized' } })
    expect(android.problems).toEqual(["'not determined' is iOS only (§3.2); this phone is android"])
    android.problems.length = 0
  })

  test.each([
    ['voice', { microphone: 'allow', camera: 'deny' }, true, { microphone: 'authorized', camera: 'not determined' }],
    ['voice', { microphone: 'deny', camera: 'allow' }, -30002, { microphone: 'denied', camera: 'not determined' }],
    ['video', { microphone: 'allow', camera: 'deny' }, -30001, { microphone: 'authorized', camera: 'denied' }],
  ] as const)(
    '(rev) §3.2 on iOS the phone asks when a %s call first uses a device not determined (%j): %s, then %j',
    async (roomType, phonePrompt, result, os) => {
      const notDetermined = { microphone: 'not determined', camera: 'not determined' } as const
      const fake = await enabled({ platform: 'ios', os: notDetermined }, { phonePrompt })
      const r = await join(fake, roomType)
      expect(r.ok ? true : r.res.errCode).toBe(result)
      expect(fake.env.os).toEqual(os)
    },
  )
})

describe('§4 one-to-one calls (rev)', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] }))
  afterEach(() => jest.useRealTimers())

  test('(rev) §4.1 enabling holds for this run only: a new run starts disabled', async () => {
    const fake = await enabled()
    expect(fake.voip.enabled).toBe(true)
    const relaunched = createFakeWx({ authSetting: GRANTED })
    expect(relaunched.voip.enabled).toBe(false)
    expect((await join(relaunched)).res.errCode).toBe(-1000)
    expect(relaunched.problems).toEqual(['join1v1Chat before setEnable1v1Chat({ enable: true })'])
    relaunched.problems.length = 0
  })

  test.each([
    ['microphone', { os: { microphone: 'denied' as const, camera: 'authorized' as const } }, -30002],
    ['microphone', { authSetting: {} }, -30003],
    ['microphone-and-camera', { authSetting: { 'scope.record': true } }, -30004],
    ['microphone-and-camera', { os: { microphone: 'authorized' as const, camera: 'denied' as const } }, -30001],
  ] as const)(
    "(rev) §4.2 setEnable1v1Chat fails with join's permission codes where it checks the %s: %j → %i",
    async (enableChecks, env, errCode) => {
      const fake = createFakeWx({ authSetting: GRANTED, enableChecks, ...env })
      expect((await call(fake, 'setEnable1v1Chat', { enable: true })).res.errCode).toBe(errCode)
      expect(fake.voip.enabled).toBe(false)
    },
  )

  test('(rev) §4.2 setEnable1v1Chat fails with -20001 on PC WeChat 4.1.x', async () => {
    const fake = createFakeWx({
      enableFailure: { errCode: -20001, errMsg: '[-20001] setEnable1v1Chat:fail device not support' },
    })
    expect((await call(fake, 'setEnable1v1Chat', { enable: true })).res.errCode).toBe(-20001)
  })

  test('(rev) §4.4 success means the call was placed, not answered: the listener has not answered and may never', async () => {
    const fake = await enabled({ listener: { where: 'inside', answersAfterS: null, hangsUpAfterS: null } })
    expect((await join(fake)).ok).toBe(true)
    expect(fake.voip.inCall).toBe(true)
    expect(fake.voip.answered).toBe(false)
    await wait(RING_SECONDS)
    expect(fake.voip.inCall).toBe(false)
    expect(fake.voip.membersEvents).toEqual([])
  })

  test.each([
    ['inside', false, true],
    ['outside', false, false],
    ['background', false, false],
    ['background', true, true],
  ] as const)(
    '(rev) §4.5 a listener %s (a backgrounded one ringing: %s) is reached: %s; the join succeeds either way',
    async (where, backgroundListenerRings, reached) => {
      const fake = await enabled({
        listener: { where, answersAfterS: 5, hangsUpAfterS: null },
        backgroundListenerRings,
      })
      expect((await join(fake)).ok).toBe(true)
      await wait(6)
      expect(fake.voip.answered).toBe(reached)
    },
  )

  test('(rev) §4.5 a third caller can end a call under way', async () => {
    const fake = await enabled({ listener: { where: 'inside', answersAfterS: 2, hangsUpAfterS: null } })
    const interrupted: unknown[] = []
    fake.wx.onVoIPChatInterrupted((r) => interrupted.push(r))
    await join(fake)
    await wait(3)
    fake.voip.interrupt()
    expect(fake.voip.inCall).toBe(false)
    expect(interrupted).toHaveLength(1)
  })

  test("(rev) §4.6 members changed: two when both are in, one when the other left; nothing for one's own hang-up", async () => {
    const fake = await enabled({ listener: { where: 'inside', answersAfterS: 4, hangsUpAfterS: 190 } })
    const seen: number[] = []
    fake.wx.onVoIPChatMembersChanged((r) => seen.push(r.openIdList.length))
    await join(fake)
    await wait(5)
    expect(seen).toEqual([2])
    await wait(190)
    expect(seen).toEqual([2, 1])
    await join(fake)
    await wait(5)
    fake.voip.hangUp()
    await wait(200)
    expect(seen).toEqual([2, 1, 2])
  })

  test('(rev) §4.6 the events can be switched off entirely: nothing fires, the call still happens', async () => {
    const fake = await enabled({ voipEvents: false, listener: { where: 'inside', answersAfterS: 1, hangsUpAfterS: 2 } })
    const seen: unknown[] = []
    fake.wx.onVoIPChatMembersChanged((r) => seen.push(r))
    await join(fake)
    await wait(2)
    expect(fake.voip.answered).toBe(true)
    await wait(5)
    expect(seen).toEqual([])
    expect(fake.voip.inCall).toBe(false)
  })

  test.each(['placed', 'answered'] as const)(
    '(rev) §4.8 unknown when a join reports success: played on %s',
    async (joinSucceedsWhen) => {
      const fake = await enabled({
        joinSucceedsWhen,
        listener: { where: 'inside', answersAfterS: 30, hangsUpAfterS: null },
      })
      let settled = false
      void join(fake).then(() => (settled = true))
      await wait(1)
      expect(settled).toBe(joinSucceedsWhen === 'placed')
      await wait(30)
      expect(settled).toBe(true)
    },
  )

  test('(rev) §4.8 a join that reports success on answer may do so only some time after the members event', async () => {
    const fake = await enabled({
      joinSucceedsWhen: 'answered',
      joinSuccessLagMs: 1500,
      listener: { where: 'inside', answersAfterS: 5, hangsUpAfterS: null },
    })
    const order: string[] = []
    fake.wx.onVoIPChatMembersChanged((r) => order.push(`members(${r.openIdList.length})`))
    void join(fake).then((r) => order.push(`join ${r.ok ? 'ok' : 'failed'}`))
    await wait(5)
    expect(order).toEqual(['members(2)'])
    await wait(1.5)
    expect(order).toEqual(['members(2)', 'join ok'])
  })

  test('(rev) §4.7 -20000 also when the call minutes are used up', async () => {
    const fake = createFakeWx({ enableFailure: { errCode: -20000, errMsg: 'setEnable1v1Chat:fail no minutes left' } })
    expect((await call(fake, 'setEnable1v1Chat', { enable: true })).res.errCode).toBe(-20000)
  })

  test('(rev) §4.7 -1 on the next join after an ended call; exitVoIPChat clears it (unconfirmed: both played)', async () => {
    for (const exitClearsStaleRoom of [true, false]) {
      const fake = await enabled({ staleRoomAfterCall: true, exitClearsStaleRoom })
      expect((await join(fake)).ok).toBe(true)
      fake.voip.hangUp()
      expect(await join(fake)).toMatchObject({
        ok: false,
        res: { errCode: -1, errMsg: 'join1v1Chat:fail -10086, -1, Already in room!, -1' },
      })
      expect((await call(fake, 'exitVoIPChat')).ok).toBe(true)
      expect((await join(fake)).ok).toBe(exitClearsStaleRoom)
    }
  })

  test("(rev) §4.7 -3 includes the person's own cancel while joining; -1000 during an outage", async () => {
    const fake = await enabled({
      joinOutcomes: [
        { errCode: -3, errMsg: 'join1v1Chat:fail cancel' },
        { errCode: -1000, errMsg: 'join room callback failed: 13' },
      ],
    })
    expect((await join(fake)).res.errCode).toBe(-3)
    expect((await join(fake)).res).toMatchObject({ errCode: -1000, errMsg: 'join room callback failed: 13' })
  })

  test('exitVoIPChat with no room fails, and exists from base library 2.7.0', async () => {
    expect((await call(await enabled(), 'exitVoIPChat')).ok).toBe(false)
    expect(fn(createFakeWx({ sdkVersion: '2.6.9' }), 'exitVoIPChat')).toBeUndefined()
  })
})
