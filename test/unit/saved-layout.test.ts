// The saved state spread over keys (version 3): what each change writes, and that a write refused halfway
// leaves what was saved readable and whole. Pure: storage is a plain object here.
import fc from 'fast-check'
import type { CallRecord, Contact } from '../../miniprogram/store/model'
import {
  chunkKey,
  LISTS,
  Lists,
  nothingWritten,
  readSaved,
  removeLeftovers,
  SavedIndex,
  StorageAccess,
  writeChanges,
  Written,
} from '../../miniprogram/store/saved-layout'
import {
  BACKUP_KEY,
  emptyState,
  HISTORY_LIMIT,
  laterCopyOf,
  NEWER_KEY,
  SavedState,
  STORAGE_KEY,
} from '../../miniprogram/store/saved-state'
import { crowd, ME } from '../fixtures'

/** A phone's storage: every write and removal is logged; `refuseAfter` writes succeed, the rest throw. */
function phoneStorage(initial: Record<string, unknown> = {}) {
  const keys: Record<string, unknown> = JSON.parse(JSON.stringify(initial)) as Record<string, unknown>
  const log = { writes: [] as string[], removed: [] as string[], refuseAfter: Infinity }
  const access: StorageAccess = {
    read: (key) => keys[key],
    write: (key, value) => {
      if (log.writes.length >= log.refuseAfter) throw new Error('setStorageSync:fail exceed storage max size 10MB')
      log.writes.push(key)
      keys[key] = JSON.parse(JSON.stringify(value)) as unknown
    },
    remove: (key) => {
      log.removed.push(key)
      delete keys[key]
    },
    keys: () => Object.keys(keys),
  }
  return { keys, log, access }
}

const small = (state: SavedState) => ({
  version: state.version,
  profile: state.profile,
  prefs: state.prefs,
  invitation: state.invitation,
})
const listsOf = (state: SavedState): Lists => ({
  contacts: state.contacts,
  history: state.history,
  appointments: state.appointments,
})

/** A state of `n` contacts and `calls` calls, as the store holds it: frozen records. */
function stateOf(n: number, calls: number): SavedState {
  const { contacts, history } = crowd(n, calls)
  return {
    ...emptyState(),
    profile: ME,
    contacts: contacts.map((c) => Object.freeze(c)),
    history: (history as CallRecord[]).map((r) => Object.freeze(r)),
  }
}

/** Saves `state` over `written`, as the persistence slice does. */
const save = (storage: StorageAccess, written: Written, state: SavedState) =>
  writeChanges(storage, written, small(state), listsOf(state))

const readBack = (keys: Record<string, unknown>) => readSaved((key) => keys[key], 0)
const index = (keys: Record<string, unknown>) => keys[STORAGE_KEY] as SavedIndex
const chunksOf = (keys: Record<string, unknown>) => Object.keys(keys).filter((k) => k !== STORAGE_KEY)

describe('the layout', () => {
  test('2,000 contacts and 1,000 calls: an index and chunks, read back whole and equal', () => {
    const { keys, access } = phoneStorage()
    const state = stateOf(2000, 1000)
    save(access, nothingWritten(), state)
    expect(index(keys).lists.contacts.chunks).toHaveLength(2000 / LISTS.contacts.perChunk)
    expect(index(keys).lists.history.chunks).toHaveLength(Math.ceil(1000 / LISTS.history.perChunk))
    expect(readBack(keys)).toMatchObject({ state, problem: null })
  })

  test('nothing changed: nothing written', () => {
    const { access, log } = phoneStorage()
    const state = stateOf(500, 100)
    const written = save(access, nothingWritten(), state)
    log.writes.length = 0
    expect(save(access, written, { ...state })).toBe(written)
    expect(log.writes).toEqual([])
  })

  test('what was read at launch is what a change is compared with: one edit after a relaunch writes one chunk', () => {
    const { keys, access, log } = phoneStorage()
    save(access, nothingWritten(), stateOf(1000, 100))
    const launched = readBack(keys)
    const { state } = launched
    const edited = { ...state, contacts: state.contacts.map((c, i) => (i === 500 ? { ...c, note: '新的' } : c)) }
    log.writes.length = 0
    save(access, launched.written, edited)
    expect(log.writes).toEqual([chunkKey(index(keys).next - 1), STORAGE_KEY])
    expect(readBack(keys).state).toEqual(edited)
  })
})

