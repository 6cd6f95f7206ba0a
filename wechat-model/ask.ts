// The one seam through which WeChat asks the person holding the phone something: a popup, the settings pages,
// the avatar chooser, the share sheet. Tests answer from their script, at once and in the same turn as before;
// the playground hands each question to a person at a drawn screen and goes on when they click.
import type { CalendarEvent } from './calendar'
import type {
  CalendarSheetAnswer,
  Environment,
  FakeScope,
  ModalAnswer,
  PopupAnswer,
  PrivacyPopupAnswer,
  SubscribeAnswer,
} from './environment'
import type { Device } from './privacy'
import type { PickerShown, SharedCard } from './ui'

/** Every question WeChat asks, what it shows with it, and what the person may answer. */
export interface Questions {
  /** §2.3: the system popup for a scope; `combined` when it also carries the privacy checkbox (§1.6). */
  authorize: { shows: { scope: FakeScope; combined: boolean }; answer: PopupAnswer }
  /** §1.5: WeChat's own privacy popup, shown for `api` when the mini program registered no handler. */
  privacy: { shows: { api: string }; answer: PrivacyPopupAnswer }
  modal: {
    shows: { title: string; content: string; showCancel: boolean; confirmText: string; cancelText: string }
    answer: ModalAnswer
  }
  /** §7.3: the subscribe-message popup for one template. */
  subscribe: { shows: { templateId: string }; answer: SubscribeAnswer }
  /** §2.5: the mini program's settings page, one switch per scope asked before; the answer is what they leave on. */
  settings: { shows: { authSetting: Partial<Record<FakeScope, boolean>> }; answer: Partial<Record<FakeScope, boolean>> }
  /** §3: the phone's settings for WeChat; the answer is what they change. */
  phoneSettings: { shows: { os: Environment['os'] }; answer: Partial<Environment['os']> }
  /** §3.2: the phone's own first question whether WeChat may use a device (iOS, 'not determined'). */
  phonePrompt: { shows: { device: Device }; answer: PopupAnswer }
  /** §6.1: the avatar chooser: a picture's temporary path, 'rejected' by the content check, or 'cancel'. */
  avatar: { shows: Record<string, never>; answer: string }
  /** §10.3: the system's calendar sheet for an event: added, or cancelled. */
  calendar: { shows: { event: CalendarEvent }; answer: CalendarSheetAnswer }
  /** §8.7: a `<picker>` opened by a tap: the value chosen and confirmed, or null for 取消. */
  picker: { shows: PickerShown; answer: string | number | null }
  /** The share sheet for a card: sent to the chat, or not. */
  share: { shows: { card: SharedCard }; answer: 'send' | 'cancel' }
}
export type QuestionKind = keyof Questions
export type Answer<K extends QuestionKind> = Questions[K]['answer']

/** Someone who answers WeChat's questions by looking at them: the playground's drawn screens. */
export interface Person {
  answer<K extends QuestionKind>(kind: K, shows: Questions[K]['shows']): Promise<Answer<K>>
}
