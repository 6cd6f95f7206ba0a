// The network slice alone, on a stand-in service: what WeChat says, kept and followed.
import { NetworkStore } from '../../miniprogram/store/network'
import type { NetworkType } from '../../miniprogram/services/network'

describe('network', () => {
  function networkSaying(answer: () => Promise<NetworkType>) {
    let change: ((type: NetworkType) => void) | undefined
    const reads: string[] = []
    const network = new NetworkStore({
      service: {
        getNetworkType: () => {
          reads.push('getNetworkType')
          return answer()
        },
        onNetworkChange: (listener) => {
          change = listener
          return () => undefined
        },
      },
    })
    return { network, reads, change: (type: NetworkType) => change?.(type) }
  }

  test('offline only when WeChat says none; a change is followed without asking again', async () => {
    const { network, reads, change } = networkSaying(() => Promise.resolve('wifi'))
    await network.start()
    expect(await network.isOffline()).toBe(false)
    change('none')
    expect(await network.isOffline()).toBe(true)
    expect(reads).toEqual(['getNetworkType'])
  })

  test('a failed read is unknown, which stops no call, and is asked again when it matters', async () => {
    const { network, reads } = networkSaying(() => Promise.reject(new Error('getNetworkType:fail')))
    await network.start()
    expect(network.type).toBe('unknown')
    expect(await network.isOffline()).toBe(false)
    expect(reads).toEqual(['getNetworkType', 'getNetworkType'])
  })
})
