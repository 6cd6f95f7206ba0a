// §4: one-to-one calls. A placed call rings the scripted listener, who answers, hangs up or never does;
// WeChat's events fire as developers report them (§4.6), and an ended call can leave a stale room (§4.7).
// Ringing and answering take time: tests that follow a call use jest's fake timers.
import type { JoinOutcome } from './environment'
import type { ApiTable, Callbacks, FakeWx } from './fake-wx'
import { api } from './fake-wx'
import type { Device } from './privacy'

/** Node's own turn of the event loop, which jest's fake timers leave alone. */
const { setImmediate: nextTurn } = require('timers') as typeof import('timers')

/** §4.8: WeChat rings for about a minute. */
export const RING_SECONDS = 60

type VoipApi = 'setEnable1v1Chat' | 'join1v1Chat'

/** §4.7: the errMsg formats the doc quotes, one per API. */
function codedErrMsg(apiName: VoipApi, errCode: number, what: string): string {
  return apiName === 'setEnable1v1Chat'
    ? `[${errCode}] setEnable1v1Chat:fail ${what}`
    : `join1v1Chat:fail -10086, ${errCode}, ${what}, ${errCode}`
}

export interface Party {
  openid: string
  nickname: string
  headImage?: string
}

interface ActiveCall {
  roomType: 'voice' | 'video'
  caller: Party
  listener: Party
  answered: boolean
  timers: ReturnType<typeof setTimeout>[]
  /** Calls back the join that placed this call, when WeChat reports success only on answer. */
  reportSuccess: (() => void) | null
}

/** What WeChat's call screen on this phone shows: the person sees it, and answers or hangs up there. */
export interface CallScreen {
  role: 'caller' | 'listener'
  roomType: 'voice' | 'video'
  /** The other person. */
  peer: Party
  /** Ringing (呼叫中 / an incoming call), connected, the other cannot be reached, or over. */
  status: 'calling' | 'in-call' | 'not-inside' | 'busy' | 'ended'
  /** When the call was answered (Date.now()), for the screen's mm:ss. */
  answeredAt: number | null
}

/** The WeChat of another phone that is running, by its person's openid (the playground's two phones). */
export type PhoneBook = (openid: string) => FakeWx | undefined

/** How long WeChat's screen says a call is over before it closes. */
const ENDED_SCREEN_MS = 1500

type MembersListener = (res: { openIdList: string[]; errCode: number; errMsg: string }) => void
type InterruptedListener = (res: { errCode: number; errMsg: string }) => void

export class FakeVoip {
  /** setEnable1v1Chat(true) succeeded in this run of the mini program (§4.1). */
  enabled = false
  /** A room left behind by an ended call: the next join fails with -1 (§4.7). */
  staleRoom = false
  /** join1v1Chat calls that never called back. */
  hangingJoins = 0
  /** What held at the moment of each join WeChat let through its checks: facts for invariants. */
  readonly joins: Array<{
    roomType: string
    privacyAgreed: boolean
    record: boolean
    camera: boolean
    listener: Party
    caller: Party
  }> = []
  /** Members events fired, newest last (what Duet may have seen). */
  readonly membersEvents: string[][] = []
  private call: ActiveCall | null = null
  /**
   * Other phones, when they run too: a call then rings the listener's real phone, from its real state,
   * instead of the scripted `env.listener`.
   */
  phoneBook: PhoneBook | null = null
  /** What WeChat's call screen shows now; null when none is open. */
  screen: CallScreen | null = null
  /** The other phone's side of the call on this phone's screen (with a phone book). */
  private peer: FakeVoip | null = null
  private readonly screenListeners = new Set<(screen: CallScreen | null) => void>()
  private readonly membersListeners = new Set<MembersListener>()
  private readonly interruptedListeners = new Set<InterruptedListener>()

  constructor(private readonly fake: FakeWx) {}

  get inCall(): boolean {
    return this.call !== null
  }

  get answered(): boolean {
    return this.call?.answered === true
  }

  // ---- what the people do during a call -------------------------------------------------------------

  /** The caller hangs up on WeChat's call screen: nothing fires (§4.6). */
  hangUp(): void {
    this.end()
  }

