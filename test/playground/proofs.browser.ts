// The proofs, clicked through in real Chromium: two phones, WeChat played by the model, the real
// cloud functions on the local server. Each test starts both phones afresh.
import * as fs from 'fs'
import * as os from 'os'
import * as path from 'path'
import { PhoneDriver, Playground, startPlayground } from './driver'

/** Screenshots a test takes for a person to look at (pickers drawn, words legible): outside the repository. */
const SHOTS = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-playground-'))

let playground: Awaited<ReturnType<typeof startPlayground>>
let pg: Playground

beforeAll(async () => {
  playground = await startPlayground()
}, 60_000)
afterAll(() => playground?.stop())
beforeEach(async () => {
  pg = await playground.newPlayground()
})
afterEach(async () => {
  // Nothing the model lacked, nothing unanswered, nothing thrown: on both phones.
  expect({ panel: await pg.problems(), thrown: pg.errors }).toEqual({ panel: [], thrown: [] })
  await pg.page.context().close()
})

/** The walkthrough, as someone new goes through it: privacy agreed, then the microphone allowed on WeChat's popup. */
async function walkThrough(phone: PhoneDriver): Promise<void> {
  await phone.click('#privacy-agree')
  await phone.click('#grant')
  await phone.click('#wx-auth-allow')
}

/** Types a name into the profile card on home and saves it. */
async function savesName(phone: PhoneDriver, name: string): Promise<void> {
  await phone.type('#me-nickname', name)
  await phone.click('#me-save')
}

/** 小明 starts as he likes (by default without agreeing to anything), looks around, saves his name, sends his card. */
async function mingSendsHisCard(mingStarts = async () => pg.B.click('#privacy-decline')): Promise<void> {
  const { B } = pg
  await mingStarts()
  await B.click('#look-around')
  await savesName(B, '小明')
  await B.click('#share-card')
  await B.click('#wx-share-send')
}

/**
 * 小明 (B) starts as he likes (by default he looks around without agreeing to anything), saves his name and
 * sends 安娜 (A) his card; 安娜, ready for calls, adds him and calls him with one tap on his row: he is not
 * inside Duet, so WeChat's screen says so, and she hangs up on his dial page.
 */
async function annaAddsMing(mingStarts?: () => Promise<void>): Promise<void> {
  const { A } = pg
  await walkThrough(A)
  await A.click('#wx-auth-allow') // the camera too
  await mingSendsHisCard(mingStarts)
  await savesName(A, '安娜')
  await A.click('#wx-leave-duet')
  await A.click('#wx-chat .wx-chat-card')
  await A.click('#share-accept')
  await A.click('.main--call-voice')
  await A.sees('#wx-call-status', '对方不在小程序内')
  await A.click('#wx-call-hangup')
  await A.frame.locator('#wx-call').waitFor({ state: 'detached' })
}

/** As annaAddsMing, and then 安娜 sends him a voice invitation from his dial page and waits there. */
async function annaInvitesMing(mingStarts?: () => Promise<void>): Promise<void> {
  const { A } = pg
  await annaAddsMing(mingStarts)
  await A.click('#invite')
  await A.click('#wx-share-send')
  await A.sees('#waiting-title', '等待 小明 回拨')
}

/** The phone's relaunch control: Duet starts cold, with what the phone remembers. */
async function relaunch(who: 'A' | 'B'): Promise<void> {
  await pg.page.locator(`#controls-${who} [data-control="relaunch"]`).click()
  await pg.page.waitForFunction(
    (w) =>
      document.querySelector<HTMLIFrameElement>(`iframe[data-phone="${w}"]`)?.contentWindow?.document.readyState ===
      'complete',
    who,
  )
}

/** 小明 opens the invitation from his chat, and sees it (by default, still waiting for him). */
async function mingOpensInvitation(title = '安娜 想和你语音通话'): Promise<void> {
  const { B } = pg
  await B.click('#wx-leave-duet')
  await B.click('#wx-chat .wx-chat-card:last-child')
  await B.sees('#step-title', title)
}

/** 小明 opens the invitation and calls back; new to calls, he agrees to privacy and allows the microphone. */
async function mingCallsBack(): Promise<void> {
  const { B } = pg
  await mingOpensInvitation()
  await B.click('#callback')
  await B.click('#privacy-agree')
  await B.click('#wx-auth-allow')
}

