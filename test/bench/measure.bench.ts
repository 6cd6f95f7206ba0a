// Measures what each interaction costs the views (pages and components alike): every setData, and the initial
// data of each page and component it creates, which WeChat sends to the view with it. Also how many wx calls a
// call attempt makes, cold and warm. Run by scripts/bench.js against dist/.
import * as fs from 'fs'
import * as path from 'path'
import { launch, LaunchedApp, PageName } from '../harness/app'
import { watchCreated, watchSetData } from '../harness/jcomponent'
import { PageHandle, settle, useFakeClock, useRealClock, wait } from '../harness/page'
import { contactAction, contactNames } from '../harness/screens'
import { crowd, GRANTED, ME, savedState, stored } from '../fixtures'

const OUT = process.env.DUET_BENCH_OUT || path.resolve(__dirname, '../../bench/measure.json')
/** What the issue asks: opening a page at most 8 KB in all; every later interaction at most 2 KB. */
const OPEN_GOAL = 8 * 1024
const STEP_GOAL = 2 * 1024

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8')

/** A page or component created by an interaction: its initial data, and each key's share, largest first. */
interface Created {
  component: string
  bytes: number
  keys: Array<{ key: string; bytes: number }>
}
interface Interaction {
  name: string
  page: PageName
  /** Everything that crossed to the views: setData and initial data. */
  bytes: number
  goal: number
  setDataCount: number
  setDataBytes: number
  largest: number
  created: Created[]
  initialBytes: number
}
const interactions: Interaction[] = []

