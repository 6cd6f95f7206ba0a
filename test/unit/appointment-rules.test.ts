// The pure rules of appointments (miniprogram/store/appointment-rules.ts): the card both ways, each forged or
// damaged field named precisely; the state machine; the room's window across clocks that differ; overlap;
// retention; rescheduling; replies; and a row's words in two time zones (offsets passed in, so the test does
// not depend on the machine's zone).
import fc from 'fast-check'
import {
  Appointment,
  AppointmentCard,
  AppointmentState,
  appointmentCardQuery,
  booked,
  bookingProblem,
  canMove,
  fromCard,
  isMissedBy,
  overBy,
  localTime,
  moved,
  newAppointmentId,
  overlapping,
  phoneOffset,
  readAppointmentCard,
  readReply,
  received,
  settled,
  replied,
  replyQuery,
  retained,
  roomPhase,
  rowParts,
} from '../../miniprogram/store/appointment-rules'
import { appointmentCardTitle, appointmentProblemText, appointmentRowText } from '../../miniprogram/strings'

const MIN = 60 * 1000
const DAY = 24 * 60 * MIN
const ANNA = { openid: 'oAnna_0000000000000001', nickname: '安娜' }
const XIAOMING = { openid: 'oXiaoming_00000000000001', nickname: '小明' }
const CAROL = { openid: 'oCarol_000000000000001', nickname: 'Carol' }
/** 2026-12-07 10:00 in China (02:00 UTC), a Monday. */
const NOW = Date.UTC(2026, 11, 7, 2, 0)
const CHINA = 8 * 60
const NEW_YORK = -5 * 60

const card = (over: Partial<AppointmentCard> = {}): AppointmentCard => ({
  id: 'appt0001abcd',
  from: ANNA,
  to: XIAOMING.openid,
  startAt: NOW + 5 * 60 * MIN,
  endAt: NOW + 5 * 60 * MIN + 30 * MIN,
  mode: 'video',
  topic: '周报',
  ...over,
})

/** The query as onLoad receives it: each value encoded once, as in the card's path. */
const asOpened = (query: Record<string, string>) => {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(query)) out[k] = encodeURIComponent(v)
  return out
}

const read = (query: Record<string, string>, me: string | null = XIAOMING.openid, now = NOW) =>
  readAppointmentCard(asOpened(query), me, now)

const appointment = (over: Partial<Appointment> = {}): Appointment => ({
  ...fromCard(card(), NOW),
  ...over,
})

