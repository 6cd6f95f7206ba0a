// An appointment (issue 23): a card opened from a chat (accept or decline it, then send the answer back), the
// answer to one of mine, or one of mine by its id. Nothing is kept without the person's own tap.
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { duetPage } from '../../behaviors/duet-page'
import { withBehaviors } from '../../behaviors/settings-ways-out'
import { replaceWith } from '../../services/navigation'
import { shareFrom } from '../../share-cards'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { appointments } = store
const screen = store.screens.appointment
const filled = strings.appointmentFilled

ComponentWithStore({
  ...withBehaviors(duetPage),
  data: { t: strings.appointment },
  storeBindings: {
    store,
    structuralComparison: true,
    fields: {
      consent: () => store.permissions.privacyPromptPending,
      primary: () => screen.primary,
      status: () => screen.status,
      appointment: () => screen.appointment,
      answerable: () => screen.answerable,
      canReply: () => appointments.reply !== null,
      title: () => {
        const shown = screen.appointment
        if (!shown) return ''
        return strings.fill(shown.iBooked ? filled.iBooked : filled.booksMe, { name: shown.other.nickname })
      },
      detail: () => {
        const shown = screen.appointment
        if (!shown) return ''
        const { when, mode, minutes } = shown
        return strings.fill(filled.detail, { date: strings.appointmentDate(when), mode: strings.modes[mode], minutes })
      },
      topic: () => {
        const topic = screen.appointment?.topic
        return topic ? strings.fill(filled.topic, { topic }) : ''
      },
      stateText: () => {
        const state = screen.appointment?.state
        return state ? strings.fill(filled.state, { state: strings.appointments.states[state] }) : ''
      },
      problemText: () => {
        const problem = appointments.problem
        return problem ? strings.fill(filled.problem, { problem: strings.appointmentProblemText(problem) }) : ''
      },
    },
    actions: [],
  },
  methods: {
    load(query: Record<string, string | undefined>) {
      appointments.open(query)
    },
    onAccept() {
      appointments.answer('accepted')
    },
    onDecline() {
      appointments.answer('declined')
    },
    onHome() {
      replaceWith('contacts')
    },
    onShareAppMessage(e: WechatMiniprogram.Page.IShareAppMessageOption) {
      return shareFrom(e, null)
    },
  },
})
