// An appointment (issue 23): a card opened from a chat (accept or decline it, then send the answer back), the
// answer to one of mine, or one of mine by its id. Nothing is kept without the person's own tap.
import { autorun } from 'mobx-miniprogram'
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { duetPage } from '../../behaviors/duet-page'
import { screenBindings } from '../../behaviors/screen-bindings'
import { settingsWaysOut, withBehaviors } from '../../behaviors/settings-ways-out'
import { confirm } from '../../services/dialog'
import { goTo, replaceWith } from '../../services/navigation'
import * as screenOn from '../../services/screen'
import { shareFrom } from '../../share-cards'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { appointments, call } = store
const screen = store.screens.appointment
const filled = strings.appointmentFilled

ComponentWithStore({
  ...withBehaviors(duetPage, settingsWaysOut),
  data: { t: strings.appointment },
  storeBindings: screenBindings(screen, {
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
    callable: () => screen.callable,
    callBusy: () => call.busy,
    cancellable: () => appointments.cancellable,
    remindable: () => appointments.remindable,
    reschedulable: () => screen.reschedulable,
    calendarable: () => screen.calendarable,
    calendarResult: () => screen.calendarResult,
    calendarText: () => strings.say(strings.calendarWords, screen.calendarResult),
    asking: () => appointments.reminder === 'asking',
    reminderText: () => strings.say(strings.reminderWords, appointments.reminder),
    callText: () => {
      const shown = screen.appointment
      return shown ? strings.fill(filled.call[shown.mode], { name: shown.other.nickname }) : ''
    },
    roomText: () => {
      const note = screen.roomNote
      return strings.say(filled, note?.words, note && 'values' in note ? note.values : undefined)
    },
    problemText: () => {
      const problem = appointments.problem
      return problem ? strings.fill(filled.problem, { problem: strings.appointmentProblemText(problem) }) : ''
    },
  }),
  methods: {
    load(query: Record<string, string | undefined>) {
      appointments.open(query)
      // A first-time person is walked through privacy and permissions first, then brought back here (as for
      // an invitation); one who chose to look around sees the card.
      void store.start().then(() => {
        if (appointments.awaitingAnswer && store.onboarding.walksInviteeThrough) replaceWith('onboarding')
      })
    },
    show() {
      // The call state may be about someone else (a call elsewhere): this page is about the other person.
      const shown = appointments.shown
      if (shown) call.showGuest(shown.other, shown.mode)
    },
    /**
     * The guest in the open room stays reachable: 1v1 enabled, the screen kept on (WeChat ends keep-screen-on
     * when the person leaves Duet, so it is set again each time the page is on top).
     */
    whileOnTop() {
      let kept = false
      const stop = autorun(() => {
        const waiting = screen.callable && screen.appointment?.iBooked === false
        if (waiting === kept) return
        kept = waiting
        if (waiting) void store.reachability.ensure()
        if (waiting || !store.invitations.waiting) screenOn.keepOn(waiting)
      })
      return [
        () => {
          stop()
          if (kept && !store.invitations.waiting) screenOn.keepOn(false)
        },
      ]
    },
    /** #appt-call: the same preflight and join as every call, to the other person, in the booked mode. */
    onCall() {
      const shown = appointments.shown
      if (!shown) return
      call.openGuest(shown.other, shown.mode)
      void call.start()
    },
    onAccept() {
      appointments.answer('accepted')
    },
    onDecline() {
      appointments.answer('declined')
    },
    /** #appt-remind: WeChat's popup for one reminder must open within this tap. */
    onRemind() {
      appointments.remind()
    },
    /** #appt-calendar: WeChat takes the event only within this tap, so it leaves before anything waits. */
    onCalendar() {
      const shown = appointments.shown
      const view = screen.appointment
      if (!shown || !view || !screen.calendarable) return
      const values = { name: view.other.nickname, mode: strings.modes[view.mode], minutes: view.minutes }
      store.calendar.offer(shown, {
        title: strings.fill(filled.calendarTitle, values),
        description: strings.fill(filled.calendarDescription, values),
      })
    },
    /** #appt-reschedule: a new booking with the same person that names this one. */
    onReschedule() {
      const shown = appointments.shown
      if (shown) goTo('book', { openid: shown.other.openid, re: shown.id })
    },
    /** #appt-cancel: only after WeChat's confirmation dialog says yes. */
    async onCancel() {
      const shown = appointments.shown
      if (!shown) return
      const t = strings.appointment
      const content = strings.fill(filled.cancelBody, { name: shown.other.nickname })
      if (await confirm({ title: t.cancelTitle, content, confirmText: t.cancel, cancelText: t.keep })) {
        appointments.cancel()
      }
    },
    onHome() {
      replaceWith('contacts')
    },
    onShareAppMessage(e: WechatMiniprogram.Page.IShareAppMessageOption) {
      return shareFrom(e, null)
    },
  },
})
