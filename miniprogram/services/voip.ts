import type { CallMode, Person } from '../store/model'
import { callWx } from './call-wx'

export interface JoinOptions {
  caller: Person
  listener: Person
  roomType: CallMode
  disableSwitchVoice: boolean
}

/** WeChat did not answer join1v1Chat in time. Not one of WeChat's own errors: it has no errCode. */
export class JoinTimeoutError extends Error {
  constructor(readonly afterMs: number) {
    super(`join1v1Chat did not answer within ${afterMs} ms`)
    this.name = 'JoinTimeoutError'
  }
}

/** The part of a person WeChat's call screen takes. */
const party = (p: Person) => ({ openid: p.openid, nickname: p.nickname })

export function setEnable1v1Chat(enable: boolean): Promise<void> {
  return callWx<unknown>('setEnable1v1Chat', { enable }).then(() => undefined)
}

/**
 * Resolves when WeChat's native call screen opened. roomType is always passed: WeChat defaults to video.
 * WeChat may never call back; after `timeoutMs` this rejects with JoinTimeoutError so nobody stays stuck.
 */
export function join1v1Chat(options: JoinOptions, timeoutMs: number): Promise<void> {
  const join = callWx<unknown>('join1v1Chat', {
    caller: party(options.caller),
    listener: party(options.listener),
    roomType: options.roomType,
    disableSwitchVoice: options.disableSwitchVoice,
  })
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new JoinTimeoutError(timeoutMs)), timeoutMs)
    join.then(
      () => {
        clearTimeout(timer)
        resolve()
      },
      (err: unknown) => {
        clearTimeout(timer)
        reject(err)
      },
    )
  })
}
