// Leftover chunks (issue 22): a save cut short, by the app being killed or by a full storage, leaves chunks no
// index names. The next launch removes them before writing anything, and loses nothing that was saved.
import { launchStore } from '../harness/app'
import { crowd, GRANTED, heldBy, ME, readBack, STORAGE_KEY, stored } from '../fixtures'

const { contacts, history } = crowd(400, 100)
const PHONE = { authSetting: GRANTED, storage: stored({ profile: ME, contacts, history }) }

/** The chunk keys in `storage`, and those its index names. */
function chunks(storage: Record<string, unknown>) {
  const index = storage[STORAGE_KEY] as { lists: Record<string, { chunks: number[] }> }
  return {
    stored: Object.keys(storage)
      .filter((key) => key.startsWith('duet.chunk.'))
      .sort(),
    named: Object.values(index.lists)
      .flatMap((list) => list.chunks.map((id) => `duet.chunk.${id}`))
      .sort(),
  }
}

/** Edits the note of the 250th contact, through the store. */
function editNote(store: Awaited<ReturnType<typeof launchStore>>['store'], note: string) {
  store.contacts.startEdit(store.contacts.items[250].openid)
  store.contacts.setField('note', note)
  store.contacts.submit()
}

test('killed after writing its index, before removing what it replaced: the relaunch removes the leftovers', async () => {
  const first = await launchStore(PHONE)
  // The phone's storage at the moment the index is written: what a kill right then leaves.
  let atKill: Record<string, unknown> | null = null
  first.fake.env.storage = new Proxy(first.fake.env.storage, {
    set(target, key: string, value: unknown) {
      target[key] = value
      if (key === STORAGE_KEY) atKill ??= JSON.parse(JSON.stringify(target)) as Record<string, unknown>
      return true
    },
  })
  editNote(first.store, '改了')
  expect(atKill).not.toBeNull()
  const killed = atKill as unknown as Record<string, unknown>
  expect(chunks(killed).stored.length).toBeGreaterThan(chunks(killed).named.length)

  const again = await launchStore({ ...PHONE, storage: killed })
  expect(chunks(again.fake.env.storage).stored).toEqual(chunks(killed).named)
  expect(again.fake.count('setStorageSync')).toBe(0)
  expect(heldBy(again.store)).toEqual(heldBy(first.store))
  expect(again.store.contacts.items[250].note).toBe('改了')
})

test('a save refused at its index (storage full): the chunks it wrote go at the next launch, the state as before', async () => {
  const first = await launchStore(PHONE)
  const saved = readBack(first.fake.env.storage)?.state
  const fake = first.fake
  // Room for the changed chunk, none for the index after it.
  const writesBefore = fake.count('setStorageSync')
  Object.defineProperty(fake.env, 'storageFull', {
    get: () => fake.count('setStorageSync') > writesBefore + 1,
    configurable: true,
  })
  editNote(first.store, '改了')
  expect(first.store.persistence.saveFailed).toBe(true)
  expect(chunks(fake.env.storage).stored.length).toBeGreaterThan(chunks(fake.env.storage).named.length)

  const again = await launchStore({ ...PHONE, storage: { ...fake.env.storage } })
  expect(chunks(again.fake.env.storage).stored).toEqual(chunks(again.fake.env.storage).named)
  expect(readBack(again.fake.env.storage)?.state).toEqual(saved)
  expect(again.store.contacts.items).toEqual(saved?.contacts)
})
