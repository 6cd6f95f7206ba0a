import { autorun } from 'mobx-miniprogram'
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { goTo, replaceWith } from '../../services/navigation'
import { myCard } from '../../share-cards'
import { store } from '../../store/index'
import { ListWindow } from '../../store/list-window'
import type { CallMode } from '../../store/model'
import * as strings from '../../strings'

const { call, contacts, onboarding, profile } = store

type InputEvent = WechatMiniprogram.Input
const value = (e: InputEvent): string => e.detail.value
const openidOf = (e: WechatMiniprogram.BaseEvent) => String(e.currentTarget.dataset.openid)

/** What this page keeps outside the store: its view of the list, and the watchers it started. */
interface PageState {
  list: ListWindow
  stop: Array<() => void>
  hidden: boolean
}
const states = new WeakMap<object, PageState>()

ComponentWithStore({
  data: {
    t: strings.contacts,
    tc: strings.common,
    /**
     * Decided once per visit (in onLoad), so the card does not jump away the moment the profile is saved;
     * null until then, so neither the card nor my cell is drawn and dropped.
     */
    profileFirst: null as boolean | null,
    /** The list window (store/list-window.ts): ids in order, and id → row. */
    order: [] as string[],
    rows: {} as Record<string, unknown>,
    /** What "today" is for the rows' last-call words, read when the page shows. */
    now: Date.now(),
    /** The contact whose action sheet is open. */
    sheetFor: '',
    sheetTitle: '',
    sheetActions: [
      { text: strings.contacts.edit, value: 'edit' },
      { text: strings.contacts.delete, value: 'delete', type: 'warn' },
    ],
  },
  storeBindings: {
    store,
    fields: {
      theme: () => store.appearance.theme,
      decided: () => onboarding.homeDecided,
      me: () => profile.me,
      myAvatar: () => profile.avatarShown,
      myInitial: () => Array.from(profile.nickname || '?')[0],
      editing: () => contacts.form.editing,
      search: () => contacts.search,
      total: () => contacts.items.length,
      noMatch: () => contacts.items.length > 0 && contacts.visible.length === 0,
      hasMore: () => contacts.hasMore,
      undoName: () => contacts.lastDeleted?.contact.nickname ?? '',
      pendingFrom: () => store.invitations.received?.from.nickname ?? '',
      storageNotice: () => strings.storageProblemText(store.persistence.problem),
      saveFailed: () => store.persistence.saveFailed,
      privacyPromptPending: () => store.permissions.privacyPromptPending,
    },
    actions: [],
  },
  methods: {
    /** Home. A share link opens it with the sender's card in the query. */
    onLoad(query: Record<string, string | undefined>) {
      void store.start()
      this.setData({ profileFirst: !profile.me })
      contacts.receiveCard(query || {})
      const list = new ListWindow()
      const stop = [
        // The list: only what changed crosses to the view (a row, a deletion, the next page of rows).
        autorun(() => {
          const patch = list.update(contacts.window)
          if (Object.keys(patch).length) this.setData(patch)
        }),
        // Someone new is walked through first, unless they chose to look around; a returning person never is.
        // Only while this page is on top: a redirect replaces whichever page is (onShow checks again).
        autorun(() => {
          if (onboarding.homeLeadsToWalkthrough && !states.get(this)?.hidden) replaceWith('onboarding')
        }),
      ]
      states.set(this, { list, stop, hidden: false })
    },
    onUnload() {
      states.get(this)?.stop.forEach((stop) => stop())
    },
    /** Back on the list (e.g. after a call): its order may have changed, and "today" may have too. */
    onShow() {
      const state = states.get(this)
      if (!state?.hidden) return
      state.hidden = false
      if (onboarding.homeLeadsToWalkthrough) return replaceWith('onboarding')
      contacts.refreshOrder()
      this.setData({ now: Date.now() })
      // Back from the phone's settings, perhaps: read permissions again.
      void store.pageShown()
    },
    onHide() {
      const state = states.get(this)
      if (state) state.hidden = true
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
    onShareAppMessage() {
      return myCard()
    },
  },
})
