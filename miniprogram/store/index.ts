import { makeAutoObservable, reaction, runInAction } from 'mobx-miniprogram'
import * as network from '../services/network'
import * as voip from '../services/voip'
import { toWxError } from '../services/wx-error'
import { CallContext, CallStore } from './call'
import { CallProblem, problemFromErrCode } from './call-problems'
import { ContactsStore } from './contacts'
import { HistoryStore } from './history'
import { PermissionsStore } from './permissions'
import { loadSavedState, saveState } from './persistence'
import { ProfileStore } from './profile'
import { Contact, SAVED_VERSION, SavedState, StorageProblem } from './saved-state'

/** Whether incoming calls can reach me: setEnable1v1Chat as WeChat last confirmed it in this run. */
export type Reachability = 'unknown' | 'on' | 'off' | 'failed'

/** The single source of truth for Duet, shared by every page. */
export class RootStore implements CallContext {
  readonly permissions = new PermissionsStore()
  readonly profile = new ProfileStore()
  readonly contacts = new ContactsStore()
  readonly history = new HistoryStore()
  readonly call: CallStore = new CallStore(this)

  networkType: network.NetworkType | 'unknown' = 'unknown'
  reachability: Reachability = 'unknown'
  acceptCalls = true
  /** Why the saved data could not be read at launch; shown once, until dismissed. */
  storageProblem: StorageProblem = null
  /** The last write to storage failed: changes are kept in memory only. */
  saveFailed = false
  private ready: Promise<void> | null = null
  private reachabilityRequest: { enable: boolean; done: Promise<CallProblem | null> } | null = null

  constructor() {
    makeAutoObservable<this, 'ready' | 'reachabilityRequest'>(this, {
      permissions: false, profile: false, contacts: false, history: false, call: false, ready: false,
      reachabilityRequest: false,
    }, { autoBind: true })
  }

  /** What is kept on the device. */
  get snapshot(): SavedState {
    return {
      version: SAVED_VERSION,
      profile: this.profile.me,
      contacts: this.contacts.items,
      history: this.history.records,
      prefs: {
        lastMode: this.call.mode,
        disableSwitchVoice: this.call.disableSwitchVoice,
        acceptCalls: this.acceptCalls,
        audioOnly: this.permissions.audioOnly,
      },
    }
  }

  /** Contacts matching the search, most recently called first, then by name. */
  get visibleContacts(): Contact[] {
    const search = this.contacts.search.trim().toLowerCase()
    const last = this.history.lastCallAt
    return this.contacts.items
      .filter((c) => !search || c.nickname.toLowerCase().includes(search))
      .slice()
      .sort((a, b) => (last[b.openid] || 0) - (last[a.openid] || 0) || a.nickname.localeCompare(b.nickname, 'zh-CN'))
  }

  /** App launch: read the device, listen to WeChat, read permissions, become reachable. Runs once. */
  start(): Promise<void> {
    if (this.ready) return this.ready
    this.hydrate()
    reaction(() => this.snapshot, (state) => this.persist(state))
    this.permissions.listenForPrivacyPrompts()
    network.onNetworkChange((type) => runInAction(() => { this.networkType = type }))
    const networkRead = network.getNetworkType().then(
      (type) => runInAction(() => { this.networkType = type }),
      () => undefined,
    )
    this.ready = Promise.all([this.permissions.refresh(), networkRead]).then(() => {
      // Enable 1v1 once the microphone is granted (at launch, or later in onboarding): it shows no popup.
      reaction(() => this.shouldBeReachable, (should) => { if (should) void this.setReachable(true) }, { fireImmediately: true })
    })
    return this.ready
  }

  private hydrate(): void {
    const { state, problem } = loadSavedState()
    this.profile.load(state.profile)
    this.contacts.load(state.contacts)
    this.history.load(state.history)
    this.call.mode = state.prefs.lastMode
    this.call.disableSwitchVoice = state.prefs.disableSwitchVoice
    this.acceptCalls = state.prefs.acceptCalls
    this.permissions.audioOnly = state.prefs.audioOnly
    this.storageProblem = problem
    // Start clean on disk too, so the bad value is not read (and reported) again.
    if (problem) this.persist(this.snapshot)
  }

  persist(state: SavedState): void {
    this.saveFailed = !saveState(state)
  }

  /**
   * A page shows again, e.g. back from the settings page or the phone's settings: read again, and drop a
   * call problem that is now fixed. The first show after launch is covered by start()'s own read.
   */
  async pageShown(): Promise<void> {
    if (!this.permissions.loaded) return
    await this.permissions.refresh()
    this.call.recheck()
  }

  /** Consent given in our UI. A call that stopped only for privacy goes on by itself. */
  agreePrivacy(buttonId: string): void {
    this.permissions.agreePrivacy(buttonId)
    if (this.call.problem?.kind === 'privacy') void this.call.start()
  }

  dismissStorageProblem(): void {
    this.storageProblem = null
  }

  async isOffline(): Promise<boolean> {
    if (this.networkType === 'unknown') {
      const type = await network.getNetworkType().catch(() => 'unknown' as const)
      runInAction(() => { this.networkType = type })
    }
    return this.networkType === 'none'
  }

  /** Incoming calls can be accepted: "accept calls" on, calls supported here, microphone granted. */
  get shouldBeReachable(): boolean {
    const p = this.permissions
    return this.acceptCalls && p.support === 'supported' && p.scopes['scope.record'] === 'granted'
      && this.reachability !== 'on'
  }

  ensureReachable(): Promise<CallProblem | null> {
    return this.reachability === 'on' ? Promise.resolve(null) : this.setReachable(true)
  }

  /** Concurrent requests for the same state share one wx call (launch's enable and a first call tap). */
  private setReachable(enable: boolean): Promise<CallProblem | null> {
    const pending = this.reachabilityRequest
    if (pending && pending.enable === enable) return pending.done
    const done = this.applyReachable(enable)
    this.reachabilityRequest = { enable, done }
    const clear = () => { if (this.reachabilityRequest?.done === done) this.reachabilityRequest = null }
    done.then(clear, clear)
    return done
  }

  private async applyReachable(enable: boolean): Promise<CallProblem | null> {
    try {
      await voip.setEnable1v1Chat(enable)
      runInAction(() => { this.reachability = enable ? 'on' : 'off' })
      return null
    } catch (err) {
      runInAction(() => { this.reachability = 'failed' })
      return problemFromErrCode(toWxError('setEnable1v1Chat', err).errCode)
    }
  }

  /** The "accept calls" switch: off makes WeChat refuse incoming calls (enable: false); on is the reaction's job. */
  async setAcceptCalls(accept: boolean): Promise<void> {
    this.acceptCalls = accept
    if (!accept && this.reachability === 'on') await this.setReachable(false)
  }
}

export const store = new RootStore()
