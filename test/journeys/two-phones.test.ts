// Two people, two phones, one WeChat Cloud: from a first launch to a call, with nobody typing an openid.
import type { LaunchedApp } from '../harness/app'
import { launchPhones } from '../harness/phones'
import { PageHandle, settle } from '../harness/page'
import { ANNA, BEN, GRANTED, savedIn, STORAGE_KEY } from '../fixtures'

const PICTURE = 'wxfile://tmp_anna_face.jpg'

async function saveProfile(page: PageHandle, nickname: string, pickAvatar: boolean): Promise<void> {
  if (pickAvatar) page.tap('#me-avatar')
  page.input('#me-nickname', nickname)
  page.tap('#me-save')
  await settle()
}

/** Anna's and Ben's first launches, each identity from the cloud; Anna picks an avatar and shares her card. */
async function annaAndBenStart() {
  const [anna, ben] = await launchPhones([
    { env: { openid: ANNA.openid, authSetting: GRANTED }, user: { avatars: [PICTURE] } },
    { env: { openid: BEN.openid, authSetting: GRANTED } },
  ])

  // Anna: her openid arrives from whoami without her typing anything; she chooses her avatar and nickname.
  const annaContacts = await anna.open('contacts')
  expect(anna.store.profile.openid).toBe(ANNA.openid)
  await saveProfile(annaContacts, '安娜', true)
  const annaAvatar = anna.store.profile.avatarUrl
  expect(annaAvatar).toMatch(/^https:\/\//)
  annaContacts.tap('#share-card')
  const [card] = anna.fake.ui.shared
  expect(card.title).toBe('安娜 邀请你在 Duet 上通话')

  // Ben: a first launch of his own, his own identity and name.
  const benHome = await ben.open('contacts')
  expect(ben.store.profile.openid).toBe(BEN.openid)
  await saveProfile(benHome, '阿本', false)
  return { anna, ben, annaAvatar, annaCard: card, benHome }
}

/** `phone` opens a card from the chat, which offers its sender, and adds them. */
async function addFromCard(phone: LaunchedApp, path: string, sender: string): Promise<void> {
  const fromCard = await phone.openUrl(path)
  expect(fromCard.text('#share-offer-who')).toBe(sender)
  fromCard.tap('#share-accept')
  await settle()
}

/** `phone` calls `openid` from the dial page; answers the join1v1Chat it made. */
async function calls(phone: LaunchedApp, openid: string) {
  const dial = await phone.open('dial', { openid })
  dial.tap('#call')
  await settle()
  return phone.fake.calls.find((c) => c.api === 'join1v1Chat')?.args as Record<string, Record<string, unknown>>
}

test('A opens Duet, gets her identity from the cloud, picks an avatar and a name, shares her card; B adds her and calls', async () => {
  const { anna, ben, annaAvatar, annaCard } = await annaAndBenStart()
  await addFromCard(ben, annaCard.path, '安娜')
  expect(ben.store.contacts.find(ANNA.openid)).toEqual({ ...ANNA, note: '', avatarUrl: annaAvatar })

  // Ben calls Anna: caller is Ben's cloud openid, listener is Anna's, with her avatar.
  const join = await calls(ben, ANNA.openid)
  expect(join).toMatchObject({
    caller: BEN,
    listener: { ...ANNA, headImage: annaAvatar },
    roomType: 'voice',
  })
  expect(join.caller).not.toHaveProperty('headImage')
  // Each phone kept to its own WeChat: nothing of Ben's reached Anna's phone, and the other way round.
  expect(anna.fake.count('join1v1Chat')).toBe(0)
  expect(ben.fake.count('cloud.uploadFile')).toBe(0)
  expect(Object.keys(anna.fake.env.storage)).toEqual([STORAGE_KEY])
  expect(savedIn(anna.fake.env.storage)!.contacts).toEqual([])
})

test("A, with her avatar in the cloud, calls B: her own https URL is the caller's headImage", async () => {
  const { anna, ben, annaAvatar, benHome } = await annaAndBenStart()
  benHome.tap('#share-card')
  await addFromCard(anna, ben.fake.ui.shared[0].path, '阿本')
  const join = await calls(anna, BEN.openid)
  expect(join.caller).toEqual({ ...ANNA, headImage: annaAvatar })
  expect(join.listener).toEqual(BEN)
})