  // ---- WeChat's call screen, between two running phones -------------------------------------------

  /** Hears every change of this phone's call screen. */
  onScreen(listener: (screen: CallScreen | null) => void): void {
    this.screenListeners.add(listener)
  }

  private show(screen: CallScreen | null): void {
    this.screen = screen
    for (const listener of [...this.screenListeners]) listener(screen)
  }

  /** The screen says the call is over, then closes. */
  private showEnded(): void {
    if (!this.screen || this.screen.status === 'ended') return
    const ended = { ...this.screen, status: 'ended' as const }
    this.show(ended)
    setTimeout(() => this.screen === ended && this.show(null), ENDED_SCREEN_MS)
  }

  /** §4.5: whether a call placed to this phone now rings here, from its real state. */
  private reachable(): 'rings' | 'not-inside' | 'busy' {
    const { env, inFront } = this.fake
    if (!this.enabled || !(inFront || env.backgroundListenerRings)) return 'not-inside'
    return this.call || this.peer ? 'busy' : 'rings'
  }

  /** The listener taps 接听 on their incoming-call screen: both phones hear that both are in (§4.6). */
  answerOnScreen(): void {
    const caller = this.peer
    const screen = this.screen
    if (!caller?.call || screen?.role !== 'listener' || screen.status !== 'calling') return
    const call = caller.call
    const answeredAt = Date.now()
    caller.show({ ...caller.screen!, status: 'in-call', answeredAt })
    this.show({ ...screen, status: 'in-call', answeredAt })
    caller.answer(call)
    this.emitMembers([call.caller.openid, call.listener.openid])
  }

  /**
   * The person taps 挂断 (or 拒绝) on their call screen. The one who stays hears that only they are left, if
   * the call was answered; nothing fires for one's own hang-up or an unanswered call (§4.6).
   */
  hangUpOnScreen(): void {
    const screen = this.screen
    if (!screen || screen.status === 'ended') return
    const other = this.peer
    const call = this.call ?? other?.call ?? null
    const answered = call?.answered === true
    // The caller's WeChat holds the call; ending it there closes the listener's side too.
    const callerSide = screen.role === 'caller' ? this : other
    callerSide?.end()
    callerSide?.showEnded()
    this.peer = null
    this.showEnded()
    if (other && call && answered)
      other.emitMembers([screen.role === 'caller' ? call.listener.openid : call.caller.openid])
  }

  /** A call placed from `caller` reaches this phone's WeChat, which rings. */
  private ring(caller: FakeVoip, call: ActiveCall): void {
    this.peer = caller
    caller.peer = this
    this.show({ role: 'listener', roomType: call.roomType, peer: call.caller, status: 'calling', answeredAt: null })
  }

  /** The call this phone was part of ended on the other phone, or was never answered. */
  private ended(): void {
    this.peer = null
    this.showEnded()
  }

  /** §4.4–§4.5 with both phones running: the call screen opens and the listener's phone rings if it can. */
  private placeToPhone(call: ActiveCall, phoneBook: PhoneBook): void {
    const listener = phoneBook(call.listener.openid)?.voip
    const reach = listener ? listener.reachable() : 'not-inside'
    this.show({
      role: 'caller',
      roomType: call.roomType,
      peer: call.listener,
      status: reach === 'rings' ? 'calling' : reach,
      answeredAt: null,
    })
    if (reach === 'rings' && listener) listener.ring(this, call)
    // Nobody answers: WeChat stops ringing after about a minute and nothing fires (§4.6). An answered call goes on.
    call.timers.push(
      setTimeout(() => {
        if (call.answered) return
        this.end()
        this.showEnded()
      }, RING_SECONDS * 1000),
    )
    if (call.reportSuccess) this.hangingJoins++
  }

  /**
   * The call is cut from outside (a phone call, the app sent away, a third caller: §4.5): the call ends and
   * onVoIPChatInterrupted fires (§4.6).
   */
  interrupt(): void {
    if (!this.call) return
    this.end()
    this.emitInterrupted({ errCode: -1, errMsg: 'onVoIPChatInterrupted: interrupted' })
  }

