import { toWxError } from './wx-error'

/** The stored value, or undefined when the key was never written. */
export function readStored(key: string): unknown {
  const value: unknown = wx.getStorageSync(key)
  return value === '' ? undefined : value
}

/** Throws a WxError when WeChat refuses the write (1 MB per key, 10 MB in all). */
export function writeStored(key: string, value: unknown): void {
  try {
    wx.setStorageSync(key, value)
  } catch (err) {
    throw toWxError('setStorageSync', err)
  }
}

/** Every key stored (wx.getStorageInfoSync); none when WeChat cannot say just now. */
export function storedKeys(): readonly string[] {
  try {
    return wx.getStorageInfoSync().keys
  } catch {
    return []
  }
}

/** Removes a key; a key that cannot be removed just now stays (it is only space, never read again). */
export function removeStored(key: string): void {
  try {
    wx.removeStorageSync(key)
  } catch {
    // Best effort: what the index no longer names is never read.
  }
}
