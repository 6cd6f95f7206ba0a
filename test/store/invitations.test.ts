// The invitations slice alone, on stand-ins: my wait for a callback, and an invitation opened on this phone.
import { INVITATION_VALID_MS, invitationQuery } from '../../miniprogram/store/invitation-link'
import { InvitationsStore } from '../../miniprogram/store/invitations'
import type { Person } from '../../miniprogram/store/model'
import { flush } from './stand-ins'

const ME: Person = { openid: 'oMe_000000000000000001', nickname: '我' }
const BEN: Person = { openid: 'oBen_00000000000000001', nickname: '阿本' }
const CAROL = 'oCarol_000000000000001'

function invitations(acceptCalls = true) {
  const screen: boolean[] = []
  const offered: string[] = []
  const reachability = {
    acceptCalls,
    refusal: null,
    setAcceptCalls: (on: boolean) => {
      reachability.acceptCalls = on
      return Promise.resolve()
    },
    ensure: () => Promise.resolve(null),
  }
  const store = new InvitationsStore({
    profile: { me: ME, openid: ME.openid },
    reachability,
    contacts: { offer: (p) => void offered.push(p.openid), find: () => undefined },
    screen: { keepOn: (on) => void screen.push(on) },
  })
  return { store, screen, offered, reachability }
}

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }))
afterEach(() => jest.useRealTimers())

describe('my wait for a callback', () => {
  test('inviting starts the wait: reachable, screen on, ten minutes counted down', async () => {
    const { store, screen } = invitations()
    store.invite(BEN, 'voice')
    await flush()
    expect(store.sentLink).toEqual(invitationQuery({ from: ME, mode: 'voice', sentAt: 1_000_000 }))
    expect([store.waitingFor, store.remainingMs, screen]).toEqual([BEN.openid, INVITATION_VALID_MS, [true]])
    jest.advanceTimersByTime(60_000)
    expect(store.remainingMs).toBe(INVITATION_VALID_MS - 60_000)
  })

  test('"accept calls" off is switched back on for the wait, and the waiting room says so', async () => {
    const { store, reachability } = invitations(false)
    store.invite(BEN, 'voice')
    await flush()
    expect([reachability.acceptCalls, store.turnedOnAcceptCalls]).toEqual([true, true])
  })

  test('a call with the person awaited ends the wait as answered', () => {
    const { store, screen } = invitations()
    store.invite(BEN, 'voice')
    store.membersChanged([ME.openid, BEN.openid])
    expect([store.waiting, store.waitEnded, screen]).toEqual([null, 'answered', [true, false]])
  })

  test('a call with anyone else (Carol) while I wait for Ben leaves the wait running', () => {
    const { store } = invitations()
    store.invite(BEN, 'voice')
    store.membersChanged([ME.openid, CAROL])
    expect([store.waitingFor, store.waitEnded]).toEqual([BEN.openid, null])
  })

  test('the wait ends by time, with whom it was for; the clock stops', () => {
    const { store } = invitations()
    store.invite(BEN, 'video')
    jest.advanceTimersByTime(INVITATION_VALID_MS)
    expect([store.waiting, store.waitEnded, store.waitingFor, jest.getTimerCount()]).toEqual([
      null,
      'timed-out',
      BEN.openid,
      0,
    ])
  })

  test('cancelled, the wait ends untold; "accept calls" off ends it and says why', () => {
    const { store } = invitations()
    store.invite(BEN, 'voice')
    store.cancelWaiting()
    expect([store.waiting, store.waitEnded]).toEqual([null, null])
    store.invite(BEN, 'voice')
    store.acceptCallsOff()
    expect(store.waitEnded).toBe('calls-off')
  })
})

describe('an invitation opened here', () => {
  const linkFrom = (from: Person, sentAt: number) => invitationQuery({ from, mode: 'voice', sentAt })

  test('a good one is kept, its sender offered as a contact; calling them back answers it', () => {
    const { store, offered } = invitations()
    store.open(linkFrom(BEN, Date.now()))
    expect([store.status, store.received?.from.openid, offered]).toEqual(['valid', BEN.openid, [BEN.openid]])
    store.placedTo(CAROL)
    expect(store.received).not.toBeNull()
    store.placedTo(BEN.openid)
    expect([store.received, store.status]).toEqual([null, 'valid'])
  })

  test('my own is not one to answer; an old one is expired and not kept on the device', () => {
    const { store } = invitations()
    store.open(linkFrom(ME, Date.now()))
    expect(store.status).toBe('self')
    store.open(linkFrom(BEN, Date.now() - INVITATION_VALID_MS - 1))
    expect([store.status, store.saved]).toEqual(['expired', null])
  })

  test('a damaged link is refused with what is wrong, and nothing is kept', () => {
    const { store } = invitations()
    store.open({ ...linkFrom(BEN, Date.now()), mode: 'fax' })
    expect([store.status, store.problem, store.received]).toEqual(['invalid', 'mode', null])
  })
})
