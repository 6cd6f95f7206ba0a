// One test per page: the shared store drives what the page shows.
import { launch } from '../harness/app'
import { settle } from '../harness/page'
import { contactNames } from '../harness/screens'
import { ALICE, GRANTED, stored } from '../fixtures'

test('onboarding: the step on screen follows the permissions store', async () => {
  const app = await launch({ privacyNeedsAgreement: true })
  const page = await app.open('onboarding')
  expect(page.text('#step-title')).toBe('先看看隐私保护指引')
  expect(app.fake.trace()).toEqual([
    'onNeedPrivacyAuthorization',
    'getAppBaseInfo',
    'onThemeChange',
    'onNetworkStatusChange',
    'getNetworkType',
    'getPrivacySetting',
    'getSetting',
    'getAppAuthorizeSetting',
    'canIUse(join1v1Chat)',
    'getDeviceInfo',
  ])
  app.store.permissions.agreePrivacy('privacy-agree')
  await settle()
  expect(page.text('#step-title')).toBe('通话需要这些权限')
})

test('contacts: the list follows the contacts store', async () => {
  const app = await launch({ authSetting: GRANTED })
  const page = await app.open('contacts')
  expect(page.text('#empty-title')).toBe('还没有联系人')
  app.store.contacts.load([ALICE])
  await settle()
  expect(page.exists('#empty-state')).toBe(false)
  expect(contactNames(page)).toEqual([ALICE.nickname])
})

test('dial: the contact and mode come from the store', async () => {
  const app = await launch({ storage: stored({ contacts: [ALICE] }) })
  const page = await app.open('dial', { openid: ALICE.openid })
  expect(page.text('#contact-name')).toBe('爱丽丝')
  expect(page.attr('#mode-audio', 'aria-checked')).toBe(true)
  app.store.call.setMode('video')
  await settle()
  expect(page.attr('#mode-video', 'aria-checked')).toBe(true)
  expect(page.text('#call')).toBe('视频呼叫')
})
