// What the host page and its two phones (same-origin iframes) say to each other, and what a phone keeps
// between reloads. Browser tests drive the playground through the same names.
import type { Environment, FakeCloud, FakeWx, PhoneBook } from '../wechat-model'

export type Who = 'A' | 'B'
export const PHONES: readonly Who[] = ['A', 'B']
export const other = (who: Who): Who => (who === 'A' ? 'B' : 'A')

/** Each phone's person: their WeChat name and their openid in Duet (values for playing only). */
export const PEOPLE: Record<Who, { nickname: string; openid: string }> = {
  A: { nickname: '安娜', openid: 'oPlayAnna_000000000001' },
  B: { nickname: '小明', openid: 'oPlayMing_000000000002' },
}

/** A message in WeChat's chat with the other person: a shared card, or a service notification (a ring). */
export interface ChatMessage {
  kind: 'card' | 'notification'
  title: string
  /** The page the card opens, with its query. */
  path: string
  /** For a notification: the words of its fields. */
  lines?: string[]
}

/** The phone's settings in the controls: what WeChat and the phone are (kept between reloads, until reset). */
export interface PhoneSettings {
  platform: Environment['platform']
  sdkVersion: string
  online: boolean
  os: Environment['os']
  guideDeclares: Environment['guideDeclares']
  adminConsole1v1: boolean
  theme: Environment['theme']
}

/** What WeChat remembers for this person between launches of Duet, and Duet's own storage. */
export interface PhoneMemory {
  storage: Record<string, unknown>
  authSetting: Environment['authSetting']
  privacyNeedsAgreement: boolean
  chat: ChatMessage[]
}

export const defaultSettings = (): PhoneSettings => ({
  platform: 'ios',
  sdkVersion: '3.5.0',
  online: true,
  os: { microphone: 'authorized', camera: 'authorized' },
  guideDeclares: { microphone: true, camera: true, calendar: true },
  adminConsole1v1: true,
  theme: 'light',
})

export const freshMemory = (): PhoneMemory => ({
  storage: {},
  authSetting: {},
  privacyNeedsAgreement: true,
  chat: [],
})

/** The host page, as a phone reaches it (window.parent.playground). */
export interface Host {
  /** One WeChat Cloud for both phones. */
  readonly cloud: FakeCloud
  /** The other phone's WeChat, by openid: calls ring there. */
  readonly phoneBook: PhoneBook
  /** How far the shared clock has been moved forward, in ms. */
  clockOffset(): number
  /** A card this phone sent, for the chat of the other phone. */
  send(from: Who, message: ChatMessage): void
  /** Something the model or Duet got wrong on this phone: shown in the problems panel. */
  problem(who: Who, message: string): void
  /** This phone is up, its first page drawn. */
  ready(who: Who): void
}

/** A phone, as the host and the browser tests reach it (iframe.contentWindow.phone). */
export interface Phone {
  readonly who: Who
  readonly fake: FakeWx
  /** Duet's root store on this phone, for looking (tests read its history). */
  readonly store?: unknown
  /** The page this run of Duet started on: app.json's first, or a card's after a cold start. */
  readonly startedOn?: string
  /** The routes of the page stack, bottom first. */
  routes(): string[]
  receive(message: ChatMessage): void
  /** The shared clock moved forward. */
  forward(ms: number): void
  settings(): PhoneSettings
  change(settings: Partial<PhoneSettings>): void
  /** Forgets Duet's storage and what WeChat remembers for this person, and starts again. */
  reset(): void
  relaunch(): void
}

export const settingsKey = (who: Who) => `duet-playground-settings-${who}`
export const memoryKey = (who: Who) => `duet-playground-memory-${who}`
export const CLOCK_KEY = 'duet-playground-clock'

export function readJson<T>(key: string, fallback: () => T): T {
  const text = localStorage.getItem(key)
  if (!text) return fallback()
  try {
    return { ...fallback(), ...(JSON.parse(text) as T) }
  } catch {
    return fallback()
  }
}
