// The one versioned value Duet keeps on the device, and how a stored value is read back safely.
import { CallMode, isCallMode } from './call-modes'
import { checkNickname, checkNote, checkOpenid, Person } from './validation'

export const STORAGE_KEY = 'duet.state'
export const BACKUP_KEY = 'duet.state.backup'
export const SAVED_VERSION = 1
export const HISTORY_LIMIT = 100

export interface Contact extends Person {
  note: string
}

export interface CallRecord {
  at: number
  openid: string
  mode: CallMode
  outcome: 'connected' | 'failed'
  /** WeChat's errCode; absent when it gave none (e.g. a timeout). */
  errCode?: number
}

export interface Prefs {
  lastMode: CallMode
  disableSwitchVoice: boolean
  acceptCalls: boolean
  audioOnly: boolean
}

export interface SavedState {
  version: typeof SAVED_VERSION
  profile: Person | null
  contacts: Contact[]
  history: CallRecord[]
  prefs: Prefs
}

/** What went wrong reading the stored value; null when it was fine or absent. */
export type StorageProblem = 'corrupted' | 'future-version' | 'partly-corrupted' | null

export function emptyState(): SavedState {
  return {
    version: SAVED_VERSION,
    profile: null,
    contacts: [],
    history: [],
    prefs: { lastMode: 'voice', disableSwitchVoice: false, acceptCalls: true, audioOnly: false },
  }
}

type Loose = Record<string, unknown>
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v)

function readPerson(v: unknown): Person | null {
  if (!isObject(v)) return null
  const openid = checkOpenid(v.openid)
  const nickname = checkNickname(v.nickname)
  return openid.ok && nickname.ok ? { openid: openid.value, nickname: nickname.value } : null
}

function readContact(v: unknown): Contact | null {
  const person = readPerson(v)
  if (!person || !isObject(v)) return null
  const note = checkNote(v.note ?? '')
  return note.ok ? { ...person, note: note.value } : null
}

function readRecord(v: unknown): CallRecord | null {
  if (!isObject(v)) return null
  const { at, openid, mode, outcome, errCode } = v
  if (typeof at !== 'number' || !Number.isFinite(at) || !checkOpenid(openid).ok || !isCallMode(mode)) return null
  if (outcome !== 'connected' && outcome !== 'failed') return null
  if (errCode !== undefined && typeof errCode !== 'number') return null
  const record: CallRecord = { at, openid: openid as string, mode, outcome }
  if (typeof errCode === 'number') record.errCode = errCode
  return record
}

function readPrefs(v: unknown, fallback: Prefs): { prefs: Prefs; clean: boolean } {
  if (!isObject(v)) return { prefs: fallback, clean: v === undefined }
  const prefs: Prefs = {
    lastMode: isCallMode(v.lastMode) ? v.lastMode : fallback.lastMode,
    disableSwitchVoice: typeof v.disableSwitchVoice === 'boolean' ? v.disableSwitchVoice : fallback.disableSwitchVoice,
    acceptCalls: typeof v.acceptCalls === 'boolean' ? v.acceptCalls : fallback.acceptCalls,
    audioOnly: typeof v.audioOnly === 'boolean' ? v.audioOnly : fallback.audioOnly,
  }
  // A missing key (an older version wrote fewer prefs) takes its default quietly; a wrong value is damage.
  const clean = (Object.keys(prefs) as Array<keyof Prefs>).every((k) => v[k] === undefined || prefs[k] === v[k])
  return { prefs, clean }
}

/** Keeps the valid entries of a list; `dropped` says whether any were not. */
function readList<T>(v: unknown, readItem: (item: unknown) => T | null): { items: T[]; dropped: boolean } {
  if (!Array.isArray(v)) return { items: [], dropped: v !== undefined }
  const items = v.map(readItem).filter((x): x is T => x !== null)
  return { items, dropped: items.length !== v.length }
}

/**
 * Reads a stored value back. Never throws: what cannot be trusted is dropped and reported, so the
 * caller can keep a backup of the raw value and tell the person once.
 */
export function parseSavedState(raw: unknown): { state: SavedState; problem: StorageProblem } {
  const empty = emptyState()
  if (raw === undefined) return { state: empty, problem: null }
  let value: unknown = raw
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw)
    } catch {
      return { state: empty, problem: 'corrupted' }
    }
  }
  if (!isObject(value) || typeof value.version !== 'number') return { state: empty, problem: 'corrupted' }
  if (value.version > SAVED_VERSION) return { state: empty, problem: 'future-version' }
  if (value.version !== SAVED_VERSION) return { state: empty, problem: 'corrupted' }

  const profile = value.profile === null || value.profile === undefined ? null : readPerson(value.profile)
  const profileDropped = profile === null && value.profile !== null && value.profile !== undefined
  const contacts = readList(value.contacts, readContact)
  const uniqueContacts = contacts.items.filter((c, i, all) => all.findIndex((o) => o.openid === c.openid) === i)
  const history = readList(value.history, readRecord)
  const prefs = readPrefs(value.prefs, empty.prefs)
  const state: SavedState = {
    version: SAVED_VERSION,
    profile,
    contacts: uniqueContacts,
    history: history.items.slice(-HISTORY_LIMIT),
    prefs: prefs.prefs,
  }
  const dropped = profileDropped || contacts.dropped || uniqueContacts.length !== contacts.items.length
    || history.dropped || history.items.length > HISTORY_LIMIT || !prefs.clean
  return { state, problem: dropped ? 'partly-corrupted' : null }
}
