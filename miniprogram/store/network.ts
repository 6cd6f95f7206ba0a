import { makeAutoObservable, runInAction } from 'mobx-miniprogram'
import type * as NetworkService from '../services/network'
import type { NetworkType } from '../services/network'

export interface NetworkContext {
  service: Pick<typeof NetworkService, 'getNetworkType' | 'onNetworkChange'>
}

/** Whether the phone is online, as WeChat last said. */
export class NetworkStore {
  type: NetworkType = 'unknown'

  constructor(private readonly ctx: NetworkContext) {
    makeAutoObservable<this, 'ctx'>(this, { ctx: false }, { autoBind: true })
  }

  /** Listens for changes and reads the current type; never rejects. */
  start(): Promise<void> {
    this.ctx.service.onNetworkChange((type) =>
      runInAction(() => {
        this.type = type
      }),
    )
    return this.read()
  }

  private async read(): Promise<void> {
    const type = await this.ctx.service.getNetworkType().catch(() => 'unknown' as const)
    runInAction(() => {
      this.type = type
    })
  }

  /** Offline only when WeChat says so: an unknown network does not stop a call. */
  async isOffline(): Promise<boolean> {
    if (this.type === 'unknown') await this.read()
    return this.type === 'none'
  }
}