/** 安娜 answers on WeChat's call screen: both phones say 通话中. */
async function annaAnswers(): Promise<void> {
  const { A, B } = pg
  await B.sees('#wx-call-status', '呼叫中')
  await A.sees('#wx-call-status', '小明邀请你语音通话')
  await A.click('#wx-call-answer')
  await A.sees('#wx-call-status', /通话中 00:0\d/)
  await B.sees('#wx-call-status', /通话中 00:0\d/)
}

test('Proof 1: 安娜 invites 小明; he agrees, allows the microphone and calls back; she answers; both histories say 已接通, hers with the duration', async () => {
  const { A, B } = pg
  await annaInvitesMing()
  await mingCallsBack()
  await annaAnswers()
  await pg.page.waitForTimeout(1100)
  await B.click('#wx-call-hangup')
  await A.sees('#wx-call-status', '已挂断')
  await A.frame.locator('#wx-call').waitFor({ state: 'detached' })
  await A.sees('#history', /已接通 · 通话 0:0\d/)
  // 小明 adds her from the invitation and opens her dial page: answered. He hung up himself, and WeChat tells
  // no one of their own hang-up (platform.md §4.6), so only 安娜, who heard him leave, knows how long it lasted.
  await B.frame.locator('#wx-call').waitFor({ state: 'detached' })
  await B.click('#share-accept')
  await B.click('.gallery-nav__home')
  await B.click('.main--contact-row')
  await B.sees('#history', '已接通')
})

test('Proof 2: 安娜 left Duet before 小明 called back: his screen says 对方不在小程序内, and nothing says answered', async () => {
  const { A, B } = pg
  await annaInvitesMing()
  await A.click('#wx-leave-duet')
  await mingCallsBack()
  await B.sees('#wx-call-status', '对方不在小程序内')
  expect(await A.frame.locator('#wx-call').count()).toBe(0)
  await B.click('#wx-call-hangup')
  await A.click('#wx-open-duet')
  for (const phone of [A, B]) expect(await phone.screen()).not.toMatch(/已接通|通话中/)
})

test('Proof 3: 小明 denied the microphone earlier; he turns it on in #wx-settings from the invitation, and the call goes through', async () => {
  const { B } = pg
  await annaInvitesMing(async () => {
    await B.click('#privacy-agree')
    await B.click('#grant')
    await B.click('#wx-auth-deny')
    await B.sees('#step-title', '权限已被关闭')
  })
  await mingOpensInvitation()
  await B.click('#callback')
  // WeChat asks no more after a denial: the way back is the mini program's settings page.
  expect(await B.frame.locator('#wx-auth').count()).toBe(0)
  await B.click('#fix-permissions')
  await B.waitFor('#wx-settings')
  expect(await B.frame.locator('#wx-settings [data-scope]').count()).toBe(1) // only what was asked before
  await B.click('#wx-settings [data-scope="scope.record"]')
  await B.click('#wx-settings-back')
  await B.click('#callback')
  await annaAnswers()
})

test('Proof 4: 小明 relaunches Duet in the middle of the walkthrough: the invitation is still there', async () => {
  const { B } = pg
  await annaInvitesMing()
  await mingOpensInvitation()
  await B.click('#callback')
  await B.waitFor('#privacy-agree')
  await relaunch('B')
  await B.sees('#pending-invite-text', '安娜')
  await B.click('#pending-invite-open')
  // The walkthrough goes on where it was, says who is waiting, and leads back to the invitation.
  await B.sees('#invited-by', '安娜 邀请你通话')
  await walkThrough(B)
  await B.sees('#step-title', '安娜 想和你语音通话')
})

test("a ring: 小明 allows them on his page; 安娜's ring lands in his chat as a service notification that opens Duet", async () => {
  const { A, B } = pg
  await annaAddsMing()
  // With his name saved, home leads to his page once Duet opens again.
  await relaunch('B')
  await B.click('#open-me')
  await B.click('#allow-rings')
  await B.click('#wx-subscribe-allow')
  await B.sees('#allow-rings-status', /./)
  // A ring is an invitation by service notification: she waits for his callback.
  await A.click('#ring')
  await A.sees('#waiting-title', '等待 小明 回拨')
  await B.click('#wx-leave-duet')
  await B.sees('#wx-chat .wx-chat-card--notification', '来电提醒')
  await B.click('#wx-chat .wx-chat-card--notification')
  // Duet opens on her invitation (through the walkthrough first, if he has not agreed to privacy yet).
  expect(await B.frame.locator('#wx-chat').count()).toBe(0)
  await B.sees('#invited-by, #step-title', /安娜 (邀请你通话|想和你语音通话)/)
})

