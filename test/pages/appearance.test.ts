// Dark mode: WeChat's bars follow the phone by themselves, WeUI only under data-weui-theme (platform doc §8.6),
// so every page carries the phone's appearance on its root and follows a switch while open.
import { launch, PageName } from '../harness/app'
import { settle } from '../harness/page'
import { ALICE, GRANTED, ME, stored } from '../fixtures'

const RETURNING = { authSetting: GRANTED, storage: stored({ profile: ME, contacts: [ALICE] }) }
const PAGES: Array<[PageName, Record<string, string>, object]> = [
  ['contacts', {}, RETURNING],
  ['dial', { openid: ALICE.openid }, RETURNING],
  // Someone new, who stays on the walkthrough.
  ['onboarding', {}, {}],
  ['invite', {}, RETURNING],
  ['me', {}, RETURNING],
  ['book', { openid: ALICE.openid }, RETURNING],
  // Opened without a card: the page that says there is no such appointment.
  ['appointment', { appt: 'abcdefgh12' }, RETURNING],
]

test.each(PAGES)("the %s page hands WeUI the phone's appearance, and follows a switch", async (name, query, env) => {
  const app = await launch({ theme: 'dark', ...env })
  const page = await app.open(name, query)
  expect(page.attr('.page', 'data-weui-theme')).toBe('dark')
  app.fake.runtime.setTheme('light')
  await settle()
  expect(page.attr('.page', 'data-weui-theme')).toBe('light')
})

test('a base library without getAppBaseInfo (before 2.20.1) is drawn light, and nothing breaks', async () => {
  const app = await launch({ sdkVersion: '2.10.0', theme: 'dark', storage: stored({ profile: ME }) })
  const page = await app.open('contacts')
  expect(page.attr('.page', 'data-weui-theme')).toBe('light')
})
