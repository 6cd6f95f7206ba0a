// Booking a time with one contact (issue 23): date, start, length, mode and topic, sent as a card by #book-send.
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { duetPage } from '../../behaviors/duet-page'
import { withBehaviors } from '../../behaviors/settings-ways-out'
import { replaceWith } from '../../services/navigation'
import { shareFrom } from '../../share-cards'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { appointments, contacts } = store
const screen = store.screens.book

type PickerChange = WechatMiniprogram.CustomEvent<{ value: string | number }>
const picked = (e: PickerChange) => String(e.detail.value)

ComponentWithStore({
  ...withBehaviors(duetPage),
  data: { t: strings.book, tm: strings.modes },
  storeBindings: {
    store,
    structuralComparison: true,
    fields: {
      primary: () => screen.primary,
      form: () => screen.form,
      canSend: () => screen.canSend,
      sent: () => appointments.draftSent,
      consent: () => store.permissions.privacyPromptPending,
      hasProfile: () => store.profile.me !== null,
      heading: () => {
        const guest = appointments.draft?.guest
        return guest ? strings.fill(strings.bookFilled.with, { name: guest.nickname }) : ''
      },
      problemText: () => strings.appointmentProblemText(appointments.draftProblem),
    },
    actions: [],
  },
  methods: {
    /** Opened for one contact (its openid); a contact no longer kept leaves nothing to book. */
    load(query: Record<string, string | undefined>) {
      const contact = query.openid ? contacts.find(query.openid) : null
      if (contact) appointments.startBooking(contact, query.re)
      else appointments.stopBooking()
    },
    onDate(e: PickerChange) {
      appointments.edit({ date: picked(e) })
    },
    onTime(e: PickerChange) {
      appointments.edit({ time: picked(e) })
    },
    onLength(e: PickerChange) {
      appointments.chooseLength(Number(e.detail.value))
    },
    onModeVoice() {
      appointments.edit({ mode: 'voice' })
    },
    onModeVideo() {
      appointments.edit({ mode: 'video' })
    },
    onTopic(e: WechatMiniprogram.Input) {
      appointments.edit({ topic: e.detail.value })
    },
    onBack() {
      replaceWith('contacts')
    },
    onShareAppMessage(e: WechatMiniprogram.Page.IShareAppMessageOption) {
      return shareFrom(e, null)
    },
  },
})