test("小明 picks an avatar and takes WeChat's nickname from the keyboard; 安娜's phone shows his picture from the one cloud", async () => {
  const { A, B } = pg
  await B.click('#privacy-decline')
  await B.click('#look-around')
  await B.click('#me-avatar')
  await B.click('#wx-avatar .wx-avatar-choice:nth-child(2)')
  await B.frame.locator('#me-nickname .pg-field').click()
  await B.click('#wx-nickname-suggestion')
  expect(await B.frame.locator('#me-nickname .pg-field').inputValue()).toBe('小明')
  await B.click('#me-save')
  await B.click('#share-card')
  await B.click('#wx-share-send')
  await A.click('#privacy-decline')
  await A.click('#look-around')
  await A.click('#wx-leave-duet')
  await A.click('#wx-chat .wx-chat-card')
  await A.click('#share-accept')
  // His row's picture: the file his phone uploaded, read from the cloud both phones share.
  await A.waitFor('.main--contact-row wx-image[style*="data:image/svg"]')
})

test('#appt-calendar: 安娜 books 小明 and offers it to her calendar; WeChat asks for the calendar once, its sheet adds it, and the page says 已发送到日历', async () => {
  const { A } = pg
  await annaAddsMing()
  await A.click('#book')
  await A.click('#book-send')
  await A.click('#wx-share-send')
  // Back to home (the dial page, then contacts): the booking is an upcoming row.
  await A.click('.gallery-nav__back')
  await A.click('.gallery-nav__back')
  await A.click('#upcoming [role="button"]')
  await A.click('#appt-calendar')
  await A.sees('#wx-auth', '获取你的日历')
  await A.click('#wx-auth-allow')
  await A.sees('#wx-calendar', '与 小明')
  await A.sees('#wx-calendar-description', '进入微信打开 Duet')
  await A.click('#wx-calendar-add')
  await A.sees('#appt-calendar-result', '已发送到日历。')
  // Asked once: the next offer goes straight to the sheet, and a cancel there (iOS) says nothing was added.
  await A.click('#appt-calendar')
  await A.click('#wx-calendar-cancel')
  await A.sees('#appt-calendar-result', '没有添加到日历')
})

test('the controls: 1v1 switched off for the mini program fails the call with -20000, and the clock lets an invitation expire', async () => {
  const { A } = pg
  await annaInvitesMing()
  await pg.page.locator('#controls-A input[name="adminConsole1v1"]').uncheck()
  await A.click('#waiting-cancel')
  await A.click('#call')
  await A.sees('#call-error', '没有开通双人通话功能')
  await pg.page.locator('#clock-forward-10m').click()
  await pg.page.locator('#clock-forward-1m').click()
  await mingOpensInvitation('邀请已过期')
})

test("the model's problems show in the panel beside the phones", async () => {
  await pg.A.evaluate("phone.fake.noteProblem('a question nobody answered')")
  await pg.page.locator('#problems li', { hasText: 'a question nobody answered' }).waitFor()
  expect(await pg.problems()).toEqual(['安娜的手机：a question nobody answered'])
  await pg.page.evaluate(() => document.getElementById('problems')!.replaceChildren())
})

test('a card opens Duet hot while it is in the background, and cold once WeChat has destroyed it (after about 30 minutes)', async () => {
  const { A } = pg
  await mingSendsHisCard()
  await A.click('#privacy-decline')
  await A.click('#look-around')
  // Hot: the same run of Duet, which started on its first page, shows the card's page.
  await A.click('#wx-leave-duet')
  await A.click('#wx-chat .wx-chat-card')
  await A.sees('#share-offer-who', '小明')
  expect(await A.evaluate<string>('phone.startedOn')).toBe('pages/contacts/index')
  // Cold: half an hour in the background, and Duet starts again on the card's page.
  await A.click('#wx-leave-duet')
  for (const minutes of ['10m', '10m', '10m', '1m']) await pg.page.locator(`#clock-forward-${minutes}`).click()
  await A.click('#wx-chat .wx-chat-card')
  await A.sees('#share-offer-who', '小明')
  expect(await A.evaluate<string>('phone.startedOn')).toMatch(/^\/pages\/contacts\/index\?/)
})

