// The view getters (store/screens) with plain stand-ins for the slices: no model of WeChat, no page. Each
// screen has one primary action, and the consent card, wherever it shows, is it.
import { observable } from 'mobx-miniprogram'
import type { CallProblem } from '../../miniprogram/store/call-problems'
import type { InvitationStatus } from '../../miniprogram/store/invitations'
import type { Contact, Person } from '../../miniprogram/store/model'
import { Screens, ScreensContext } from '../../miniprogram/store/screens'

const ALICE: Contact = { openid: 'oAlice0000000000', nickname: '爱丽丝', note: '' }
const ME: Person = { openid: 'oMe0000000000000', nickname: '我' }
const NOW = Date.UTC(2026, 11, 1)

/** Every slice the screens read, as plain observable values a test sets. */
function slices() {
  const state = observable({
    pending: false,
    problem: null as CallProblem | null,
    leadsWayOut: false,
    offersRetry: false,
    cannotHere: false,
    contact: ALICE as Contact | undefined,
    me: ME as Person | null,
    status: 'valid' as InvitationStatus,
    shareOffer: null as { person: Person; existing: boolean } | null,
    items: [ALICE] as Contact[],
    form: { editing: null as string | null },
  })
  type Key = keyof typeof state
  /** A slice whose `live` fields read `state` as it is now (so the screens' computeds follow), beside `fixed` ones. */
  const slice = (live: Record<string, Key>, fixed: object = {}) =>
    Object.defineProperties(
      { ...fixed },
      Object.fromEntries(
        Object.entries(live).map(([name, key]) => [name, { get: () => state[key], enumerable: true }]),
      ),
    )
  const ctx = {
    permissions: slice({ privacyPromptPending: 'pending' }),
    call: slice(
      {
        problem: 'problem',
        leadsWayOut: 'leadsWayOut',
        offersRetry: 'offersRetry',
        cannotHere: 'cannotHere',
        contact: 'contact',
      },
      {
        contactOpenid: ALICE.openid,
        mode: 'voice',
        status: 'idle',
        busy: false,
        disableSwitchVoice: false,
        reachHint: false,
        historyRows: [],
      },
    ),
    profile: slice({ me: 'me' }),
    invitations: slice(
      { status: 'status' },
      { waiting: null, shown: { from: ME, mode: 'voice', sentAt: NOW - 3 * 60_000 }, now: NOW },
    ),
    rings: { stateFor: () => 'idle', code: undefined, restingFor: () => false, restSeconds: 0, restMinutes: 0 },
    contacts: slice({ shareOffer: 'shareOffer', items: 'items', form: 'form' }),
  } as unknown as ScreensContext
  return { state, screens: new Screens(ctx) }
}

test('a pending privacy prompt, or a call stopped for consent, shows the consent card, and it leads every screen', () => {
  const { state, screens } = slices()
  expect([screens.dial.consent, screens.dial.primary]).toEqual([false, 'call'])
  state.problem = { kind: 'privacy' }
  expect([screens.dial.consent, screens.invite.consent]).toEqual([true, true])
  state.problem = null
  state.pending = true
  expect([screens.dial.primary, screens.invite.primary, screens.home.primary, screens.me.primary]).toEqual([
    'consent',
    'consent',
    'consent',
    'consent',
  ])
})

test("the dial page's primary: nobody to call → back, a way out → it, calling impossible here → none, else call", () => {
  const { state, screens } = slices()
  state.contact = undefined
  expect(screens.dial.primary).toBe('back')
  state.contact = ALICE
  state.leadsWayOut = true
  expect([screens.dial.primary, screens.dial.caller.primary]).toEqual(['way-out', false])
  state.leadsWayOut = false
  state.offersRetry = true
  expect([screens.dial.primary, screens.dial.caller.shown]).toEqual(['way-out', false])
  state.offersRetry = false
  state.cannotHere = true
  expect(screens.dial.primary).toBe('none')
})

test("the invitation's primary: a dead link → home, no profile → the profile, expired → invite back, else call back", () => {
  const { state, screens } = slices()
  expect([screens.invite.primary, screens.invite.callback.primary]).toEqual(['callback', true])
  expect(screens.invite.card?.minutesAgo).toBe(3)
  state.status = 'expired'
  expect(screens.invite.primary).toBe('invite-back')
  // Without my profile, neither calling back nor inviting back can work: giving it leads.
  state.me = null
  expect([screens.invite.primary, screens.invite.callback.disabled]).toEqual(['profile', true])
  for (const status of ['invalid', 'self', 'none'] as const) {
    state.status = status
    expect(screens.invite.primary).toBe('home')
  }
})

