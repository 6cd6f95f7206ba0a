// The reachability slice alone: "accept calls" and setEnable1v1Chat behind it, on stand-ins.
import { observable } from 'mobx-miniprogram'
import { ReachabilityStore } from '../../miniprogram/store/reachability'
import type { PermissionsStore, RequestOutcome } from '../../miniprogram/store/permissions'
import type { Scope } from '../../miniprogram/store/model'
import { flush, wxFailure } from './stand-ins'

type Permissions = Pick<PermissionsStore, 'support' | 'scopes' | 'phone' | 'requestScopes'>

function reachabilityWith(
  answers: Array<Error | null>,
  scopes: Permissions['scopes'] = { 'scope.record': 'granted', 'scope.camera': 'granted' },
) {
  /** A call of mine needs 1v1 (CallStore.withWeChat). */
  const calling = observable.box(false)
  const asked: string[] = []
  const permissions: Permissions = {
    support: 'supported',
    scopes,
    phone: { microphone: 'authorized', camera: 'authorized' },
    requestScopes: (wanted: readonly Scope[]): Promise<RequestOutcome> => {
      asked.push(`request(${wanted.join()})`)
      for (const s of wanted) permissions.scopes = { ...permissions.scopes, [s]: 'granted' }
      return Promise.resolve('granted')
    },
  }
  const reachability = new ReachabilityStore({
    permissions,
    voip: {
      setEnable1v1Chat: (enable) => {
        asked.push(`setEnable1v1Chat(${enable})`)
        const answer = answers.shift()
        return answer ? Promise.reject(answer) : Promise.resolve()
      },
    },
    calling: () => calling.get(),
  })
  return { reachability, permissions, asked, calling }
}

/** Started as at launch, with the microphone granted: 1v1 enabled. */
async function enabled() {
  const started = reachabilityWith([])
  started.reachability.start()
  await flush()
  return started
}

test('at start, enabled once the microphone is granted; a call after that asks WeChat nothing more', async () => {
  const { reachability, asked } = await enabled()
  expect(reachability.state).toBe('on')
  expect(await reachability.ensure()).toBeNull()
  expect(asked).toEqual(['setEnable1v1Chat(true)'])
})

test('a launch’s enable and a first tap at the same time share one wx call', async () => {
  const { reachability, asked } = reachabilityWith([])
  await Promise.all([reachability.ensure(), reachability.ensure()])
  expect(asked).toEqual(['setEnable1v1Chat(true)'])
})

test('a refusal stands with its problem until fixed; -30004 with the camera never asked is asked for, then enabled', async () => {
  const { reachability, asked } = reachabilityWith([wxFailure('setEnable1v1Chat', -30004)], {
    'scope.record': 'granted',
    'scope.camera': 'unasked',
  })
  const refusal = await reachability.ensure()
  expect(refusal?.problem).toEqual({ kind: 'scopes-denied', devices: ['camera'], errCode: -30004 })
  expect([reachability.wayOut, reachability.devicesToAsk]).toEqual(['ask', ['camera']])
  await reachability.askAndRetry()
  expect(asked).toEqual(['setEnable1v1Chat(true)', 'request(scope.camera)', 'setEnable1v1Chat(true)'])
  expect([reachability.state, reachability.refusal]).toEqual(['on', null])
})

test('a refusal no popup can fix shows its own way out', async () => {
  const { reachability } = reachabilityWith([wxFailure('setEnable1v1Chat', -20000)])
  await reachability.ensure()
  expect(reachability.wayOut).toBe('none')
})

test('"accept calls" off tells WeChat, and is kept as a pref', async () => {
  const { reachability, asked } = await enabled()
  await reachability.setAcceptCalls(false)
  expect([reachability.state, reachability.prefs, asked]).toEqual([
    'off',
    { acceptCalls: false },
    ['setEnable1v1Chat(true)', 'setEnable1v1Chat(false)'],
  ])
})

test('"accept calls" off during a call attempt waits for its end: its join still finds 1v1 on (fuzz seed 878778685)', async () => {
  const { reachability, asked, calling } = await enabled()
  calling.set(true)
  await reachability.setAcceptCalls(false)
  expect([reachability.state, asked]).toEqual(['on', ['setEnable1v1Chat(true)']])
  calling.set(false)
  await flush()
  expect([reachability.state, asked]).toEqual(['off', ['setEnable1v1Chat(true)', 'setEnable1v1Chat(false)']])
})

test('a call placed while "accept calls" is off turns 1v1 on for its join, then off again', async () => {
  const { reachability, asked, calling } = reachabilityWith([])
  reachability.load({ acceptCalls: false })
  reachability.start()
  calling.set(true)
  expect(await reachability.ensure()).toBeNull()
  expect(reachability.state).toBe('on')
  calling.set(false)
  await flush()
  expect([reachability.state, asked]).toEqual(['off', ['setEnable1v1Chat(true)', 'setEnable1v1Chat(false)']])
})

test('a call tapped while "accept calls" off is still being told to WeChat waits for it, then turns 1v1 on again', async () => {
  const { reachability, asked, calling } = await enabled()
  // WeChat has not yet answered the switch's setEnable1v1Chat(false) when the call asks for 1v1.
  void reachability.setAcceptCalls(false)
  calling.set(true)
  expect(await reachability.ensure()).toBeNull()
  expect([reachability.state, asked]).toEqual([
    'on',
    ['setEnable1v1Chat(true)', 'setEnable1v1Chat(false)', 'setEnable1v1Chat(true)'],
  ])
})

test('"accept calls" off and on again before WeChat has answered the first: on in the end, and WeChat told so', async () => {
  const { reachability, asked } = await enabled()
  void reachability.setAcceptCalls(false)
  void reachability.setAcceptCalls(true)
  await flush()
  expect([reachability.state, asked]).toEqual([
    'on',
    ['setEnable1v1Chat(true)', 'setEnable1v1Chat(false)', 'setEnable1v1Chat(true)'],
  ])
})
