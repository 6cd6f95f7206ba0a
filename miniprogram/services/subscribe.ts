import { callWx } from './call-wx'

/** What the person chose for a template (platform doc §7.3): 'accept' allows one message. */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter' | 'unknown'

/**
 * Asks the person to allow one subscribe message of `templateId`. WeChat shows its popup only from a tap:
 * call this in the synchronous part of a tap handler.
 */
export async function requestOne(templateId: string): Promise<SubscribeAnswer> {
  const res = await callWx<Record<string, unknown>>('requestSubscribeMessage', { tmplIds: [templateId] })
  const answer = res[templateId]
  return answer === 'accept' || answer === 'reject' || answer === 'ban' || answer === 'filter' ? answer : 'unknown'
}
