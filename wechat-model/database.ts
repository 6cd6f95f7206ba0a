// §12: WeChat Cloud's database (CloudBase), as Duet's functions and a phone reach it. The functions' real
// wx-server-sdk builds each request (EJSON text, command operators as MongoDB's `$` operators) and hands it to
// one method, TcbDBApiHttpRequester.send: the seam where this model answers, as the database's HTTP API would.
// Phones reach it through `wx.cloud.database()`, bound by the collection's permission. Strict: an action, an
// operator or a parameter this model does not know is a problem (recorded) and throws, never a silent guess.
import * as fs from 'fs'
import * as path from 'path'

/** A stored value: what EJSON carries and Duet uses. */
export type Value = null | boolean | number | string | Date | Value[] | { [key: string]: Value }
export type Doc = { _id: string } & { [key: string]: Value }

/**
 * A collection's simple permission, by CloudBase's names (§12.5). ADMINONLY: phones can neither read nor write
 * (functions can). PRIVATE: each phone reads and writes only the records it created (the console's default).
 */
export type CollectionAcl = 'ADMINONLY' | 'PRIVATE'
const ACLS: readonly string[] = ['ADMINONLY', 'PRIVATE']

/** The committed permission file: each collection Duet uses and the permission to set on it. */
export const PERMISSION_FILE = path.resolve(__dirname, '../database/collections.json')
let deployed: Record<string, { acl: string }> | undefined

/** How many records `get` answers at most (§12.3). */
export const PHONE_GET_MAX = 20
export const FUNCTION_GET_DEFAULT = 100
export const FUNCTION_GET_MAX = 1000

/** A failure as CloudBase's API answers it; wx-server-sdk turns `code` into its errCode (-502005, …). */
export interface DatabaseError {
  code: 'DATABASE_COLLECTION_NOT_EXIST' | 'DATABASE_PERMISSION_DENIED' | 'DATABASE_REQUEST_FAILED'
  message: string
}
type Reply = { requestId: string; data: Record<string, unknown> } | DatabaseError

const ERR_CODES: Record<DatabaseError['code'], number> = {
  DATABASE_REQUEST_FAILED: -502001,
  DATABASE_PERMISSION_DENIED: -502003,
  DATABASE_COLLECTION_NOT_EXIST: -502005,
}

type Query = Record<string, unknown>

const COMPARISONS: Record<string, (a: number | string, b: number | string) => boolean> = {
  $gt: (a, b) => a > b,
  $gte: (a, b) => a >= b,
  $lt: (a, b) => a < b,
  $lte: (a, b) => a <= b,
}

/** The ids CloudBase gives added records: 32 hex digits. */
const idFrom = (n: number) => n.toString(16).padStart(32, '0')

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date)
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((k) => sameValue(a[k], b[k]))
  }
  return a === b
}

/** Ordering across types as MongoDB brackets them: a missing field or null first, then numbers, strings, dates. */
function rank(v: unknown): number {
  if (v === undefined || v === null) return 0
  if (typeof v === 'number') return 1
  if (typeof v === 'string') return 2
  if (v instanceof Date) return 3
  return 4
}
function compare(a: unknown, b: unknown): number {
  const byType = rank(a) - rank(b)
  if (byType !== 0) return byType
  const x = a instanceof Date ? a.getTime() : (a as number | string)
  const y = b instanceof Date ? b.getTime() : (b as number | string)
  return x < y ? -1 : x > y ? 1 : 0
}

function getPath(doc: Record<string, unknown>, fieldPath: string): unknown {
  let at: unknown = doc
  for (const part of fieldPath.split('.')) at = isPlainObject(at) ? at[part] : undefined
  return at
}

function setPath(doc: Record<string, unknown>, fieldPath: string, value: unknown): void {
  const parts = fieldPath.split('.')
  let at = doc
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(at[part])) at[part] = {}
    at = at[part] as Record<string, unknown>
  }
  const last = parts[parts.length - 1]
  if (value === undefined) delete at[last]
  else at[last] = value
}

