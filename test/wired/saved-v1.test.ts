// A file the first release wrote, through the whole store rather than the parser alone: the root store reads
// it, each slice loads its part, a change is saved, and a relaunch gives every contact, call and pref back.
import { launchStore } from '../harness/app'
import { DAVE, GRANTED, heldBy, SAVED_VERSION, STORAGE_KEY, V1_FILE } from '../fixtures'

/** Version 1 called a placed call "connected"; everything else of each record is kept as it was. */
const V1_RECORDS = V1_FILE.history.map((r) => ({ ...r, outcome: r.outcome === 'connected' ? 'placed' : r.outcome }))

test('a v1 file: launch, add a contact, relaunch, and every contact, call record and pref is still there', async () => {
  const first = await launchStore({
    authSetting: GRANTED,
    storage: { [STORAGE_KEY]: JSON.parse(JSON.stringify(V1_FILE)) as unknown },
  })
  expect(heldBy(first.store)).toEqual({
    problem: null,
    profile: V1_FILE.profile,
    contacts: V1_FILE.contacts,
    history: V1_RECORDS,
    prefs: V1_FILE.prefs,
    invitation: null,
    // Written before appointments were kept: none.
    appointments: [],
  })

  first.store.contacts.offer(DAVE)
  first.store.contacts.acceptShareOffer()
  expect((first.fake.env.storage[STORAGE_KEY] as { version: number }).version).toBe(SAVED_VERSION)

  const again = await launchStore({ authSetting: GRANTED, storage: first.fake.env.storage })
  expect(heldBy(again.store)).toEqual({
    problem: null,
    profile: V1_FILE.profile,
    contacts: [...V1_FILE.contacts, DAVE],
    history: V1_RECORDS,
    prefs: V1_FILE.prefs,
    invitation: null,
    // Written before appointments were kept: none.
    appointments: [],
  })
})
