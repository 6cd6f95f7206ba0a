// The one door to Duet's backend: where my openid comes from. Nothing else in the app knows how.
import { config } from '../config'
import { callWx } from './call-wx'
import { WxError } from './wx-error'

/** Where my openid comes from in this deployment; 'typed': nowhere, a developer types it. */
export type IdentitySource = 'login' | 'typed'

export function identitySource(): IdentitySource {
  return config.loginEndpoint ? 'login' : 'typed'
}

/**
 * My openid from the backend: wx.login → code → our own server, which calls code2Session with the
 * AppSecret (never in the client) and answers { openid }. Rejects with a WxError.
 */
export async function fetchMyOpenid(): Promise<string> {
  const endpoint = config.loginEndpoint
  if (!endpoint) throw new WxError('login', { errMsg: 'login:fail no backend configured' })
  const { code } = await callWx<{ code: string }>('login')
  const res = await callWx<{ statusCode: number; data: unknown }>('request', {
    url: endpoint,
    method: 'POST',
    data: { code },
  })
  const openid = (res.data as { openid?: unknown } | null)?.openid
  if (res.statusCode !== 200 || typeof openid !== 'string') {
    throw new WxError('request', { errMsg: `request:fail login server answered ${res.statusCode}` })
  }
  return openid
}
