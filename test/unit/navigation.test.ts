// Going back never leaves a second copy of a page on the stack.
import { pageUrl, routeBack } from '../../miniprogram/services/navigation'

const CONTACTS = 'pages/contacts/index'
const DIAL = 'pages/dial/index'
const ONBOARDING = 'pages/onboarding/index'

test.each([
  ['contacts right below: one step back', [CONTACTS, DIAL], { back: 1 }],
  ['contacts further down: back to it', [CONTACTS, DIAL, ONBOARDING], { back: 2 }],
  ['the nearest copy when there are two', [CONTACTS, ONBOARDING, CONTACTS, DIAL], { back: 1 }],
  ['opened straight from a card: contacts replaces it', [DIAL], { replace: true }],
  ['contacts nowhere below: replaced', [ONBOARDING, DIAL], { replace: true }],
  ['already on contacts: it is not below, so it is replaced', [CONTACTS], { replace: true }],
])('%s', (_name, stack, expected) => {
  expect(routeBack(stack, 'contacts')).toEqual(expected)
})

test('page urls carry each query value encoded once', () => {
  expect(pageUrl('dial', { openid: 'oA_1', nickname: '爱 丽&丝' })).toBe(
    '/pages/dial/index?openid=oA_1&nickname=%E7%88%B1%20%E4%B8%BD%26%E4%B8%9D',
  )
  expect(pageUrl('contacts')).toBe('/pages/contacts/index')
})
