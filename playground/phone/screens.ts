// WeChat's own screens on one phone, drawn over Duet the way WeChat draws them, and answered by a click: the
// person behind the model's ask seam (wechat-model/ask.ts), the chat with the other person, toasts, and the
// call screen. Every control has the id the issue names, so a person or a browser test can drive it.
import type { Answer, CallScreen, FakeScope, Person, QuestionKind, Questions } from '../../wechat-model'
import type { ChatMessage } from '../contract'

type Attrs = Record<string, string>

/** A DOM element with attributes and children (text or elements). */
export function h(tag: string, attrs: Attrs = {}, ...children: Array<Node | string>): HTMLElement {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value)
  el.append(...children)
  return el
}

/** A tappable of WeChat's: a real button with its words as its label. */
function button(id: string, words: string, cls = ''): HTMLButtonElement {
  return h('button', { id, type: 'button', class: `wx-button ${cls}`, 'aria-label': words }, words) as HTMLButtonElement
}

const SCOPE_WORDS: Record<FakeScope, string> = {
  'scope.record': '麦克风',
  'scope.camera': '摄像头',
  'scope.addPhoneCalendar': '日历',
}
/** What WeChat's own privacy popup names for an API that is not about the microphone or camera. */
const PRIVACY_USES: Record<string, string> = { addPhoneCalendar: '日历' }
/** The avatar chooser's pictures: a few drawn here, each a temporary file of the phone once picked. */
export const AVATARS = [
  { path: 'wxfile://tmp/avatar-sun.png', colour: '#f5a623', glyph: '☀' },
  { path: 'wxfile://tmp/avatar-leaf.png', colour: '#07c160', glyph: '❦' },
  { path: 'wxfile://tmp/avatar-wave.png', colour: '#10aeff', glyph: '≈' },
  { path: 'wxfile://tmp/avatar-star.png', colour: '#fa5151', glyph: '★' },
]

