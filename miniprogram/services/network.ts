import { callWx } from './call-wx'

export type NetworkType = 'wifi' | '2g' | '3g' | '4g' | '5g' | 'unknown' | 'none'

export async function getNetworkType(): Promise<NetworkType> {
  const res = await callWx<{ networkType: NetworkType }>('getNetworkType')
  return res.networkType
}

/** Calls `listener` on every change; returns the way to stop listening. */
export function onNetworkChange(listener: (type: NetworkType) => void): () => void {
  const handler = (res: WechatMiniprogram.OnNetworkStatusChangeListenerResult) =>
    listener(res.networkType as NetworkType)
  wx.onNetworkStatusChange(handler)
  return () => wx.offNetworkStatusChange(handler as unknown as WechatMiniprogram.OffNetworkStatusChangeCallback)
}
