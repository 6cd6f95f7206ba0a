// The playground's page: two phones side by side, one WeChat Cloud for both (its functions run for real on the
// local server), the chats between them, each phone's controls, one clock, and the model's problems.
import { FakeCloud, FakeWx, SentMessage, TEST_REMINDER_TEMPLATE } from '../wechat-model'
import { ChatMessage, CLOCK_KEY, Host, other, PEOPLE, Phone, PHONES, PhoneSettings, Who } from './contract'

/** What the server answers for a run: its result or error, and the subscribe messages it sent. */
type Run = { result?: unknown; error?: string; delivered?: SentMessage[] }

/** Shows the messages a run sent in their people's chats; then its result, or its error thrown. */
function delivered(reply: unknown): unknown {
  const { result, error, delivered: sent } = reply as Run
  for (const message of sent ?? []) notify(message)
  if (error !== undefined) throw new Error(error)
  return result
}

/** WeChat Cloud for both phones: files and subscriptions here, function runs on the server. */
class ServerCloud extends FakeCloud {
  constructor() {
    super()
    this.templates.add(TEST_REMINDER_TEMPLATE)
  }

  override invoke(name: string, data: unknown, caller: { openid: string }): Promise<unknown> {
    return post('/cloud/invoke', { name, data, openid: caller.openid }).then(delivered)
  }

  /**
   * The functions' database is the server's; a phone's own wx.cloud.database() would reach a second copy here,
   * so the playground refuses it loudly until phones' database requests go to the server too.
   */
  override readonly database = new Proxy({} as FakeCloud['database'], {
    get: () => {
      throw new Error("the playground does not yet send a phone's database requests to the server's database")
    },
  })

  override allowOne(openid: string, templateId: string): void {
    super.allowOne(openid, templateId)
    void post('/cloud/allow', { openid, templateId })
  }
}

function post(url: string, body: unknown): Promise<unknown> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => r.json() as Promise<unknown>)
}

const frame = (who: Who) => document.querySelector<HTMLIFrameElement>(`iframe[data-phone="${who}"]`)!
const phone = (who: Who): Phone | undefined => (frame(who).contentWindow as unknown as { phone?: Phone }).phone
const whoIs = (openid: string): Who | undefined => PHONES.find((w) => PEOPLE[w].openid === openid)

/** Each template's title, as WeChat heads its service notification. */
const TEMPLATE_TITLES: Record<string, string> = { [TEST_REMINDER_TEMPLATE]: '预约通话提醒' }

/** A subscribe message WeChat delivered: a service notification in that person's chat. */
function notify(message: SentMessage): void {
  const to = whoIs(message.touser)
  if (!to) return problem(null, `a message was sent to someone with no phone here: ${message.touser}`)
  phone(to)?.receive({
    kind: 'notification',
    title: TEMPLATE_TITLES[message.templateId] ?? '来电提醒',
    path: message.page,
    lines: Object.values(message.data).map((field) => field.value),
  })
}

const problems = document.getElementById('problems')!
/** A problem on `who`'s phone, or (null) in WeChat Cloud. */
function problem(who: Who | null, message: string): void {
  const line = document.createElement('li')
  line.textContent = `${who ? `${PEOPLE[who].nickname}的手机` : '云开发'}：${message}`
  problems.append(line)
  problems.closest('section')!.dataset.count = String(problems.children.length)
}

// `?fresh` starts both phones afresh: nothing remembered, the clock back to now (the browser tests use it).
if (new URLSearchParams(location.search).has('fresh')) {
  for (const key of Object.keys(localStorage)) if (key.startsWith('duet-playground-')) localStorage.removeItem(key)
}

let offset = Number(localStorage.getItem(CLOCK_KEY) ?? '0') || 0
/** When each phone was ready, in ms since this page started loading. */
const readyAt: Partial<Record<Who, number>> = {}

const host: Host & { readyMs: number | null } = {
  cloud: new ServerCloud(),
  phoneBook: (openid) => {
    const who = whoIs(openid)
    return who ? (phone(who)?.fake as FakeWx | undefined) : undefined
  },
  clockOffset: () => offset,
  send(from, message: ChatMessage) {
    phone(other(from))?.receive(message)
  },
  problem,
  ready(who) {
    readyAt[who] = performance.now()
    controls(who)
    if (PHONES.every((w) => readyAt[w] !== undefined)) {
      host.readyMs = Math.max(...PHONES.map((w) => readyAt[w]!))
      document.body.dataset.ready = 'true'
    }
  },
  readyMs: null,
}
;(window as unknown as { playground: Host }).playground = host

// ---- the shared clock ---------------------------------------------------------------------------------------
const clockLabel = document.getElementById('clock-offset')!
function showClock(): void {
  clockLabel.textContent = offset ? `已快进 ${Math.round(offset / 60_000)} 分钟` : '与现在同步'
}
function forward(minutes: number): void {
  offset += minutes * 60_000
  localStorage.setItem(CLOCK_KEY, String(offset))
  for (const who of PHONES) phone(who)?.forward(minutes * 60_000)
  showClock()
  fireTimers()
}
document.getElementById('clock-forward-1m')!.onclick = () => forward(1)
document.getElementById('clock-forward-10m')!.onclick = () => forward(10)
showClock()

