// How the saved state lies in storage from version 3 on: a small index under STORAGE_KEY, and each long list
// in chunks under keys of their own. WeChat refuses a key over 1 MB (platform doc §8.1), and 10,000 contacts
// with avatars are about 2 MB; rewriting everything on every change also cost a call attempt a megabyte.
// Pure: the slice (persistence.ts) does the reading and writing through a StorageAccess.
//
// A change writes only the chunks it touched, then the index. A chunk named by a written index is never
// written again: a changed chunk goes under a new key, the index (written last) switches to it in one write,
// and the keys it no longer names are removed after. So a write that fails halfway (storage full, or
// throwing) leaves the index naming only chunks that were written, all still there: a relaunch reads the
// state as it was before that change, whole.
import type { Appointment } from './appointment-rules'
import type { Loose } from './migrations'
import { isLoose } from './migrations'
import type { CallRecord, Contact, Invitation, Prefs, Profile } from './model'
import {
  BACKUP_KEY,
  emptyState,
  laterCopyOf,
  NEWER_KEY,
  parseSavedState,
  SAVED_VERSION,
  SavedState,
  STORAGE_KEY,
  StorageProblem,
} from './saved-state'

/** Where the chunk with id `id` is kept. */
export const chunkKey = (id: number) => `duet.chunk.${id}`

/**
 * The lists kept in chunks, with how many entries a chunk is cut to hold (one grown by insertions holds up to
 * twice that before it is cut again). Each is sized so that one change writes little: a contact (about 200 B
 * with an avatar and a note) rewrites one chunk of about 100 (20 KB), a call attempt one of at most 32 records
 * (about 3 KB). Appointments join here as another list: an index written before a list joined reads it empty.
 */
export const LISTS = {
  contacts: { perChunk: 100, dropsOldest: false },
  /** The oldest records go when the history is full: the index skips them instead of rewriting their chunk. */
  history: { perChunk: 32, dropsOldest: true },
  /** At most 200 kept (appointment-rules' KEPT_MAX), about 300 B each: an answer rewrites one chunk of 50. */
  appointments: { perChunk: 50, dropsOldest: false },
} as const
export type ListName = keyof typeof LISTS
export const LIST_NAMES = Object.keys(LISTS) as ListName[]

/** What the lists hold, by name: what the state gives to each. */
export interface Lists {
  contacts: readonly Contact[]
  history: readonly CallRecord[]
  appointments: readonly Appointment[]
}

/** A list as the index names it: its chunks' ids in order, and how many entries of the first one are dropped. */
export interface ListIndex {
  chunks: number[]
  skip?: number
}

/** What STORAGE_KEY holds from version 3 on: the small parts whole, and where each list's chunks are. */
export interface SavedIndex {
  version: number
  profile: Profile | null
  prefs: Prefs
  invitation: Invitation | null
  /** The id the next chunk written gets: ids are never reused while an index may name them. */
  next: number
  lists: Record<ListName, ListIndex>
}

/** What a StorageAccess reads for a key never written. */
export type Read = (key: string) => unknown

/** The device's storage as the layout uses it; write may throw (storage full), remove is best effort. */
export interface StorageAccess {
  read: Read
  write(key: string, value: unknown): void
  remove(key: string): void
  /** Every key stored (none when it cannot say). */
  keys(): readonly string[]
}

/** A chunk as last written: its id, and the very entries (by reference) it holds from `skip` on. */
interface WrittenChunk {
  id: number
  entries: readonly unknown[]
}

/** What storage holds, as this run last wrote or read it: what the next change is compared with. */
export interface Written {
  /** The index as its JSON, to write it only when it changed. */
  index: string | null
  next: number
  /** Each list's chunks; `from`: the very array they were cut from, so an untouched list is passed over at once. */
  lists: Record<ListName, { chunks: WrittenChunk[]; skip: number; from?: readonly unknown[] }>
}

/** Nothing known to be written: the first save writes every chunk. Ids start at `next`. */
export function nothingWritten(next = 1): Written {
  const lists = {} as Written['lists']
  for (const name of LIST_NAMES) lists[name] = { chunks: [], skip: 0 }
  return { index: null, next, lists }
}

/** Whether a stored value is an index of this layout (version 3 or later, with its lists). */
export function isIndex(value: unknown): value is Loose & { version: number; lists: Loose } {
  return isLoose(value) && typeof value.version === 'number' && value.version >= 3 && isLoose(value.lists)
}

/** A chunk id read from storage: a positive safe integer, or nothing. */
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0

const CHUNK_KEY = /^duet\.chunk\.\d+$/