  private answer(call: ActiveCall): void {
    call.answered = true
    const reportSuccess = call.reportSuccess
    call.reportSuccess = null
    // The join's own answer, when WeChat gives it only now, may trail the members event (§4.8, unknown).
    const lag = this.fake.env.joinSuccessLagMs
    if (reportSuccess && lag > 0) setTimeout(reportSuccess, lag)
    else reportSuccess?.()
    this.emitMembers([call.caller.openid, call.listener.openid])
    const hangUpAfter = this.fake.env.listener.hangsUpAfterS
    if (hangUpAfter !== null) this.after(call, hangUpAfter, () => this.listenerLeaves(call))
  }

  private listenerLeaves(call: ActiveCall): void {
    if (this.call !== call) return
    this.end()
    this.emitMembers([call.caller.openid])
  }

  private end(): void {
    const call = this.call
    if (!call) return
    for (const timer of call.timers) clearTimeout(timer)
    this.call = null
    if (this.fake.env.staleRoomAfterCall) this.staleRoom = true
    const peer = this.peer
    this.peer = null
    peer?.ended()
  }

  /**
   * WeChat tells this phone who is in a call it is part of, e.g. one it answered from another phone. Whether a
   * listener's phone gets this event is not documented (§4.6): tests that rely on it say so.
   */
  reportMembers(openIdList: string[]): void {
    this.emitMembers(openIdList)
  }

  private emitMembers(openIdList: string[]): void {
    if (!this.fake.env.voipEvents) return
    this.membersEvents.push(openIdList)
    this.fake.record('onVoIPChatMembersChanged', `membersChanged(${openIdList.length})`, 'event', { openIdList })
    const res = { openIdList, errCode: 0, errMsg: 'onVoIPChatMembersChanged:ok' }
    this.fake.asThisPhone(() => {
      for (const listener of [...this.membersListeners]) listener(res)
    })
  }

  private emitInterrupted(res: { errCode: number; errMsg: string }): void {
    if (!this.fake.env.voipEvents) return
    this.fake.record('onVoIPChatInterrupted', 'interrupted', 'event', res)
    this.fake.asThisPhone(() => {
      for (const listener of [...this.interruptedListeners]) listener(res)
    })
  }

  // ---- the checks both APIs make --------------------------------------------------------------------

  /** The phone and scope checks, with join's codes (§4.7), for the devices a call or an enable needs. */
  private permissionCode(devices: Device[], mode: 'voice' | 'video'): [number, string] | null {
    const { os, authSetting } = this.fake.env
    const uses = (d: Device) => devices.includes(d)
    if (uses('microphone') && os.microphone === 'denied') return [-30002, 'no microphone permission for WeChat']
    if (uses('camera') && os.camera === 'denied' && mode === 'video') return [-30001, 'no camera permission for WeChat']
    if (uses('microphone') && authSetting['scope.record'] !== true) return [-30003, 'no scope.record']
    if (uses('camera') && authSetting['scope.camera'] !== true) return [-30004, 'no scope.camera']
    return null
  }

  /**
   * A coded failure of a 1v1 API, with its code as this WeChat gives it (§4.7); the errMsg in the doc's format
   * for that API unless a test scripted one.
   */
  private failCoded(o: Callbacks, apiName: VoipApi, errCode: number, what: string, scriptedErrMsg?: string): void {
    const errMsg = scriptedErrMsg ?? codedErrMsg(apiName, errCode, what)
    const onlyInErrMsg = this.fake.env.voipErrCodeShape === 'errMsg-only'
    this.fake.failWith(o, onlyInErrMsg ? { errMsg } : { errMsg, errCode })
  }

  private setEnable(o: Callbacks & { enable: boolean }): void {
    const fake = this.fake
    fake.record('setEnable1v1Chat', `setEnable1v1Chat(${String(o.enable)})`, 'call', { enable: o.enable })
    if (typeof o.enable !== 'boolean') return fake.problem('setEnable1v1Chat needs a boolean enable')
    const fail = (errCode: number, what: string, errMsg?: string) =>
      this.failCoded(o, 'setEnable1v1Chat', errCode, what, errMsg)
    if (fake.env.platform === 'devtools')
      return fake.failWith(o, { errMsg: 'setEnable1v1Chat:fail not supported in devtools' })
    if (!fake.env.adminConsole1v1) return fail(-20000, 'not enabled')
    if (!fake.env.deviceSupports1v1) return fail(-20001, 'device not supported')
    const scripted = fake.env.enableFailure
    if (scripted) return fail(scripted.errCode, 'failed', scripted.errMsg)
    if (o.enable && fake.env.enableChecks !== 'nothing') {
      const devices: Device[] = fake.env.enableChecks === 'microphone' ? ['microphone'] : ['microphone', 'camera']
      const code = this.permissionCode(devices, 'video')
      if (code) return fail(...code)
    }
    this.enabled = o.enable
    fake.succeed('setEnable1v1Chat', o)
  }

