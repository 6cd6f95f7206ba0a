import { callWx } from './call-wx'
import { WxError } from './wx-error'

export type RoomType = 'voice' | 'video'
export interface CallParty {
  openid: string
  nickname: string
}
export interface JoinOptions {
  caller: CallParty
  listener: CallParty
  roomType: RoomType
  disableSwitchVoice: boolean
}

export function setEnable1v1Chat(enable: boolean): Promise<void> {
  return callWx<unknown>('setEnable1v1Chat', { enable }).then(() => undefined)
}

/**
 * Resolves when WeChat's native call screen opened. roomType is always passed: WeChat defaults to video.
 * WeChat may never call back; after `timeoutMs` this rejects so nobody stays stuck on "calling".
 */
export function join1v1Chat(options: JoinOptions, timeoutMs: number): Promise<void> {
  const join = callWx<unknown>('join1v1Chat', {
    caller: { openid: options.caller.openid, nickname: options.caller.nickname },
    listener: { openid: options.listener.openid, nickname: options.listener.nickname },
    roomType: options.roomType,
    disableSwitchVoice: options.disableSwitchVoice,
  }).then(() => undefined)
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new WxError('join1v1Chat', { errMsg: 'join1v1Chat:fail timeout' })), timeoutMs)
    join.then(
      () => { clearTimeout(timer); resolve() },
      (err: unknown) => { clearTimeout(timer); reject(err) },
    )
  })
}