describe('the card', () => {
  test('what the booker sends is what the guest reads, avatar, topic and the appointment it replaces included', () => {
    const sent = card({ from: { ...ANNA, avatarUrl: 'https://cdn.example.com/a.png' }, replaces: 'appt0000old1' })
    expect(read(appointmentCardQuery(sent))).toEqual({ ok: true, value: sent })
    const plain = card({ topic: '' })
    expect(read(appointmentCardQuery(plain))).toEqual({ ok: true, value: plain })
  })

  const fields = ['appt', 'from', 'name', 'avatar', 'to', 'start', 'end', 'mode', 'topic', 're']
  const full = appointmentCardQuery(
    card({ from: { ...ANNA, avatarUrl: 'https://cdn.example.com/a.png' }, replaces: 'appt0000old1' }),
  )
  /** What each field is judged by: its own problem, or "kept as text" where any visible text is allowed. */
  const expected: Record<string, Record<string, string>> = {
    empty: {
      appt: 'missing',
      from: 'missing',
      name: 'missing',
      avatar: 'avatar',
      to: 'missing',
      start: 'missing',
      end: 'missing',
      mode: 'missing',
      topic: 'ok',
      re: 'replaces',
    },
    '5,000 characters': {
      appt: 'id',
      from: 'openid',
      name: 'nickname',
      avatar: 'avatar',
      to: 'guest',
      start: 'time',
      end: 'time',
      mode: 'mode',
      topic: 'topic',
      re: 'replaces',
    },
    '<script>': {
      appt: 'id',
      from: 'openid',
      name: 'ok',
      avatar: 'avatar',
      to: 'guest',
      start: 'time',
      end: 'time',
      mode: 'mode',
      topic: 'ok',
      re: 'replaces',
    },
  }
  const values: Record<string, string> = { empty: '', '5,000 characters': '9'.repeat(5000), '<script>': '<script>' }

  test.each(Object.keys(expected).flatMap((kind) => fields.map((field) => [kind, field])))(
    'a card whose %s is its %s field: a precise reason, or the text kept as text',
    (kind, field) => {
      const result = read({ ...full, [field]: values[kind] })
      const want = expected[kind][field]
      if (want === 'ok') {
        // A name or a topic may be any visible text: the views bind it as text, never as markup.
        expect(result).toMatchObject({ ok: true })
      } else {
        expect(result).toEqual({ ok: false, problem: want })
        expect(appointmentProblemText(result.ok ? null : result.problem)).not.toBe('')
      }
    },
  )

  test.each([
    ['a missing field', { mode: undefined }, 'missing'],
    ['a bad openid', { from: 'not an openid!' }, 'openid'],
    ['a start past its end', { start: String(NOW + 90 * MIN), end: String(NOW + 60 * MIN) }, 'order'],
    ['a start equal to its end', { start: String(NOW + 60 * MIN), end: String(NOW + 60 * MIN) }, 'order'],
    ['more than 60 days ahead', { start: String(NOW + 62 * DAY), end: String(NOW + 62 * DAY + 30 * MIN) }, 'too-far'],
    ['a length not in the list (20 minutes)', { end: String(NOW + 5 * 60 * MIN + 20 * MIN) }, 'length'],
    ['a length of 90 minutes', { end: String(NOW + 5 * 60 * MIN + 90 * MIN) }, 'length'],
    ['an appointment already over', { start: String(NOW - 60 * MIN), end: String(NOW - 30 * MIN) }, 'ended'],
    ['a topic of 21 characters', { topic: '话'.repeat(21) }, 'topic'],
    ['a topic with a right-to-left override', { topic: 'a\u202eb' }, 'topic'],
    ['a reschedule naming itself', { re: 'appt0001abcd' }, 'replaces'],
    ['a value that cannot be decoded', { name: '%E5%AE' }, 'missing'],
  ])('%s is refused: %s', (_name, change, problem) => {
    const query: Record<string, string | undefined> = { ...asOpened(appointmentCardQuery(card())) }
    for (const [k, v] of Object.entries(change)) query[k] = v === undefined || k === 'name' ? v : encodeURIComponent(v)
    expect(readAppointmentCard(query, XIAOMING.openid, NOW)).toEqual({ ok: false, problem })
  })

  test('a topic is counted as a person sees it: 20 family emoji fit, 21 do not', () => {
    const family = '👨\u200d👩\u200d👧'
    expect(read(appointmentCardQuery(card({ topic: family.repeat(20) })))).toMatchObject({ ok: true })
    expect(read(appointmentCardQuery(card({ topic: family.repeat(21) })))).toEqual({ ok: false, problem: 'topic' })
  })

  test('each of the four lengths is accepted', () => {
    for (const minutes of [15, 30, 45, 60])
      expect(read(appointmentCardQuery(card({ endAt: card().startAt + minutes * MIN })))).toMatchObject({ ok: true })
  })

  test('my own card, and a card for someone else, each say so precisely', () => {
    expect(read(appointmentCardQuery(card()), ANNA.openid)).toEqual({ ok: false, problem: 'own' })
    expect(read(appointmentCardQuery(card()), CAROL.openid)).toEqual({ ok: false, problem: 'not-for-me' })
    expect(appointmentProblemText('own')).toBe('这是你自己发出的预约，请把它发给对方。')
  })

  test("a clock a little behind the booker's still takes a card that just ended or is 60 days out", () => {
    const justEnded = card({ startAt: NOW - 31 * MIN, endAt: NOW - MIN })
    expect(read(appointmentCardQuery(justEnded))).toMatchObject({ ok: true })
    const far = card({ startAt: NOW + 61 * DAY, endAt: NOW + 61 * DAY + 15 * MIN })
    expect(read(appointmentCardQuery(far))).toMatchObject({ ok: true })
  })

  test('new ids are safe in a link and differ', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newAppointmentId(NOW)))
    expect(ids.size).toBe(50)
    for (const id of ids) expect(read(appointmentCardQuery(card({ id })))).toMatchObject({ ok: true })
  })
})

