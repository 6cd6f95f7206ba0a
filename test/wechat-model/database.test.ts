// Pins the model of WeChat Cloud's database to docs/platform.md §12: each test runs the real wx-server-sdk as a
// function does (FakeCloud.runAsFunction), or a phone's wx.cloud.database(), against FakeDatabase.
import fc from 'fast-check'
import { createFakeWx, FakeCloud, TEST_CLOUD_ENV } from '../../wechat-model'
import { FUNCTION_GET_DEFAULT, FUNCTION_GET_MAX, PHONE_GET_MAX } from '../../wechat-model/database'

const A = 'oPhoneA_000000000000001'
const B = 'oPhoneB_000000000000001'

/** A cloud with one open-to-its-creators collection `notes` besides the deployed ones. */
function cloudWithNotes(): FakeCloud {
  const cloud = new FakeCloud()
  cloud.database.createCollection('notes', 'PRIVATE')
  return cloud
}

// wx-server-sdk's typings give every call a callback form answering void; these tests use the promises only.
type Result = {
  _id: string
  data: Record<string, unknown> & Array<Record<string, unknown>>
  stats: { updated: number; removed: number }
  total: number
}
type Chain = Promise<Result> & { [method: string]: (...args: unknown[]) => Chain }
type Command = { [operator: string]: (...args: unknown[]) => Command }
type Db = {
  collection(name: string): Chain
  command: Command
  serverDate(): unknown
  runTransaction(body: (t: Db) => unknown): Chain
}

const asFunction = (cloud: FakeCloud, body: (db: Db) => Promise<unknown>, caller: { openid: string } | null = null) =>
  cloud.runAsFunction((sdk) => body(sdk.database() as unknown as Db), caller) as Promise<Result>

async function addNumbered(cloud: FakeCloud, collection: string, count: number) {
  cloud.database.createCollection(collection, 'ADMINONLY')
  for (let n = 0; n < count; n++) cloud.database.seed(collection, { _id: `r${String(n).padStart(4, '0')}`, n })
}

function phoneDb(openid: string, cloud: FakeCloud) {
  const fake = createFakeWx({ openid }, {}, cloud)
  fake.wx.cloud.init({ env: TEST_CLOUD_ENV, traceUser: true })
  return fake.wx.cloud.database()
}

