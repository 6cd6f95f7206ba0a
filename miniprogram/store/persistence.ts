// The saved state's slice: reading it back at launch, writing every change, and what went wrong doing so.
import { makeAutoObservable } from 'mobx-miniprogram'
import type * as StorageService from '../services/storage'
import {
  BACKUP_KEY,
  emptyState,
  laterCopyOf,
  NEWER_KEY,
  parseSavedState,
  SavedState,
  STORAGE_KEY,
  StorageProblem,
} from './saved-state'

/** A stored value that could not be trusted, and the key it is kept under before the main key is written. */
interface Aside {
  key: string
  raw: unknown
}

export interface PersistenceContext {
  storage: Pick<typeof StorageService, 'readStored' | 'writeStored'>
}

export class PersistenceStore {
  /** Why the saved data could not be read at launch; shown once, until dismissed. */
  problem: StorageProblem = null
  /** The last write failed (e.g. storage full): changes are kept in memory only. */
  saveFailed = false
  /** Something was saved before this launch: a returning person, who goes straight to their contacts. */
  returning = false
  /** A value read at launch that must be kept aside before anything is written over it. */
  private aside: Aside | null = null
  /** The saved value could not be read at launch: nothing is written over what may still be there. */
  private unread = false

  constructor(private readonly ctx: PersistenceContext) {
    makeAutoObservable<this, 'ctx' | 'aside' | 'unread'>(
      this,
      { ctx: false, aside: false, unread: false },
      { autoBind: true },
    )
  }

  /**
   * Reads the saved state. A value that cannot be trusted is kept whole before anything is written over it:
   * damaged data under BACKUP_KEY, a newer Duet's data under NEWER_KEY, untouched either way.
   */
  load(): SavedState {
    let raw: unknown
    try {
      raw = this.ctx.storage.readStored(STORAGE_KEY)
    } catch {
      // Unreadable now is not proof of damage: leave the stored value alone (no write goes over it in this run;
      // changes stay in memory, and the person is told they are not saved) and start from nothing.
      this.problem = 'unreadable'
      this.unread = true
      return emptyState()
    }
    const { state, problem } = parseSavedState(raw)
    this.problem = problem
    this.returning = raw !== undefined
    if (problem) {
      this.aside = { key: problem === 'future-version' ? NEWER_KEY : BACKUP_KEY, raw }
      // Start clean on disk too, so the same bad value is not read (and reported) at every launch.
      this.save(state)
    }
    return state
  }

  /**
   * Writes the state, once a value read at launch is safely kept aside. A refusal (storage full) is
   * remembered and shown; the state stays in memory, and the next change tries again.
   */
  save(state: SavedState): void {
    if (this.unread) return
    try {
      if (this.aside) this.keepAside(this.aside)
      this.aside = null
      this.ctx.storage.writeStored(STORAGE_KEY, state)
      this.saveFailed = false
    } catch {
      this.saveFailed = true
    }
  }

  dismissProblem(): void {
    this.problem = null
  }

  /** Keeps `raw` under `key`, or beside it when an earlier value is there (that one is never written over). */
  private keepAside({ key, raw }: Aside): void {
    const { readStored, writeStored } = this.ctx.storage
    writeStored(readStored(key) === undefined ? key : laterCopyOf(key), raw)
  }
}
