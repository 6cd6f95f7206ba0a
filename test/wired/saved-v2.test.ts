// A file the build before the current layout wrote (version 2, one key), through the whole store: every slice
// gets its part back, the first change writes the new layout (an index and chunks), a relaunch loses nothing,
// and a first write refused halfway leaves the version-2 file as it was.
import { launchStore } from '../harness/app'
import { useFakeClock, useRealClock } from '../harness/page'
import { FILE_V2_WRITTEN_AT, GRANTED, heldBy, savedIn, STORAGE_KEY, V2_FILE } from '../fixtures'

/** What the store holds of the file: all of it but its version. */
const FILE = {
  problem: null,
  profile: V2_FILE.profile,
  contacts: V2_FILE.contacts,
  history: V2_FILE.history,
  prefs: V2_FILE.prefs,
  invitation: V2_FILE.invitation,
  // Written before appointments were kept: none.
  appointments: [],
}
/** Someone new to the file's contacts. */
const GRACE = { openid: 'oGrace_0000000000001', nickname: '格蕾丝' }

/** Storage writes from now on refuse, after `allowed` more succeed (a storage that fills up midway). */
function refuseWritesAfter(fake: { env: { storageFull: boolean }; count(api: string): number }, allowed: number) {
  const limit = fake.count('setStorageSync') + allowed
  Object.defineProperty(fake.env, 'storageFull', {
    get: () => fake.count('setStorageSync') > limit,
    configurable: true,
  })
}

beforeEach(() => {
  useFakeClock()
  // The file's invitation is still waiting for an answer: the clock is where the file was written.
  jest.setSystemTime(FILE_V2_WRITTEN_AT)
})
afterEach(() => useRealClock())

const v2Storage = () => ({ [STORAGE_KEY]: JSON.parse(JSON.stringify(V2_FILE)) as unknown })

test('launch, add a contact, relaunch: every contact, avatar, note, call, pref and the invitation are still there', async () => {
  const first = await launchStore({ authSetting: GRANTED, storage: v2Storage() })
  expect(heldBy(first.store)).toEqual(FILE)
  // Nothing changed yet: the file stays as it was until there is something to write.
  expect(first.fake.env.storage).toEqual(v2Storage())

  first.store.contacts.offer(GRACE)
  first.store.contacts.acceptShareOffer()
  // The index, a chunk of contacts and one of calls.
  expect(Object.keys(first.fake.env.storage).sort()).toEqual([STORAGE_KEY, 'duet.chunk.1', 'duet.chunk.2'].sort())
  expect((first.fake.env.storage[STORAGE_KEY] as { version: number }).version).toBe(3)
  expect(savedIn(first.fake.env.storage)?.contacts).toEqual([...V2_FILE.contacts, { ...GRACE, note: '' }])

  const again = await launchStore({ authSetting: GRANTED, storage: first.fake.env.storage })
  expect(heldBy(again.store)).toEqual({ ...FILE, contacts: [...V2_FILE.contacts, { ...GRACE, note: '' }] })
})

/** Launches on the file and adds Grace while storage refuses writes after `allowed` more. */
async function refusedMidway(allowed: number) {
  const first = await launchStore({ authSetting: GRANTED, storage: v2Storage() })
  refuseWritesAfter(first.fake, allowed)
  first.store.contacts.offer(GRACE)
  first.store.contacts.acceptShareOffer()
  return first
}

describe.each([0, 1, 2])('the first write refused after %i keys', (allowed) => {
  test('the version-2 file is untouched and the person is told; a relaunch reads it whole', async () => {
    const first = await refusedMidway(allowed)
    expect(first.store.persistence.saveFailed).toBe(true)
    expect(first.fake.env.storage[STORAGE_KEY]).toEqual(V2_FILE)
    const relaunched = await launchStore({ authSetting: GRANTED, storage: first.fake.env.storage })
    expect(heldBy(relaunched.store)).toEqual(FILE)
  })

  test('room again: the next change saves everything held, the one refused included', async () => {
    const first = await refusedMidway(allowed)
    Object.defineProperty(first.fake.env, 'storageFull', { value: false, writable: true, configurable: true })
    first.store.contacts.startEdit(V2_FILE.contacts[0].openid)
    first.store.contacts.setField('note', '新的备注')
    first.store.contacts.submit()
    expect(first.store.persistence.saveFailed).toBe(false)
    const again = await launchStore({ authSetting: GRANTED, storage: first.fake.env.storage })
    expect(heldBy(again.store)).toEqual({
      ...FILE,
      contacts: [{ ...V2_FILE.contacts[0], note: '新的备注' }, ...V2_FILE.contacts.slice(1), { ...GRACE, note: '' }],
    })
  })
})
