// The profile slice alone, on stand-in backend and system services: who I am, my nickname and my avatar.
import { ProfileContext, ProfileStore } from '../../miniprogram/store/profile'
import { BackendErrorStandIn } from './stand-ins'

const OPENID = 'oMe_000000000000000001'

function profileWith(backend: Partial<ProfileContext['backend']> = {}, offline = false) {
  const uploads: string[] = []
  const profile = new ProfileStore({
    isOffline: () => Promise.resolve(offline),
    backend: {
      identitySource: () => 'cloud',
      fetchMyOpenid: () => Promise.resolve(OPENID),
      BackendError: BackendErrorStandIn as unknown as ProfileContext['backend']['BackendError'],
      canShareAvatars: () => true,
      uploadAvatar: (openid, path) => {
        uploads.push(`${openid}:${path}`)
        return Promise.resolve('https://example.com/me.png')
      },
      ...backend,
    },
    system: { isPreReleaseBuild: () => false },
  })
  return { profile, uploads }
}

test('who I am comes from the backend; callers at the same time share one question', async () => {
  let asked = 0
  const { profile } = profileWith({
    fetchMyOpenid: () => {
      asked++
      return Promise.resolve(OPENID)
    },
  })
  expect(await Promise.all([profile.ensureIdentity(), profile.fetchIdentity()])).toEqual([true, true])
  expect([profile.openid, asked]).toEqual([OPENID, 1])
})

test.each([
  ['an answer that is no openid', { fetchMyOpenid: () => Promise.resolve('x') }, false, { kind: 'bad-answer' }],
  [
    'the backend’s own problem',
    { fetchMyOpenid: () => Promise.reject(new BackendErrorStandIn({ kind: 'timeout', code: -501002 })) },
    false,
    { kind: 'timeout', code: -501002 },
  ],
  ['no network', { fetchMyOpenid: () => Promise.reject(new Error('x')) }, true, { kind: 'offline' }],
  ['anything else', { fetchMyOpenid: () => Promise.reject(new Error('x')) }, false, { kind: 'service' }],
] as const)('%s: no openid, and the problem said', async (_name, backend, offline, problem) => {
  const { profile } = profileWith(backend, offline)
  expect(await profile.fetchIdentity()).toBe(false)
  expect([profile.openid, profile.identity, profile.identityProblem]).toEqual([null, 'failed', problem])
})

test('a picked avatar is uploaded under my openid on save; a failed upload keeps the rest and says so', async () => {
  const { profile, uploads } = profileWith()
  await profile.fetchIdentity()
  profile.pickAvatar('wxfile://tmp/a.png')
  expect(await profile.save({ nickname: '我' })).toBe(true)
  expect([uploads, profile.me, profile.notice]).toEqual([
    [`${OPENID}:wxfile://tmp/a.png`],
    { openid: OPENID, nickname: '我', avatarUrl: 'https://example.com/me.png' },
    'saved',
  ])
  const failing = profileWith({ uploadAvatar: () => Promise.reject(new Error('upload')) })
  await failing.profile.fetchIdentity()
  failing.profile.pickAvatar('wxfile://tmp/b.png')
  await failing.profile.save({ nickname: '我' })
  expect([failing.profile.nickname, failing.profile.notice, failing.profile.pickedAvatar]).toEqual([
    '我',
    'saved-without-avatar',
    'wxfile://tmp/b.png',
  ])
})

test('a nickname WeChat’s content check emptied is said so, and nothing is saved', async () => {
  const { profile } = profileWith()
  profile.reviewNickname(false)
  expect([await profile.save(), profile.error, profile.saved]).toEqual([false, 'nickname-rejected', null])
})

test('without a backend, a developer types my openid; 开发者选项 show', async () => {
  const { profile } = profileWith({ identitySource: () => 'typed' })
  expect([profile.typedIdentity, profile.devOptionsShown, await profile.fetchIdentity()]).toEqual([true, true, false])
  await profile.save({ nickname: '我', openid: OPENID })
  expect(profile.me).toEqual({ openid: OPENID, nickname: '我' })
})
