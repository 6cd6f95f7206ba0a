import { callWx } from './call-wx'

/** WeChat's own confirmation dialog; true only when the person confirmed (a failure to show it is a no). */
export async function confirm(o: {
  title: string
  content: string
  confirmText: string
  cancelText: string
}): Promise<boolean> {
  try {
    const res = await callWx<{ confirm?: boolean }>('showModal', { ...o })
    return res.confirm === true
  } catch {
    return false
  }
}
