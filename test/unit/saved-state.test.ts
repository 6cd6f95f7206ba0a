// Reading saved state back, without launching anything: versions, migrations, validation.
import { migrate, MIGRATIONS, SAVED_VERSION } from '../../miniprogram/store/migrations'
import { emptyState, HISTORY_LIMIT, parseSavedState } from '../../miniprogram/store/saved-state'
import { ALICE, ME, V1_FILE } from '../fixtures'

const roundTrip = (raw: unknown) => {
  const first = parseSavedState(raw)
  // What the app writes back is read again as it was, with nothing reported.
  const again = parseSavedState(JSON.parse(JSON.stringify(first.state)))
  return { first, again }
}

describe('the migration runner', () => {
  const addA = (v: Record<string, unknown>) => ({ ...v, a: 1 })
  const addB = (v: Record<string, unknown>) => ({ ...v, b: (v.a as number) + 1 })

  test('runs every migration from the stored version on, in order, ending at the current version', () => {
    expect(migrate({ version: 1 }, 1, [addA, addB])).toEqual({ version: 3, a: 1, b: 2 })
    expect(migrate({ version: 2, a: 5 }, 2, [addA, addB])).toEqual({ version: 3, a: 5, b: 6 })
  })

  test('a value already at the current version passes through untouched', () => {
    const value = { version: 3, x: 1 }
    expect(migrate(value, 3, [addA, addB])).toBe(value)
  })

  test('the current version is one past the number of migrations', () => {
    expect(SAVED_VERSION).toBe(MIGRATIONS.length + 1)
  })
})

test('no migration throws on damaged input: validation, after it, judges what is left', () => {
  const damaged = [{}, { history: 'x' }, { history: [null, 3, 'x'] }, { contacts: {} }, { profile: 7 }]
  for (const migration of MIGRATIONS) for (const value of damaged) expect(() => migration(value)).not.toThrow()
  for (const value of damaged) expect(migrate({ ...value, version: 1 }, 1).version).toBe(SAVED_VERSION)
})

describe('v1 → v2: a successful join was only ever placed (platform doc §4.4)', () => {
  test('the migration turns "connected" into "placed" and leaves everything else as it was', () => {
    const v1 = {
      version: 1,
      profile: ME,
      history: [{ at: 1, outcome: 'connected', x: 1 }, { at: 2, outcome: 'failed' }, 3],
    }
    expect(MIGRATIONS[0](v1)).toEqual({
      ...v1,
      history: [{ at: 1, outcome: 'placed', x: 1 }, { at: 2, outcome: 'failed' }, 3],
    })
  })

  test("the first release's connected call is now placed, and nobody claims it was answered", () => {
    const { state } = parseSavedState(V1_FILE)
    expect(state.history.map((r) => r.outcome)).toEqual(['failed', 'placed', 'failed', 'failed'])
    expect(state.history.filter((r) => r.answeredAt !== undefined || r.endedAt !== undefined)).toEqual([])
  })

  test('v2 refuses "connected": only a v1 file may say it', () => {
    const { state, problem } = parseSavedState({ version: 2, history: [{ ...V1_FILE.history[1] }] })
    expect([state.history, problem]).toEqual([[], 'partly-corrupted'])
  })

  test('answered and ended times only on a placed call, and an ended time only after an answer', () => {
    const base = { at: 1000, openid: ALICE.openid, mode: 'voice', outcome: 'placed' }
    const read = (record: object) => parseSavedState({ version: 2, history: [record] }).state.history.length
    expect(read({ ...base, answeredAt: 2000, endedAt: 3000 })).toBe(1)
    expect(read({ ...base, endedAt: 3000 })).toBe(0)
    expect(read({ ...base, outcome: 'failed', answeredAt: 2000 })).toBe(0)
    expect(read({ ...base, answeredAt: 'soon' })).toBe(0)
  })

  test('times out of order (WeChat answered before its join did) are set in order, the record kept, no banner', () => {
    const base = { at: 1000, openid: ALICE.openid, mode: 'voice', outcome: 'placed' }
    const read = (record: object) => parseSavedState({ version: 2, history: [record] })
    expect(read({ ...base, answeredAt: 500 })).toEqual({
      state: expect.objectContaining({ history: [{ ...base, answeredAt: 1000 }] }),
      problem: null,
    })
    expect(read({ ...base, answeredAt: 500, endedAt: 800 }).state.history).toEqual([
      { ...base, answeredAt: 1000, endedAt: 1000 },
    ])
    expect(read({ ...base, answeredAt: 2000, endedAt: 1500 }).state.history).toEqual([
      { ...base, answeredAt: 2000, endedAt: 2000 },
    ])
  })
})

