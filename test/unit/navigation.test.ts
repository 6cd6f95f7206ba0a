// Opening a page never leaves a second copy of it on the stack: a page already open is gone back to.
import { pageUrl, routeTo } from '../../miniprogram/services/navigation'

const CONTACTS = 'pages/contacts/index'
const DIAL = 'pages/dial/index'
const INVITE = 'pages/invite/index'
const ONBOARDING = 'pages/onboarding/index'
const page = (route: string, options: Record<string, string> = {}) => ({ route, options })
const pages = (...routes: string[]) => routes.map((route) => page(route))

test.each([
  ['contacts right below: one step back', [CONTACTS, DIAL], { back: 1 }],
  ['contacts further down: back to it', [CONTACTS, DIAL, ONBOARDING], { back: 2 }],
  ['the nearest copy when there are two', [CONTACTS, ONBOARDING, CONTACTS, DIAL], { back: 1 }],
  ['already on contacts: nothing to do', [CONTACTS], { stay: true }],
  ['opened straight from a card: contacts is new', [DIAL], { open: true }],
  ['contacts nowhere on the stack: new', [ONBOARDING, DIAL], { open: true }],
  ['looking around from a walkthrough that began at home', [CONTACTS, ONBOARDING], { back: 1 }],
  ['an empty stack (at launch): new', [], { open: true }],
])('%s', (_name, stack, expected) => {
  expect(routeTo(pages(...stack), 'contacts')).toEqual(expected)
})

test('the same rule for every page: the walkthrough ending back on the invitation that started it', () => {
  expect(routeTo(pages(CONTACTS, INVITE, ONBOARDING), 'invite')).toEqual({ back: 1 })
  expect(routeTo(pages(CONTACTS, ONBOARDING), 'invite')).toEqual({ open: true })
})

describe("a page for someone (Ben's dial page): back to it where it is open, otherwise opened", () => {
  const BEN = { openid: 'oBen_00000000000000001' }
  const CARL = { openid: 'oCarl_0000000000000001' }
  test.each([
    ['from home, nothing above: opened over it', [page(CONTACTS)], { open: true }],
    ['already on top: nothing to do', [page(CONTACTS), page(DIAL, BEN)], { stay: true }],
    ['below: back to it', [page(DIAL, BEN), page(CONTACTS)], { back: 1 }],
    ['further below: back to it', [page(CONTACTS), page(DIAL, BEN), page(ONBOARDING), page(CONTACTS)], { back: 2 }],
    [
      "another person's below: back to that one, which becomes his (no second copy)",
      [page(DIAL, CARL), page(CONTACTS)],
      { back: 1, replace: true },
    ],
    ["another person's on top: replaced", [page(CONTACTS), page(DIAL, CARL)], { back: 0, replace: true }],
  ])('%s', (_name, stack, expected) => {
    expect(routeTo(stack, 'dial', BEN)).toEqual(expected)
  })
})

test("a query value is compared as the stack's path holds it: encoded once", () => {
  expect(routeTo([page(DIAL, { openid: 'o%26b' })], 'dial', { openid: 'o&b' })).toEqual({ stay: true })
})

test('page urls carry each query value encoded once', () => {
  expect(pageUrl('dial', { openid: 'oA_1', nickname: '爱 丽&丝' })).toBe(
    '/pages/dial/index?openid=oA_1&nickname=%E7%88%B1%20%E4%B8%BD%26%E4%B8%9D',
  )
  expect(pageUrl('contacts')).toBe('/pages/contacts/index')
})
