// Privacy consent in the walkthrough: declining, and a prompt WeChat raises mid-request.
import type { Environment } from '../../wechat-model'
import { launch } from '../harness/app'
import { settle } from '../harness/page'
import { walkthroughAt } from '../harness/screens'

test('declining explains that calls need consent, blocks every request, and offers the button again', async () => {
  const app = await launch({ privacyNeedsAgreement: true }, { popups: { 'scope.record': ['allow'] } })
  const page = await app.open('onboarding')
  page.tap('#privacy-decline')
  await settle()
  expect(page.text('#privacy-text')).toContain('不同意的话，微信不允许 Duet 使用麦克风和摄像头')
  expect(page.exists('#privacy-agree')).toBe(true)
  expect(page.exists('#grant')).toBe(false)
  expect(app.fake.count('authorize')).toBe(0)
  page.tap('#privacy-agree')
  await settle()
  expect(page.text('#step-title')).toBe('通话需要这些权限')
})

test('the full guide opens from the link', async () => {
  const app = await launch({ privacyNeedsAgreement: true })
  const page = await app.open('onboarding')
  page.tap('#privacy-contract')
  await settle()
  expect(app.fake.privacy.contractOpened).toBe(1)
})

describe('a privacy prompt raised by WeChat during a request (e.g. the guide changed)', () => {
  async function midRequest(env: Partial<Environment> = {}) {
    const app = await launch(env, { popups: { 'scope.record': ['allow'], 'scope.camera': ['allow'] } })
    const page = await app.open('onboarding')
    app.fake.env.privacyNeedsAgreement = true
    page.tap('#grant')
    await settle()
    return { app, page }
  }

  test('shows our consent UI; agreeing resolves with the tapped button and the request goes on', async () => {
    const { app, page } = await midRequest()
    expect(page.text('#step-title')).toBe('先看看隐私保护指引')
    expect(app.fake.scopes.popupsShown).toEqual([])
    page.tap('#privacy-agree')
    await settle()
    // Consent is given once: the camera request that follows is not gated again.
    expect(app.fake.trace(['privacy', 'permission']).slice(-6)).toEqual([
      'authorize(scope.record)',
      'agreePrivacyAuthorization(#privacy-agree)',
      'resolvePrivacy(agree #privacy-agree)',
      'getPrivacySetting',
      'authorize(scope.camera)',
      'getPrivacySetting',
    ])
    expect(app.fake.scopes.popupsShown).toEqual(['scope.record', 'scope.camera'])
    expect(walkthroughAt(app, page)).toBe('done')
  })

  // §1.7: WeChat fails the held authorize as errno 104, errno 103 or only with the text; each is a refusal.
  test.each(['errno-104', 'errno-103', 'text-only'] as const)(
    'disagreeing fails the pending call (refusal shaped %s), asks for nothing more, and says why',
    async (privacyRefusal) => {
      const { app, page } = await midRequest({ privacyRefusal })
      page.tap('#privacy-decline')
      await settle()
      expect(app.fake.trace(['privacy', 'permission']).slice(-2)).toEqual([
        'authorize(scope.record)',
        'resolvePrivacy(disagree)',
      ])
      expect(app.fake.scopes.popupsShown).toEqual([])
      expect(page.text('#privacy-text')).toContain('你还没有同意隐私保护指引')
      expect(app.store.permissions.privacy).toBe('declined')
      expect(page.exists('#grant')).toBe(false)
    },
  )
})
