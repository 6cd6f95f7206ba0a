// What a person reads on each screen, in one place: the step titles of the walkthrough and the words that
// say how a call tap ended. Tests ask these helpers instead of spelling titles out again.
import type { LaunchedApp } from './app'
import { PageHandle, settle } from './page'

export const STEP_TITLES = {
  privacy: '先看看隐私保护指引',
  explainer: '通话需要这些权限',
  recovery: '权限已被关闭',
  phone: '微信没有手机的权限',
} as const
export type Step = keyof typeof STEP_TITLES | 'done'

/** The walkthrough step on screen: 'loading', a step, or '?<title>' for a title no step has. */
export function stepShown(page: PageHandle): Step | 'loading' | `?${string}` {
  if (page.exists('#loading')) return 'loading'
  const title = page.text('#step-title')
  const step = (Object.keys(STEP_TITLES) as Array<keyof typeof STEP_TITLES>).find((k) => STEP_TITLES[k] === title)
  return step ?? `?${title}`
}

/**
 * Where the walkthrough stands: its step while the onboarding page is on top, 'done' once it went on by
 * itself (to contacts, or back to an invitation).
 */
export function walkthroughAt(
  app: { top(): PageHandle | undefined },
  onboarding: PageHandle,
): Step | 'loading' | `?${string}` {
  const top = app.top()?.route
  return top === routeOf('contacts') || top === routeOf('invite') ? 'done' : stepShown(onboarding)
}

/** Words a person reads after a #call tap, for each way it can end. */
export const CALL_RESULT_WORDS = {
  'old-base-library': '当前微信版本过低',
  devtools: '开发者工具不支持通话',
  privacy: '需要先同意隐私保护指引',
  'scopes-denied': '权限已关闭，请在设置中开启后再试',
  'phone-denied': '请在手机设置中允许后再试',
  placed: '已呼叫，请在微信的通话界面等待对方接听。',
} as const
export type CallResult = keyof typeof CALL_RESULT_WORDS

/** The message or notice under the call button, or '' when there is none. */
export function callMessage(page: PageHandle): string {
  if (page.exists('#call-error')) return page.text('#call-error')
  return page.exists('#call-notice') ? page.text('#call-notice') : ''
}

/** How the last #call tap ended, as a person reads it; '?<text>' when no known words are shown. */
export function callResultShown(page: PageHandle): CallResult | `?${string}` {
  const text = callMessage(page)
  const result = (Object.keys(CALL_RESULT_WORDS) as CallResult[]).find((r) => text.includes(CALL_RESULT_WORDS[r]))
  return result ?? `?${text}`
}

/** The page on top of the stack is this one (e.g. after a redirect). */
export const routeOf = (name: string) => `pages/${name}/index`

/**
 * My own page (profile, my card, accepting calls, rings, developer options), opened as a returning person
 * opens it: the cell at the top of the contact list.
 */
export async function openMyPage(app: LaunchedApp): Promise<PageHandle> {
  app.top()?.tap('#open-me')
  await settle()
  const page = app.top()
  if (!page || page.route !== routeOf('me')) throw new Error('#open-me did not open my page')
  return page
}

/** Opens 开发者选项 (where typed openids live) unless it is open already. */
export async function openDevOptions(page: PageHandle): Promise<void> {
  if (page.exists('#add-openid')) return
  page.tap('#dev-options')
  await settle()
}

/** The names in the contact list, top to bottom, as the rows show them. */
export function contactNames(page: PageHandle): string[] {
  return page.texts('.contact-row__name')
}

/** Types `text` into the search box; the names the list then shows. */
export async function searchContacts(page: PageHandle, text: string): Promise<string[]> {
  page.input('#search', text)
  await settle()
  return contactNames(page)
}

/** A contact's action sheet (its ⋯ button), and one of its actions by the words on it. */
export async function contactAction(page: PageHandle, nickname: string, action: '编辑' | '删除'): Promise<void> {
  const row = contactNames(page).indexOf(nickname)
  if (row < 0) throw new Error(`no contact named ${nickname} on the page`)
  page.tapNth('.contact-more', row)
  await settle()
  const sheet = '#contact-actions >>> .weui-actionsheet__cell'
  const item = page.texts(sheet).indexOf(action)
  if (item < 0) throw new Error(`the action sheet has no ${action}`)
  page.tapNth(sheet, item)
  await settle()
}

/** Adds a contact by typed openid, as a developer does under 开发者选项. */
export async function typeContact(page: PageHandle, openid: string, nickname: string, note = ''): Promise<void> {
  await openDevOptions(page)
  page.input('#add-openid', openid)
  page.input('#add-nickname', nickname)
  if (note) page.input('#add-note', note)
  page.tap('#add-save')
  await settle()
}

/** Saves my profile with a typed openid (a deployment with no backend), then the nickname, and submits. */
export async function typeProfile(page: PageHandle, openid: string, nickname: string): Promise<void> {
  await openDevOptions(page)
  page.input('#me-openid', openid)
  page.input('#me-nickname', nickname)
  page.tap('#me-save')
  await settle()
}
