import type { CalendarScope, Scope } from '../store/model'
import { KNOWN_SCOPES } from '../store/model'
import { callWx } from './call-wx'

/** absent = never asked, true = granted, false = denied. */
export type AuthSetting = Partial<Record<Scope | CalendarScope, boolean>>

function pick(raw: WechatMiniprogram.AuthSetting): AuthSetting {
  const out: AuthSetting = {}
  const given = raw as Record<string, unknown>
  for (const scope of KNOWN_SCOPES) {
    const value = given[scope]
    if (typeof value === 'boolean') out[scope] = value
  }
  return out
}

export async function getAuthSetting(): Promise<AuthSetting> {
  const res = await callWx<{ authSetting: WechatMiniprogram.AuthSetting }>('getSetting')
  return pick(res.authSetting || {})
}

/** One scope per call: WeChat rejects a comma-separated list. Rejects with a WxError on any refusal. */
export function authorize(scope: Scope): Promise<void> {
  return callWx<unknown>('authorize', { scope }).then(() => undefined)
}

/** The authSetting carried by `<button open-type="openSetting">`'s opensetting event. */
export function authSettingFromEvent(detail: unknown): AuthSetting | null {
  const raw = (detail as { authSetting?: WechatMiniprogram.AuthSetting } | undefined)?.authSetting
  return raw && typeof raw === 'object' ? pick(raw) : null
}
