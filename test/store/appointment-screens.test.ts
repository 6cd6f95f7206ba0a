// The booking and appointment screens' getters with plain stand-ins for the slices: one primary action, the
// consent card first, and the room's call the booker's (never the guest's, who waits to be called).
import { observable } from 'mobx-miniprogram'
import type { Appointment, AppointmentState } from '../../miniprogram/store/appointment-rules'
import { AppointmentScreen, AppointmentScreensContext, BookScreen } from '../../miniprogram/store/screens/appointments'

const ME = { openid: 'oMe0000000000000', nickname: '我' }
const ANNA = { openid: 'oAnna00000000000', nickname: '安娜' }
const START = Date.UTC(2026, 11, 8, 7, 0)
const MINUTE = 60_000

function screens() {
  const state = observable({
    pending: false,
    privacyProblem: false,
    wayOut: false,
    me: ME as typeof ME | null,
    problem: null as 'id' | null,
    shown: null as Appointment | null,
    iBooked: false,
    reply: null as Record<string, string> | null,
    now: START - 60 * MINUTE,
    draftCard: null as object | null,
  })
  const ctx = {
    permissions: {
      get privacyPromptPending() {
        return state.pending
      },
    },
    call: {
      get problem() {
        return state.privacyProblem ? { kind: 'privacy' } : null
      },
      get leadsWayOut() {
        return state.wayOut
      },
      offersRetry: false,
      busy: false,
    },
    profile: {
      get me() {
        return state.me
      },
    },
    appointments: {
      draft: null,
      draftSent: false,
      draftProblem: null,
      get draftCard() {
        return state.draftCard
      },
      get now() {
        return state.now
      },
      get problem() {
        return state.problem
      },
      get shown() {
        return state.shown
      },
      get iBooked() {
        return state.iBooked
      },
      get reply() {
        return state.reply
      },
      upcoming: [],
      cancellable: false,
    },
  } as unknown as AppointmentScreensContext
  return { state, book: new BookScreen(ctx), appointment: new AppointmentScreen(ctx) }
}

const appointment = (state: AppointmentState, iBooked: boolean): Appointment => ({
  id: 'abcdefgh12',
  booker: iBooked ? ME.openid : ANNA.openid,
  guest: iBooked ? ANNA.openid : ME.openid,
  other: ANNA,
  startAt: START,
  endAt: START + 30 * MINUTE,
  mode: 'video',
  topic: '',
  state,
  changedAt: START - DAY,
})
const DAY = 24 * 60 * MINUTE

test('booking: the consent card first, then my profile where I have none, else sending', () => {
  const { state, book } = screens()
  expect(book.primary).toBe('send')
  state.me = null
  expect(book.primary).toBe('profile')
  state.pending = true
  expect(book.primary).toBe('consent')
})

test('the appointment page: every combination has the one primary its rules give', () => {
  const STATES: AppointmentState[] = ['proposed', 'accepted', 'declined', 'cancelled', 'completed', 'missed']
  // Minutes before the start: a day before, inside the 10 minutes, during, after the end.
  const TIMES = [-DAY, -5 * MINUTE, 10 * MINUTE, 40 * MINUTE]
  const BOTH = [false, true]
  let combinations = 0
  for (const pending of BOTH)
    for (const privacyProblem of BOTH)
      for (const wayOut of BOTH)
        for (const invalid of BOTH)
          for (const none of BOTH)
            for (const iBooked of BOTH)
              for (const reply of BOTH)
                for (const shownState of STATES)
                  for (const at of TIMES) {
                    combinations++
                    const c = { pending, privacyProblem, wayOut, invalid, none, state: shownState, iBooked, reply, at }
                    const { state, appointment: screen } = screens()
                    Object.assign(state, {
                      pending: c.pending,
                      privacyProblem: c.privacyProblem,
                      wayOut: c.wayOut,
                      problem: c.invalid ? 'id' : null,
                      shown: c.invalid || c.none ? null : appointment(c.state, c.iBooked),
                      iBooked: c.iBooked,
                      reply: c.reply ? { appt: 'abcdefgh12' } : null,
                      now: START + c.at,
                    })
                    const open = c.state === 'accepted' && c.at > -10 * MINUTE && c.at < 30 * MINUTE
                    const expected =
                      c.pending || c.privacyProblem
                        ? 'consent'
                        : c.invalid || c.none
                          ? 'home'
                          : c.state === 'proposed' && !c.iBooked
                            ? 'accept'
                            : open && c.wayOut
                              ? 'way-out'
                              : open
                                ? c.iBooked
                                  ? 'call'
                                  : 'none'
                                : c.reply
                                  ? 'reply'
                                  : 'none'
                    expect([c, screen.primary]).toEqual([c, expected])
                    expect(screen.callable).toBe(open && !c.invalid && !c.none)
                  }
  expect(combinations).toBe(2 ** 7 * STATES.length * TIMES.length)
})

test('the room’s line: the call’s length once completed (none made up), whom the guest waits for, when it opens', () => {
  const { state, appointment: screen } = screens()
  const note = (shown: Appointment, iBooked: boolean, now: number) => {
    Object.assign(state, { shown, iBooked, now })
    return screen.roomNote
  }
  expect(note({ ...appointment('completed', true), callSeconds: 1500 }, true, START + DAY)).toEqual({
    words: 'completed',
    values: { minutes: 25 },
  })
  expect(note(appointment('completed', true), true, START + DAY)).toEqual({ words: 'completedUnknownLength' })
  expect(note(appointment('accepted', false), false, START)).toEqual({ words: 'waitingFor', values: { name: '安娜' } })
  expect(note(appointment('accepted', true), true, START)).toBeNull()
  expect(note(appointment('accepted', true), true, START - 130 * MINUTE)).toEqual({
    words: 'opensInHours',
    values: { hours: 2, minutes: 0 },
  })
  expect(note(appointment('accepted', true), true, START - 15 * MINUTE)).toEqual({
    words: 'opensInMinutes',
    values: { hours: 0, minutes: 5 },
  })
  expect(note(appointment('missed', true), true, START + DAY)).toBeNull()
})
