// The saved state's slice: reading it back at launch, writing every change, and what went wrong doing so.
import { makeAutoObservable } from 'mobx-miniprogram'
import { readStored, writeStored } from '../services/storage'
import {
  BACKUP_KEY,
  emptyState,
  NEWER_KEY,
  parseSavedState,
  SavedState,
  STORAGE_KEY,
  StorageProblem,
} from './saved-state'

/** Best effort: with storage full there is nowhere to keep a copy, and starting must not fail for it. */
function keepCopy(key: string, raw: unknown): void {
  try {
    writeStored(key, raw)
  } catch {
    // Nothing more to do: the person is told the data could not be read.
  }
}

export class PersistenceStore {
  /** Why the saved data could not be read at launch; shown once, until dismissed. */
  problem: StorageProblem = null
  /** The last write failed (e.g. storage full): changes are kept in memory only. */
  saveFailed = false
  /** Something was saved before this launch: a returning person, who goes straight to their contacts. */
  returning = false

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  /**
   * Reads the saved state. A value that cannot be trusted is kept whole first: damaged data under
   * BACKUP_KEY, a newer Duet's data under NEWER_KEY, untouched either way.
   */
  load(): SavedState {
    let raw: unknown
    try {
      raw = readStored(STORAGE_KEY)
    } catch {
      // Unreadable now is not proof of damage: leave the stored value alone and start from nothing.
      this.problem = 'corrupted'
      return emptyState()
    }
    const { state, problem } = parseSavedState(raw)
    this.problem = problem
    this.returning = raw !== undefined
    if (problem) {
      keepCopy(problem === 'future-version' ? NEWER_KEY : BACKUP_KEY, raw)
      // Start clean on disk too, so the same bad value is not read (and reported) at every launch.
      this.save(state)
    }
    return state
  }

  /** Writes the state; a refusal (storage full) is remembered and shown, and the next change tries again. */
  save(state: SavedState): void {
    try {
      writeStored(STORAGE_KEY, state)
      this.saveFailed = false
    } catch {
      this.saveFailed = true
    }
  }

  dismissProblem(): void {
    this.problem = null
  }
}