describe('§12 the CloudBase database, as a function reaches it', () => {
  test('§12.1 a collection must exist: writing to one never created fails with -502005', async () => {
    const cloud = new FakeCloud()
    await expect(asFunction(cloud, (db) => db.collection('nowhere').add({ data: { a: 1 } }))).rejects.toMatchObject({
      errCode: -502005,
    })
  })

  test('§12.1 the deployed collections are those of the committed permission file, each closed to phones', () => {
    const { database } = new FakeCloud()
    expect(['appointments', 'reminders', 'rings'].map((name) => database.aclOf(name))).toEqual([
      'ADMINONLY',
      'ADMINONLY',
      'ADMINONLY',
    ])
  })

  test('§12.2 add answers a new _id; doc(id).get reads the record back; a second add of that _id fails', async () => {
    const cloud = cloudWithNotes()
    const { _id } = await asFunction(cloud, (db) => db.collection('notes').add({ data: { text: 'hi', at: 5 } }))
    expect(_id).toMatch(/^[0-9a-f]{32}$/)
    const read = await asFunction(cloud, (db) => db.collection('notes').doc(_id).get())
    expect(read.data).toEqual({ _id, text: 'hi', at: 5 })
    await expect(
      asFunction(cloud, (db) => db.collection('notes').add({ data: { _id, text: 'again' } })),
    ).rejects.toMatchObject({ errCode: -502001 })
  })

  test('§12.2 doc(id).get of a record that does not exist rejects', async () => {
    const cloud = cloudWithNotes()
    await expect(asFunction(cloud, (db) => db.collection('notes').doc('missing').get())).rejects.toThrow(
      /does not exist/,
    )
  })

  test('§12.3 a function gets 100 records by default and at most 1,000 with limit', async () => {
    const cloud = new FakeCloud()
    await addNumbered(cloud, 'many', 1200)
    const byDefault = await asFunction(cloud, (db) => db.collection('many').get())
    const most = await asFunction(cloud, (db) => db.collection('many').limit(1000).get())
    const beyond = await asFunction(cloud, (db) => db.collection('many').skip(1000).limit(1000).get())
    expect([byDefault.data.length, most.data.length, beyond.data.length]).toEqual([
      FUNCTION_GET_DEFAULT,
      FUNCTION_GET_MAX,
      200,
    ])
  })

  test('§12.4 a record a function adds has no _openid unless the function writes one', async () => {
    const cloud = cloudWithNotes()
    await asFunction(cloud, (db) => db.collection('notes').add({ data: { text: 'x' } }), { openid: A })
    expect(cloud.database.records('notes')[0]).not.toHaveProperty('_openid')
  })

  test('§12.6 where with command operators, and/or, orderBy and skip', async () => {
    const cloud = new FakeCloud()
    await addNumbered(cloud, 'many', 10)
    const found = await asFunction(cloud, (db) => {
      const _ = db.command
      return db
        .collection('many')
        .where(_.or([{ n: _.gte(2).and(_.lt(5)) }, { n: _.in([8, 9]) }]))
        .orderBy('n', 'desc')
        .skip(1)
        .get()
    })
    expect(found.data.map((d) => d.n)).toEqual([8, 4, 3, 2])
    const others = await asFunction(cloud, (db) => {
      const _ = db.command
      return db
        .collection('many')
        .where({ n: _.neq(0).and(_.nin([1, 2])), gone: _.exists(false), _id: _.gt('r0007') })
        .get()
    })
    expect(others.data.map((d) => d.n)).toEqual([8, 9])
  })

  test('§12.6 a second where() replaces the first: one where() holds the whole condition', async () => {
    const cloud = new FakeCloud()
    await addNumbered(cloud, 'many', 4)
    const chained = await asFunction(cloud, (db) =>
      db
        .collection('many')
        .where({ n: 1 })
        .where({ n: db.command.gte(2) })
        .get(),
    )
    expect(chained.data.map((d) => d.n)).toEqual([2, 3])
    const combined = await asFunction(cloud, (db) => {
      const _ = db.command
      return db
        .collection('many')
        .where(_.and([{ n: _.gte(2) }, _.or([{ n: 1 }, { n: 3 }])]))
        .get()
    })
    expect(combined.data.map((d) => d.n)).toEqual([3])
  })

  test('§12.6 comparisons on numbers as the SDK sends them (ints, floats, negatives, times), ordered and paged (fast-check prints its seed on failure)', async () => {
    const ops = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const
    const oracle = {
      gt: (a: number, b: number) => a > b,
      gte: (a: number, b: number) => a >= b,
      lt: (a: number, b: number) => a < b,
      lte: (a: number, b: number) => a <= b,
      eq: (a: number, b: number) => a === b,
      neq: (a: number, b: number) => a !== b,
    }
    // Few distinct values, so that records and operands often meet: halves for floats, and times in ms.
    const number = fc.oneof(
      fc.integer({ min: -6, max: 6 }).map((n) => n / 2),
      fc.integer({ min: -4, max: 4 }),
      fc.integer({ min: 0, max: 3 }).map((n) => 1.7e12 + n),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(number, { maxLength: 12 }),
        fc.constantFrom(...ops),
        number,
        fc.nat(3),
        async (values, op, operand, skip) => {
          const cloud = new FakeCloud()
          cloud.database.createCollection('nums', 'ADMINONLY')
          values.forEach((n, i) => cloud.database.seed('nums', { _id: `n${i}`, n: Object.is(n, -0) ? 0 : n }))
          const found = await asFunction(cloud, (db) =>
            db
              .collection('nums')
              .where({ n: db.command[op](operand) })
              .orderBy('n', 'desc')
              .skip(skip)
              .get(),
          )
          const expected = values
            .map((n) => (Object.is(n, -0) ? 0 : n))
            .filter((n) => oracle[op](n, operand))
            .sort((a, b) => b - a)
            .slice(skip)
          expect(found.data.map((d) => d.n)).toEqual(expected)
        },
      ),
      { numRuns: 40 },
    )
  })

  test('§12.6 only values of one type compare: a string is never less than a number', async () => {
    const cloud = new FakeCloud()
    cloud.database.createCollection('mixed', 'ADMINONLY')
    cloud.database.seed('mixed', { _id: 'a', at: '5' })
    cloud.database.seed('mixed', { _id: 'b', at: 5 })
    const found = await asFunction(cloud, (db) =>
      db
        .collection('mixed')
        .where({ at: db.command.lt(10) })
        .get(),
    )
    expect(found.data.map((d) => d._id)).toEqual(['b'])
  })

  test('§12.7 doc(id).update changes only the given fields; inc and remove', async () => {
    const cloud = new FakeCloud()
    cloud.database.createCollection('c', 'ADMINONLY')
    cloud.database.seed('c', { _id: 'x', a: 1, b: { c: 1, d: 2 }, tries: 0, gone: true })
    const res = await asFunction(cloud, (db) =>
      db
        .collection('c')
        .doc('x')
        .update({ data: { b: { c: 5 }, tries: db.command.inc(1), gone: db.command.remove() } }),
    )
    expect(res.stats.updated).toBe(1)
    expect(cloud.database.records('c')).toEqual([{ _id: 'x', a: 1, b: { c: 5, d: 2 }, tries: 1 }])
  })

  test('§12.7 where(q).update claims atomically: of two runs claiming one record, exactly one updates it', async () => {
    const cloud = new FakeCloud()
    cloud.database.createCollection('jobs', 'ADMINONLY')
    cloud.database.seed('jobs', { _id: 'j', state: 'waiting' })
    const claim = (db: Db) =>
      db
        .collection('jobs')
        .where({ _id: 'j', state: 'waiting' })
        .update({ data: { state: 'taken' } })
    // Both claims under way at once, as in two overlapping runs: each reads "waiting" before either writes.
    const [first, second] = (await asFunction(cloud, (db) =>
      Promise.all([claim(db), claim(db)]),
    )) as unknown as Result[]
    expect([first.stats.updated, second.stats.updated]).toEqual([1, 0])
  })

  test('§12.7 remove and count', async () => {
    const cloud = new FakeCloud()
    await addNumbered(cloud, 'many', 5)
    const removed = await asFunction(cloud, (db) =>
      db
        .collection('many')
        .where({ n: db.command.lt(2) })
        .remove(),
    )
    const left = await asFunction(cloud, (db) => db.collection('many').count())
    const one = await asFunction(cloud, (db) => db.collection('many').doc('r0004').remove())
    expect([removed.stats.removed, left.total, one.stats.removed]).toEqual([2, 3, 1])
  })

  test('§12.8 what the model does not know fails loudly: a transaction, an operator, a server date', async () => {
    const cloud = cloudWithNotes()
    await expect(
      asFunction(cloud, (db) => db.collection('notes').add({ data: { at: db.serverDate() } })),
    ).rejects.toThrow(/not modelled/)
    await expect(
      asFunction(cloud, (db) =>
        db
          .collection('notes')
          .where({ tags: db.command.all(['a']) })
          .get(),
      ),
    ).rejects.toThrow(/not modelled/)
    await expect(
      asFunction(cloud, (db) => db.runTransaction(async (t: Db) => t.collection('notes').doc('x').get())),
    ).rejects.toThrow(/not modelled/)
    expect(cloud.database.problems).toHaveLength(3)
  })

  test('§12.8 a function that catches what the model threw still fails its run: no test passes by it', async () => {
    const cloud = cloudWithNotes()
    const caught = asFunction(cloud, (db) =>
      db
        .collection('notes')
        .where({ tags: db.command.all(['a']) })
        .get()
        .catch(() => 'carried on'),
    )
    await expect(caught).rejects.toThrow(/\$all is not modelled/)
  })
})

