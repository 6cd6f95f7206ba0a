// The one door to Duet's backend: who I am, and where my avatar lives. Nothing else in the app knows how
// (WeChat Cloud, a login server of our own, or nothing: platform doc §5.1).
import { config } from '../config'
import type { CallMode, Person } from '../store/model'
import { callWx } from './call-wx'
import * as cloud from './cloud'
import { withTimeLimit } from './time-limit'
import { toWxError, WxError } from './wx-error'

/** Where my openid comes from in this deployment; 'typed': nowhere, a developer types it. */
export type IdentitySource = 'cloud' | 'login' | 'typed'

/** Why the backend gave no answer, in our own terms; `code` is the platform's, for the details line. */
export interface BackendProblem {
  kind: 'timeout' | 'service'
  code?: number
}

export class BackendError extends Error {
  constructor(readonly problem: BackendProblem) {
    super(`backend: ${problem.kind}${problem.code === undefined ? '' : ` ${problem.code}`}`)
    this.name = 'BackendError'
  }
}

/** A WeChat or WeChat Cloud failure as a backend problem: a timeout (-501002), or the service failing. */
function backendError(raw: unknown, api: string): BackendError {
  const err = toWxError(api, raw)
  const timedOut = err.errCode === -501002 || /time ?out/i.test(err.errMsg)
  return new BackendError({
    kind: timedOut ? 'timeout' : 'service',
    ...(err.errCode === undefined ? {} : { code: err.errCode }),
  })
}

export function identitySource(): IdentitySource {
  if (config.cloudEnv) return 'cloud'
  return config.loginEndpoint ? 'login' : 'typed'
}

/** At launch, once: connect to WeChat Cloud where it is configured. */
export function start(): void {
  if (identitySource() === 'cloud') cloud.initCloud(config.cloudEnv)
}

/**
 * How long to wait for the backend to say who I am. WeChat Cloud ends a function after 3 s (platform doc §5.6),
 * but a weak network may swallow the call: past this, the person is told it took too long and may retry.
 */
const IDENTITY_TIMEOUT_MS = 10000

/**
 * My openid as the backend answers it, unchecked: WeChat Cloud's `whoami` function (no AppSecret, no
 * wx.login), or wx.login → code → our own server, which calls code2Session with the AppSecret.
 */
export function fetchMyOpenid(): Promise<unknown> {
  return withTimeLimit(IDENTITY_TIMEOUT_MS, askMyOpenid(), () => new BackendError({ kind: 'timeout' }))
}

async function askMyOpenid(): Promise<unknown> {
  if (identitySource() === 'cloud') {
    try {
      const result = await cloud.callFunction('whoami')
      return (result as { openid?: unknown } | null)?.openid
    } catch (err) {
      throw backendError(err, 'cloud.callFunction')
    }
  }
  if (identitySource() === 'login') return openidFromLoginServer(config.loginEndpoint)
  throw new BackendError({ kind: 'service' })
}

async function openidFromLoginServer(endpoint: string): Promise<unknown> {
  try {
    const { code } = await callWx<{ code: string }>('login')
    const res = await callWx<{ statusCode: number; data: unknown }>('request', {
      url: endpoint,
      method: 'POST',
      data: { code },
    })
    if (res.statusCode !== 200)
      throw new WxError('request', { errMsg: `request:fail login server answered ${res.statusCode}` })
    return (res.data as { openid?: unknown } | null)?.openid
  } catch (err) {
    throw err instanceof BackendError ? err : backendError(err, 'request')
  }
}

/** Avatars reach other phones only through WeChat Cloud (platform doc §6.2). */
export function canShareAvatars(): boolean {
  return identitySource() === 'cloud'
}

/**
 * Uploads my avatar to a path made from my openid (a new file each time, so no one sees an old one cached)
 * and answers the https URL other phones load. The README's storage rule makes avatars readable by anyone.
 */
export async function uploadAvatar(openid: string, localPath: string, now = Date.now()): Promise<string> {
  const extension = /\.(png|jpe?g|gif|webp)$/i.exec(localPath)?.[1]?.toLowerCase() ?? 'png'
  try {
    const fileID = await cloud.uploadFile(`avatars/${openid}/${now}.${extension}`, localPath)
    return await cloud.fileUrl(fileID)
  } catch (err) {
    throw backendError(err, 'cloud.uploadFile')
  }
}

/** Rings need WeChat Cloud (the `ring` function) and a subscribe-message template. */
export function canRing(): boolean {
  return identitySource() === 'cloud' && !!config.ringTemplateId
}

export function ringTemplateId(): string {
  return config.ringTemplateId
}

/**
 * Why a ring was not sent: the person has no ring allowed (43101, platform doc §7.3); the function refused
 * what it was asked to send (no retry can help); too many rings this hour, from me or to them (another is
 * allowed in some minutes); or it failed on the way (a retry may).
 */
export type RingRefusal = 'not-allowed' | 'invalid' | 'too-many' | 'failed'

/**
 * How a ring went: sent, or not, why, and the platform's code where there is one. `too-many` says in how many
 * minutes another is allowed, and whether the limit is mine (every ring waits) or the person's (only theirs).
 */
export type RingResult =
  | { sent: true }
  | { sent: false; why: 'too-many'; minutes: number; who: 'sender' | 'target' }
  | { sent: false; why: Exclude<RingRefusal, 'too-many'>; code?: number }

/**
 * Asks the `ring` cloud function to send `to` a one-time ring (a subscribe message) that opens an invitation
 * from me. The function names me from WeChat's own context, never from what this phone says.
 */
export async function ring(
  to: string,
  me: Pick<Person, 'nickname' | 'avatarUrl'>,
  mode: CallMode,
): Promise<RingResult> {
  const request = { to, name: me.nickname, mode, templateId: config.ringTemplateId, avatar: me.avatarUrl }
  try {
    const result = (await cloud.callFunction('ring', request)) as {
      ok?: unknown
      reason?: unknown
      errCode?: unknown
      who?: unknown
      minutes?: unknown
    } | null
    if (result?.ok === true) return { sent: true }
    if (result?.reason === 'invalid') return { sent: false, why: 'invalid' }
    if (result?.reason === 'too-many') {
      // The function says how long; a missing or odd figure waits the whole hour it counts.
      const minutes = typeof result.minutes === 'number' && result.minutes > 0 ? Math.ceil(result.minutes) : 60
      return { sent: false, why: 'too-many', minutes, who: result.who === 'target' ? 'target' : 'sender' }
    }
    const code = typeof result?.errCode === 'number' ? result.errCode : undefined
    return { sent: false, why: code === 43101 ? 'not-allowed' : 'failed', ...(code === undefined ? {} : { code }) }
  } catch (err) {
    const { problem } = backendError(err, 'cloud.callFunction')
    return { sent: false, why: 'failed', ...(problem.code === undefined ? {} : { code: problem.code }) }
  }
}