/**
 * Reads a version-3 index and its chunks into the one value older versions kept under one key, for the same
 * validation. `chunkLengths` gives how many entries each chunk gave, so what was read can be compared with
 * later changes; `damaged` says whether anything the index named was missing or not a list.
 */
export function readIndexed(
  index: Loose & { lists: Loose },
  read: Read,
): {
  value: Loose
  chunkLengths: Record<ListName, number[]>
  ids: Record<ListName, number[]>
  skips: Record<ListName, number>
  damaged: boolean
} {
  let damaged = false
  const value: Loose = {
    version: index.version,
    profile: index.profile,
    prefs: index.prefs,
    invitation: index.invitation,
  }
  const chunkLengths = {} as Record<ListName, number[]>
  const ids = {} as Record<ListName, number[]>
  const skips = {} as Record<ListName, number>
  for (const name of LIST_NAMES) {
    const list = index.lists[name]
    // A list the index does not name (written before that list joined the layout) is empty, not damaged.
    const chunks =
      list === undefined ? [] : isLoose(list) && Array.isArray(list.chunks) ? (list.chunks as unknown[]) : null
    const skip = isLoose(list) && isId(list.skip) ? list.skip : 0
    if (!chunks || (isLoose(list) && list.skip !== undefined && !isId(list.skip))) damaged = true
    const entries: unknown[] = []
    skips[name] = skip
    chunkLengths[name] = []
    ids[name] = []
    for (const [at, id] of (chunks ?? []).entries()) {
      const chunk = isId(id) ? read(chunkKey(id)) : undefined
      if (!isId(id) || !Array.isArray(chunk)) {
        damaged = true
        continue
      }
      const kept = at === 0 ? chunk.slice(skip) : chunk
      for (const entry of kept) entries.push(entry)
      chunkLengths[name].push(kept.length)
      ids[name].push(id)
    }
    value[name] = entries
  }
  return { value, chunkLengths, ids, skips, damaged }
}

/**
 * What was just read, as written: each list's validated entries cut where its chunks were, so the first change
 * rewrites only what it touches. Only valid when validation dropped nothing (the entries are then the chunks'
 * own, one for one, in order).
 */
export function writtenAsRead(
  indexJson: string,
  next: number,
  lists: Lists,
  ids: Record<ListName, number[]>,
  chunkLengths: Record<ListName, number[]>,
  skips: Record<ListName, number>,
): Written {
  const written = nothingWritten(next)
  written.index = indexJson
  for (const name of LIST_NAMES) {
    let start = 0
    written.lists[name] = {
      skip: skips[name],
      chunks: ids[name].map((id, i) => {
        const entries = lists[name].slice(start, start + chunkLengths[name][i])
        start += chunkLengths[name][i]
        return { id, entries }
      }),
    }
  }
  return written
}

/** One list's chunks after a change: which to keep, which to write, and the new skip. */
interface ListPlan {
  chunks: WrittenChunk[]
  skip: number
  writes: WrittenChunk[]
}

/**
 * Cuts `entries` into chunks of at most `perChunk`, as even as can be, each with a new id; `grown` (a chunk
 * rewritten after an insertion) stays one chunk up to twice that, so an undo rewrites one chunk, not two.
 */
function cut(entries: readonly unknown[], perChunk: number, newId: () => number, grown = false): WrittenChunk[] {
  const count = grown && entries.length <= 2 * perChunk ? 1 : Math.ceil(entries.length / perChunk)
  const size = Math.ceil(entries.length / count)
  return Array.from({ length: count }, (_, i) => ({ id: newId(), entries: entries.slice(i * size, (i + 1) * size) }))
}

const sameEntries = (a: readonly unknown[], b: readonly unknown[], offset = 0) =>
  a.length === b.length - offset && a.every((entry, i) => entry === b[offset + i])

/**
 * Which chunks a list's change touches, in linear time. Entries are compared by reference (the store holds
 * frozen records and replaces only what changes): each entry still present stays in its chunk, a new one joins
 * the chunk of the entry before it. A chunk whose entries are all the same is kept; otherwise it is rewritten
 * under a new id, cut in two when it grew past its size. Should the order of entries ever change, every chunk
 * is written again: correct, only dearer.
 */