test("a phone's storage survives reloading the page, until that phone is reset", async () => {
  const { B } = pg
  await mingSendsHisCard()
  // His name reaches the phone's storage once WeChat has said who he is; the reload comes after that write.
  await pg.page.waitForFunction(() => (localStorage.getItem('duet-playground-memory-B') ?? '').includes('小明'))
  await pg.reopen()
  await B.sees('#me-name', '小明')
  await pg.page.locator('#controls-B [data-control="reset"]').click()
  // Someone new again: walked through, with no name.
  await B.waitFor('#privacy-agree')
  expect(await B.evaluate<unknown>('phone.store.profile.me ?? null')).toBeNull()
})

/** Opens the card in the chat that says `words`, once it has arrived (a card sent from the other phone is on its way). */
async function openCardSaying(phone: PhoneDriver, words: string): Promise<void> {
  await phone.frame.locator('#wx-chat .wx-chat-card', { hasText: words }).last().click()
}

/** 小明 opens 安娜's booking card from his chat (walked through privacy and the microphone first if he has not yet) and accepts it. */
async function mingAcceptsTheBooking(): Promise<void> {
  const { B } = pg
  await B.click('#wx-leave-duet')
  await openCardSaying(B, '安娜 约你')
  await B.frame.locator('#appt-accept, #privacy-agree').first().waitFor()
  if (await B.frame.locator('#privacy-agree').count()) await walkThrough(B)
  await B.sees('#step-title', '安娜 约你')
  await B.click('#appt-accept')
  await B.sees('#appt-state', '已确认')
}

/** Chooses `value` in the open picker's column `column` (a real click on the option), as on WeChat's wheels. */
async function choose(phone: PhoneDriver, column: string, value: string): Promise<void> {
  await phone.click(`#wx-picker [data-column="${column}"] [data-value="${value}"]`)
}

test('an appointment: 安娜 books 小明 through the pickers as drawn, sends the card; he accepts and replies; 已确认 on her phone and upcoming on both', async () => {
  const { A, B } = pg
  await annaAddsMing()
  // From his dial page (where she hung up): 预约时间, the booking page for him.
  await A.click('#book')
  await A.sees('#step-title', '和 小明 预约通话')
  // The day after the one the date picker starts on, at 15:00, for 45 minutes, each through WeChat's picker.
  const [y, m, d] = (await A.text('#book-date-value')).split('-').map(Number)
  const day = new Date(y, m - 1, d + 1)
  const two = (n: number) => String(n).padStart(2, '0')
  await A.click('#book-date')
  await A.waitFor('#wx-picker')
  await pg.page.screenshot({ path: `${SHOTS}/picker-date.png` })
  await choose(A, 'year', String(day.getFullYear()))
  await choose(A, 'month', two(day.getMonth() + 1))
  await choose(A, 'day', two(day.getDate()))
  await A.click('#wx-picker-confirm')
  await A.sees('#book-date-value', `${day.getFullYear()}-${two(day.getMonth() + 1)}-${two(day.getDate())}`)
  await A.click('#book-time')
  await pg.page.screenshot({ path: `${SHOTS}/picker-time.png` })
  await choose(A, 'hour', '15')
  await choose(A, 'minute', '00')
  await A.click('#wx-picker-confirm')
  await A.sees('#book-time-value', '15:00')
  await A.click('#book-length')
  await pg.page.screenshot({ path: `${SHOTS}/picker-length.png` })
  await choose(A, 'item', '2')
  await A.click('#wx-picker-confirm')
  await A.sees('#book-length-value', '45 分钟')
  // A picker dismissed with 取消 changes nothing.
  await A.click('#book-time')
  await choose(A, 'hour', '09')
  await A.click('#wx-picker-cancel')
  await A.sees('#book-time-value', '15:00')
  await A.click('#book-send')
  await A.sees('#wx-share', `${day.getMonth() + 1}月${day.getDate()}日`)
  await A.sees('#wx-share', '15:00 语音通话 45 分钟')
  await A.click('#wx-share-send')
  await A.sees('#book-sent', '等待对方确认')

  await mingAcceptsTheBooking()
  await B.click('#appt-reply')
  await B.click('#wx-share-send')
  // 安娜 is not his contact yet: the card offers her, and his own tap adds her, so he can call her later too.
  await B.sees('#share-offer-who', '安娜')
  await B.click('#share-accept')
  await B.sees('#send-back-text', '已添加')

  // 安娜 opens his answer: 已确认; home lists it on both phones.
  await A.click('#wx-leave-duet')
  await openCardSaying(A, '小明 已确认')
  await A.sees('#appt-state', '已确认')
  for (const phone of [A, B]) {
    await phone.click('#go-home')
    await phone.sees('#upcoming [data-appt]', /15:00 · (小明|安娜) · 语音 45 分钟 · 已确认/)
  }
  // And home lists her as his contact, no longer only in the upcoming row.
  await B.sees('.main--contact-row', '安娜')
  await pg.page.screenshot({ path: `${SHOTS}/upcoming-both.png` })
})

