// How a value saved by an older Duet becomes today's shape. Each migration turns version N into N+1 and
// runs before validation, so a schema change never hides anyone's contacts. Migrations see untrusted data:
// they reshape what they recognise, pass everything else on for validation to judge, and never throw.

/** A saved value as read back from storage, not yet validated. */
export type Loose = Record<string, unknown>
export type Migration = (value: Loose) => Loose

export const isLoose = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v)

const mapList = (value: unknown, item: (v: Loose) => Loose) =>
  Array.isArray(value) ? value.map((v) => (isLoose(v) ? item(v) : v)) : value

/**
 * v1 → v2: version 1 called every successful join "connected"; it only ever meant the call was placed
 * (platform doc §4.4), and v2 says so. Answered calls are recorded from WeChat's events from v2 on.
 */
const placedNotConnected: Migration = (v1) => ({
  ...v1,
  history: mapList(v1.history, (record) =>
    record.outcome === 'connected' ? { ...record, outcome: 'placed' } : record,
  ),
})

/**
 * v2 → v3: the same state, no longer under one key but spread over several (saved-layout.ts): a small index,
 * and the contacts and the history in chunks. Reading a version-2 value needs no reshaping; the first save
 * writes it in the new layout.
 */
const spreadOverKeys: Migration = (v2) => v2

/** MIGRATIONS[i] turns version i + 1 into version i + 2. Append only; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [placedNotConnected, spreadOverKeys]

/** The version this build writes. */
export const SAVED_VERSION = MIGRATIONS.length + 1

/** Runs every migration from `version` up to the current one; the result carries the current version. */
export function migrate(value: Loose, version: number, migrations: readonly Migration[] = MIGRATIONS): Loose {
  let current = value
  for (let v = version; v <= migrations.length; v++) current = { ...migrations[v - 1](current), version: v + 1 }
  return current
}
