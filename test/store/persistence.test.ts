// The persistence slice alone, on a stand-in storage: reading back, writing, and never destroying what was there.
import { PersistenceStore } from '../../miniprogram/store/persistence'
import { BACKUP_KEY, emptyState, SAVED_VERSION, STORAGE_KEY } from '../../miniprogram/store/saved-state'
import { savedIn, savedState, stored as storageHolding } from '../fixtures'

function persistenceOver(stored: Record<string, unknown>, writable = true) {
  const persistence = new PersistenceStore({
    storage: {
      readStored: (key) => {
        if (stored.unreadable) throw new Error('getStorageSync:fail')
        return stored[key]
      },
      writeStored: (key, value) => {
        if (!writable) throw new Error('setStorageSync:fail exceed')
        stored[key] = value
      },
      removeStored: (key) => {
        delete stored[key]
      },
      storedKeys: () => Object.keys(stored),
    },
  })
  return persistence
}

test('nothing saved: an empty state, and someone new', () => {
  const persistence = persistenceOver({})
  expect([persistence.load(), persistence.returning, persistence.problem]).toEqual([emptyState(), false, null])
})

test('a saved state is read back, and someone returning', () => {
  const persistence = persistenceOver(storageHolding(savedState()))
  expect(persistence.load().contacts).toEqual(savedState().contacts)
  expect(persistence.returning).toBe(true)
})

test('damaged data is kept aside before anything is written over it', () => {
  const stored: Record<string, unknown> = { [STORAGE_KEY]: '{not json' }
  const persistence = persistenceOver(stored)
  persistence.load()
  expect([persistence.problem, stored[BACKUP_KEY], (stored[STORAGE_KEY] as { version: number }).version]).toEqual([
    'corrupted',
    '{not json',
    SAVED_VERSION,
  ])
})

test('unreadable just now: nothing is written over it in this run', () => {
  const stored: Record<string, unknown> = { unreadable: true }
  const persistence = persistenceOver(stored)
  persistence.load()
  persistence.save(emptyState())
  expect([persistence.problem, Object.keys(stored)]).toEqual(['unreadable', ['unreadable']])
})

test('a full storage is said, and the next write that works clears it', () => {
  const stored: Record<string, unknown> = {}
  const full = persistenceOver(stored, false)
  full.save(emptyState())
  expect(full.saveFailed).toBe(true)
  const roomy = persistenceOver(stored)
  roomy.save(emptyState())
  expect([roomy.saveFailed, savedIn(stored)]).toEqual([false, emptyState()])
})