describe('each change writes the chunks it touched, then the index, and removes what it replaced', () => {
  const n = 1000
  const perChunk = LISTS.contacts.perChunk
  const cases: Array<[string, (c: Contact[]) => Contact[], number]> = [
    ['an edit', (c) => c.map((x, i) => (i === 345 ? { ...x, note: '新的' } : x)), 1],
    ['a delete', (c) => c.filter((_, i) => i !== 345), 1],
    [
      'an undo (put back where it was)',
      (c) => [...c.slice(0, 345), { ...c[0], openid: 'oBack_0000000000001' }, ...c.slice(345)],
      1,
    ],
    ["an edit of a chunk's first contact", (c) => c.map((x, i) => (i === 300 ? { ...x, note: '新的' } : x)), 1],
    ["an edit of a chunk's last contact", (c) => c.map((x, i) => (i === 299 ? { ...x, note: '新的' } : x)), 1],
    [
      "an undo at a chunk's start",
      (c) => [...c.slice(0, 300), { ...c[0], openid: 'oBack_0000000000001' }, ...c.slice(300)],
      1,
    ],
    ['a new contact, the last chunk full', (c) => [...c, { ...c[0], openid: 'oNew_00000000000001' }], 1],
    ['the first contact deleted', (c) => c.slice(1), 1],
  ]
  test.each(cases)('%s', (_name, change, chunksWritten) => {
    const { keys, access, log } = phoneStorage()
    const state = stateOf(n, 0)
    const written = save(access, nothingWritten(), state)
    const before = index(keys)
    log.writes.length = 0
    const after = { ...state, contacts: change(state.contacts) }
    save(access, written, after)
    expect(log.writes).toHaveLength(chunksWritten + 1)
    expect(log.writes[chunksWritten]).toBe(STORAGE_KEY)
    // Each chunk stays within twice its size (a chunk grown past it by an insertion is cut when it reaches that).
    for (const key of chunksOf(keys)) expect((keys[key] as unknown[]).length).toBeLessThanOrEqual(2 * perChunk)
    // The replaced chunks are gone; every other one is as it was.
    const kept = index(keys).lists.contacts.chunks
    expect(before.lists.contacts.chunks.filter((id) => !kept.includes(id))).toHaveLength(log.removed.length)
    expect(readBack(keys).state.contacts).toEqual(after.contacts)
  })

  test('a contact added to a last chunk with room rewrites that chunk alone', () => {
    const { keys, access, log } = phoneStorage()
    const state = stateOf(150, 0)
    const written = save(access, nothingWritten(), state)
    log.writes.length = 0
    save(access, written, {
      ...state,
      contacts: [...state.contacts, { ...state.contacts[0], openid: 'oNew_00000000000001' }],
    })
    expect(log.writes).toEqual([chunkKey(index(keys).next - 1), STORAGE_KEY])
    expect(index(keys).lists.contacts.chunks).toHaveLength(2)
  })

  test('a full history: a call drops the oldest record by skipping it in the index, not rewriting its chunk', () => {
    const { keys, access, log } = phoneStorage()
    const state = stateOf(20, HISTORY_LIMIT)
    let written = save(access, nothingWritten(), state)
    const first = index(keys).lists.history.chunks[0]
    let history = state.history
    for (let call = 1; call <= 3; call++) {
      log.writes.length = 0
      const record = Object.freeze({
        at: 1_800_000_000_000 + call,
        openid: ME.openid,
        mode: 'voice',
        outcome: 'placed',
      } as const)
      history = [...history, record].slice(-HISTORY_LIMIT)
      written = save(access, written, { ...state, history })
      expect(log.writes).toHaveLength(2)
      expect(index(keys).lists.history).toMatchObject({ skip: call })
      expect(index(keys).lists.history.chunks[0]).toBe(first)
    }
    expect(readBack(keys).state.history).toEqual(history)
  })

  test('should the order of entries change, every chunk is written again, and it still reads back', () => {
    const { keys, access } = phoneStorage()
    const state = stateOf(300, 0)
    const written = save(access, nothingWritten(), state)
    const reversed = { ...state, contacts: state.contacts.slice().reverse() }
    save(access, written, reversed)
    expect(readBack(keys).state.contacts).toEqual(reversed.contacts)
  })
})

