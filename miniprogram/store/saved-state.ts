// The one versioned value Duet keeps on the device, and how a stored value is read back safely.
import { isAppointmentId } from './appointment-limits'
import type { Appointment } from './appointment-rules'
import { isLoose, Loose, migrate, SAVED_VERSION } from './migrations'
import { CallRecord, Contact, Invitation, isCallMode, Person, Prefs, Profile } from './model'
import { savedAppointmentsModule } from './later'
import { checkAvatarUrl, checkLocalPath, checkNickname, checkNote, checkOpenid } from './validation'

export { SAVED_VERSION }
/** The saved state (up to version 2), or from version 3 the index of its keys (saved-layout.ts). */
export const STORAGE_KEY = 'duet.state'
/** A value that could not be trusted, kept whole so nothing is destroyed. */
export const BACKUP_KEY = 'duet.state.backup'
/** A value written by a newer Duet (e.g. before a rollback), kept aside untouched. */
export const NEWER_KEY = 'duet.state.newer'
/** Where a later value is kept aside while an earlier one is there already: the first is never written over. */
export const laterCopyOf = (key: string) => `${key}.latest`
/** Call records kept: a busy desk's few weeks (a record is about 100 B; the history lies in chunks of its own). */
export const HISTORY_LIMIT = 1000

export interface SavedState {
  version: number
  profile: Profile | null
  contacts: Contact[]
  history: CallRecord[]
  prefs: Prefs
  /** An invitation opened and not yet answered: it survives a relaunch while it is valid. */
  invitation: Invitation | null
  /**
   * Appointments (issue 23): a list of the layout (saved-layout.ts). Values written before them, in any
   * version, have none and read as none: an addition with a default needs no migration.
   */
  appointments: Appointment[]
}

/**
 * Why the saved data could not be used as it is: damaged (kept aside), from a newer Duet (kept aside), damaged
 * in parts (the rest kept), or not readable at all just now (left alone, and not written over in this run).
 */
export type StorageProblem = 'corrupted' | 'future-version' | 'partly-corrupted' | 'unreadable' | null

export const DEFAULT_PREFS: Readonly<Prefs> = {
  lastMode: 'voice',
  disableSwitchVoice: false,
  acceptCalls: true,
  audioOnly: false,
}

export function emptyState(): SavedState {
  return {
    version: SAVED_VERSION,
    profile: null,
    contacts: [],
    history: [],
    prefs: { ...DEFAULT_PREFS },
    invitation: null,
    appointments: [],
  }
}

/** A person from storage or a card: openid and nickname must hold; a bad avatar is dropped, not the person. */
function readPerson(v: unknown): { person: Person; avatarDropped: boolean } | null {
  if (!isLoose(v)) return null
  const openid = checkOpenid(v.openid)
  const nickname = checkNickname(v.nickname)
  if (!openid.ok || !nickname.ok) return null
  const person: Person = { openid: openid.value, nickname: nickname.value }
  const avatar = v.avatarUrl === undefined ? null : checkAvatarUrl(v.avatarUrl)
  if (avatar?.ok) person.avatarUrl = avatar.value
  return { person, avatarDropped: avatar !== null && !avatar.ok }
}

/** My profile: an openid from the backend, a nickname once chosen; whatever does not hold is dropped alone. */
function readProfile(v: unknown): { profile: Profile | null; dropped: boolean } {
  if (v === null || v === undefined) return { profile: null, dropped: false }
  if (!isLoose(v)) return { profile: null, dropped: true }
  const openid = v.openid === undefined || v.openid === null ? null : checkOpenid(v.openid)
  const nickname = v.nickname === undefined || v.nickname === '' ? null : checkNickname(v.nickname)
  const avatarUrl = v.avatarUrl === undefined ? null : checkAvatarUrl(v.avatarUrl)
  const localAvatar = v.localAvatar === undefined ? null : checkLocalPath(v.localAvatar)
  const profile: Profile = { openid: openid?.ok ? openid.value : null, nickname: nickname?.ok ? nickname.value : '' }
  if (avatarUrl?.ok) profile.avatarUrl = avatarUrl.value
  if (localAvatar?.ok) profile.localAvatar = localAvatar.value
  const dropped = [openid, nickname, avatarUrl, localAvatar].some((c) => c !== null && !c.ok)
  return { profile: profile.openid || profile.nickname ? profile : null, dropped }
}

