import { callWx } from './call-wx'

export function toast(title: string, icon: 'success' | 'none' = 'none'): void {
  wx.showToast({ title, icon })
}

/** Resolves true when the person confirms. */
export async function confirm(options: { title: string; content: string; confirmText: string; cancelText: string }): Promise<boolean> {
  const res = await callWx<{ confirm: boolean }>('showModal', options)
  return res.confirm === true
}