describe('chunks of a layout this build cannot read as its own are never written over', () => {
  const newer = () => {
    const { keys, access } = phoneStorage()
    save(access, nothingWritten(40), stateOf(300, 40))
    return { keys, access, chunks: chunksOf(keys).sort() }
  }
  test.each([
    ["a newer Duet's index", (index: SavedIndex) => ({ ...index, version: 99 })],
    ['a damaged chunk list', (index: SavedIndex) => ({ ...index, lists: { ...index.lists, contacts: 'x' } })],
  ])('%s: its chunks stay, and new chunks take ids past its own', (_name, change) => {
    const { keys, chunks } = newer()
    const before = JSON.parse(JSON.stringify(keys)) as Record<string, unknown>
    keys[STORAGE_KEY] = change(index(keys))
    const launched = readBack(keys)
    expect(launched.problem).not.toBeNull()
    const phone = phoneStorage(keys)
    // The slice keeps the index aside first (persistence.ts); here, the layout alone.
    save(phone.access, launched.written, stateOf(150, 10))
    for (const key of chunks) expect(phone.keys[key]).toEqual(before[key])
    expect(phone.log.removed).toEqual([])
    for (const key of phone.log.writes) expect(chunks).not.toContain(key)
  })

  test('a list the index does not name (written before that list joined the layout) is empty, not damage', () => {
    const { keys, access } = phoneStorage()
    save(access, nothingWritten(), { ...stateOf(50, 0), history: [] })
    delete (index(keys).lists as Partial<SavedIndex['lists']>).history
    expect(readBack(keys)).toMatchObject({ problem: null, state: { history: [] } })
  })

  test('an index that cannot be read at all: new chunk ids start at the clock, past any count of writes', () => {
    const { keys } = newer()
    keys[STORAGE_KEY] = '{not json'
    const launched = readSaved((key) => keys[key], 1_800_000_000_000)
    expect(launched.problem).toBe('corrupted')
    expect(launched.written.next).toBe(1_800_000_000_000)
  })
})

describe('a write refused halfway', () => {
  test('at every write of a change: the relaunch reads what was saved before, whole, and the next try saves it all', () => {
    const state = stateOf(1000, 200)
    const base = phoneStorage()
    const written = save(base.access, nothingWritten(), state)
    // A change that touches chunks of both lists and the index: an edit, a delete, a call, my nickname.
    const changed: SavedState = {
      ...state,
      profile: { ...ME, nickname: '新名字' },
      contacts: state.contacts.filter((_, i) => i !== 10).map((c, i) => (i === 700 ? { ...c, note: '改了' } : c)),
      history: [...state.history, { at: 1_800_000_000_000, openid: ME.openid, mode: 'video', outcome: 'failed' }],
    }
    const attempt = phoneStorage(base.keys)
    const allWrites = save(attempt.access, written, changed) && attempt.log.writes.length
    for (let refused = 0; refused < allWrites; refused++) {
      const phone = phoneStorage(base.keys)
      phone.log.refuseAfter = refused
      expect(() => save(phone.access, written, changed)).toThrow('exceed')
      // The index never names a chunk that was not written: what was saved loads back unchanged.
      expect(readBack(phone.keys)).toMatchObject({ state, problem: null })
      expect(phone.log.removed).toEqual([])
      // Room again: the same change is saved whole (the half-written chunks' keys are written again).
      phone.log.refuseAfter = Infinity
      save(phone.access, written, changed)
      expect(readBack(phone.keys)).toMatchObject({ state: changed, problem: null })
      expect(chunksOf(phone.keys).sort()).toEqual(chunksOf(attempt.keys).sort())
    }
  })
})