test('home: someone offered leads; a profile first leads until saved; with no contacts, sharing my card', () => {
  const { state, screens } = slices()
  state.me = null
  screens.home.opened()
  expect([screens.home.profileFirst, screens.home.primary]).toEqual([true, 'profile'])
  // Saved during this visit: the card stays first (decided once per visit), and nothing else leads yet.
  state.me = ME
  expect([screens.home.profileFirst, screens.home.primary]).toEqual([true, 'none'])
  screens.home.opened()
  state.items = []
  expect(screens.home.primary).toBe('share-card')
  state.shareOffer = { person: ALICE, existing: false }
  expect(screens.home.primary).toBe('share-offer')
  // The edit dialog, while open, leads.
  state.form = { editing: ALICE.openid }
  expect(screens.home.primary).toBe('edit')
})

/** Every value of each field, so the test below goes through every combination of them (no sampling). */
const EVERY = {
  pending: [false, true],
  privacyProblem: [false, true],
  leadsWayOut: [false, true],
  offersRetry: [false, true],
  cannotHere: [false, true],
  contact: [false, true],
  me: [false, true],
  status: ['none', 'valid', 'expired', 'self', 'invalid'] as InvitationStatus[],
  shareOffer: ['none', 'new', 'existing'] as const,
  contacts: [false, true],
  editing: [false, true],
}
type Combination = { [K in keyof typeof EVERY]: (typeof EVERY)[K][number] }

/** Every combination of EVERY's values. */
function* combinations(): Generator<Combination> {
  const keys = Object.keys(EVERY) as Array<keyof typeof EVERY>
  const count = keys.reduce((n, k) => n * EVERY[k].length, 1)
  for (let i = 0; i < count; i++) {
    let rest = i
    const c = {} as Record<string, unknown>
    for (const k of keys) {
      c[k] = EVERY[k][rest % EVERY[k].length]
      rest = Math.floor(rest / EVERY[k].length)
    }
    yield c as Combination
  }
}

// Exhaustive rather than sampled: 7,680 combinations (about a second on 2 cores), while 100 samples (fast-check's
// default) missed a rare one in the appointment page's table (1 in 768).
test('whatever the slices say, each screen names exactly one primary action, the consent card first', () => {
  const { state, screens } = slices()
  let count = 0
  const wrong: object[] = []
  for (const s of combinations()) {
    count++
    Object.assign(state, {
      pending: s.pending,
      problem: s.privacyProblem ? { kind: 'privacy' } : null,
      leadsWayOut: s.leadsWayOut,
      offersRetry: s.offersRetry,
      cannotHere: s.cannotHere,
      contact: s.contact ? ALICE : undefined,
      me: s.me ? ME : null,
      status: s.status,
      shareOffer: s.shareOffer === 'none' ? null : { person: ALICE, existing: s.shareOffer === 'existing' },
      items: s.contacts ? [ALICE] : [],
      form: { editing: s.editing ? ALICE.openid : null },
    })
    screens.home.opened()
    const consent = s.pending || s.privacyProblem
    const seen = {
      dial: screens.dial.primary === 'consent',
      invite: screens.invite.primary === 'consent',
      // Home and my page show the consent card for a pending prompt (a call stopped for consent is the call's).
      home: screens.home.primary === 'consent',
      me: screens.me.primary === 'consent',
      // The call button and the callback are primary only when the screen says so.
      caller: screens.dial.caller.primary === (screens.dial.primary === 'call'),
      callback: screens.invite.callback.primary === (screens.invite.primary === 'callback'),
    }
    const expected = { dial: consent, invite: consent, home: s.pending, me: s.pending, caller: true, callback: true }
    if ((Object.keys(expected) as Array<keyof typeof expected>).some((k) => seen[k] !== expected[k]))
      wrong.push({ ...s, seen })
  }
  // Compared once: an expect per combination costs more than the screens do.
  expect(wrong).toEqual([])
  expect(count).toBe(2 ** 9 * 5 * 3)
})
