// What a long contact list costs (issue 22): launch at 200 to 10,000 contacts with 1,000 calls, the bytes and
// time of a save after one edit and after a call attempt, one search keystroke (its input event to its last
// setData), and the largest storage key. Run by scripts/bench.js against dist/, on Node (a phone is several
// times slower: read the ratios). Times are this process's CPU time (user and system), not the wall clock: the
// machine is shared, and CPU time is what the work took whoever else ran; the best of a few runs after a warm-up.
import * as fs from 'fs'
import * as path from 'path'
import { launch, LaunchedApp, MINIPROGRAM_ROOT } from '../harness/app'
import { watchSetData } from '../harness/jcomponent'
import { settle } from '../harness/page'
import { crowd, GRANTED, ME, savedState, stored } from '../fixtures'

const OUT = process.env.DUET_BENCH_SCALE_OUT || path.resolve(__dirname, '../../bench/scale.json')
const SIZES = [200, 2000, 5000, 10000]
const CALLS = 1000
/** Runs of each timing; the best is kept, since the machine is shared and a slower run measures the others. */
const RUNS = 5

/** This process's CPU time so far, in ms. */
function cpuNow(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}
/** Collects the garbage of earlier launches before a timing, when node allows (scripts/bench.js: --expose-gc). */
const collect = () => (global as { gc?: () => void }).gc?.()
const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8')
const best = (values: number[]) => Math.min(...values)
const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]
/** What is typed, one keystroke each: characters of names, digits, pinyin initials, and clearing. */
const TYPED = ['朋', '朋友', '朋友1', '', '9', '99', '', 'p', 'py', '']
const round = (ms: number) => Math.round(ms * 100) / 100

/** The phone's storage holding n contacts and CALLS calls, as this build saves them. */
const storageWith = (n: number) => {
  const { contacts, history } = crowd(n, CALLS)
  return stored(savedState({ profile: ME, contacts, history }))
}

/**
 * Every write to the phone's storage from now on: its key and its bytes. The model of WeChat's 10 MB check is
 * in the time: like WeChat, it keeps each key's size and measures only the value written.
 */
function watchWrites(app: LaunchedApp): Array<{ key: string; bytes: number }> {
  const writes: Array<{ key: string; bytes: number }> = []
  const env = app.fake.env
  env.storage = new Proxy(env.storage, {
    set(target, key: string, value: unknown) {
      writes.push({ key, bytes: bytesOf(value) })
      target[key] = value
      return true
    },
  })
  return writes
}

/** The list module of the build under test (its window is what the contacts page sends first). */
const listWindow = () =>
  require(path.join(MINIPROGRAM_ROOT, 'store/list-window')) as typeof import('../../miniprogram/store/list-window')

/**
 * A launch in two measures, in ms. `own`: Duet's JavaScript alone: the app evaluated, onLaunch (reading
 * storage, building the store) and the contacts page's first view of the list computed (its window's first
 * patch), without the simulator's drawing, which on a phone is the view thread's work; less the time the model
 * of WeChat takes to copy the storage it is given (the harness's work, not Duet's). `simulated`: the same launch
 * with the page rendered through miniprogram-simulate and jsdom (the measure, dominated by them).
 */
async function timeLaunch(storage: Record<string, unknown>): Promise<{ own: number; simulated: number; app: LaunchedApp }> {
  collect()
  let started = cpuNow()
  JSON.parse(JSON.stringify(storage))
  const harnessCopy = cpuNow() - started
  started = cpuNow()
  const bare = await launch({ authSetting: GRANTED, storage })
  bare.within(() => new (listWindow().ListWindow)().update(bare.store.contacts.window))
  const own = cpuNow() - started - harnessCopy
  collect()
  started = cpuNow()
  const app = await launch({ authSetting: GRANTED, storage })
  await app.open('contacts')
  return { own, simulated: cpuNow() - started, app }
}

/** Duet's own work for one search keystroke, in ms, on a launch with no page open: the search set, the list
 * window's patch computed, and whether anything matched. */
function ownKeystroke(app: LaunchedApp, list: ListWindowLike, text: string): number {
  const contacts = app.store.contacts
  const started = cpuNow()
  app.within(() => {
    contacts.setSearch(text)
    list.update(contacts.window)
    return contacts.visible.length
  })
  return cpuNow() - started
}

/** From the page's input event to the call of its last setData, through the simulator (which draws each setData
 * before the next one is made), in ms. */
async function simulatedKeystroke(app: LaunchedApp, text: string): Promise<number> {
  const page = app.top()!
  let last = 0
  const stop = watchSetData(() => (last = cpuNow()))
  const started = cpuNow()
  try {
    page.input('#search', text)
    await settle()
  } finally {
    stop()
  }
  return Math.max(0, last - started)
}
type ListWindowLike = { update(view: unknown): unknown }

