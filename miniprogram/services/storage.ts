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