function planList(
  before: Written['lists'][ListName],
  entries: readonly unknown[],
  { perChunk, dropsOldest }: { perChunk: number; dropsOldest: boolean },
  newId: () => number,
): ListPlan {
  const everything = (): ListPlan => {
    const all = entries.length ? cut(entries, perChunk, newId) : []
    return { chunks: all, skip: 0, writes: all }
  }
  if (!before.chunks.length) return everything()
  const chunkOf = new Map<unknown, number>()
  before.chunks.forEach((chunk, c) => chunk.entries.forEach((entry) => chunkOf.set(entry, c)))
  // The chunk of the next entry already written, for each position (the last chunk past the end).
  const last = before.chunks.length - 1
  const nextKnown: number[] = new Array<number>(entries.length)
  for (let i = entries.length - 1, next = last; i >= 0; i--) nextKnown[i] = next = chunkOf.get(entries[i]) ?? next
  const groups: unknown[][] = before.chunks.map(() => [])
  let current = 0
  for (let i = 0; i < entries.length; i++) {
    const known = chunkOf.get(entries[i])
    // A new entry (an edit's, an added one) stays in the chunk before while it has room, or joins the next.
    const c = known ?? (groups[current].length < before.chunks[current].entries.length ? current : nextKnown[i])
    if (c < current) return everything()
    current = c
    groups[c].push(entries[i])
  }
  const plan: ListPlan = { chunks: [], skip: 0, writes: [] }
  const rewrite = (group: readonly unknown[]) => {
    const rewritten = cut(group, perChunk, newId, true)
    plan.chunks.push(...rewritten)
    plan.writes.push(...rewritten)
  }
  before.chunks.forEach((chunk, c) => {
    const group = groups[c]
    const first = plan.chunks.length === 0
    const dropped = chunk.entries.length - group.length
    if (!group.length) return
    if (sameEntries(group, chunk.entries)) {
      plan.chunks.push(chunk)
      if (first) plan.skip = c === 0 ? before.skip : 0
    } else if (dropsOldest && first && dropped > 0 && sameEntries(group, chunk.entries, dropped)) {
      // The oldest entries went: the index skips them, and the chunk stays as written.
      plan.chunks.push({ id: chunk.id, entries: group })
      plan.skip = (c === 0 ? before.skip : 0) + dropped
    } else if (
      c === before.chunks.length - 1 &&
      group.length > perChunk &&
      sameEntries(group.slice(0, chunk.entries.length), chunk.entries)
    ) {
      // Appended to a full last chunk: it stays, and the new entries start chunks of their own.
      plan.chunks.push(chunk)
      if (first) plan.skip = c === 0 ? before.skip : 0
      rewrite(group.slice(chunk.entries.length))
    } else {
      rewrite(group)
    }
  })
  return plan
}

/** The index's JSON and the chunks to write for `state`, given what storage holds. Throws nothing. */
export function planWrite(
  before: Written,
  small: Pick<SavedIndex, 'version' | 'profile' | 'prefs' | 'invitation'>,
  lists: Lists,
): { after: Written; writes: WrittenChunk[]; index: SavedIndex; removed: number[] } {
  let next = before.next
  const newId = () => next++
  const after = nothingWritten()
  const writes: WrittenChunk[] = []
  const indexLists = {} as SavedIndex['lists']
  for (const name of LIST_NAMES) {
    // A list is compared by reference with the one last written: frozen, so a change made in place throws
    // rather than going unsaved.
    Object.freeze(lists[name])
    const previous = before.lists[name]
    const plan =
      previous.from === lists[name]
        ? { chunks: previous.chunks, skip: previous.skip, writes: [] }
        : planList(previous, lists[name], LISTS[name], newId)
    after.lists[name] = { chunks: plan.chunks, skip: plan.skip, from: lists[name] }
    writes.push(...plan.writes)
    indexLists[name] = plan.skip
      ? { chunks: plan.chunks.map((c) => c.id), skip: plan.skip }
      : { chunks: plan.chunks.map((c) => c.id) }
  }
  const index: SavedIndex = { ...small, next, lists: indexLists }
  after.next = next
  after.index = JSON.stringify(index)
  const idsOf = (written: Written) =>
    ([] as number[]).concat(...LIST_NAMES.map((name) => written.lists[name].chunks.map((c) => c.id)))
  const kept = new Set(idsOf(after))
  const removed = idsOf(before).filter((id) => !kept.has(id))
  return { after, writes, index, removed }
}

/**
 * Writes what changed: the new chunks first, then the index (only if it changed), then removes the chunks no
 * longer named. Returns what storage now holds; throws, with storage still naming only whole chunks, when a
 * write is refused.
 */