test('measure at scale', async () => {
  // Warm-up: the first launch in a worker also loads the test harness and the simulator.
  await timeLaunch(storageWith(200))

  // What every launch pays, whatever is saved: the app evaluated and onLaunch run, nothing stored.
  const fixed: number[] = []
  for (let i = 0; i < RUNS; i++) {
    collect()
    const started = cpuNow()
    await launch({ authSetting: GRANTED })
    fixed.push(cpuNow() - started)
  }

  const launches: Record<number, { own: number; simulated: number }> = {}
  for (const n of SIZES) {
    const storage = storageWith(n)
    const runs: Array<{ own: number; simulated: number }> = []
    for (let i = 0; i < RUNS; i++) runs.push(await timeLaunch(storage))
    launches[n] = { own: round(best(runs.map((r) => r.own))), simulated: round(best(runs.map((r) => r.simulated))) }
  }

  // Saves and keys at the largest size. Timed on a launch with no page open (no drawing in the time).
  const largest = SIZES[SIZES.length - 1]
  const { app } = await timeLaunch(storageWith(largest))
  const keys = Object.entries(app.fake.env.storage).map(([key, value]) => ({ key, bytes: bytesOf(value) }))
  const storage = {
    keys: keys.length,
    totalBytes: keys.reduce((a, k) => a + k.bytes, 0),
    largestKey: keys.reduce((a, k) => (k.bytes > a.bytes ? k : a)),
  }
  const bare = await launch({ authSetting: GRANTED, storage: storageWith(largest) })
  const contacts = bare.store.contacts
  const editWrites = watchWrites(bare)
  const editTimes: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const openid = contacts.items[(i * 997) % contacts.items.length].openid
    editWrites.length = 0
    const started = cpuNow()
    bare.within(() => {
      contacts.startEdit(openid)
      contacts.setField('note', `新的备注 ${i}`)
      contacts.submit()
    })
    editTimes.push(cpuNow() - started)
  }
  const edit = { bytes: editWrites.reduce((a, w) => a + w.bytes, 0), writes: editWrites.length, ms: round(best(editTimes)) }
  // The same saves a call attempt makes, timed on the store: a record added, then WeChat's answer.
  const history = bare.store.history
  const callTimes: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = cpuNow()
    bare.within(() => {
      const at = history.add({ at: Date.now(), openid: contacts.items[1].openid, mode: 'voice', outcome: 'placed' })
      history.update(at, contacts.items[1].openid, { answeredAt: at + 1000 })
    })
    callTimes.push(cpuNow() - started)
  }
  // A call attempt through the dial page: every write it makes.
  const dial = await app.open('dial', { openid: app.store.contacts.items[0].openid })
  const callWrites = watchWrites(app)
  dial.tap('#call')
  await settle()
  const call = {
    bytes: callWrites.reduce((a, w) => a + w.bytes, 0),
    writes: callWrites.length,
    ms: round(best(callTimes)),
  }

  // One search keystroke at 2,000 and at the largest size: characters of names, digits, pinyin initials.
  const typing: Record<
    number,
    { own: number; ownWorst: number; ownFirst: number; unprepared: number; prepareMs: number; simulated: number }
  > = {}
  for (const n of [2000, largest]) {
    const storage = storageWith(n)
    const alone = await launch({ authSetting: GRANTED, storage })
    const list = alone.within(() => new (listWindow().ListWindow)())
    alone.within(() => list.update(alone.store.contacts.window))
    // The first keystroke before the search is prepared (typed the moment home shows), then the search
    // prepared as home does when it opens (its CPU time, spread over turns of a few hundred contacts).
    const unprepared = ownKeystroke(alone, list, 'p')
    ownKeystroke(alone, list, '')
    const prepared = await launch({ authSetting: GRANTED, storage })
    const started = cpuNow()
    await prepared.within(() => prepared.store.contacts.prepareSearch())
    const prepareMs = cpuNow() - started
    const own: number[] = []
    const first = prepared.within(() => new (listWindow().ListWindow)())
    prepared.within(() => first.update(prepared.store.contacts.window))
    for (let i = 0; i < RUNS; i++) for (const text of TYPED) own.push(ownKeystroke(prepared, first, text))
    const { app: typed } = await timeLaunch(storage)
    await typed.store.contacts.prepareSearch()
    const simulated: number[] = []
    for (const text of TYPED) simulated.push(await simulatedKeystroke(typed, text))
    typing[n] = {
      own: round(median(own)),
      ownWorst: round(Math.max(...own)),
      ownFirst: round(own[0]),
      unprepared: round(unprepared),
      prepareMs: round(prepareMs),
      simulated: round(median(simulated)),
    }
  }

  const result = {
    fixedMs: round(best(fixed)),
    launchMs: launches,
    storage,
    edit,
    call,
    keystrokeMs: typing,
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true })
  fs.writeFileSync(OUT, JSON.stringify(result, null, 2))
  expect(launches[largest].own).toBeGreaterThan(0)
}, 600_000)
