import { toWxError, WxError } from './wx-error'

type Namespace = Record<string, unknown>
type WxFn = (...args: unknown[]) => unknown

/**
 * The wx function at a dotted path ('getSetting', 'cloud.callFunction') bound to its namespace, or
 * undefined where this base library lacks it.
 */
export function wxFunction(api: string): WxFn | undefined {
  const path = api.split('.')
  let owner: unknown = wx
  for (const name of path.slice(0, -1)) {
    owner = typeof owner === 'object' && owner !== null ? (owner as Namespace)[name] : undefined
  }
  if (typeof owner !== 'object' || owner === null) return undefined
  const fn = (owner as Namespace)[path[path.length - 1]]
  return typeof fn === 'function' ? (...args: unknown[]) => (fn as WxFn).apply(owner, args) : undefined
}

/**
 * Calls a callback-style wx API and settles with its success result or a WxError.
 * The typed wrappers in this folder are the only callers; the loose types stay in here.
 */
export function callWx<Result>(api: string, options: Record<string, unknown> = {}): Promise<Result> {
  const fn = wxFunction(api)
  if (!fn) return Promise.reject(new WxError(api, { errMsg: `${api}:fail not supported`, unsupported: true }))
  return new Promise<Result>((resolve, reject) => {
    try {
      fn({
        ...options,
        success: (res: Result) => resolve(res),
        fail: (err: unknown) => reject(toWxError(api, err)),
      })
    } catch (err) {
      reject(toWxError(api, err))
    }
  })
}