export function writeChanges(
  storage: StorageAccess,
  before: Written,
  small: Pick<SavedIndex, 'version' | 'profile' | 'prefs' | 'invitation'>,
  lists: Lists,
): Written {
  const { after, writes, index, removed } = planWrite(before, small, lists)
  if (after.index === before.index) return before
  for (const chunk of writes) storage.write(chunkKey(chunk.id), chunk.entries)
  storage.write(STORAGE_KEY, index)
  for (const id of removed) storage.remove(chunkKey(id))
  return after
}

/**
 * The first chunk id of a layout written afresh, past every chunk that may still be in storage: chunks named by
 * an index kept aside (a newer Duet's, or a damaged one), whose `next` says where they end. A value that cannot
 * be read at all may have named any: ids then start at `now`, past any count of writes before it.
 */
function firstFreeId(raw: unknown, problem: StorageProblem, read: Read, now: number): number {
  if (raw === undefined) return 1
  if (problem === 'corrupted') return now
  const kept = [raw, ...[NEWER_KEY, laterCopyOf(NEWER_KEY), BACKUP_KEY, laterCopyOf(BACKUP_KEY)].map(read)]
  return Math.max(1, ...kept.map((value) => (isLoose(value) && isId(value.next) ? value.next : 1)))
}

/** What a launch read: the state, what was wrong with it, the index as stored, and what storage holds. */
export interface Loaded {
  state: SavedState
  problem: StorageProblem
  /** The value under STORAGE_KEY as read (kept aside whole when it cannot be used as it is). */
  raw: unknown
  written: Written
}

/**
 * Reads the saved state, in this layout or as an older version kept it under one key. `read` may throw (the
 * storage could not be read just now): the caller then leaves everything as it is. `now` numbers new chunks
 * when storage holds something this run cannot read as its own layout, so that no key of it is written over.
 */
export function readSaved(read: Read, now: number): Loaded {
  const raw = read(STORAGE_KEY)
  const version = isLoose(raw) && typeof raw.version === 'number' ? raw.version : 0
  if (version >= 3 && version <= SAVED_VERSION && !isIndex(raw)) {
    // This layout's version, and no lists: where its chunks are is lost. They stay where they are.
    const next = isLoose(raw) && isId(raw.next) ? raw.next : now
    return { state: emptyState(), problem: 'corrupted', raw, written: nothingWritten(next) }
  }
  if (!isIndex(raw) || raw.version > SAVED_VERSION) {
    const { state, problem } = parseSavedState(raw)
    return { state, problem, raw, written: nothingWritten(firstFreeId(raw, problem, read, now)) }
  }
  const { value, chunkLengths, ids, skips, damaged } = readIndexed(raw, read)
  const { state, problem } = parseSavedState(value)
  const next = isId(raw.next) ? raw.next : now
  if (problem || damaged) return { state, problem: problem ?? 'partly-corrupted', raw, written: nothingWritten(next) }
  return { state, problem, raw, written: writtenAsRead(JSON.stringify(raw), next, state, ids, chunkLengths, skips) }
}

/** The keys of the chunks an index names, of every list. */
function namedChunkKeys(index: Loose & { lists: Loose }): string[] {
  const named: string[] = []
  for (const list of Object.values(index.lists)) {
    if (isLoose(list) && Array.isArray(list.chunks)) named.push(...list.chunks.filter(isId).map(chunkKey))
  }
  return named
}

/**
 * Removes chunks no index names: those a save left when the app was killed after writing its index and before
 * removing what it replaced, or written by a save refused (or killed) before its index. Called at launch, with
 * what STORAGE_KEY holds, once it was read without a problem (nothing to do unless it is an index). A chunk a
 * kept-aside index names (a newer Duet's, a damaged one's) stays; so does every chunk while a kept-aside value
 * might name some this build cannot see (one that is not an index, nor from before chunks).
 */
export function removeLeftovers(storage: StorageAccess, index: unknown): void {
  if (!isIndex(index)) return
  const keys = storage.keys()
  const named = new Set(namedChunkKeys(index))
  const unnamed = keys.filter((key) => CHUNK_KEY.test(key) && !named.has(key))
  if (!unnamed.length) return
  const asideKeys = [NEWER_KEY, laterCopyOf(NEWER_KEY), BACKUP_KEY, laterCopyOf(BACKUP_KEY)]
  for (const key of asideKeys.filter((k) => keys.includes(k))) {
    const aside = storage.read(key)
    if (isIndex(aside)) namedChunkKeys(aside).forEach((k) => named.add(k))
    else if (!(isLoose(aside) && typeof aside.version === 'number' && aside.version < 3)) return
  }
  for (const key of unnamed) if (!named.has(key)) storage.remove(key)
}
