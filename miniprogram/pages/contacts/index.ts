// Home: the contact list (a window over it), one-tap calls, the action sheet, undo; my profile first for someone
// new, my own page one tap away otherwise.
import { autorun } from 'mobx-miniprogram'
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { duetPage } from '../../behaviors/duet-page'
import { withBehaviors } from '../../behaviors/settings-ways-out'
import { goTo, replaceWith } from '../../services/navigation'
import { shareFrom } from '../../share-cards'
import { store } from '../../store/index'
import { ListWindow } from '../../store/list-window'
import type { CallMode } from '../../store/model'
import { initialOf } from '../../store/screens/call-screens'
import * as strings from '../../strings'

const { call, contacts, onboarding, profile } = store
const screen = store.screens.home
const t = strings.contacts

type InputEvent = WechatMiniprogram.Input
const value = (e: InputEvent): string => e.detail.value
const openidOf = (e: WechatMiniprogram.BaseEvent) => String(e.currentTarget.dataset.openid)

ComponentWithStore({
  ...withBehaviors(duetPage),
  data: {
    t,
    tc: strings.common,
    /** The list window (store/list-window.ts): ids in order, and id → row. */
    order: [] as string[],
    rows: {} as Record<string, unknown>,
    /** What "today" is for the rows' last-call words, read when the page shows. */
    now: Date.now(),
    /** The contact whose action sheet is open. */
    sheetFor: '',
    sheetTitle: '',
    sheetActions: [
      { text: strings.book.open, value: 'book' },
      { text: t.edit, value: 'edit' },
      { text: t.delete, value: 'delete', type: 'warn' },
    ],
  },
  storeBindings: {
    store,
    fields: {
      decided: () => onboarding.homeDecided,
      primary: () => screen.primary,
      profileFirst: () => screen.profileFirst,
      me: () => profile.me,
      myAvatar: () => profile.avatarShown,
      myInitial: () => initialOf(profile.nickname),
      editing: () => contacts.form.editing,
      search: () => contacts.search,
      total: () => contacts.items.length,
      noMatch: () => contacts.items.length > 0 && contacts.visible.length === 0,
      hasMore: () => contacts.hasMore,
      undoText: () => {
        const deleted = contacts.lastDeleted?.contact.nickname
        return deleted ? strings.fill(strings.contactsFilled.deleted, { name: deleted }) : ''
      },
      pendingText: () => {
        const from = store.invitations.received?.from.nickname
        return from ? strings.fill(strings.contactsFilled.pendingInvite, { name: from }) : ''
      },
      storageNotice: () => strings.storageProblemText(store.persistence.problem),
      saveFailed: () => store.persistence.saveFailed,
      privacyPromptPending: () => store.permissions.privacyPromptPending,
    },
    actions: [],
  },
  methods: {
    /** A share link opens home with the sender's card in the query. */
    load(query: Record<string, string | undefined>) {
      screen.opened()
      contacts.receiveCard(query)
      void contacts.prepareSearch()
    },
    whileLoaded() {
      const list = new ListWindow()
      // The list: only what changed crosses to the view (a row, a deletion, the next page of rows).
      return [
        autorun(() => {
          const patch = list.update(contacts.window)
          if (Object.keys(patch).length) this.setData(patch)
        }),
      ]
    },
    /** Someone new is walked through first, unless they chose to look around; a returning person never is. */
    whileOnTop() {
      return [
        autorun(() => {
          if (onboarding.homeLeadsToWalkthrough) replaceWith('onboarding')
        }),
      ]
    },
    /** Back on the list (e.g. after a call): its order may have changed, and "today" may have too. */
    show(again: boolean) {
      if (!again) return
      contacts.refreshOrder()
      this.setData({ now: Date.now() })
    },
    onReachBottom() {
      contacts.showMore()
    },
    onShowMore() {
      contacts.showMore()
    },
    /** My profile and how others reach me: my own page. */
    onOpenMe() {
      goTo('me')
    },
    onCancelEdit() {
      contacts.cancelEdit()
    },
    onSearch(e: InputEvent) {
      contacts.setSearch(value(e))
    },
    onClearSearch() {
      contacts.setSearch('')
    },
    /** The row itself: the dial page, with its modes, invitation and history. */
    onOpen(e: WechatMiniprogram.BaseEvent) {
      goTo('dial', { openid: openidOf(e) })
    },
    onCallVoice(e: WechatMiniprogram.BaseEvent) {
      this.callNow(openidOf(e), 'voice')
    },
    onCallVideo(e: WechatMiniprogram.BaseEvent) {
      this.callNow(openidOf(e), 'video')
    },
    /** One tap: the call starts now, through the same preflight, and the dial page shows how it goes. */
    callNow(openid: string, mode: CallMode) {
      void call.startWith(openid, mode)
      goTo('dial', { openid })
    },
    onMore(e: WechatMiniprogram.BaseEvent) {
      const openid = openidOf(e)
      this.setData({ sheetFor: openid, sheetTitle: contacts.find(openid)?.nickname ?? '' })
    },
    onSheetAction(e: WechatMiniprogram.CustomEvent<{ value?: string }>) {
      const openid = this.data.sheetFor
      this.setData({ sheetFor: '' })
      if (e.detail.value === 'book') goTo('book', { openid })
      if (e.detail.value === 'edit') contacts.startEdit(openid)
      if (e.detail.value === 'delete') contacts.remove(openid)
    },
    onSheetClose() {
      this.setData({ sheetFor: '' })
    },
    onUndo() {
      contacts.undoRemove()
    },
    onOpenInvitation() {
      goTo('invite')
    },
    onDismissStorageNotice() {
      store.persistence.dismissProblem()
    },
    onShareAppMessage(e: WechatMiniprogram.Page.IShareAppMessageOption) {
      return shareFrom(e, null)
    },
  },
})
