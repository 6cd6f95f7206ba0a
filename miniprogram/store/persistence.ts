// The saved state's slice: reading it back at launch, writing what each change touched, and what went wrong.
import { makeAutoObservable } from 'mobx-miniprogram'
import type * as StorageService from '../services/storage'
import { nothingWritten, readSaved, removeLeftovers, StorageAccess, writeChanges, Written } from './saved-layout'
import { BACKUP_KEY, emptyState, laterCopyOf, NEWER_KEY, SavedState, StorageProblem } from './saved-state'

/** A stored value that could not be trusted, and the key it is kept under before the main key is written. */
interface Aside {
  key: string
  raw: unknown
}

export interface PersistenceContext {
  storage: Pick<typeof StorageService, 'readStored' | 'writeStored' | 'removeStored' | 'storedKeys'>
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
  /** What storage holds, as last written or read: a change writes only what differs from it. */
  private written: Written = nothingWritten()

  /** The device's storage, as the saved layout reads and writes it. */
  private readonly storage: StorageAccess

  constructor(ctx: PersistenceContext) {
    const { readStored, writeStored, removeStored, storedKeys } = ctx.storage
    this.storage = { read: readStored, write: writeStored, remove: removeStored, keys: storedKeys }
    makeAutoObservable<this, 'storage' | 'aside' | 'unread' | 'written'>(
      this,
      { storage: false, aside: false, unread: false, written: false },
      { autoBind: true },
    )
  }

  /**
   * Reads the saved state. A value that cannot be trusted is kept whole before anything is written over it:
   * damaged data under BACKUP_KEY, a newer Duet's data under NEWER_KEY, untouched either way (from version 3,
   * the index is kept so, and the chunks it names stay where they are).
   */
  load(): SavedState {
    let loaded: ReturnType<typeof readSaved>
    try {
      loaded = readSaved(this.storage.read, Date.now())
    } catch {
      // Unreadable now is not proof of damage: leave the stored value alone (no write goes over it in this run;
      // changes stay in memory, and the person is told they are not saved) and start from nothing.
      this.problem = 'unreadable'
      this.unread = true
      return emptyState()
    }
    const { state, problem, raw, written } = loaded
    this.problem = problem
    this.returning = raw !== undefined
    this.written = written
    if (problem) {
      this.aside = { key: problem === 'future-version' ? NEWER_KEY : BACKUP_KEY, raw }
      // Start clean on disk too, so the same bad value is not read (and reported) at every launch.
      this.save(state)
    } else {
      // Before this run writes anything: what an earlier save left behind, unnamed, goes.
      removeLeftovers(this.storage, raw)
    }
    return state
  }

  /**
   * Writes what changed since the last write, once a value read at launch is safely kept aside. A refusal
   * (storage full) is remembered and shown; storage keeps what was saved before, the state stays in memory,
   * and the next change tries again.
   */
  save(state: SavedState): void {
    if (this.unread) return
    try {
      if (this.aside) this.keepAside(this.aside)
      this.aside = null
      const { version, profile, prefs, invitation, contacts, history, appointments } = state
      const lists = { contacts, history, appointments }
      this.written = writeChanges(this.storage, this.written, { version, profile, prefs, invitation }, lists)
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
    const { read, write } = this.storage
    write(read(key) === undefined ? key : laterCopyOf(key), raw)
  }
}
