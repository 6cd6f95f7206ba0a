// Measures what each interaction costs the view (setData count and bytes, and keys the WXML never uses)
// and how many wx calls a call attempt makes, cold and warm. Run by scripts/bench.js against dist/.
import * as fs from 'fs'
import * as path from 'path'
import { launch, LaunchedApp, MINIPROGRAM_ROOT, PageName } from '../harness/app'
import { PageHandle, settle } from '../harness/page'
import { friends, GRANTED, savedState, stored } from '../fixtures'

const OUT = process.env.DUET_BENCH_OUT || path.resolve(__dirname, '../../bench/measure.json')
const CONTACTS = friends(20)
const HISTORY = Array.from({ length: 100 }, (_, i) => ({ at: 1_760_000_000_000 + i * 60_000, openid: CONTACTS[i % 5].openid, mode: i % 2 ? 'voice' : 'video', outcome: 'placed' }))
const SAVED = { storage: stored(savedState({ contacts: CONTACTS, history: HISTORY })) }

interface Interaction { name: string; page: PageName; setDataCount: number; bytes: number; largest: number; unusedKeys: string[] }
const interactions: Interaction[] = []
let current: { page: PageName; calls: Array<Record<string, unknown>> } | null = null

/** Top-level keys a page's WXML never mentions. */
function unusedKeys(page: PageName, keys: string[]): string[] {
  const dir = path.join(MINIPROGRAM_ROOT, 'pages', page)
  const wxml = fs.readFileSync(path.join(dir, 'index.wxml'), 'utf8')

  return keys.filter((k) => !new RegExp(`\\b${k.split('.')[0]}\\b`).test(wxml.replace(/<!--[\s\S]*?-->/g, '')))
}

function instrument(app: LaunchedApp): void {
  app.onRender = (page, name) => {
    const instance = page.comp.instance as unknown as { setData(d: Record<string, unknown>, cb?: () => void): void }
    const original = instance.setData.bind(instance)
    instance.setData = (data, cb) => {
      current?.calls.push({ ...data, __page: name })
      return original(data, cb)
    }
  }
}

async function measure(name: string, page: PageName, act: () => unknown | Promise<unknown>): Promise<void> {
  current = { page, calls: [] }
  await act()
  await settle()
  const calls = current.calls.filter((c) => c.__page === page).map(({ __page: _p, ...data }) => data)
  const sizes = calls.map((c) => Buffer.byteLength(JSON.stringify(c), 'utf8'))
  interactions.push({
    name, page, setDataCount: calls.length, bytes: sizes.reduce((a, b) => a + b, 0), largest: Math.max(0, ...sizes),
    unusedKeys: unusedKeys(page, [...new Set(calls.flatMap((c) => Object.keys(c)))]),
  })
  current = null
}

/** wx calls from one #call tap until the page is quiet, split into platform calls and storage writes. */
async function callAttempt(app: LaunchedApp, page: PageHandle) {
  const mark = app.fake.calls.length
  page.tap('#call')
  await settle()
  const calls = app.fake.calls.slice(mark).filter((c) => c.api !== 'nextTick')
  return {
    platform: calls.filter((c) => c.category !== 'storage').map((c) => c.summary),
    storage: calls.filter((c) => c.category === 'storage').map((c) => c.summary),
  }
}

test('measure', async () => {
  // A new user walks through onboarding.
  const fresh = await launch({ privacyNeedsAgreement: true }, { popups: { 'scope.record': ['allow'], 'scope.camera': ['allow'] } })
  instrument(fresh)
  let onboarding!: PageHandle
  await measure('open onboarding (new user)', 'onboarding', async () => { onboarding = await fresh.open('onboarding') })
  await measure('privacy agreed → explainer', 'onboarding', () => onboarding.tap('#privacy-agree'))
  await measure('grant → done', 'onboarding', () => onboarding.tap('#grant'))

  const denied = await launch({ authSetting: { 'scope.record': false } }, { settingsPage: { 'scope.record': true }, popups: { 'scope.camera': ['allow'] } })
  instrument(denied)
  let recovery!: PageHandle
  await measure('open onboarding (mic denied) → recovery', 'onboarding', async () => { recovery = await denied.open('onboarding') })
  await measure('back from settings page → explainer', 'onboarding', () => recovery.tap('#open-settings'))

  // A returning user with 20 contacts and 100 calls of history.
  const app = await launch({ ...SAVED, authSetting: GRANTED })
  instrument(app)
  let contacts!: PageHandle
  await measure('open contacts (20 contacts)', 'contacts', async () => { contacts = await app.open('contacts') })
  await measure('type one character', 'contacts', () => contacts.input('#add-nickname', '赵'))
  await measure('search', 'contacts', () => contacts.input('#search', '朋友1'))
  let dial!: PageHandle
  await measure('open dial (100 calls of history)', 'dial', async () => { dial = await app.open('dial', { openid: CONTACTS[0].openid }) })
  await measure('switch to video', 'dial', () => dial.tap('#mode-video'))
  let cold!: Awaited<ReturnType<typeof callAttempt>>
  await measure('call attempt (cold)', 'dial', async () => { cold = await callAttempt(app, dial) })
  app.fake.voip.hangUp()
  let warm!: Awaited<ReturnType<typeof callAttempt>>
  await measure('call attempt (warm)', 'dial', async () => { warm = await callAttempt(app, dial) })

  fs.mkdirSync(path.dirname(OUT), { recursive: true })
  fs.writeFileSync(OUT, JSON.stringify({ interactions, callAttempts: { cold, warm } }, null, 2))
  expect(interactions.length).toBeGreaterThan(0)
}, 60_000)
