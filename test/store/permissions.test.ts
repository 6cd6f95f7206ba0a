// The permissions slice alone, on stand-in services: what WeChat says, read and never guessed; one popup per
// scope; a refusal learnt from getSetting; the one privacy prompt answered exactly once.
import { PermissionsStore } from '../../miniprogram/store/permissions'
import type { PrivacyAnswer } from '../../miniprogram/services/privacy'
import { Phone, standInServices, wxFailure } from './stand-ins'

function permissionsOn(phone: Partial<Phone> = {}) {
  const stand = standInServices(phone)
  const { privacy, scopes, system } = stand.services
  return { permissions: new PermissionsStore({ privacy, scopes, system }), ...stand }
}

test('refresh reads privacy, scopes, WeChat’s phone permissions and support', async () => {
  const { permissions } = permissionsOn({
    authSetting: { 'scope.record': true, 'scope.camera': false },
    phone: { microphone: 'authorized', camera: 'denied' },
    privacyNeeded: true,
  })
  await permissions.refresh()
  expect(permissions.snapshot).toEqual({
    support: 'supported',
    privacyBlocks: true,
    undeclared: [],
    scopes: { 'scope.record': 'granted', 'scope.camera': 'denied' },
    phone: { microphone: 'authorized', camera: 'denied' },
  })
  expect(permissions.lacks('video')).toEqual({ denied: ['scope.camera'], unasked: [], phoneDenied: ['camera'] })
})

test('a read WeChat fails keeps what was known, and the slice is loaded all the same', async () => {
  const { permissions, services } = permissionsOn()
  services.scopes.getAuthSetting = () => Promise.reject(wxFailure('getSetting'))
  services.privacy.getPrivacySetting = () => Promise.reject(wxFailure('getPrivacySetting'))
  await permissions.refresh()
  expect([permissions.loaded, permissions.privacy, permissions.scopes['scope.record']]).toEqual([
    true,
    'agreed',
    'unasked',
  ])
})

test('video asks one scope at a time, microphone first, never one already granted', async () => {
  const { permissions, asked } = permissionsOn({ authSetting: { 'scope.camera': true } })
  await permissions.refresh()
  expect(await permissions.request('video')).toBe('granted')
  expect(asked).toEqual(['authorize(scope.record)'])
})

test('a scope denied before is not asked: denied at once', async () => {
  const { permissions, asked } = permissionsOn({ authSetting: { 'scope.record': false } })
  await permissions.refresh()
  expect([await permissions.request('voice'), asked]).toEqual(['denied', []])
})

test('a refusal is learnt from getSetting; an answer that is neither is a failed request', async () => {
  const { permissions, phone } = permissionsOn({ authSetting: {}, popup: () => 'deny' })
  await permissions.refresh()
  expect(await permissions.request('voice')).toBe('denied')
  phone.authSetting = {}
  const again = permissionsOn({ authSetting: {} })
  again.services.scopes.authorize = () => Promise.reject(wxFailure('authorize'))
  await again.permissions.refresh()
  expect([await again.permissions.request('voice'), again.permissions.requestFailed]).toEqual(['failed', true])
})

test('errno 112 and 104 from a popup: the guide does not declare the device, or consent was refused', async () => {
  const undeclared = permissionsOn({ authSetting: {} })
  undeclared.services.scopes.authorize = () => Promise.reject(wxFailure('authorize', undefined, 112))
  expect(await undeclared.permissions.request('voice')).toBe('undeclared')
  expect(undeclared.permissions.undeclared).toEqual(['microphone'])
  const refused = permissionsOn({ authSetting: {} })
  refused.services.scopes.authorize = () => Promise.reject(wxFailure('authorize', undefined, 104))
  expect([await refused.permissions.request('voice'), refused.permissions.privacy]).toEqual([
    'privacy-declined',
    'declined',
  ])
})

test('the privacy prompt: pending blocks calls; agreeing answers WeChat once, naming the button', () => {
  const { permissions, services } = permissionsOn()
  let prompt: ((answer: (a: PrivacyAnswer) => void) => void) | undefined
  services.privacy.onNeedPrivacyAuthorization = (listener) => {
    prompt = listener
    return true
  }
  permissions.listenForPrivacyPrompts()
  const answers: PrivacyAnswer[] = []
  prompt?.((a) => answers.push(a))
  expect(permissions.privacyBlocks).toBe(true)
  permissions.agreePrivacy('privacy-agree')
  permissions.declinePrivacy()
  expect(answers).toEqual([{ event: 'agree', buttonId: 'privacy-agree' }])
  expect(permissions.privacy).toBe('declined')
})

test('the phone’s settings that cannot be opened are said so', async () => {
  const { permissions, services } = permissionsOn()
  services.system.openPhoneSettings = () => Promise.reject(wxFailure('openAppAuthorizeSetting'))
  expect([await permissions.openPhoneSettings(), permissions.phoneSettingsFailed]).toEqual([false, true])
})