function cloneValue<T>(v: T): T {
  if (v instanceof Date) return new Date(v.getTime()) as T
  if (Array.isArray(v)) return v.map(cloneValue) as T
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) out[k] = cloneValue(x)
    return out as T
  }
  return v
}

/** The CloudBase database of one environment: its collections, their records and permissions. */
export class FakeDatabase {
  private readonly collections = new Map<string, { acl: CollectionAcl; docs: Map<string, Doc> }>()
  /** What a function or phone asked that this model does not know; each one also threw. */
  readonly problems: string[] = []
  /** Every request a function's SDK sent, in order (action and collection). */
  readonly requests: Array<{ action: string; collection: string }> = []
  private added = 0

  /** The collections of the committed permission file, as a deployment following the README creates them. */
  static asDeployed(): FakeDatabase {
    const db = new FakeDatabase()
    // Read once per worker: every phone of every test gets a cloud.
    deployed ??= (
      JSON.parse(fs.readFileSync(PERMISSION_FILE, 'utf8')) as { collections: Record<string, { acl: string }> }
    ).collections
    for (const [name, { acl }] of Object.entries(deployed)) db.createCollection(name, acl as CollectionAcl)
    return db
  }

  /** A collection made in the console (functions cannot create one by writing to it, §12.1). */
  createCollection(name: string, acl: CollectionAcl): void {
    if (!ACLS.includes(acl)) this.fail(`collection permission ${String(acl)}`)
    this.collections.set(name, { acl, docs: new Map() })
  }

  /** A collection the deployment never created (or deleted). */
  dropCollection(name: string): void {
    this.collections.delete(name)
  }

  aclOf(name: string): CollectionAcl | undefined {
    return this.collections.get(name)?.acl
  }

  /** A copy of a collection's records, in the order they were added: for tests to read. */
  records(name: string): Doc[] {
    return [...(this.collections.get(name)?.docs.values() ?? [])].map(cloneValue)
  }

  /** Puts a record in place as the console would, e.g. one written an hour ago. */
  seed(name: string, doc: Doc): void {
    this.collectionOrFail(name).docs.set(doc._id, cloneValue(doc))
  }

  private fail(what: string): never {
    const message = `database model: ${what} is not modelled`
    this.problems.push(message)
    throw new Error(message)
  }

  private collectionOrFail(name: string) {
    const found = this.collections.get(name)
    if (!found) throw new Error(`database model: no collection ${name}`)
    return found
  }

  /** One request from a function's wx-server-sdk (its action and parameters), answered as CloudBase would. */
  serve(action: string, params: Record<string, unknown>): Reply {
    const { collectionName, transactionId, ...rest } = params ?? {}
    const name = String(collectionName)
    this.requests.push({ action, collection: name })
    if (transactionId !== undefined || action.startsWith('database.startTransaction')) this.fail('a transaction')
    const collection = this.collections.get(name)
    if (!collection) return { code: 'DATABASE_COLLECTION_NOT_EXIST', message: `collection ${name} not exists` }
    const docs = collection.docs
    switch (action) {
      case 'database.insertDocument':
        return this.insert(docs, rest, null)
      case 'database.getDocument':
        return this.find(docs, rest, null)
      case 'database.calculateDocument': {
        this.allowOnly(rest, ['query', 'queryType'])
        return this.answer({ total: this.matching(docs, this.decodeQuery(rest.query)).length })
      }
      case 'database.modifyDocument':
        return this.modify(docs, rest)
      case 'database.removeDocument': {
        this.allowOnly(rest, ['query', 'queryType', 'multi'])
        const matched = this.matching(docs, this.decodeQuery(rest.query))
        const gone = rest.multi ? matched : matched.slice(0, 1)
        for (const doc of gone) docs.delete(doc._id)
        return this.answer({ deleted: gone.length })
      }
      default:
        return this.fail(`the action ${action}`)
    }
  }

  private answer(data: Record<string, unknown>): Reply {
    return { requestId: `fake-db-${this.requests.length}`, data }
  }

