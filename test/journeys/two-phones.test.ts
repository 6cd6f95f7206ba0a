// Two people, two phones, one WeChat Cloud: from a first launch to a call, with nobody typing an openid.
import { launchPhones } from '../harness/phones'
import { PageHandle, settle } from '../harness/page'
import { ANNA, BEN, GRANTED, STORAGE_KEY } from '../fixtures'

const PICTURE = 'wxfile://tmp_anna_face.jpg'

async function saveProfile(page: PageHandle, nickname: string, pickAvatar: boolean): Promise<void> {
  if (pickAvatar) page.tap('#me-avatar')
  page.input('#me-nickname', nickname)
  page.tap('#me-save')
  await settle()
}

test('A opens Duet, gets her identity from the cloud, picks an avatar and a name, shares her card; B adds her and calls', async () => {
  const [anna, ben] = await launchPhones([
    { env: { openid: ANNA.openid, authSetting: GRANTED }, user: { avatars: [PICTURE] } },
    { env: { openid: BEN.openid, authSetting: GRANTED } },
  ])

  // Anna: her openid arrives from whoami without her typing anything; she chooses her avatar and nickname.
  const annaContacts = await anna.open('contacts')
  expect(anna.store.profile.openid).toBe(ANNA.openid)
  await saveProfile(annaContacts, ANNA.nickname, true)
  const annaAvatar = anna.store.profile.avatarUrl
  expect(annaAvatar).toMatch(/^https:\/\//)
  annaContacts.tap('#share-card')
  const [card] = anna.fake.ui.shared
  expect(card.title).toBe('安娜 邀请你在 Duet 上通话')

  // Ben: a first launch of his own, his own identity, then Anna's card from the chat.
  const benHome = await ben.open('contacts')
  expect(ben.store.profile.openid).toBe(BEN.openid)
  await saveProfile(benHome, BEN.nickname, false)
  const fromCard = await ben.openUrl(card.path)
  expect(fromCard.text('#share-offer-who')).toBe(ANNA.nickname)
  fromCard.tap('#share-accept')
  await settle()
  expect(ben.store.contacts.find(ANNA.openid)).toEqual({ ...ANNA, note: '', avatarUrl: annaAvatar })

  // Ben calls Anna: caller is Ben's cloud openid, listener is Anna's, with her avatar.
  const dial = await ben.open('dial', { openid: ANNA.openid })
  dial.tap('#call')
  await settle()
  const join = ben.fake.calls.find((c) => c.api === 'join1v1Chat')?.args
  expect(join).toMatchObject({
    caller: BEN,
    listener: { ...ANNA, headImage: annaAvatar },
    roomType: 'voice',
  })
  expect((join as { caller: object }).caller).not.toHaveProperty('headImage')
  // Each phone kept to its own WeChat: nothing of Ben's reached Anna's phone, and the other way round.
  expect(anna.fake.count('join1v1Chat')).toBe(0)
  expect(ben.fake.count('cloud.uploadFile')).toBe(0)
  expect(Object.keys(anna.fake.env.storage)).toEqual([STORAGE_KEY])
  expect((anna.fake.env.storage[STORAGE_KEY] as { contacts: unknown[] }).contacts).toEqual([])
})
