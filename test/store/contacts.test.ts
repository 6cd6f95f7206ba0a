// The contacts slice alone, with plain stand-ins for the rest of the store: no model of WeChat, no page.
import { ContactsStore, UNDO_MS } from '../../miniprogram/store/contacts'
import type { CallRecord, Contact } from '../../miniprogram/store/model'

const ME = 'oMe_000000000000000001'
const BEN: Contact = {
  openid: 'oBen_00000000000000001',
  nickname: '阿本',
  note: '同事',
  avatarUrl: 'https://example.com/ben.png',
}
const CAROL: Contact = { openid: 'oCarol_000000000000001', nickname: '卡罗', note: '' }

function contactsWith(items: Contact[], lastCall: Record<string, CallRecord> = {}): ContactsStore {
  const store = new ContactsStore({ myOpenid: () => ME, lastCall: () => lastCall })
  store.load(items)
  return store
}

afterEach(() => jest.useRealTimers())

describe('editing', () => {
  test.each([
    ['nickname', '本本'],
    ['note', '老同学'],
  ] as const)('a new %s keeps the avatar and every field the form does not edit', (field, value) => {
    const contacts = contactsWith([BEN, CAROL])
    contacts.startEdit(BEN.openid)
    contacts.setField(field, value)
    expect(contacts.submit()).toBe(true)
    expect(contacts.find(BEN.openid)).toEqual({ ...BEN, [field]: value })
  })

  test('an edit may not take another contact’s openid', () => {
    const contacts = contactsWith([BEN, CAROL])
    contacts.startEdit(BEN.openid)
    contacts.setField('openid', CAROL.openid)
    expect(contacts.submit()).toBe(false)
    expect(contacts.error).toBe('duplicate')
    expect(contacts.items).toEqual([BEN, CAROL])
  })

  test('adding never adds me', () => {
    const contacts = contactsWith([])
    contacts.setField('openid', ME)
    contacts.setField('nickname', '我')
    expect(contacts.submit()).toBe(false)
    expect(contacts.error).toBe('self')
  })
})

describe('the list', () => {
  const call = (openid: string, at: number, outcome: CallRecord['outcome'] = 'placed'): CallRecord => ({
    at,
    openid,
    mode: 'voice',
    outcome,
  })

  test('a row shows the newest call: its time, mode and outcome', () => {
    const contacts = contactsWith([BEN], { [BEN.openid]: { ...call(BEN.openid, 2000, 'failed'), mode: 'video' } })
    expect(contacts.rowOf(BEN.openid)).toMatchObject({ n: '阿本', t: 2000, m: 'video', o: 'failed' })
  })

  test('most recently called first, then by name', () => {
    const contacts = contactsWith([BEN, CAROL, { openid: 'oAnna_0000000000000001', nickname: '安娜', note: '' }], {
      [CAROL.openid]: call(CAROL.openid, 5000),
    })
    expect(contacts.visible.map((c) => c.nickname)).toEqual(['卡罗', '阿本', '安娜'])
  })
})

describe('delete and undo', () => {
  test('undo brings the contact back; the offer ends by itself after UNDO_MS', () => {
    jest.useFakeTimers()
    const contacts = contactsWith([BEN, CAROL])
    contacts.remove(BEN.openid)
    expect(contacts.find(BEN.openid)).toBeUndefined()
    contacts.undoRemove()
    expect(contacts.find(BEN.openid)).toEqual(BEN)
    contacts.remove(CAROL.openid)
    jest.advanceTimersByTime(UNDO_MS)
    expect(contacts.lastDeleted).toBeNull()
    contacts.undoRemove()
    expect(contacts.find(CAROL.openid)).toBeUndefined()
  })
})

describe('the search prepared after home opens (issue 22)', () => {
  const many = Array.from({ length: 1200 }, (_, i) => ({
    openid: `oMany_${String(i).padStart(14, '0')}`,
    nickname: `朋友${i}`,
    note: '',
  }))

  test('starts a moment later, a few hundred contacts per turn, and the search finds the same', async () => {
    jest.useFakeTimers()
    const contacts = contactsWith(many)
    let ready = false
    void contacts.prepareSearch().then(() => (ready = true))
    // Asked twice (home opened again): one warm-up.
    void contacts.prepareSearch()
    expect(jest.getTimerCount()).toBe(1)
    jest.advanceTimersByTime(299)
    expect(jest.getTimerCount()).toBe(1)
    // 500 a turn: three turns for 1,200, each its own timer, so a tap can come between them.
    for (let turn = 0; turn < 2; turn++) {
      jest.advanceTimersToNextTimer()
      expect(jest.getTimerCount()).toBe(1)
    }
    jest.advanceTimersToNextTimer()
    expect(jest.getTimerCount()).toBe(0)
    await Promise.resolve()
    expect(ready).toBe(true)
    const unprepared = contactsWith(many)
    for (const search of ['py', '友12']) {
      contacts.setSearch(search)
      unprepared.setSearch(search)
      expect(contacts.visible.length).toBeGreaterThan(0)
      expect(contacts.visible).toEqual(unprepared.visible)
    }
  })

  test('a store disposed (Duet closed) stops it', () => {
    jest.useFakeTimers()
    const contacts = contactsWith(many)
    void contacts.prepareSearch()
    contacts.dispose()
    expect(jest.getTimerCount()).toBe(0)
  })
})
