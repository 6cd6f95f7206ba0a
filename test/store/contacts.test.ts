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