describe('chunks no index names are removed at launch, and only those', () => {
  const state = stateOf(1000, 200)
  const changed: SavedState = {
    ...state,
    contacts: state.contacts.map((c, i) => (i === 700 ? { ...c, note: '改了' } : c)),
    history: [...state.history, { at: 1_800_000_000_000, openid: ME.openid, mode: 'video', outcome: 'failed' }],
  }
  /** Storage as a change left it when the app was killed after `writes` writes (nothing after them ran). */
  function killedAfter(writes: number) {
    const base = phoneStorage()
    const written = save(base.access, nothingWritten(), state)
    const phone = phoneStorage(base.keys)
    let made = 0
    const dying: StorageAccess = {
      ...phone.access,
      write: (key, value) => {
        if (made++ >= writes) throw new Error('killed')
        phone.access.write(key, value)
      },
      remove: (key) => {
        if (made >= writes) throw new Error('killed')
        phone.access.remove(key)
      },
    }
    try {
      save(dying, written, changed)
    } catch {
      // Killed here.
    }
    return phone
  }
  const namedIn = (keys: Record<string, unknown>) =>
    Object.values(index(keys).lists).flatMap((list) => list.chunks.map(chunkKey))

  test('killed after any write of a change: the leftovers go at launch, and the state reads back whole', () => {
    const allWrites = killedAfter(Infinity).log.writes.length
    for (let writes = 1; writes <= allWrites; writes++) {
      const phone = killedAfter(writes)
      const before = readBack(phone.keys).state
      // Up to the index, what was saved before; from it, the change. Chunks no index names are left either way.
      expect(before).toEqual(phone.log.writes.includes(STORAGE_KEY) ? changed : state)
      const named = namedIn(phone.keys)
      expect(chunksOf(phone.keys).length).toBeGreaterThan(named.length)

      removeLeftovers(phone.access, index(phone.keys))
      expect(chunksOf(phone.keys).sort()).toEqual(named.sort())
      expect(readBack(phone.keys)).toMatchObject({ state: before, problem: null })
    }
  })

  test('chunks a kept-aside index names stay; with a kept-aside value it cannot read, every chunk stays', () => {
    const phone = killedAfter(1)
    const [leftover] = chunksOf(phone.keys).filter((k) => !namedIn(phone.keys).includes(k))
    const id = Number(leftover.slice('duet.chunk.'.length))
    const asideIndex = { ...index(phone.keys), version: 99, lists: { contacts: { chunks: [id] } } }
    for (const key of [NEWER_KEY, laterCopyOf(BACKUP_KEY)]) {
      const kept = phoneStorage({ ...phone.keys, [key]: asideIndex })
      removeLeftovers(kept.access, index(kept.keys))
      expect(kept.keys[leftover]).toBeDefined()
    }
    const damaged = phoneStorage({ ...phone.keys, [BACKUP_KEY]: '{"version":3,"lists":' })
    removeLeftovers(damaged.access, index(damaged.keys))
    expect(damaged.log.removed).toEqual([])
    // A value from before chunks names none.
    const older = phoneStorage({ ...phone.keys, [BACKUP_KEY]: { version: 2, contacts: 'x' } })
    removeLeftovers(older.access, index(older.keys))
    expect(older.log.removed).toEqual([leftover])
  })
})

describe('random changes over a long list (seeded)', () => {
  test('after each, storage reads back as the state saved last (the new one, or the one before a refusal)', () => {
    const change = fc.oneof(
      fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), note: fc.nat(999).map((n) => `备注${n}`) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), id: fc.nat(99999) }),
      fc.record({ kind: fc.constant('call' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('refuse' as const), after: fc.nat(3) }),
    )
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), (changes) => {
        const phone = phoneStorage()
        let state = stateOf(600, 90)
        let written = save(phone.access, nothingWritten(), state)
        let saved = state
        for (const c of changes) {
          const contacts = state.contacts
          const i = contacts.length ? ('at' in c ? c.at : 0) % contacts.length : 0
          if (c.kind === 'edit' && contacts.length)
            state = {
              ...state,
              contacts: contacts.map((x, j) => (j === i ? Object.freeze({ ...x, note: c.note }) : x)),
            }
          if (c.kind === 'delete') state = { ...state, contacts: contacts.filter((_, j) => j !== i) }
          if (c.kind === 'insert' && !contacts.some((x) => x.openid === `oIns_${c.id}_00000000000`)) {
            const added = Object.freeze({ openid: `oIns_${c.id}_00000000000`, nickname: `新${c.id}`, note: '' })
            state = { ...state, contacts: [...contacts.slice(0, i), added, ...contacts.slice(i)] }
          }
          if (c.kind === 'call') {
            const at = (state.history[state.history.length - 1]?.at ?? 0) + 1
            const record = Object.freeze({ at, openid: ME.openid, mode: 'voice', outcome: 'placed' } as const)
            state = { ...state, history: [...state.history, record].slice(-HISTORY_LIMIT) }
          }
          phone.log.refuseAfter = c.kind === 'refuse' ? phone.log.writes.length + c.after : Infinity
          try {
            written = save(phone.access, written, state)
            saved = state
          } catch {
            // Refused: what was saved before is what storage holds.
          }
          expect(readBack(phone.keys)).toMatchObject({ state: saved, problem: null })
          for (const key of chunksOf(phone.keys))
            expect((phone.keys[key] as unknown[]).length).toBeLessThanOrEqual(2 * LISTS.contacts.perChunk)
        }
      }),
      { numRuns: 40, seed: Number(process.env.DUET_FUZZ_SEED ?? 22), verbose: true },
    )
  })
})
