// The root store on stand-in services: what it wires between the slices, and what it keeps on the device.
import { RootStore } from '../../miniprogram/store/index'
import type { CallEvents } from '../../miniprogram/services/voip'
import { ALICE, ANNA, savedIn, savedState, stored } from '../fixtures'
import { flush, standInServices } from './stand-ins'

async function rootOn() {
  const stand = standInServices()
  let events: CallEvents | undefined
  stand.services.voip.listenToCalls = (e) => {
    events = e
  }
  Object.assign(stand.storage, stored(savedState({ contacts: [ALICE, { ...ANNA, note: '' }] })))
  const store = new RootStore(stand.services)
  await store.start()
  await flush()
  return { store, events: () => events!, ...stand }
}

afterEach(() => jest.useRealTimers())

test('each slice loads its part, and every change is saved at once', async () => {
  const { store, storage } = await rootOn()
  expect(store.contacts.items.map((c) => c.openid)).toEqual([ALICE.openid, ANNA.openid])
  store.onboarding.skipCamera()
  store.call.setMode('video')
  expect(savedIn(storage)?.prefs).toEqual({
    lastMode: 'video',
    disableSwitchVoice: false,
    acceptCalls: true,
    audioOnly: true,
  })
})

test('WeChat’s members event reaches both the call and the wait for a callback', async () => {
  jest.useFakeTimers({ now: 1_000_000, doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] })
  const { store, events } = await rootOn()
  store.invitations.invite(ANNA, 'voice')
  store.call.open(ALICE.openid)
  await store.call.start()
  events().membersChanged([savedState().profile.openid, ALICE.openid])
  expect(store.history.records[0]).toHaveProperty('answeredAt')
  expect(store.invitations.waitingFor).toBe(ANNA.openid)
  events().membersChanged([savedState().profile.openid, ANNA.openid])
  expect(store.invitations.waitEnded).toBe('answered')
  store.dispose()
})

test('"accept calls" switched off ends a wait for a callback', async () => {
  const { store } = await rootOn()
  store.invitations.invite(ANNA, 'voice')
  await store.reachability.setAcceptCalls(false)
  expect(store.invitations.waitEnded).toBe('calls-off')
  store.dispose()
})
