// The contact list's order made from the previous one (an edit, an add, a delete, a call moves a few contacts)
// is the order a full sort gives: checked over seeded random changes.
import fc from 'fast-check'
import { orderContacts } from '../../miniprogram/store/contacts'
import type { CallRecord, Contact } from '../../miniprogram/store/model'

const NAMES = ['王大锤', '爱丽丝', 'Bob', 'bob', '大卫', '朋友1', '朋友10', '朋友2', '曾', 'Carol 王']

const contactOf = (id: number, name: number, note = ''): Contact =>
  Object.freeze({ openid: `oOrder_${String(id).padStart(12, '0')}`, nickname: NAMES[name % NAMES.length], note })

const fullSort = (items: readonly Contact[], last: Record<string, CallRecord>) => orderContacts(null, items, last)

test('the order kept from change to change equals a full sort after each change', () => {
  const change = fc.oneof(
    fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), name: fc.nat() }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('add' as const), at: fc.nat(), id: fc.nat(999), name: fc.nat() }),
    fc.record({ kind: fc.constant('call' as const), at: fc.nat(), time: fc.integer({ min: 1, max: 5 }) }),
  )
  fc.assert(
    fc.property(fc.array(change, { maxLength: 30 }), (changes) => {
      let items = Array.from({ length: 60 }, (_, i) => contactOf(1000 + i, i))
      let last: Record<string, CallRecord> = {}
      let kept = { items, last, order: fullSort(items, last) }
      for (const c of changes) {
        const i = items.length ? c.at % items.length : 0
        if (c.kind === 'rename' && items.length)
          items = items.map((x, j) => (j === i ? Object.freeze({ ...x, nickname: NAMES[c.name % NAMES.length] }) : x))
        if (c.kind === 'delete') items = items.filter((_, j) => j !== i)
        if (c.kind === 'add' && !items.some((x) => x.openid === contactOf(c.id, 0).openid))
          items = [...items.slice(0, i), contactOf(c.id, c.name), ...items.slice(i)]
        if (c.kind === 'call' && items.length) {
          const openid = items[i].openid
          last = { ...last, [openid]: { at: c.time, openid, mode: 'voice', outcome: 'placed' } }
        }
        const order = orderContacts(kept, items, last)
        expect(order.map((x) => x.openid)).toEqual(fullSort(items, last).map((x) => x.openid))
        kept = { items, last, order }
      }
    }),
    { numRuns: 200, seed: Number(process.env.DUET_FUZZ_SEED ?? 22), verbose: true },
  )
})
