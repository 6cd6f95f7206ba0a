// Opening a page never leaves a second copy of it on the stack: a page already open is gone back to.
import { pageUrl, routeTo } from '../../miniprogram/services/navigation'

const CONTACTS = 'pages/contacts/index'
const DIAL = 'pages/dial/index'
const INVITE = 'pages/invite/index'
const ONBOARDING = 'pages/onboarding/index'

test.each([
  ['contacts right below: one step back', [CONTACTS, DIAL], { back: 1 }],
  ['contacts further down: back to it', [CONTACTS, DIAL, ONBOARDING], { back: 2 }],
  ['the nearest copy when there are two', [CONTACTS, ONBOARDING, CONTACTS, DIAL], { back: 1 }],
  ['already on contacts: nothing to do', [CONTACTS], { here: true }],
  ['opened straight from a card: contacts is new', [DIAL], { new: true }],
  ['contacts nowhere on the stack: new', [ONBOARDING, DIAL], { new: true }],
  ['looking around from a walkthrough that began at home', [CONTACTS, ONBOARDING], { back: 1 }],
  ['an empty stack (at launch): new', [], { new: true }],
])('%s', (_name, stack, expected) => {
  expect(routeTo(stack, 'contacts')).toEqual(expected)
})

test('the same rule for every page: the walkthrough ending back on the invitation that started it', () => {
  expect(routeTo([CONTACTS, INVITE, ONBOARDING], 'invite')).toEqual({ back: 1 })
  expect(routeTo([CONTACTS, ONBOARDING], 'invite')).toEqual({ new: true })
})

test('page urls carry each query value encoded once', () => {
  expect(pageUrl('dial', { openid: 'oA_1', nickname: '爱 丽&丝' })).toBe(
    '/pages/dial/index?openid=oA_1&nickname=%E7%88%B1%20%E4%B8%BD%26%E4%B8%9D',
  )
  expect(pageUrl('contacts')).toBe('/pages/contacts/index')
})
