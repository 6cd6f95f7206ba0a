import { toWxError, WxError } from './wx-error'

type WxTable = Record<string, unknown>

/** The wx function by name, or undefined where this base library lacks it. */
export function wxFunction(api: string): ((...args: unknown[]) => unknown) | undefined {
  const fn = (wx as unknown as WxTable)[api]
  return typeof fn === 'function' ? (fn as (...args: unknown[]) => unknown) : undefined
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
      fn.call(wx, {
        ...options,
        success: (res: Result) => resolve(res),
        fail: (err: unknown) => reject(toWxError(api, err)),
      })
    } catch (err) {
      reject(toWxError(api, err))
    }
  })
}
