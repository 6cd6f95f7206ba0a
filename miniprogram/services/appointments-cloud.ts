// The `appointments` cloud function (platform doc §12), where WeChat Cloud is configured: each appointment
// kept there too, so that a reminder can be sent for it. Best effort: Duet works the same without it.
import { config } from '../config'
import { identitySource } from './backend'
import { callFunction } from './cloud'
import { requestOne, SubscribeAnswer } from './subscribe'

/** What the phone tells the function: a booking, a move of its state, or a reminder accepted. */
export type AppointmentAction = 'create' | 'accept' | 'decline' | 'cancel' | 'complete' | 'miss' | 'remind'

export const keepsAppointments = () => identitySource() === 'cloud'

/** A reminder can be asked for: the cloud, and a template for it. */
export const canRemind = () => keepsAppointments() && !!config.reminderTemplateId

/** Tells the function; whether it said yes. Nothing is thrown: without the cloud, or failing, it is a no. */
export async function tell(action: AppointmentAction, data: Record<string, unknown>): Promise<boolean> {
  if (!keepsAppointments()) return false
  try {
    const result = (await callFunction('appointments', { action, ...data })) as { ok?: unknown } | null
    return result?.ok === true
  } catch {
    return false
  }
}

/** An appointment as the function lists it: only what the phone reads of it. */
export interface ListedAppointment {
  id: string
  state: string
  callSeconds?: number
}

/** My appointments as the function keeps them (changes the other phone made); null without the cloud or on failure. */
export async function list(): Promise<ListedAppointment[] | null> {
  if (!keepsAppointments()) return null
  try {
    const result = (await callFunction('appointments', { action: 'list' })) as {
      ok?: unknown
      appointments?: unknown
    } | null
    if (result?.ok !== true || !Array.isArray(result.appointments)) return null
    return (result.appointments as Array<Record<string, unknown>>)
      .filter((a) => typeof a?.id === 'string' && typeof a.state === 'string')
      .map((a) => ({
        id: a.id as string,
        state: a.state as string,
        ...(typeof a.callSeconds === 'number' ? { callSeconds: a.callSeconds } : {}),
      }))
  } catch {
    return null
  }
}

/** How asking for a reminder went: WeChat's answer, then whether the function armed it. */
export type ReminderOutcome = 'armed' | Exclude<SubscribeAnswer, 'accept'> | 'failed'

/**
 * #appt-remind: WeChat's popup for one reminder (call it in the synchronous part of the tap), then the function
 * arms it for appointment `id`.
 */
export async function remind(id: string): Promise<ReminderOutcome> {
  let answer: SubscribeAnswer
  try {
    answer = await requestOne(config.reminderTemplateId)
  } catch {
    return 'failed'
  }
  if (answer !== 'accept') return answer
  return (await tell('remind', { id, templateId: config.reminderTemplateId })) ? 'armed' : 'failed'
}