describe('a v1 file exactly as the first release wrote it', () => {
  test('loads with every contact, history record and pref intact', () => {
    const { state, problem } = parseSavedState(JSON.parse(JSON.stringify(V1_FILE)))
    expect(problem).toBeNull()
    expect(state.version).toBe(SAVED_VERSION)
    expect(state.profile).toEqual(V1_FILE.profile)
    expect(state.contacts).toEqual(V1_FILE.contacts)
    expect(state.prefs).toEqual(V1_FILE.prefs)
    expect(state.history.map(({ at, openid, mode, errCode }) => ({ at, openid, mode, errCode }))).toEqual(
      V1_FILE.history.map(({ at, openid, mode, errCode }) => ({ at, openid, mode, errCode })),
    )
  })

  test('v1 → current → save → reload gives the same state, with nothing reported', () => {
    const { first, again } = roundTrip(V1_FILE)
    expect(again.problem).toBeNull()
    expect(again.state).toEqual(first.state)
  })

  test('also when it arrives as a JSON string', () => {
    expect(parseSavedState(JSON.stringify(V1_FILE)).state).toEqual(parseSavedState(V1_FILE).state)
  })
})

describe('what cannot be trusted', () => {
  test.each([
    ['not JSON', '{"version":1,', 'corrupted'],
    ['a number', 42, 'corrupted'],
    ['an array', [V1_FILE], 'corrupted'],
    ['null', null, 'corrupted'],
    ['no version', { contacts: [ALICE] }, 'corrupted'],
    ['version 0', { ...V1_FILE, version: 0 }, 'corrupted'],
    ['a fractional version', { ...V1_FILE, version: 1.5 }, 'corrupted'],
    ['a version from a newer Duet', { ...V1_FILE, version: SAVED_VERSION + 1 }, 'future-version'],
  ])('%s: nothing read, problem %s', (_name, raw, problem) => {
    expect(parseSavedState(raw)).toEqual({ state: emptyState(), problem })
  })

  test('nothing stored is no problem', () => {
    expect(parseSavedState(undefined)).toEqual({ state: emptyState(), problem: null })
  })

  test('bad entries are dropped, good ones kept, and the loss reported', () => {
    const raw = {
      version: 1,
      profile: ME,
      contacts: [ALICE, { openid: 7 }, ALICE],
      history: [{ at: 'x' }],
      prefs: { lastMode: 'fax' },
    }
    const { state, problem } = parseSavedState(raw)
    expect(problem).toBe('partly-corrupted')
    expect(state.contacts).toEqual([ALICE])
    expect(state.history).toEqual([])
    expect(state.prefs.lastMode).toBe('voice')
  })

  test('prefs an older version never wrote take their defaults quietly', () => {
    const { state, problem } = parseSavedState({ version: 1, prefs: { lastMode: 'video' } })
    expect(problem).toBeNull()
    expect(state.prefs).toEqual({ ...emptyState().prefs, lastMode: 'video' })
  })

  test(`history keeps the newest ${HISTORY_LIMIT}`, () => {
    const history = Array.from({ length: HISTORY_LIMIT + 5 }, (_, i) => ({ ...V1_FILE.history[2], at: i + 1 }))
    const { state, problem } = parseSavedState({ ...V1_FILE, history })
    expect(state.history).toHaveLength(HISTORY_LIMIT)
    expect(state.history[0].at).toBe(6)
    expect(problem).toBe('partly-corrupted')
  })
})