/** 'pages/contacts/index', 'components/profile-card/index', 'weui/actionsheet/actionsheet'. */
const componentName = (file: string) =>
  path
    .relative(path.resolve(__dirname, '../..'), file)
    .replace(/^node_modules\/weui-miniprogram\/miniprogram_dist\//, 'weui/')
    .replace(/^(dist|miniprogram)\//, '')

async function measure(name: string, page: PageName, goal: number, act: () => unknown | Promise<unknown>): Promise<void> {
  const sizes: number[] = []
  const created: Created[] = []
  const stopSetData = watchSetData((data) => sizes.push(bytesOf(data)))
  const stopCreated = watchCreated((data, file) => {
    const component = componentName(file)
    const keys = Object.entries(data).map(([key, value]) => ({ key, bytes: bytesOf({ [key]: value }) - 2 }))
    created.push({ component, bytes: bytesOf(data), keys: keys.sort((a, b) => b.bytes - a.bytes) })
  })
  try {
    await act()
    await settle()
  } finally {
    stopSetData()
    stopCreated()
  }
  const setDataBytes = sizes.reduce((a, b) => a + b, 0)
  const initialBytes = created.reduce((a, c) => a + c.bytes, 0)
  interactions.push({
    name,
    page,
    bytes: setDataBytes + initialBytes,
    goal,
    setDataCount: sizes.length,
    setDataBytes,
    largest: Math.max(0, ...sizes),
    created,
    initialBytes,
  })
}

/** n contacts, each with an avatar URL and most with a note (the worst case per row), and 100 calls. */
function people(n: number) {
  const { contacts, history } = crowd(n, 100)
  return { list: contacts, history }
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
  // A new person opens Duet and is walked through.
  const fresh = await launch({ privacyNeedsAgreement: true }, { popups: { 'scope.record': ['allow'], 'scope.camera': ['allow'] } })
  let onboarding!: PageHandle
  await measure('open onboarding (new person)', 'onboarding', OPEN_GOAL, async () => { onboarding = await fresh.open('onboarding') })
  await measure('privacy agreed → explainer', 'onboarding', STEP_GOAL, () => onboarding.tap('#privacy-agree'))
  await measure('grant → home', 'onboarding', OPEN_GOAL, () => onboarding.tap('#grant'))

  // The contact list at four sizes: the cost must not grow with the list.
  for (const n of [20, 500, 2000, 10000]) {
    const { list, history } = people(n)
    const app = await launch({ authSetting: GRANTED, storage: stored(savedState({ profile: ME, contacts: list, history })) })
    let contacts!: PageHandle
    await measure(`open contacts (${n} contacts)`, 'contacts', OPEN_GOAL, async () => { contacts = await app.open('contacts') })
    await measure(`reach the end (${n})`, 'contacts', STEP_GOAL, () => contacts.hook('onReachBottom'))
    await measure(`search, one character (${n})`, 'contacts', STEP_GOAL, () => contacts.input('#search', '朋'))
    await measure(`search, a second character (${n})`, 'contacts', STEP_GOAL, () => contacts.input('#search', '朋友'))
    // The worst case for a keystroke: matches far down the list, whose rows the view has never had.
    await measure(`search, matches the view never had (${n})`, 'contacts', STEP_GOAL, () => contacts.input('#search', '9'))
    // By pinyin initials (朋友 is py): every contact matches; the window sends a new search's few rows.
    await measure(`search, pinyin initials (${n})`, 'contacts', STEP_GOAL, () => contacts.input('#search', 'py'))
    await measure(`clear the search (${n})`, 'contacts', STEP_GOAL, () => contacts.input('#search', ''))
    const second = contactNames(contacts)[1]
    await measure(`open the action sheet (${n})`, 'contacts', STEP_GOAL, async () => { contacts.tapNth('.contact-more', 1); await settle() })
    await measure(`open the edit dialog (${n})`, 'contacts', STEP_GOAL, async () => {
      const sheet = '#contact-actions >>> .weui-actionsheet__cell'
      contacts.tapNth(sheet, contacts.texts(sheet).indexOf('编辑'))
      await settle()
    })
    await measure(`edit: type one character (${n})`, 'contacts', STEP_GOAL, () => contacts.input('#add-note', '新'))
    await measure(`edit: type a second character (${n})`, 'contacts', STEP_GOAL, () => contacts.input('#add-note', '新的'))
    await measure(`edit: save a new note (${n})`, 'contacts', STEP_GOAL, async () => {
      contacts.input('#add-note', '新的备注')
      contacts.tap('#add-save')
    })
    await measure(`delete (${n})`, 'contacts', STEP_GOAL, () => contactAction(contacts, second, '删除'))
    await measure(`undo the delete (${n})`, 'contacts', STEP_GOAL, () => contacts.tap('#undo-delete'))
  }

  // A returning person with 20 contacts and 100 calls calls someone.
  const { list, history } = people(20)
  const app = await launch({ authSetting: GRANTED, storage: stored(savedState({ profile: ME, contacts: list, history })) })
  let dial!: PageHandle
  await measure('open dial (100 calls of history)', 'dial', OPEN_GOAL, async () => { dial = await app.open('dial', { openid: list[0].openid }) })
  await measure('switch to video', 'dial', STEP_GOAL, () => dial.tap('#mode-video'))
  let cold!: Awaited<ReturnType<typeof callAttempt>>
  await measure('call attempt (cold)', 'dial', STEP_GOAL, async () => { cold = await callAttempt(app, dial) })
  app.fake.voip.hangUp()
  let warm!: Awaited<ReturnType<typeof callAttempt>>
  await measure('call attempt (warm)', 'dial', STEP_GOAL, async () => { warm = await callAttempt(app, dial) })
  await measure('invite: the card and the waiting room', 'dial', STEP_GOAL, () => dial.tap('#invite'))

  // Waiting for a callback: the countdown ticks every second, on the dial page and, back home, in its banner.
  useFakeClock()
  try {
    const waiting = await launch({ authSetting: GRANTED, storage: stored(savedState({ profile: ME, contacts: list, history })) })
    const home = await waiting.open('contacts')
    home.tapNth('.contact-row', 0)
    await settle()
    const waitingDial = waiting.top()!
    waitingDial.tap('#invite')
    await settle()
    await measure('waiting: one second of countdown (on dial)', 'dial', STEP_GOAL, () => wait(1))
    await waiting.back()
    await measure('waiting banner: one second of countdown (on contacts)', 'contacts', STEP_GOAL, () => wait(1))
  } finally {
    useRealClock()
  }

  // Home with 50 upcoming appointments (one every 3 hours, each with another of 2,000 contacts): the first few
  // rows show, and each later change sends the row it changes.
  useFakeClock()
  try {
    const HOUR = 60 * 60 * 1000
    const now = new Date(2026, 11, 7, 10, 0).getTime()
    jest.setSystemTime(now)
    const { list: crowded, history: calls } = people(2000)
    const appointments = crowded.slice(0, 50).map((c, i) => ({
      id: `bench${String(i).padStart(5, '0')}`,
      booker: ME.openid,
      guest: c.openid,
      other: { openid: c.openid, nickname: c.nickname, avatarUrl: c.avatarUrl },
      startAt: now + (1 + 3 * i) * HOUR,
      endAt: now + (1 + 3 * i) * HOUR + 30 * 60 * 1000,
      mode: i % 2 ? 'voice' : 'video',
      topic: '聊聊新年计划',
      state: 'accepted',
      changedAt: now - HOUR,
    }))
    const state = savedState({ profile: ME, contacts: crowded, history: calls, appointments })
    const booked = await launch({ authSetting: GRANTED, storage: stored(state) })
    let home!: PageHandle
    await measure('open contacts (2,000 contacts, 50 upcoming)', 'contacts', OPEN_GOAL, async () => {
      home = await booked.open('contacts')
    })
    await measure('upcoming: the clock lights up a row (10 minutes before)', 'contacts', STEP_GOAL, async () => {
      jest.setSystemTime(now + 50 * 60 * 1000)
      await wait(15)
    })
    await measure('upcoming: one ends unattended (已错过), the next moves up', 'contacts', STEP_GOAL, async () => {
      jest.setSystemTime(now + 2 * HOUR)
      await wait(15)
    })
    // Every upcoming appointment behind one tap: a list opened in place, held to a page's budget.
    await measure('upcoming: show all 49', 'contacts', OPEN_GOAL, () => home.press('#upcoming-all'))
    await measure('upcoming, all shown: the clock lights up a row', 'contacts', STEP_GOAL, async () => {
      jest.setSystemTime(now + 3 * HOUR + 50 * 60 * 1000)
      await wait(15)
    })
  } finally {
    useRealClock()
  }

  fs.mkdirSync(path.dirname(OUT), { recursive: true })
  fs.writeFileSync(OUT, JSON.stringify({ interactions, callAttempts: { cold, warm } }, null, 2))
  expect(interactions.length).toBeGreaterThan(0)
}, 120_000)
