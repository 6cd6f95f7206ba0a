// The phone's calendar (platform doc §10): an appointment offered to it. WeChat allows this only from a tap: call
// it in the synchronous part of a tap handler.
import { CALENDAR_SCOPE } from '../store/model'
import { callWx } from './call-wx'
import { getAuthSetting } from './scopes'
import { toWxError } from './wx-error'

/** An event as Duet offers it: times as Duet keeps them, UTC milliseconds. */
export interface CalendarOffer {
  title: string
  description: string
  startAt: number
  endAt: number
  /** How long before the start the phone reminds, in milliseconds. */
  alarmBeforeMs: number
}

/**
 * How offering it went. 'sent': WeChat took it, which on Android also follows a cancelled sheet (§10.3), so it
 * never means "added". 'not-sent': the sheet was cancelled (iOS) or WeChat failed it otherwise.
 */
export type CalendarOutcome = 'sent' | 'not-sent' | 'denied' | 'privacy-declined' | 'undeclared' | 'unsupported'

/** WeChat takes unix seconds (§10.1). */
const seconds = (ms: number) => Math.floor(ms / 1000)

export async function addToCalendar(offer: CalendarOffer): Promise<CalendarOutcome> {
  try {
    await callWx('addPhoneCalendar', {
      title: offer.title,
      description: offer.description,
      startTime: seconds(offer.startAt),
      endTime: seconds(offer.endAt),
      alarm: true,
      alarmOffset: seconds(offer.alarmBeforeMs),
    })
    return 'sent'
  } catch (raw) {
    const err = toWxError('addPhoneCalendar', raw)
    if (err.unsupported) return 'unsupported'
    if (err.isPrivacyUndeclared) return 'undeclared'
    if (err.isPrivacyRefusal) return 'privacy-declined'
    // A refusal's words differ by platform (§2.4): whether the scope is denied is getSetting's to say.
    const setting = await getAuthSetting().catch(() => null)
    return setting?.[CALENDAR_SCOPE] === false ? 'denied' : 'not-sent'
  }
}