  private allowOnly(params: Record<string, unknown>, known: string[]): void {
    for (const key of Object.keys(params)) if (!known.includes(key)) this.fail(`the parameter ${key}`)
  }

  private insert(docs: Map<string, Doc>, params: Record<string, unknown>, owner: string | null): Reply {
    this.allowOnly(params, ['data'])
    const incoming = (params.data as string[]).map((text) => this.decode(JSON.parse(text)) as Record<string, Value>)
    if (incoming.some((doc) => typeof doc._id === 'string' && docs.has(doc._id)))
      return { code: 'DATABASE_REQUEST_FAILED', message: 'E11000 duplicate key error' }
    const ids = incoming.map((doc) => {
      const _id = typeof doc._id === 'string' ? doc._id : idFrom(++this.added)
      // Only a phone's writes carry the writer (§12.4); a function writes `_openid` itself if it wants one.
      docs.set(_id, { ...doc, ...(owner === null ? {} : { _openid: owner }), _id })
      return _id
    })
    return this.answer({ insertedIds: ids })
  }

  private find(docs: Map<string, Doc>, params: Record<string, unknown>, owner: string | null): Reply {
    this.allowOnly(params, ['query', 'queryType', 'multi', 'order', 'offset', 'limit'])
    let found = this.matching(docs, this.decodeQuery(params.query))
    if (owner !== null) found = found.filter((doc) => doc._openid === owner)
    if (params.order !== undefined) {
      const order = Object.entries(this.decode(JSON.parse(String(params.order))) as Record<string, number>)
      found = [...found].sort((a, b) => {
        for (const [field, direction] of order) {
          const c = compare(getPath(a, field), getPath(b, field))
          if (c !== 0) return direction < 0 ? -c : c
        }
        return 0
      })
    }
    const most = owner === null ? FUNCTION_GET_MAX : PHONE_GET_MAX
    const limit = Math.min(typeof params.limit === 'number' ? params.limit : most, most)
    const offset = typeof params.offset === 'number' ? params.offset : 0
    const list = found.slice(offset, offset + limit).map((doc) => JSON.stringify(this.encode(doc)))
    return this.answer({ list, limit, offset })
  }

  private modify(docs: Map<string, Doc>, params: Record<string, unknown>): Reply {
    this.allowOnly(params, ['query', 'queryType', 'data', 'multi', 'merge', 'upsert'])
    const data = this.decode(JSON.parse(String(params.data))) as Record<string, unknown>
    const matched = this.matching(docs, this.decodeQuery(params.query))
    const targets = params.multi ? matched : matched.slice(0, 1)
    // doc(id).set replaces a whole record: Duet's functions never do, so it is not modelled.
    if (!params.merge) this.fail('doc(id).set')
    if (params.upsert) this.fail('an upsert with operators')
    for (const doc of targets) this.applyUpdate(doc, data)
    // `updated` counts the records the query matched: Duet's updates always change what they match.
    return this.answer({ updated: targets.length })
  }

  private applyUpdate(doc: Doc, update: Record<string, unknown>): void {
    for (const [op, fields] of Object.entries(update)) {
      if (!isPlainObject(fields)) this.fail(`an update without operators (${op})`)
      for (const [field, value] of Object.entries(fields)) {
        if (field === '_id' || field === '_openid') this.fail(`changing ${field}`)
        const current = getPath(doc, field)
        if (op === '$set') setPath(doc, field, value)
        else if (op === '$unset') setPath(doc, field, undefined)
        else if (op === '$inc') {
          if (typeof value !== 'number' || (current !== undefined && typeof current !== 'number'))
            return this.fail('$inc on something not a number')
          setPath(doc, field, ((current as number | undefined) ?? 0) + value)
        } else if (op === '$push') {
          const each =
            isPlainObject(value) && Array.isArray(value.$each) ? value.$each : this.fail('$push without $each')
          setPath(doc, field, [...(Array.isArray(current) ? current : []), ...each])
        } else this.fail(`the update operator ${op}`)
      }
    }
  }

