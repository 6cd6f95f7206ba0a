// The call slice with its neighbours, all on stand-in services (no model of WeChat, no page): one tap, one
// attempt, in the documented order; what WeChat's answers make of it on screen.
import { RootStore } from '../../miniprogram/store/index'
import { ALICE, savedState, stored } from '../fixtures'
import { deferred, flush, Phone, standInServices, wxFailure } from './stand-ins'

async function started(phone: Partial<Phone> = {}) {
  const stand = standInServices(phone)
  Object.assign(stand.storage, stored(savedState()))
  const store = new RootStore(stand.services)
  await store.start()
  await flush()
  stand.asked.length = 0
  store.call.open(ALICE.openid)
  return { store, ...stand }
}

afterEach(() => jest.useRealTimers())

test('everything granted: one join, for the contact, as me; placed, and written down', async () => {
  const { store, asked, joined } = await started()
  await store.call.start()
  expect(asked).toEqual(['join1v1Chat(voice)'])
  expect(joined[0]).toMatchObject({
    caller: { openid: savedState().profile.openid },
    listener: { openid: ALICE.openid },
  })
  expect([store.call.status, store.call.notice, store.call.problem]).toEqual(['idle', 'placed', null])
  expect(store.history.records).toMatchObject([{ openid: ALICE.openid, outcome: 'placed' }])
})

test('a second tap while one is in flight does nothing', async () => {
  const wechat = deferred()
  const { store, asked } = await started({ joins: [wechat.promise] })
  const first = store.call.start()
  await flush(20)
  void store.call.start()
  expect(store.call.status).toBe('joining')
  wechat.resolve()
  await first
  expect(asked).toEqual(['join1v1Chat(voice)'])
})

test('a scope never asked is asked for first, then the call goes on', async () => {
  const { store, asked } = await started({ authSetting: {} })
  await store.call.start()
  expect(asked).toEqual(['authorize(scope.record)', 'setEnable1v1Chat(true)', 'join1v1Chat(voice)'])
  expect(store.call.notice).toBe('placed')
})

test('consent missing: the privacy problem, and WeChat is asked nothing', async () => {
  const { store, asked } = await started({ privacyNeeded: true })
  await store.call.start()
  expect([store.call.problem, asked]).toEqual([{ kind: 'privacy' }, []])
})

test('-30004 on a voice call: the camera is asked for, and the voice call tried once more', async () => {
  const { store, asked } = await started({
    authSetting: { 'scope.record': true },
    joins: [wxFailure('join1v1Chat', -30004)],
  })
  await store.call.start()
  expect(asked).toEqual(['join1v1Chat(voice)', 'authorize(scope.camera)', 'join1v1Chat(voice)'])
  expect(store.call.notice).toBe('placed')
})

test('-30004 and the camera refused: says which scope is off, with the note why it was asked', async () => {
  const { store } = await started({
    authSetting: { 'scope.record': true },
    joins: [wxFailure('join1v1Chat', -30004)],
    popup: () => 'deny',
  })
  await store.call.start()
  expect([store.call.problem, store.call.notice]).toEqual([
    { kind: 'scopes-denied', devices: ['camera'] },
    'voice-needs-camera',
  ])
})

test('-1: retry leaves the stale room first, then calls', async () => {
  const { store, asked } = await started({ joins: [wxFailure('join1v1Chat', -1)] })
  await store.call.start()
  expect(store.call.problem).toEqual({ kind: 'stale-room', errCode: -1 })
  await store.call.retry()
  expect(asked).toEqual(['join1v1Chat(voice)', 'exitVoIPChat', 'join1v1Chat(voice)'])
  expect(store.call.problem).toBeNull()
})

test('#call-cancel frees the screen at once and says so; the record waits for WeChat', async () => {
  const wechat = deferred()
  const { store } = await started({ joins: [wechat.promise] })
  const tap = store.call.start()
  await flush(20)
  store.call.stopWaiting()
  await tap
  expect([store.call.status, store.call.notice, store.call.problem]).toEqual(['idle', 'wait-cancelled', null])
  wechat.resolve()
  await flush()
  expect(store.history.records).toMatchObject([{ outcome: 'placed' }])
})

test('WeChat’s events are about the call joined last: answered, then ended', async () => {
  const { store } = await started()
  await store.call.start()
  store.call.membersChanged([savedState().profile.openid, ALICE.openid])
  store.call.membersChanged([savedState().profile.openid])
  expect(store.history.records[0]).toHaveProperty('answeredAt')
  expect(store.history.records[0]).toHaveProperty('endedAt')
})

test('back from the settings page with the scope on: the problem is gone', async () => {
  const { store, phone } = await started({ authSetting: { 'scope.record': false } })
  await store.call.start()
  expect(store.call.problem).toEqual({ kind: 'scopes-denied', devices: ['microphone'] })
  phone.authSetting = { 'scope.record': true }
  await store.pageShown()
  expect(store.call.problem).toBeNull()
})
