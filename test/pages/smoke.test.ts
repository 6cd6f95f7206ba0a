import { launch } from '../harness/app'

test('onboarding renders the privacy step from the store', async () => {
  const app = await launch({ privacyNeedsAgreement: true })
  const page = await app.open('onboarding')
  expect(page.text('#step-title')).toBe('先看看隐私保护指引')
  expect(app.fake.trace()).toEqual(['onNeedPrivacyAuthorization', 'onNetworkStatusChange', 'getNetworkType', 'getPrivacySetting', 'getSetting', 'getAppAuthorizeSetting', 'canIUse(join1v1Chat)', 'getDeviceInfo'])
})