// ---- timer triggers: each fires as the shared clock passes each minute (§11.2) --------------------------------
const MINUTE_MS = 60_000
/**
 * Runs of one timer for one jump, at most: a longer jump runs only its last minutes, as after an outage, and
 * `remind` still sends whatever fell due earlier (it looks for all that is due by then).
 */
const TIMER_RUNS_MAX = 60
/** The last minute whose timers have fired, on the shared clock. */
let timersFiredAt = Math.floor((Date.now() + offset) / MINUTE_MS) * MINUTE_MS
/** The passes sent to the server, one after another so that their minutes run in order. */
let timersRun: Promise<unknown> = Promise.resolve()
/** Fires the timers of each minute the shared clock passed since the last, in one pass (a jump fires several). */
function fireTimers(): void {
  const now = Date.now() + offset
  const times: number[] = []
  for (let at = timersFiredAt + MINUTE_MS; at <= now; at += MINUTE_MS) times.push(at)
  if (!times.length) return
  timersFiredAt = times[times.length - 1]
  const passed = times.slice(-TIMER_RUNS_MAX)
  timersRun = timersRun
    .then(() => post('/cloud/timers', { times: passed }))
    .then(delivered)
    .catch((err: unknown) => problem(null, `WeChat Cloud's timers failed: ${String(err)}`))
    // The minute whose runs are over: the browser tests wait for it before saying nothing came.
    .then(() => (document.body.dataset.timersDone = String(passed[passed.length - 1])))
}
// Real time passes minutes too, between the jumps.
setInterval(fireTimers, 1000)

// ---- each phone's controls ------------------------------------------------------------------------------------
const BASE_LIBRARIES = ['3.5.0', '3.4.2', '3.0.0', '2.32.3', '2.20.1', '2.19.0']
const OS_ACCESS = [
  ['authorized', '允许'],
  ['denied', '不允许'],
  ['not determined', '未询问（仅 iOS）'],
] as const

function select(
  label: string,
  name: string,
  options: ReadonlyArray<readonly [string, string]>,
  value: string,
): HTMLLabelElement {
  const field = document.createElement('select')
  field.name = name
  field.setAttribute('aria-label', label)
  for (const [v, words] of options) field.add(new Option(words, v, false, v === value))
  const wrap = document.createElement('label')
  wrap.append(label, field)
  return wrap
}

function check(label: string, name: string, on: boolean): HTMLLabelElement {
  const box = document.createElement('input')
  box.type = 'checkbox'
  box.name = name
  box.checked = on
  const wrap = document.createElement('label')
  wrap.append(box, label)
  return wrap
}

function controls(who: Who): void {
  const box = document.getElementById(`controls-${who}`)!
  const p = phone(who)!
  const s = p.settings()
  box.replaceChildren(
    select(
      '平台',
      'platform',
      [
        ['ios', 'iOS'],
        ['android', 'Android'],
        ['devtools', '开发者工具'],
      ],
      s.platform,
    ),
    select(
      '基础库',
      'sdkVersion',
      BASE_LIBRARIES.map((v) => [v, v] as const),
      s.sdkVersion,
    ),
    check('联网', 'online', s.online),
    select('微信的麦克风权限', 'microphone', OS_ACCESS, s.os.microphone),
    select('微信的相机权限', 'camera', OS_ACCESS, s.os.camera),
    check('隐私指引声明麦克风', 'guideMicrophone', s.guideDeclares.microphone),
    check('隐私指引声明摄像头', 'guideCamera', s.guideDeclares.camera),
    check('隐私指引声明日历', 'guideCalendar', s.guideDeclares.calendar !== false),
    check('已开通双人音视频通话', 'adminConsole1v1', s.adminConsole1v1),
    check('深色模式', 'dark', s.theme === 'dark'),
  )
  const relaunch = document.createElement('button')
  relaunch.type = 'button'
  relaunch.dataset.control = 'relaunch'
  relaunch.textContent = '重新启动（冷启动）'
  relaunch.onclick = () => phone(who)?.relaunch()
  const reset = document.createElement('button')
  reset.type = 'button'
  reset.dataset.control = 'reset'
  reset.textContent = '清除这台手机'
  reset.onclick = () => phone(who)?.reset()
  box.append(relaunch, reset)
  box.onchange = (event) => {
    const field = event.target as HTMLInputElement & HTMLSelectElement
    const now = phone(who)!.settings()
    const next: Partial<PhoneSettings> = {}
    switch (field.name) {
      case 'platform':
        next.platform = field.value as PhoneSettings['platform']
        break
      case 'sdkVersion':
        next.sdkVersion = field.value
        break
      case 'online':
        next.online = field.checked
        break
      case 'microphone':
      case 'camera':
        next.os = { ...now.os, [field.name]: field.value }
        break
      case 'guideMicrophone':
        next.guideDeclares = { ...now.guideDeclares, microphone: field.checked }
        break
      case 'guideCamera':
        next.guideDeclares = { ...now.guideDeclares, camera: field.checked }
        break
      case 'guideCalendar':
        next.guideDeclares = { ...now.guideDeclares, calendar: field.checked }
        break
      case 'adminConsole1v1':
        next.adminConsole1v1 = field.checked
        break
      case 'dark':
        next.theme = field.checked ? 'dark' : 'light'
        break
    }
    phone(who)?.change(next)
  }
}

for (const who of PHONES) frame(who).src = `phone.html?who=${who}`