function readContact(v: unknown): Contact | null {
  const read = readPerson(v)
  if (!read || read.avatarDropped || !isLoose(v)) return null
  const note = checkNote(v.note ?? '')
  return note.ok ? { ...read.person, note: note.value } : null
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0

/**
 * A record's times in order: answered no earlier than attempted, ended no earlier than answered. WeChat's
 * members event can come before its join answers (platform doc §4.8), so an answer may be stamped before the
 * record's own `at`: that is moved, never a reason to lose the call.
 */
export function timesInOrder(record: CallRecord): CallRecord {
  if (record.answeredAt === undefined) return record
  const answeredAt = Math.max(record.answeredAt, record.at)
  const ordered: CallRecord = { ...record, answeredAt }
  if (record.endedAt !== undefined) ordered.endedAt = Math.max(record.endedAt, answeredAt)
  return ordered
}

function readRecord(v: unknown): CallRecord | null {
  if (!isLoose(v)) return null
  const { at, openid, mode, outcome, errCode, answeredAt, endedAt, appointment } = v
  if (!isTime(at) || !checkOpenid(openid).ok || !isCallMode(mode)) return null
  if (outcome !== 'placed' && outcome !== 'failed') return null
  if (errCode !== undefined && typeof errCode !== 'number') return null
  // Answered only for a placed call, and ended only after an answer.
  if (answeredAt !== undefined && (outcome !== 'placed' || !isTime(answeredAt))) return null
  if (endedAt !== undefined && (!isTime(answeredAt) || !isTime(endedAt))) return null
  // Calls recorded before appointments existed name none.
  if (appointment !== undefined && !isAppointmentId(appointment)) return null
  const record: CallRecord = { at, openid: openid as string, mode, outcome }
  if (typeof errCode === 'number') record.errCode = errCode
  if (isTime(answeredAt)) record.answeredAt = answeredAt
  if (isTime(endedAt)) record.endedAt = endedAt
  if (isAppointmentId(appointment)) record.appointment = appointment
  return timesInOrder(record)
}

function readPrefs(v: unknown): { prefs: Prefs; clean: boolean } {
  if (!isLoose(v)) return { prefs: { ...DEFAULT_PREFS }, clean: v === undefined }
  const prefs: Prefs = {
    lastMode: isCallMode(v.lastMode) ? v.lastMode : DEFAULT_PREFS.lastMode,
    disableSwitchVoice:
      typeof v.disableSwitchVoice === 'boolean' ? v.disableSwitchVoice : DEFAULT_PREFS.disableSwitchVoice,
    acceptCalls: typeof v.acceptCalls === 'boolean' ? v.acceptCalls : DEFAULT_PREFS.acceptCalls,
    audioOnly: typeof v.audioOnly === 'boolean' ? v.audioOnly : DEFAULT_PREFS.audioOnly,
  }
  // A missing key (an older version wrote fewer prefs) takes its default quietly; a wrong value is damage.
  const clean = (Object.keys(prefs) as Array<keyof Prefs>).every((k) => v[k] === undefined || prefs[k] === v[k])
  return { prefs, clean }
}

/** A kept invitation: its sender read like any person; a damaged one is dropped. */
function readInvitation(v: unknown): { invitation: Invitation | null; dropped: boolean } {
  if (v === null || v === undefined) return { invitation: null, dropped: false }
  const from = isLoose(v) ? readPerson(v.from) : null
  const ok = isLoose(v) && from && !from.avatarDropped && isCallMode(v.mode) && isTime(v.sentAt)
  return ok
    ? {
        invitation: { from: from.person, mode: v.mode as Invitation['mode'], sentAt: v.sentAt as number },
        dropped: false,
      }
    : { invitation: null, dropped: true }
}

/** Keeps the valid entries of a list; `dropped` says whether any were not. */
function readList<T>(v: unknown, readItem: (item: unknown) => T | null): { items: T[]; dropped: boolean } {
  if (!Array.isArray(v)) return { items: [], dropped: v !== undefined }
  const items = v.map(readItem).filter((x): x is T => x !== null)
  return { items, dropped: items.length !== v.length }
}

/** The stored value as an object with a version, or the problem that stops it being one. */
function unwrap(raw: unknown): { value: Loose; version: number } | { problem: 'corrupted' | 'future-version' } {
  let value: unknown = raw
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw)
    } catch {
      return { problem: 'corrupted' }
    }
  }
  if (!isLoose(value) || typeof value.version !== 'number' || !Number.isInteger(value.version) || value.version < 1) {
    return { problem: 'corrupted' }
  }
  if (value.version > SAVED_VERSION) return { problem: 'future-version' }
  return { value, version: value.version }
}

/** Saved appointments read back; their rules are loaded only when there are some (later.ts). */
function readAppointmentList(v: unknown): { items: Appointment[]; dropped: boolean } {
  if (v === undefined || (Array.isArray(v) && v.length === 0)) return { items: [], dropped: false }
  return savedAppointmentsModule().readAppointments(v, readPerson, Date.now())
}

/** Validates a value already migrated to the current version, dropping what cannot be trusted. */
function readCurrent(value: Loose): { state: SavedState; problem: StorageProblem } {
  const { profile, dropped: profileDropped } = readProfile(value.profile)
  const contacts = readList(value.contacts, readContact)
  // The first of each openid is kept: linear, for a list of ten thousand.
  const seen = new Set<string>()
  const uniqueContacts = contacts.items.filter((c) => !seen.has(c.openid) && seen.add(c.openid))
  const history = readList(value.history, readRecord)
  const prefs = readPrefs(value.prefs)
  const invitation = readInvitation(value.invitation)
  const appointments = readAppointmentList(value.appointments)
  const state: SavedState = {
    version: SAVED_VERSION,
    profile,
    contacts: uniqueContacts,
    history: history.items.slice(-HISTORY_LIMIT),
    prefs: prefs.prefs,
    invitation: invitation.invitation,
    appointments: appointments.items,
  }
  const dropped =
    profileDropped ||
    contacts.dropped ||
    uniqueContacts.length !== contacts.items.length ||
    history.dropped ||
    history.items.length > HISTORY_LIMIT ||
    !prefs.clean ||
    invitation.dropped ||
    appointments.dropped
  return { state, problem: dropped ? 'partly-corrupted' : null }
}

/**
 * Reads a stored value back: older versions are migrated first, then everything is validated. Never throws:
 * what cannot be trusted is dropped and reported, so the caller can keep the raw value and tell the person once.
 */
export function parseSavedState(raw: unknown): { state: SavedState; problem: StorageProblem } {
  if (raw === undefined) return { state: emptyState(), problem: null }
  const unwrapped = unwrap(raw)
  if ('problem' in unwrapped) return { state: emptyState(), problem: unwrapped.problem }
  return readCurrent(migrate(unwrapped.value, unwrapped.version))
}