  private join(o: Callbacks & { roomType?: string; caller: unknown; listener: unknown }): void {
    const fake = this.fake
    const roomType = o.roomType ?? 'video' // WeChat's default (§4.3)
    fake.record('join1v1Chat', `join1v1Chat(${o.roomType ?? 'video by default'})`, 'call', o)
    if (!validParty(o.caller) || !validParty(o.listener)) {
      fake.noteProblem('join1v1Chat needs caller and listener with openid and nickname')
      return fake.failWith(o, { errMsg: 'join1v1Chat:fail parameter error' })
    }
    if (roomType !== 'voice' && roomType !== 'video') return fake.problem(`join1v1Chat roomType ${roomType}`)
    const devices: Device[] = roomType === 'video' ? ['microphone', 'camera'] : ['microphone']
    const go = () => this.joinNow(o, roomType, o.caller as Party, o.listener as Party)
    // §1.8 (rev): unknown whether WeChat holds a join for consent; both are played.
    if (fake.env.joinPrivacyGated) fake.privacy.gate('join1v1Chat', o, devices, go)
    else go()
  }

  private joinNow(o: Callbacks, roomType: 'voice' | 'video', caller: Party, listener: Party): void {
    const fake = this.fake
    const { env } = fake
    const fail = (errCode: number, what: string, errMsg?: string) =>
      this.failCoded(o, 'join1v1Chat', errCode, what, errMsg)
    this.joins.push({
      roomType,
      caller,
      listener,
      privacyAgreed: fake.privacy.agreed,
      record: env.authSetting['scope.record'] === true,
      camera: env.authSetting['scope.camera'] === true,
    })
    if (env.platform === 'devtools') return fail(-20001, 'not supported in devtools')
    if (!env.adminConsole1v1) return fail(-20000, 'not enabled')
    if (!env.deviceSupports1v1) return fail(-20001, 'device not supported')
    if (!this.enabled) {
      fake.noteProblem('join1v1Chat before setEnable1v1Chat({ enable: true })')
      return fail(-1000, 'system error')
    }
    if (this.call) return fail(-20002, 'already in a call')
    if (env.otherMiniProgramInCall) return fail(-20003, 'another mini program is in a call')
    if (this.staleRoom) return fail(-1, 'Already in room!')
    this.askPhone(roomType === 'video' ? ['microphone', 'camera'] : ['microphone'], () =>
      this.checkAndPlace(o, roomType, caller, listener),
    )
  }

  private checkAndPlace(o: Callbacks, roomType: 'voice' | 'video', caller: Party, listener: Party): void {
    const { env } = this.fake
    const fail = (errCode: number, what: string, errMsg?: string) =>
      this.failCoded(o, 'join1v1Chat', errCode, what, errMsg)
    const needs: Device[] = roomType === 'video' || env.voiceCallNeedsCamera ? ['microphone', 'camera'] : ['microphone']
    const code = this.permissionCode(needs, roomType)
    if (code) return fail(...code)
    const outcome = this.nextOutcome()
    if (outcome === 'hang') {
      this.hangingJoins++
      return
    }
    if (outcome !== 'place') return fail(outcome.errCode, 'failed', outcome.errMsg)
    this.place(o, roomType, caller, listener)
  }