test('a saved nickname draws once: the real field shows it, and the drawing of the value beneath is hidden', async () => {
  const { B } = pg
  await B.click('#privacy-decline')
  await B.click('#look-around')
  await savesName(B, '小明')
  await B.sees('#me-saved', '已保存')
  await pg.page.screenshot({ path: `${SHOTS}/nickname-saved.png` })
  // Saving re-renders the card; the model's ::before drawing of the value must stay off under the real field.
  const drawn = await B.frame.locator('#me-nickname').evaluate((host) => ({
    before: getComputedStyle(host, '::before').content,
    field: host.querySelector('input')!.value,
  }))
  expect(drawn).toEqual({ before: 'none', field: '小明' })
})

/** The shared clock's time now, in ms: the real time moved forward by the clock controls. */
const sharedNow = () =>
  pg.page.evaluate(
    () => Date.now() + (window as unknown as { playground: { clockOffset(): number } }).playground.clockOffset(),
  )

/** Moves the shared clock forward by at least `ms`, with the controls a person clicks (whole minutes). */
async function forwardClock(ms: number): Promise<void> {
  const minutes = Math.ceil(ms / 60_000)
  for (let i = 0; i < Math.floor(minutes / 10); i++) await pg.page.locator('#clock-forward-10m').click()
  for (let i = 0; i < minutes % 10; i++) await pg.page.locator('#clock-forward-1m').click()
}

test("#appt-remind: 小明 accepts 安娜's booking and asks for a reminder; 5 minutes before, WeChat's timer sends it to his chat, and its tap opens the room", async () => {
  const { A, B } = pg
  await annaAddsMing()
  // The booking page offers the next whole hour: with less than 10 minutes to it, a later hour leaves room to wait.
  if (new Date(await sharedNow()).getMinutes() >= 50) await forwardClock(10 * 60_000)
  await A.click('#book')
  const [y, m, d] = (await A.text('#book-date-value')).split('-').map(Number)
  const [hours, minutes] = (await A.text('#book-time-value')).split(':').map(Number)
  // The start as the browser's local time reads it, as the phones' pickers do.
  const startAt = await pg.page.evaluate(
    (at) => new Date(at[0], at[1] - 1, at[2], at[3], at[4]).getTime(),
    [y, m, d, hours, minutes],
  )
  await A.click('#book-send')
  await A.click('#wx-share-send')
  await mingAcceptsTheBooking()
  await B.click('#appt-remind')
  await B.click('#wx-subscribe-allow')
  await B.sees('#appt-reminder', '开始前 5 分钟')

  // He leaves Duet for the chat. At 6 minutes before the start, once that minute's runs are over, nothing yet
  // (unless real time reached the 5 minutes meanwhile); at 5 minutes before, the timer's run sends it.
  await B.click('#wx-leave-duet')
  const sixBefore = startAt - 6 * 60_000
  await forwardClock(sixBefore - (await sharedNow()))
  await pg.page.waitForFunction((at) => Number(document.body.dataset.timersDone) >= at, sixBefore)
  const early = await B.frame.locator('#wx-chat .wx-chat-card--notification').count()
  if ((await sharedNow()) < startAt - 5 * 60_000) expect(early).toBe(0)
  await forwardClock(startAt - 5 * 60_000 - (await sharedNow()))
  await B.sees('#wx-chat .wx-chat-card--notification', '预约通话提醒')
  await B.sees('#wx-chat .wx-chat-card--notification', '安娜')
  await B.click('#wx-chat .wx-chat-card--notification')
  expect(await B.frame.locator('#wx-chat').count()).toBe(0)
  await B.sees('#step-title', '安娜 约你')
  await B.sees('#appt-state', '已确认')
})
