// Reading and writing the one saved value through the services layer.
import { readStored, writeStored } from '../services/storage'
import { BACKUP_KEY, parseSavedState, SavedState, STORAGE_KEY, StorageProblem } from './saved-state'

/** Reads the saved state; a value that cannot be trusted is kept whole under BACKUP_KEY first. */
export function loadSavedState(): { state: SavedState; problem: StorageProblem } {
  let raw: unknown
  try {
    raw = readStored(STORAGE_KEY)
  } catch {
    return { state: parseSavedState(undefined).state, problem: 'corrupted' }
  }
  const parsed = parseSavedState(raw)
  if (parsed.problem) {
    try {
      writeStored(BACKUP_KEY, raw)
    } catch {
      // The backup is a courtesy: with storage full there is nowhere to put it, and starting clean still must not fail.
    }
  }
  return parsed
}

/** True when the state reached storage; false when WeChat refused the write (e.g. storage full). */
export function saveState(state: SavedState): boolean {
  try {
    writeStored(STORAGE_KEY, state)
    return true
  } catch {
    return false
  }
}