/** An avatar's picture as the browser draws it. */
export function avatarPicture(tempPath: string): string | null {
  const avatar = AVATARS.find((a) => a.path === tempPath)
  if (!avatar) return null
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><rect width="96" height="96" fill="${avatar.colour}"/><text x="48" y="64" font-size="48" text-anchor="middle" fill="#fff">${avatar.glyph}</text></svg>`
  return `data:image/svg+xml,${encodeURIComponent(svg)}`
}

export class WechatScreens implements Person {
  constructor(
    /** Where WeChat's screens are drawn, over the mini program. */
    private readonly layer: HTMLElement,
    /** The other person's name, for the share sheet and the chat. */
    private readonly friend: string,
    private readonly onChatCard: (message: ChatMessage) => void,
    private readonly onOpenDuet: () => void,
  ) {}

  // ---- the ask seam ------------------------------------------------------------------------------------

  answer<K extends QuestionKind>(kind: K, shows: Questions[K]['shows']): Promise<Answer<K>> {
    return new Promise((resolve) => {
      const done = (screen: HTMLElement) => (value: unknown) => {
        screen.remove()
        resolve(value as Answer<K>)
      }
      const screen = this.draw(kind, shows as never, (value) => done(screen)(value))
      this.layer.append(screen)
    })
  }

  private draw(kind: QuestionKind, shows: never, done: (value: unknown) => void): HTMLElement {
    switch (kind) {
      case 'authorize':
        return this.authorize(shows, done)
      case 'privacy':
        return this.dialog(
          'wx-privacy',
          'Duet 隐私保护指引',
          `在使用${PRIVACY_USES[(shows as Questions['privacy']['shows']).api] ?? '麦克风、摄像头'}前，请阅读并同意《Duet 隐私保护指引》。`,
          [
            ['wx-privacy-refuse', '拒绝', 'refuse'],
            ['wx-privacy-agree', '同意', 'agree'],
          ],
          done,
        )
      case 'modal':
        return this.modal(shows, done)
      case 'subscribe':
        return this.subscribe(done)
      case 'settings':
        return this.settings(shows, done)
      case 'phoneSettings':
        return this.phoneSettings(shows, done)
      case 'phonePrompt': {
        const device = (shows as Questions['phonePrompt']['shows']).device === 'microphone' ? '麦克风' : '相机'
        return this.dialog(
          'wx-phone-prompt',
          `“微信”想访问您的${device}`,
          '用于音视频通话。',
          [
            ['wx-phone-prompt-deny', '不允许', 'deny'],
            ['wx-phone-prompt-allow', '好', 'allow'],
          ],
          done,
        )
      }
      case 'avatar':
        return this.avatarChooser(done)
      case 'share':
        return this.shareSheet(shows, done)
      case 'calendar':
        return this.calendarSheet(shows, done)
      case 'picker':
        return pickerSheet(shows, done)
    }
  }

  /** A centred WeChat dialog with a row of buttons, each answering `value`. */
  private dialog(
    id: string,
    title: string,
    content: string,
    buttons: Array<[string, string, unknown]>,
    done: (value: unknown) => void,
  ): HTMLElement {
    const row = h('div', { class: 'wx-dialog__buttons' })
    for (const [buttonId, words, value] of buttons) {
      const b = button(buttonId, words, value === buttons[buttons.length - 1][2] ? 'wx-button--primary' : '')
      b.onclick = () => done(value)
      row.append(b)
    }
    return h(
      'div',
      { id, class: 'wx-mask', role: 'dialog', 'aria-label': title },
      h('div', { class: 'wx-dialog' }, h('strong', { class: 'wx-dialog__title' }, title), h('p', {}, content), row),
    )
  }

  private modal(shows: Questions['modal']['shows'], done: (value: unknown) => void): HTMLElement {
    const buttons: Array<[string, string, unknown]> = shows.showCancel
      ? [['wx-modal-cancel', shows.cancelText, 'cancel']]
      : []
    buttons.push(['wx-modal-confirm', shows.confirmText, 'confirm'])
    return this.dialog('wx-modal', shows.title, shows.content, buttons, done)
  }

  /** A sheet from the bottom, with the mini program's name on top, as WeChat asks for permissions. */
  private sheet(id: string, label: string, ...children: Array<Node | string>): HTMLElement {
    return h(
      'div',
      { id, class: 'wx-mask wx-mask--bottom', role: 'dialog', 'aria-label': label },
      h(
        'div',
        { class: 'wx-sheet' },
        h('div', { class: 'wx-sheet__app' }, h('span', { class: 'wx-app-icon' }, 'D'), 'Duet 申请'),
        ...children,
      ),
    )
  }

  private sheetButtons(buttons: Array<[string, string, () => void]>): HTMLElement {
    const row = h('div', { class: 'wx-sheet__buttons' })
    buttons.forEach(([id, words, act], i) => {
      const b = button(id, words, i === buttons.length - 1 ? 'wx-button--primary' : '')
      b.onclick = act
      row.append(b)
    })
    return row
  }

  private authorize(shows: Questions['authorize']['shows'], done: (value: unknown) => void): HTMLElement {
    const device = SCOPE_WORDS[shows.scope]
    return this.sheet(
      'wx-auth',
      `获取你的${device}`,
      h('strong', { class: 'wx-sheet__title' }, `获取你的${device}`),
      h(
        'p',
        { class: 'wx-sheet__note' },
        shows.combined
          ? '同意《Duet 隐私保护指引》并允许使用。'
          : shows.scope === 'scope.addPhoneCalendar'
            ? '用于把预约添加到手机日历。'
            : '用于音视频通话。',
      ),
      this.sheetButtons([
        ['wx-auth-deny', '拒绝', () => done('deny')],
        ['wx-auth-allow', '允许', () => done('allow')],
      ]),
    )
  }

  private subscribe(done: (value: unknown) => void): HTMLElement {
    const always = h('input', {
      type: 'checkbox',
      id: 'wx-subscribe-always',
      'aria-label': '总是保持以上选择，不再询问',
    })
    const answer = (choice: 'accept' | 'reject') => () =>
      done((always as HTMLInputElement).checked ? `${choice}-always` : choice)
    return this.sheet(
      'wx-subscribe',
      '发送订阅消息',
      h('strong', { class: 'wx-sheet__title' }, '向你发送以下 1 条消息'),
      h('p', { class: 'wx-sheet__note' }, '来电提醒：有人呼叫你时通知你'),
      h('label', { class: 'wx-sheet__check' }, always, '总是保持以上选择，不再询问'),
      this.sheetButtons([
        ['wx-subscribe-deny', '拒绝', answer('reject')],
        ['wx-subscribe-allow', '允许', answer('accept')],
      ]),
    )
  }

  /** A full screen of WeChat's (a settings page): a bar with a back arrow and a title, then its cells. */
  private page(id: string, title: string, backId: string, back: () => void, ...cells: HTMLElement[]): HTMLElement {
    const arrow = button(backId, '返回', 'wx-page__back')
    arrow.textContent = '‹'
    arrow.onclick = back
    return h(
      'div',
      { id, class: 'wx-page', role: 'dialog', 'aria-label': title },
      statusBar(),
      h('div', { class: 'wx-page__bar' }, arrow, h('span', {}, title)),
      ...cells,
    )
  }

  /** A cell with a switch: `data-<key>` names what it switches. */
  private switchCell(key: string, value: string, words: string, on: boolean): HTMLElement {
    const toggle = h('input', {
      type: 'checkbox',
      role: 'switch',
      class: 'wx-switch',
      [`data-${key}`]: value,
      'aria-label': words,
    }) as HTMLInputElement
    toggle.checked = on
    return h('label', { class: 'wx-cell' }, h('span', {}, words), toggle)
  }

  private settings(shows: Questions['settings']['shows'], done: (value: unknown) => void): HTMLElement {
    const scopes = Object.keys(shows.authSetting) as FakeScope[]
    const cells = scopes.map((scope) =>
      this.switchCell('scope', scope, SCOPE_WORDS[scope], shows.authSetting[scope] === true),
    )
    const screen = this.page(
      'wx-settings',
      '设置',
      'wx-settings-back',
      () => {
        const switched: Partial<Record<FakeScope, boolean>> = {}
        for (const input of Array.from(screen.querySelectorAll<HTMLInputElement>('input[data-scope]')))
          switched[input.dataset.scope as FakeScope] = input.checked
        done(switched)
      },
      h('div', { class: 'wx-cells__title' }, '允许 Duet 使用'),
      h('div', { class: 'wx-cells' }, ...cells),
    )
    return screen
  }

  private phoneSettings(shows: Questions['phoneSettings']['shows'], done: (value: unknown) => void): HTMLElement {
    const devices = [
      ['microphone', '麦克风'],
      ['camera', '相机'],
    ] as const
    const cells = devices.map(([device, words]) =>
      this.switchCell('device', device, words, shows.os[device] === 'authorized'),
    )
    const screen = this.page(
      'wx-phone-settings',
      '微信',
      'wx-phone-settings-back',
      () => {
        const changed: Record<string, string> = {}
        for (const input of Array.from(screen.querySelectorAll<HTMLInputElement>('input[data-device]'))) {
          const device = input.dataset.device as 'microphone' | 'camera'
          const was = shows.os[device]
          // A switch left alone keeps 'not determined'.
          if (input.checked !== (was === 'authorized')) changed[device] = input.checked ? 'authorized' : 'denied'
        }
        done(changed)
      },
      h('div', { class: 'wx-cells__title' }, '允许“微信”访问'),
      h('div', { class: 'wx-cells' }, ...cells),
    )
    return screen
  }

  private avatarChooser(done: (value: unknown) => void): HTMLElement {
    const pictures = h('div', { class: 'wx-avatars' })
    for (const [i, avatar] of AVATARS.entries()) {
      const choice = h('button', { type: 'button', class: 'wx-avatar-choice', 'aria-label': `头像 ${i + 1}` })
      choice.style.backgroundImage = `url("${avatarPicture(avatar.path)}")`
      choice.onclick = () => done(avatar.path)
      pictures.append(choice)
    }
    const cancel = button('wx-avatar-cancel', '取消')
    cancel.onclick = () => done('cancel')
    return h(
      'div',
      { id: 'wx-avatar', class: 'wx-mask wx-mask--bottom', role: 'dialog', 'aria-label': '选择头像' },
      h('div', { class: 'wx-sheet' }, h('strong', { class: 'wx-sheet__title' }, '选择头像'), pictures, cancel),
    )
  }

  private shareSheet(shows: Questions['share']['shows'], done: (value: unknown) => void): HTMLElement {
    return h(
      'div',
      { id: 'wx-share', class: 'wx-mask', role: 'dialog', 'aria-label': `发送给 ${this.friend}` },
      h(
        'div',
        { class: 'wx-dialog' },
        h('strong', { class: 'wx-dialog__title' }, `发送给：${this.friend}`),
        h(
          'div',
          { class: 'wx-chat-card wx-chat-card--preview' },
          h('b', {}, shows.card.title),
          h('small', {}, '小程序 · Duet'),
        ),
        (() => {
          const row = h('div', { class: 'wx-dialog__buttons' })
          const cancel = button('wx-share-cancel', '取消')
          const send = button('wx-share-send', '发送', 'wx-button--primary')
          cancel.onclick = () => done('cancel')
          send.onclick = () => done('send')
          row.append(cancel, send)
          return row
        })(),
      ),
    )
  }

  /** §10.3: the phone's own sheet for a new calendar event, as the system draws it: cancel, or add. */
  private calendarSheet(shows: Questions['calendar']['shows'], done: (value: unknown) => void): HTMLElement {
    const { event } = shows
    const at = (seconds: number) =>
      new Date(seconds * 1000).toLocaleString('zh-CN', { dateStyle: 'medium', timeStyle: 'short' })
    const alarm = event.alarm ? `提前 ${Math.round(event.alarmOffset / 60)} 分钟` : '无'
    const cell = (label: string, value: string) =>
      h('div', { class: 'wx-cell' }, h('span', {}, label), h('span', { class: 'wx-cell__value' }, value))
    const cancel = button('wx-calendar-cancel', '取消')
    const add = button('wx-calendar-add', '添加', 'wx-button--primary')
    cancel.onclick = () => done('cancel')
    add.onclick = () => done('add')
    return h(
      'div',
      { id: 'wx-calendar', class: 'wx-mask wx-mask--bottom', role: 'dialog', 'aria-label': '新建日程' },
      h(
        'div',
        { class: 'wx-sheet' },
        h('strong', { class: 'wx-sheet__title' }, '新建日程'),
        h(
          'div',
          { class: 'wx-cells' },
          cell('标题', event.title),
          cell('开始', at(event.startTime)),
          cell('结束', at(event.endTime)),
          cell('提醒', alarm),
        ),
        h('p', { class: 'wx-sheet__note', id: 'wx-calendar-description' }, event.description),
        h('div', { class: 'wx-sheet__buttons' }, cancel, add),
      ),
    )
  }

  // ---- the chat with the other person ----------------------------------------------------------------------

  private chat: HTMLElement | null = null

  /** WeChat's chat with the other person, in front of Duet (which is then in the background). */
  showChat(messages: ChatMessage[]): void {
    this.chat?.remove()
    const list = h('div', { class: 'wx-chat__messages' })
    for (const message of messages) {
      const words = message.kind === 'card' ? '小程序 · Duet' : '服务通知 · Duet'
      const card = h(
        'button',
        {
          type: 'button',
          class: `wx-chat-card wx-chat-card--${message.kind}`,
          'data-path': message.path,
          'aria-label': message.title,
        },
        h('b', {}, message.title),
        ...(message.lines ?? []).map((line) => h('span', {}, line)),
        h('small', {}, words),
      )
      card.onclick = () => this.onChatCard(message)
      list.append(card)
    }
    const back = button('wx-open-duet', '回到 Duet', 'wx-chat__duet')
    back.onclick = () => this.onOpenDuet()
    if (!messages.length) list.append(h('p', { class: 'wx-chat__empty' }, `还没有和${this.friend}的消息`))
    this.chat = h(
      'div',
      { id: 'wx-chat', class: 'wx-page', role: 'dialog', 'aria-label': `与${this.friend}的聊天` },
      statusBar(),
      h('div', { class: 'wx-page__bar' }, h('span', {}, this.friend)),
      list,
      back,
    )
    this.layer.append(this.chat)
  }

  hideChat(): void {
    this.chat?.remove()
    this.chat = null
  }

  get chatOpen(): boolean {
    return this.chat !== null
  }

  // ---- the keyboard's nickname suggestion --------------------------------------------------------------------

  private suggestion: HTMLElement | null = null

  /** §6.1: over the keyboard of a nickname field, WeChat offers the person's WeChat nickname. */
  suggestNickname(nickname: string, pick: () => void): void {
    this.hideSuggestion()
    const offer = button('wx-nickname-suggestion', `使用微信昵称：${nickname}`, 'wx-suggestion')
    // Pressing it must not take the focus from the field, as a keyboard's bar does not.
    offer.onmousedown = (event) => event.preventDefault()
    offer.onclick = pick
    this.suggestion = offer
    this.layer.append(offer)
  }

  hideSuggestion(): void {
    this.suggestion?.remove()
    this.suggestion = null
  }

  // ---- toasts and the call screen -------------------------------------------------------------------------

  toast(words: string): void {
    const toast = h('div', { class: 'wx-toast', role: 'status' }, words)
    this.layer.append(toast)
    setTimeout(() => toast.remove(), 1500)
  }

  private call: HTMLElement | null = null
  private ticking: ReturnType<typeof setInterval> | null = null

  /** WeChat's call screen, as the model says it is now. */
  showCall(screen: CallScreen | null, act: { answer(): void; hangUp(): void }): void {
    this.call?.remove()
    this.call = null
    if (this.ticking) clearInterval(this.ticking)
    this.ticking = null
    if (!screen) return
    const kind = screen.roomType === 'video' ? '视频' : '语音'
    const status = h('div', { id: 'wx-call-status', role: 'status' }, callStatus(screen))
    const buttons = h('div', { class: 'wx-call__buttons' })
    if (screen.role === 'listener' && screen.status === 'calling') {
      const decline = button('wx-call-decline', '拒绝', 'wx-call__hangup')
      const answer = button('wx-call-answer', '接听', 'wx-call__answer')
      decline.onclick = act.hangUp
      answer.onclick = act.answer
      buttons.append(decline, answer)
    } else if (screen.status !== 'ended') {
      const hangUp = button('wx-call-hangup', '挂断', 'wx-call__hangup')
      hangUp.onclick = act.hangUp
      buttons.append(hangUp)
    }
    this.call = h(
      'div',
      { id: 'wx-call', class: 'wx-call', role: 'dialog', 'aria-label': `${kind}通话` },
      h('div', { class: 'wx-call__avatar' }, screen.peer.nickname.slice(0, 1)),
      h('strong', { class: 'wx-call__name' }, screen.peer.nickname),
      h('div', { class: 'wx-call__kind' }, `${kind}通话`),
      status,
      buttons,
    )
    this.layer.append(this.call)
    if (screen.status === 'in-call') this.ticking = setInterval(() => (status.textContent = callStatus(screen)), 1000)
  }
}

/** The time in the phone's status bar, on the phone's clock. */
// ---- §8.7: a picker, as WeChat draws one at the bottom: a column per part, 取消 and 确定 ------------------------

/** One column of a picker: its name, its options (value and words), and the one chosen. */
interface PickerColumn {
  name: string
  options: Array<[string, string]>
  chosen: string
}

const pad = (n: number) => String(n).padStart(2, '0')
const numbers = (from: number, to: number, words: (n: number) => string): Array<[string, string]> =>
  Array.from({ length: to - from + 1 }, (_, i) => [pad(from + i), words(from + i)])

/** The columns a picker shows for its mode, with its value chosen: a date's 年 月 日, a time's 时 分, a list. */
function pickerColumns(shows: Questions['picker']['shows']): PickerColumn[] {
  const mode = typeof shows.mode === 'string' && shows.mode ? shows.mode : 'selector'
  const value = String(shows.value ?? '')
  if (mode === 'date') {
    const [year, month, day] = value.split('-')
    const firstYear = Number(String(shows.start ?? '').slice(0, 4)) || Number(year) - 10
    const lastYear = Number(String(shows.end ?? '').slice(0, 4)) || Number(year) + 10
    return [
      { name: 'year', options: numbers(firstYear, lastYear, (n) => `${n}年`), chosen: year },
      { name: 'month', options: numbers(1, 12, (n) => `${n}月`), chosen: month },
      { name: 'day', options: numbers(1, 31, (n) => `${n}日`), chosen: day },
    ]
  }
  if (mode === 'time') {
    const [hour, minute] = value.split(':')
    return [
      { name: 'hour', options: numbers(0, 23, (n) => `${pad(n)}时`), chosen: hour },
      { name: 'minute', options: numbers(0, 59, (n) => `${pad(n)}分`), chosen: minute },
    ]
  }
  const range = Array.isArray(shows.range) ? shows.range.map(String) : []
  return [{ name: 'item', options: range.map((words, i) => [String(i), words]), chosen: String(Number(value) || 0) }]
}

/**
 * What the picker gives for the columns' choices. WeChat's wheels offer only what lies within start..end and
 * days the month has, so a choice beyond them settles on the nearest one offered.
 */
function pickerValue(shows: Questions['picker']['shows'], columns: PickerColumn[]): string | number {
  const chosen = columns.map((c) => c.chosen)
  const mode = typeof shows.mode === 'string' && shows.mode ? shows.mode : 'selector'
  if (mode === 'selector') return Number(chosen[0])
  let value = chosen.join(mode === 'date' ? '-' : ':')
  if (mode === 'date') {
    const [year, month, day] = chosen.map(Number)
    value = `${year}-${pad(month)}-${pad(Math.min(day, new Date(year, month, 0).getDate()))}`
  }
  if (typeof shows.start === 'string' && shows.start && value < shows.start) value = shows.start
  if (typeof shows.end === 'string' && shows.end && value > shows.end) value = shows.end
  return value
}

function pickerSheet(shows: Questions['picker']['shows'], done: (value: unknown) => void): HTMLElement {
  const columns = pickerColumns(shows)
  const wheels = h('div', { class: 'wx-picker__columns' })
  for (const column of columns) {
    const list = h('div', { class: 'wx-picker__column', 'data-column': column.name, role: 'listbox' })
    for (const [value, words] of column.options) {
      const option = h(
        'button',
        { type: 'button', class: 'wx-picker__option', 'data-value': value, role: 'option', 'aria-label': words },
        words,
      )
      option.setAttribute('aria-selected', String(value === column.chosen))
      option.onclick = () => {
        column.chosen = value
        for (const other of Array.from(list.children)) other.setAttribute('aria-selected', String(other === option))
      }
      list.append(option)
    }
    wheels.append(list)
  }
  const cancel = button('wx-picker-cancel', '取消')
  const confirm = button('wx-picker-confirm', '确定', 'wx-button--primary')
  cancel.onclick = () => done(null)
  confirm.onclick = () => done(pickerValue(shows, columns))
  const sheet = h(
    'div',
    { id: 'wx-picker', class: 'wx-mask wx-mask--bottom', role: 'dialog', 'aria-label': '选择' },
    h('div', { class: 'wx-picker' }, h('div', { class: 'wx-picker__bar' }, cancel, confirm), wheels),
  )
  // Each column opens on its chosen value, as a wheel does.
  requestAnimationFrame(() =>
    sheet.querySelectorAll('[aria-selected="true"]').forEach((el) => el.scrollIntoView({ block: 'center' })),
  )
  return sheet
}

export function clockTime(): string {
  return new Date().toLocaleTimeString('en-GB', { hour: 'numeric', minute: '2-digit' })
}

/** The phone's status bar over WeChat's own pages. */
function statusBar(): HTMLElement {
  return h('div', { class: 'wx-status' }, clockTime())
}

/** What WeChat's call screen says (the words). */
export function callStatus(screen: CallScreen): string {
  switch (screen.status) {
    case 'calling':
      return screen.role === 'caller'
        ? '呼叫中'
        : `${screen.peer.nickname}邀请你${screen.roomType === 'video' ? '视频' : '语音'}通话`
    case 'in-call': {
      const seconds = Math.max(0, Math.floor((Date.now() - (screen.answeredAt ?? Date.now())) / 1000))
      const mm = String(Math.floor(seconds / 60)).padStart(2, '0')
      return `通话中 ${mm}:${String(seconds % 60).padStart(2, '0')}`
    }
    case 'not-inside':
      return '对方不在小程序内'
    case 'busy':
      return '对方忙线'
    case 'ended':
      return '已挂断'
  }
}
