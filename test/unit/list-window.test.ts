// The list window without any page: the view, fed only the patches, always shows what the list holds.
import fc from 'fast-check'
import { ListWindow, Row, WindowView } from '../../miniprogram/store/list-window'

/** The view's side: setData paths applied the way WeChat applies them (order[i], rows.<id>). */
function applyPatch(view: { order: string[]; rows: Record<string, Row | null> }, patch: Record<string, unknown>) {
  for (const [key, value] of Object.entries(patch)) {
    const at = /^order\[(\d+)\]$/.exec(key)
    if (key === 'order') view.order = [...(value as string[])]
    else if (at) view.order[Number(at[1])] = value as string
    else if (key.startsWith('rows.')) view.rows[key.slice(5)] = value as Row | null
    else throw new Error(`unexpected key ${key}`)
  }
}

const bytes = (patch: object) => Buffer.byteLength(JSON.stringify(patch), 'utf8')
const rowOf = (names: Record<string, string>) => (id: string) => ({ n: names[id] })

test('rebuild sends the order and each row once; an edit is one row; a delete one null; undo the row again', () => {
  const names: Record<string, string> = { a: 'A', b: 'B', c: 'C' }
  const list = new ListWindow()
  const view = (ids: string[], epoch = 0): WindowView => ({ ids, size: 2, epoch, row: rowOf(names) })
  expect(list.update(view(['a', 'b', 'c']))).toEqual({ order: ['a', 'b'], 'rows.a': { n: 'A' }, 'rows.b': { n: 'B' } })
  expect(list.update(view(['a', 'b', 'c']))).toEqual({})
  names.b = 'B2'
  expect(list.update(view(['a', 'b', 'c']))).toEqual({ 'rows.b': { n: 'B2' } })
  expect(list.update(view(['b', 'c']))).toEqual({ 'order[2]': 'c', 'rows.a': null, 'rows.c': { n: 'C' } })
  expect(list.update(view(['a', 'b', 'c']))).toEqual({ 'rows.a': { n: 'A' } })
  // A new search rebuilds the order; rows the view holds are not sent again.
  expect(list.update(view(['c', 'a'], 1))).toEqual({ order: ['c', 'a'] })
})

test('whatever happens to the list, the view shows its window, with every row current', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('add' as const), id: fc.stringMatching(/^[a-z]{1,3}$/) }),
    fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), name: fc.string({ maxLength: 4 }) }),
    fc.record({ kind: fc.constant('grow' as const) }),
    fc.record({ kind: fc.constant('rebuild' as const) }),
  )
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}$/), { maxLength: 30 }),
      fc.array(op, { maxLength: 25 }),
      (start, ops) => {
        let ids = [...start]
        const names: Record<string, string> = Object.fromEntries(ids.map((id) => [id, id]))
        let size = 5
        let epoch = 0
        const list = new ListWindow()
        const shown = { order: [] as string[], rows: {} as Record<string, Row | null> }
        const check = () => {
          applyPatch(shown, list.update({ ids, size, epoch, row: rowOf(names) }))
          const visible = shown.order.filter((id) => shown.rows[id])
          expect(visible).toEqual(list.visible({ ids }))
          for (const id of visible) expect(shown.rows[id]).toEqual({ n: names[id] })
          expect(visible.every((id) => ids.includes(id))).toBe(true)
          expect(visible.length).toBe(Math.min(size, ids.length))
        }
        check()
        for (const o of ops) {
          if (o.kind === 'delete' && ids.length) ids = ids.filter((_, i) => i !== o.at % ids.length)
          if (o.kind === 'add' && !ids.includes(o.id)) {
            ids = [...ids, o.id]
            names[o.id] = o.id
            epoch++ // a new contact rebuilds, as ContactsStore does
          }
          if (o.kind === 'rename' && ids.length) names[ids[o.at % ids.length]] = o.name
          if (o.kind === 'grow') size += 6
          if (o.kind === 'rebuild') epoch++
          check()
        }
      },
    ),
    { numRuns: 300 },
  )
})

test('reaching the end of 2,000 rows costs the same as of 20: one page of rows', () => {
  const costs = [20, 2000].map((n) => {
    const ids = Array.from({ length: n }, (_, i) => `oFriend_${String(i).padStart(12, '0')}`)
    const row = (id: string) => ({
      n: `朋友${id.slice(-4)}`,
      s: '同事',
      a: `https://x.tcb.qcloud.la/avatars/${id}/1.png`,
    })
    const list = new ListWindow()
    list.update({ ids, size: 12, epoch: 0, row })
    return bytes(list.update({ ids, size: 18, epoch: 0, row }))
  })
  expect(costs[0]).toBe(costs[1])
  expect(costs[1]).toBeLessThan(2048)
})