  private decodeQuery(text: unknown): Query {
    if (text === undefined || text === '') return {}
    if (typeof text !== 'string') return this.fail('a query that is not EJSON text')
    return this.decode(JSON.parse(text)) as Query
  }

  private matching(docs: Map<string, Doc>, query: Query): Doc[] {
    return [...docs.values()].filter((doc) => this.matches(doc, query))
  }

  private matches(doc: Record<string, unknown>, query: Query): boolean {
    return Object.entries(query).every(([key, condition]) => {
      if (key === '$and') return (condition as Query[]).every((q) => this.matches(doc, q))
      if (key === '$or') return (condition as Query[]).some((q) => this.matches(doc, q))
      if (key.startsWith('$')) return this.fail(`the query operator ${key}`)
      const value = getPath(doc, key)
      const isCommand = isPlainObject(condition) && Object.keys(condition).some((k) => k.startsWith('$'))
      if (!isCommand) return this.equal(value, condition)
      return Object.entries(condition as Query).every(([op, operand]) => this.test(value, op, operand))
    })
  }

  /** Equality as MongoDB has it: an array field matches a value it holds. */
  private equal(value: unknown, wanted: unknown): boolean {
    return sameValue(value, wanted) || (Array.isArray(value) && value.some((v) => sameValue(v, wanted)))
  }

  private test(value: unknown, op: string, operand: unknown): boolean {
    switch (op) {
      case '$eq':
        return this.equal(value, operand)
      case '$ne':
        return !this.equal(value, operand)
      case '$in':
        return (operand as unknown[]).some((o) => this.equal(value, o))
      case '$nin':
        return !(operand as unknown[]).some((o) => this.equal(value, o))
      case '$exists':
        return (value !== undefined) === Boolean(operand)
      default: {
        const comparison = COMPARISONS[op] ?? this.fail(`the query operator ${op}`)
        // As in MongoDB, only values of one type compare: a number field is never "less than" a string.
        if (rank(value) !== rank(operand) || rank(value) === 0 || rank(value) === 4) return false
        const plain = (v: unknown) => (v instanceof Date ? v.getTime() : (v as number | string))
        return comparison(plain(value), plain(operand))
      }
    }
  }

  /** EJSON text as the SDK writes it, to plain values; a `$` wrapper this model does not know throws. */
  private decode(v: unknown): unknown {
    if (Array.isArray(v)) return v.map((x) => this.decode(x))
    if (!isPlainObject(v)) return v
    const keys = Object.keys(v)
    if (keys.length === 1) {
      const [key] = keys
      const inner = v[key]
      if (key === '$numberInt' || key === '$numberDouble') return Number(inner)
      if (key === '$numberLong') return Number(inner)
      if (key === '$date') return new Date(Number(isPlainObject(inner) ? inner.$numberLong : inner))
      if (key.startsWith('$') && !(key in COMPARISONS) && !KNOWN_OPERATORS.has(key))
        return this.fail(`the EJSON value ${key}`)
    }
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) out[k] = this.decode(x)
    return out
  }

  private encode(v: unknown): unknown {
    if (v instanceof Date) return { $date: { $numberLong: String(v.getTime()) } }
    if (Array.isArray(v)) return v.map((x) => this.encode(x))
    if (isPlainObject(v)) {
      const out: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v)) out[k] = this.encode(x)
      return out
    }
    return v
  }

  /** `wx.cloud.database()` on a phone signed in as `openid`, bound by each collection's permission. */
  forPhone(openid: string): PhoneDatabase {
    return this.strict(new PhoneDatabase(this, openid), 'db')
  }

  /** `target`, where touching anything it lacks is a problem that throws, as on the rest of the fake `wx`. */
  strict<T extends object>(target: T, what: string): T {
    return new Proxy(target, {
      get: (object, prop, receiver) => {
        if (typeof prop === 'symbol' || prop in object || LOOKS.has(prop)) return Reflect.get(object, prop, receiver)
        return this.fail(`a phone's ${what}.${prop}`)
      },
    })
  }

  /** A phone's request: refused by ADMINONLY, limited to the phone's own records by PRIVATE (§12.5). */
  servePhone(openid: string, action: string, name: string, params: Record<string, unknown>): Reply {
    const collection = this.collections.get(name)
    if (!collection) return { code: 'DATABASE_COLLECTION_NOT_EXIST', message: `collection ${name} not exists` }
    if (collection.acl === 'ADMINONLY') return { code: 'DATABASE_PERMISSION_DENIED', message: 'Permission denied' }
    const docs = collection.docs
    if (action === 'add') return this.insert(docs, params, openid)
    if (action === 'get') return this.find(docs, params, openid)
    return this.fail(`a phone's ${action}`)
  }
}