  /**
   * 'not determined' (iOS, §3.2): the phone asks now, as WeChat first uses each device, and the person answers;
   * then the join goes on.
   */
  private askPhone(devices: Device[], then: () => void): void {
    const { env, user } = this.fake
    const [device, ...rest] = devices
    if (!device) return then()
    if (env.os[device] !== 'not determined') return this.askPhone(rest, then)
    this.fake.ask(
      'phonePrompt',
      { device },
      () => user.phonePrompt[device],
      (answer) => {
        this.fake.record('phonePrompt', `phonePrompt(${device}: ${String(answer)})`, 'ui', { device, answer })
        env.os[device] = answer === 'allow' ? 'authorized' : 'denied'
        this.askPhone(rest, then)
      },
    )
  }

  /** §4.4: the call screen opens; the listener rings only inside the mini program (§4.5). */
  private place(o: Callbacks, roomType: 'voice' | 'video', caller: Party, listener: Party): void {
    const { env } = this.fake
    const call: ActiveCall = { roomType, caller, listener, answered: false, timers: [], reportSuccess: null }
    this.call = call
    const succeed = () => this.fake.succeed('join1v1Chat', o)
    if (env.joinSucceedsWhen === 'placed') succeed()
    else call.reportSuccess = succeed
    if (this.phoneBook) return this.placeToPhone(call, this.phoneBook)
    const { where } = env.listener
    const rings = where === 'inside' || (where === 'background' && env.backgroundListenerRings)
    const answersAfter = rings ? env.listener.answersAfterS : null
    if (answersAfter !== null && answersAfter < RING_SECONDS) {
      this.after(call, answersAfter, () => this.answer(call))
    } else {
      // Nobody answers: WeChat stops ringing after about a minute and nothing fires (§4.6).
      call.timers.push(setTimeout(() => this.end(), RING_SECONDS * 1000))
      if (call.reportSuccess) this.hangingJoins++
    }
  }

  /**
   * What the listener does after `seconds` of this call. "At once" (0) is the next turn of the event loop:
   * after the join's own answer has been handled, as a person is never faster than that.
   */
  private after(call: ActiveCall, seconds: number, act: () => void): void {
    if (seconds === 0) nextTurn(() => this.call === call && act())
    else call.timers.push(setTimeout(act, seconds * 1000))
  }

  private nextOutcome(): JoinOutcome {
    const outcomes = this.fake.env.joinOutcomes
    return outcomes.length > 1 ? (outcomes.shift() as JoinOutcome) : outcomes[0]
  }

  apis(): ApiTable {
    const fake = this.fake
    return {
      setEnable1v1Chat: api('2.20.1', 'call', (o: Callbacks & { enable: boolean }) => this.setEnable(o)),
      join1v1Chat: api('2.20.1', 'call', (o: Callbacks & { roomType?: string; caller: unknown; listener: unknown }) =>
        this.join(o),
      ),
      exitVoIPChat: api('2.7.0', 'call', (o: Callbacks = {}) => {
        fake.record('exitVoIPChat', 'exitVoIPChat', 'call', {})
        const hadRoom = this.call !== null || this.staleRoom
        this.end()
        if (fake.env.exitClearsStaleRoom) this.staleRoom = false
        if (hadRoom) fake.succeed('exitVoIPChat', o)
        else fake.failWith(o, { errMsg: 'exitVoIPChat:fail not in a room' })
      }),
      ...listening(fake, 'onVoIPChatMembersChanged', 'offVoIPChatMembersChanged', this.membersListeners),
      ...listening(fake, 'onVoIPChatInterrupted', 'offVoIPChatInterrupted', this.interruptedListeners),
    }
  }
}

/** `wx.onX(listener)` (2.7.0) and `wx.offX(listener?)` (2.9.0) over one set of listeners. */
function listening<L>(fake: FakeWx, on: string, off: string, listeners: Set<L>): ApiTable {
  return {
    [on]: {
      since: '2.7.0',
      category: 'call',
      impl: (listener: L) => {
        fake.record(on, on, 'event', {})
        listeners.add(listener)
      },
    },
    [off]: {
      since: '2.9.0',
      category: 'call',
      impl: (listener?: L) => {
        if (listener) listeners.delete(listener)
        else listeners.clear()
      },
    },
  }
}

function validParty(u: unknown): boolean {
  const p = u as Partial<Party> | undefined
  return !!p && typeof p.openid === 'string' && p.openid !== '' && typeof p.nickname === 'string'
}
