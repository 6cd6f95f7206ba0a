import { callWx } from './call-wx'
import { WxError } from './wx-error'

/**
 * wx.login → code → our own server, which calls code2Session with the AppSecret and answers { openid }.
 * The AppSecret never reaches the client.
 */
export async function fetchMyOpenid(endpoint: string): Promise<string> {
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
