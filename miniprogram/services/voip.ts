import type { CallMode, Person } from '../store/model'
import { callWx, wxFunction } from './call-wx'

export interface JoinOptions {
  caller: Person
  listener: Person
  roomType: CallMode
  disableSwitchVoice: boolean
}

/** The part of a person WeChat's call screen takes; an avatar only as an https URL it can load (§6.2). */
const party = (p: Person) => ({
  openid: p.openid,
  nickname: p.nickname,
  ...(p.avatarUrl ? { headImage: p.avatarUrl } : {}),
})

export function setEnable1v1Chat(enable: boolean): Promise<void> {
  return callWx<unknown>('setEnable1v1Chat', { enable }).then(() => undefined)
}

/**
 * Resolves when WeChat placed the call (its call screen opened; not that anyone answered, platform doc §4.4).
 * roomType is always passed: WeChat defaults to video. WeChat may answer late or never: see store/join.ts.
 */
export function join1v1Chat(options: JoinOptions): Promise<void> {
  return callWx<unknown>('join1v1Chat', {
    caller: party(options.caller),
    listener: party(options.listener),
    roomType: options.roomType,
    disableSwitchVoice: options.disableSwitchVoice,
  }).then(() => undefined)
}

/** Leaves any voice room WeChat still holds (platform doc §4.7); a failure or a missing API is not an error. */
export function exitVoIPChat(): Promise<void> {
  return callWx<unknown>('exitVoIPChat').then(
    () => undefined,
    () => undefined,
  )
}

/** What WeChat reports during a call, when it reports anything (platform doc §4.6). */
export interface CallEvents {
  /** The openids now in the call: two when both are in, one when the other left. */
  membersChanged(openids: string[]): void
  /** The call was cut from outside. */
  interrupted(): void
}

/** Listens for the events of every call in this run; where the APIs are missing nothing is heard. */
export function listenToCalls(events: CallEvents): void {
  const onMembers = wxFunction('onVoIPChatMembersChanged')
  const onInterrupted = wxFunction('onVoIPChatInterrupted')
  onMembers?.((res: { openIdList?: unknown }) => {
    const list = Array.isArray(res?.openIdList)
      ? res.openIdList.filter((id): id is string => typeof id === 'string')
      : []
    events.membersChanged(list)
  })
  onInterrupted?.(() => events.interrupted())
}