describe('the state machine: only forward', () => {
  const states: AppointmentState[] = ['proposed', 'accepted', 'declined', 'cancelled', 'completed', 'missed']
  const allowed = [
    'proposed→accepted',
    'proposed→declined',
    'proposed→cancelled',
    'proposed→missed',
    'accepted→cancelled',
    'accepted→completed',
    'accepted→missed',
    'missed→completed',
  ]

  test('exactly these moves are allowed', () => {
    const moves = states.flatMap((from) => states.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`))
    expect(moves).toEqual(allowed)
  })

  test('any sequence of moves never comes back to a state it left (fast-check prints its seed on failure)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...states), { maxLength: 12 }), (tries) => {
        let current = appointment()
        const seen: AppointmentState[] = [current.state]
        for (const to of tries) {
          const next = moved(current, to, NOW)
          if (!next) continue
          expect(seen).not.toContain(next.state)
          seen.push(next.state)
          current = next
        }
      }),
    )
  })

  test("completing keeps the call's length; a refused move answers null and changes nothing", () => {
    const accepted = moved(appointment(), 'accepted', NOW)!
    expect(moved(accepted, 'completed', NOW + DAY, 1500)).toMatchObject({ state: 'completed', callSeconds: 1500 })
    expect(moved(accepted, 'proposed', NOW)).toBeNull()
    expect(accepted.state).toBe('accepted')
  })
})

describe('the room: from 10 minutes before the start until the end', () => {
  const { startAt, endAt } = appointment()

  test('before, open at 10 minutes before, open until the end, then over', () => {
    expect(roomPhase({ startAt, endAt }, startAt - 10 * MIN - 1)).toBe('before')
    expect(roomPhase({ startAt, endAt }, startAt - 10 * MIN)).toBe('open')
    expect(roomPhase({ startAt, endAt }, endAt - 1)).toBe('open')
    expect(roomPhase({ startAt, endAt }, endAt)).toBe('over')
  })

  test('two phones whose clocks differ by up to 4 minutes either way are both in the room at the start', () => {
    for (let t = startAt - 6 * MIN; t < endAt - 4 * MIN; t += MIN) {
      expect([roomPhase({ startAt, endAt }, t + 4 * MIN), roomPhase({ startAt, endAt }, t - 4 * MIN)]).toEqual([
        'open',
        'open',
      ])
    }
  })

  test('a live appointment whose room is over was missed; a finished one was not', () => {
    expect(isMissedBy(appointment({ state: 'accepted' }), endAt)).toBe(true)
    expect(isMissedBy(appointment({ state: 'accepted' }), endAt - 1)).toBe(false)
    expect(isMissedBy(appointment({ state: 'completed' }), endAt + DAY)).toBe(false)
  })

  test('an accepted one whose call connected is over as 已完成, not 已错过; a proposal cannot have connected', () => {
    expect(overBy(appointment({ state: 'accepted', connectedAt: startAt }), endAt)).toBe('completed')
    expect(overBy(appointment({ state: 'accepted', connectedAt: startAt }), endAt - 1)).toBeNull()
    expect(overBy(appointment({ state: 'proposed', connectedAt: startAt }), endAt)).toBe('missed')
    expect(isMissedBy(appointment({ state: 'accepted', connectedAt: startAt }), endAt)).toBe(false)
  })
})

describe('overlap and booking', () => {
  const at = (hour: number, minutes = 30) => ({
    startAt: NOW + hour * 60 * MIN,
    endAt: NOW + hour * 60 * MIN + minutes * MIN,
  })
  const existing = [appointment({ id: 'appt000one01', ...at(5) })]

  test('overlapping times collide; back-to-back ones do not', () => {
    expect(overlapping({ ...at(5), startAt: NOW + 5 * 60 * MIN + 15 * MIN }, existing)?.id).toBe('appt000one01')
    expect(overlapping({ startAt: NOW + 4 * 60 * MIN + 30 * MIN, endAt: NOW + 5 * 60 * MIN }, existing)).toBeNull()
    expect(overlapping({ startAt: NOW + 5 * 60 * MIN + 30 * MIN, endAt: NOW + 6 * 60 * MIN }, existing)).toBeNull()
  })

  test('a cancelled appointment, and the one a reschedule replaces, hold no time', () => {
    expect(overlapping(at(5), [appointment({ ...at(5), state: 'cancelled' })])).toBeNull()
    expect(overlapping({ ...at(5), replaces: 'appt000one01' }, existing)).toBeNull()
  })

  test.each([
    ['China', CHINA],
    ['New York', NEW_YORK],
  ])("a booking's problems, counted in the phone's days (%s)", (_zone, offset) => {
    const localMidnight = (days: number) => {
      const today = Math.floor((NOW + offset * MIN) / DAY)
      return (today + days) * DAY - offset * MIN
    }
    const booking = (startAt: number, minutes = 30, topic = '') =>
      bookingProblem({ startAt, minutes, topic }, existing, NOW, offset)
    expect(booking(NOW - MIN)).toBe('past')
    expect(booking(localMidnight(60) + 23 * 60 * MIN)).toBeNull()
    expect(booking(localMidnight(61) + 30 * MIN)).toBe('too-far')
    expect(booking(NOW + 60 * MIN, 20)).toBe('length')
    expect(booking(NOW + 60 * MIN, 30, '话'.repeat(21))).toBe('topic')
    expect(booking(NOW + 5 * 60 * MIN + 10 * MIN)).toBe('overlap')
    expect(appointmentProblemText('overlap')).toBe('这个时间和你的另一个预约重叠了，请换一个时间。')
  })
})

describe('what a phone keeps', () => {
  test('at most 200, upcoming ones first; nothing that ended more than 30 days ago', () => {
    const past = Array.from({ length: 150 }, (_, i) =>
      appointment({
        id: `past${String(i).padStart(6, '0')}`,
        startAt: NOW - (i + 1) * DAY,
        endAt: NOW - (i + 1) * DAY + 30 * MIN,
        state: 'completed',
      }),
    )
    const ahead = Array.from({ length: 180 }, (_, i) =>
      appointment({
        id: `next${String(i).padStart(6, '0')}`,
        startAt: NOW + (i + 1) * 60 * MIN,
        endAt: NOW + (i + 1) * 60 * MIN + 15 * MIN,
      }),
    )
    const kept = retained([...past, ...ahead], NOW)
    expect(kept).toHaveLength(200)
    expect(kept.slice(0, 180).map((a) => a.id)).toEqual(ahead.map((a) => a.id))
    // Of the past, the 30 days whose end is within 30 days remain, up to the 200: the 20 latest.
    expect(kept.slice(180).map((a) => a.id)).toEqual(past.slice(0, 20).map((a) => a.id))
    const fewer = retained(past.slice(0, 40), NOW)
    expect(fewer.map((a) => a.id)).toEqual(past.slice(0, 30).map((a) => a.id))
  })
})

describe('rescheduling and the same card twice', () => {
  const old = appointment({ id: 'appt0000old1', state: 'accepted' })

  const reschedule = (over: Parameters<typeof card>[0] = {}) =>
    fromCard(
      card({ id: 'appt0000new1', replaces: 'appt0000old1', startAt: NOW + DAY, endAt: NOW + DAY + 30 * MIN, ...over }),
      NOW,
    )
  const ids = (list: Appointment[]) => list.map((a) => a.id).sort()

  test('a reschedule sits beside the one it names until it is accepted; then it takes its place', () => {
    const both = received([old], reschedule(), NOW)
    expect(ids(both)).toEqual(['appt0000new1', 'appt0000old1'])
    expect(settled(both)).toBe(both)
    const accepted = both.map((a) => (a.id === 'appt0000new1' ? { ...a, state: 'accepted' as const } : a))
    expect(ids(settled(accepted))).toEqual(['appt0000new1'])
  })

  test('a declined reschedule leaves the old one as it was', () => {
    const declined = received([old], { ...reschedule(), state: 'declined' }, NOW)
    expect(settled(declined)).toEqual(declined)
    expect(declined.find((a) => a.id === 'appt0000old1')).toBe(old)
  })

  test('the guest may reschedule: the new one, booked the other way round, replaces the old once accepted', () => {
    const byXiaoming = { ...reschedule({ from: XIAOMING, to: ANNA.openid }), state: 'accepted' as const }
    expect(ids(settled(received([old], byXiaoming, NOW)))).toEqual(['appt0000new1'])
  })

  test('a reschedule cannot remove an appointment between other people', () => {
    const carols = appointment({ id: 'appt0000old1', booker: CAROL.openid, other: CAROL })
    const next = {
      ...fromCard(card({ id: 'appt0000new1', replaces: 'appt0000old1' }), NOW),
      state: 'accepted' as const,
    }
    expect(ids(settled(received([carols], next, NOW)))).toEqual(['appt0000new1', 'appt0000old1'])
  })

  test('the same card opened twice changes nothing; a card for one already cancelled leaves it cancelled', () => {
    const cancelled = appointment({ state: 'cancelled' })
    expect(received([cancelled], fromCard(card(), NOW + MIN), NOW + MIN)).toEqual([cancelled])
  })

  test("the booker's own appointment names the guest as the other person", () => {
    expect(booked(card(), XIAOMING, NOW)).toMatchObject({
      booker: ANNA.openid,
      guest: XIAOMING.openid,
      other: XIAOMING,
    })
  })
})

describe('replies', () => {
  /** Anna's phone: she booked Xiaoming. */
  const annas = booked(card(), XIAOMING, NOW)

  test('a reply card reads back; a damaged one is no reply', () => {
    const reply = { id: annas.id, from: XIAOMING.openid, answer: 'accepted' as const }
    expect(readReply(asOpened(replyQuery(reply)))).toEqual(reply)
    expect(readReply({ appt: annas.id, from: XIAOMING.openid, answer: 'maybe' })).toBeNull()
  })

  test('the guest accepts or declines; a reply from anyone else is ignored', () => {
    expect(replied([annas], { id: annas.id, from: XIAOMING.openid, answer: 'accepted' }, NOW)[0].state).toBe('accepted')
    expect(replied([annas], { id: annas.id, from: XIAOMING.openid, answer: 'declined' }, NOW)[0].state).toBe('declined')
    expect(replied([annas], { id: annas.id, from: CAROL.openid, answer: 'accepted' }, NOW)).toEqual([annas])
  })

  test("only the guest accepts: the booker cannot accept on the guest's phone", () => {
    const xiaomings = fromCard(card(), NOW)
    expect(replied([xiaomings], { id: xiaomings.id, from: ANNA.openid, answer: 'accepted' }, NOW)).toEqual([xiaomings])
    expect(replied([xiaomings], { id: xiaomings.id, from: ANNA.openid, answer: 'cancelled' }, NOW)[0].state).toBe(
      'cancelled',
    )
  })

  test('a reply against the machine changes nothing: a cancelled appointment stays cancelled', () => {
    const cancelled = { ...annas, state: 'cancelled' as const }
    expect(replied([cancelled], { id: annas.id, from: XIAOMING.openid, answer: 'accepted' }, NOW)).toEqual([cancelled])
  })
})

describe("a row's words, in the phone's zone", () => {
  /** 15:00 in China on the day of NOW (07:00 UTC). */
  const at1500China = appointment({
    other: XIAOMING,
    startAt: Date.UTC(2026, 11, 7, 7, 0),
    endAt: Date.UTC(2026, 11, 7, 7, 30),
    state: 'accepted',
  })

  test('in China: "今天 15:00 · 小明 · 视频 30 分钟 · 已确认"', () => {
    expect(appointmentRowText(rowParts(at1500China, NOW, CHINA))).toBe('今天 15:00 · 小明 · 视频 30 分钟 · 已确认')
  })

  test('the same appointment in New York, where it is still the evening before: 明天 02:00', () => {
    // NOW is 21:00 on Dec 6 in New York; the start, 02:00 on Dec 7 there, is tomorrow.
    expect(appointmentRowText(rowParts(at1500China, NOW, NEW_YORK))).toBe('明天 02:00 · 小明 · 视频 30 分钟 · 已确认')
  })

  test('further days show the date and the weekday; voice and each state have their words', () => {
    const later = { ...at1500China, startAt: at1500China.startAt + DAY, endAt: at1500China.endAt + DAY + 15 * MIN }
    expect(appointmentRowText(rowParts({ ...later, mode: 'voice', state: 'proposed' }, NOW - DAY, CHINA))).toBe(
      '12月8日 周二 15:00 · 小明 · 语音 45 分钟 · 待确认',
    )
    expect(appointmentRowText(rowParts({ ...later, state: 'missed' }, NOW - DAY, NEW_YORK))).toBe(
      '12月8日 周二 02:00 · 小明 · 视频 45 分钟 · 已错过',
    )
  })

  test('the card title: "安娜 约你 12月8日 周二 15:00 视频通话 30 分钟"', () => {
    const when = localTime(Date.UTC(2026, 11, 8, 7, 0), NOW, CHINA)
    expect(appointmentCardTitle('安娜', when, 'video', 30)).toBe('安娜 约你 12月8日 周二 15:00 视频通话 30 分钟')
  })

  test("the phone's zone is what Date knows of it", () => {
    expect(phoneOffset(NOW)).toBe(-new Date(NOW).getTimezoneOffset())
  })
})