describe('§12 the database, as a phone reaches it', () => {
  test('§12.5 a collection closed to phones (ADMINONLY) refuses every phone with -502003', async () => {
    const cloud = new FakeCloud()
    const db = phoneDb(A, cloud)
    await expect(db.collection('appointments').get()).rejects.toMatchObject({ errCode: -502003 })
    await expect(db.collection('rings').add({ data: { to: B } })).rejects.toMatchObject({ errCode: -502003 })
    expect(cloud.database.records('rings')).toEqual([])
  })

  test('§12.4 §12.5 the record of a phone carries its _openid; under PRIVATE each phone reads only its own', async () => {
    const cloud = cloudWithNotes()
    await phoneDb(A, cloud)
      .collection('notes')
      .add({ data: { text: 'from A' } })
    await phoneDb(B, cloud)
      .collection('notes')
      .add({ data: { text: 'from B' } })
    const seenByA = await phoneDb(A, cloud).collection('notes').get()
    expect(seenByA.data).toEqual([expect.objectContaining({ text: 'from A', _openid: A })])
  })

  test('§12.8 on a phone too, what the model does not know throws: db.command, count, doc()', () => {
    const cloud = cloudWithNotes()
    const db = phoneDb(A, cloud) as unknown as Record<string, unknown> & {
      collection(n: string): Record<string, unknown>
    }
    expect(() => db.command).toThrow(/a phone's db.command is not modelled/)
    expect(() => db.collection('notes').count).toThrow(/not modelled/)
    expect(() => db.collection('notes').doc).toThrow(/not modelled/)
    expect(cloud.database.problems).toHaveLength(3)
  })

  test('§12.3 a phone gets at most 20 records, whatever limit it asks for', async () => {
    const cloud = cloudWithNotes()
    const db = phoneDb(A, cloud)
    for (let n = 0; n < 25; n++) await db.collection('notes').add({ data: { n } })
    expect((await db.collection('notes').get()).data).toHaveLength(PHONE_GET_MAX)
    expect((await db.collection('notes').limit(25).get()).data).toHaveLength(PHONE_GET_MAX)
  })
})