/** Ways of looking at an object that are not calls (promises, jest's matchers, JSON). */
const LOOKS = new Set(['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType', 'constructor'])

/** Update and query operators the decoder passes through to `matches` and `applyUpdate`. */
const KNOWN_OPERATORS = new Set([
  '$eq',
  '$ne',
  '$in',
  '$nin',
  '$exists',
  '$and',
  '$or',
  '$set',
  '$unset',
  '$inc',
  '$push',
])

/** A failure of a phone's database call, shaped as wx.cloud's (§5.6). */
function phoneError(api: string, error: DatabaseError): { errCode: number; errMsg: string } {
  return { errCode: ERR_CODES[error.code], errMsg: `${api}:fail ${error.message}` }
}

/**
 * The phone's `wx.cloud.database()`: `collection(name)`, its `add({ data })`, `where(query)`, `limit(n)` and
 * `get()`, in the promise style. Queries take plain values only (no `db.command` on the phone side here).
 */
export class PhoneDatabase {
  constructor(
    private readonly db: FakeDatabase,
    private readonly openid: string,
  ) {}

  collection(name: string) {
    const run = (action: string, api: string, params: Record<string, unknown>) => {
      const reply = this.db.servePhone(this.openid, action, name, params)
      if ('code' in reply) return Promise.reject(phoneError(api, reply))
      return Promise.resolve(reply.data)
    }
    const query = (where: Query, limit?: number): Record<string, unknown> => ({
      where: (q: Query) => this.db.strict(query({ ...where, ...q }, limit), 'collection(…).where(…)'),
      limit: (n: number) => this.db.strict(query(where, n), 'collection(…).limit(…)'),
      get: async () => {
        const data = await run('get', 'collection.get', {
          query: JSON.stringify(where),
          ...(limit === undefined ? {} : { limit }),
        })
        const list = data.list as string[]
        return { data: list.map((text) => JSON.parse(text) as Doc), errMsg: 'collection.get:ok' }
      },
    })
    return this.db.strict(
      {
        ...query({}),
        add: async ({ data }: { data: Record<string, Value> }) => {
          const reply = await run('add', 'collection.add', { data: [JSON.stringify(data)] })
          return { _id: (reply.insertedIds as string[])[0], errMsg: 'collection.add:ok' }
        },
      },
      'collection(…)',
    )
  }
}

/**
 * Routes every function's database requests to `route()` (the database of the cloud whose function runs), at
 * wx-server-sdk's one seam: its requester class's `send`. Installed once per worker, like the open-API seam.
 */
export function installDatabaseSeam(
  nodeRequire: NodeJS.Require,
  sdkDir: string,
  route: () => FakeDatabase | null,
): void {
  const { TcbDBApiHttpRequester } = nodeRequire(
    nodeRequire.resolve('@cloudbase/node-sdk/dist/utils/tcbdbapirequester', { paths: [sdkDir] }),
  )
  const proto = TcbDBApiHttpRequester.prototype as Record<string, unknown>
  if (proto.__duetFake) return
  proto.__duetFake = true
  proto.send = async (action: string, params: Record<string, unknown>) => {
    const db = route()
    if (!db) throw new Error(`database model: ${action} outside any function's run`)
    // Answered within the turn (the phone's settle() waits only a few), yet as a promise: two runs under way
    // still interleave their requests, each awaiting its answer.
    return db.serve(action, params)
  }
}
