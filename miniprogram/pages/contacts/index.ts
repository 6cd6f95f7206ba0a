import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { settingsWaysOut, withBehaviors } from '../../behaviors/settings-ways-out'
import { goTo } from '../../services/navigation'
import { myCard } from '../../share-cards'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { contacts, profile, rings } = store

type InputEvent = WechatMiniprogram.Input
const value = (e: InputEvent): string => e.detail.value

ComponentWithStore({
  ...withBehaviors(settingsWaysOut),
  data: {
    t: strings.contacts,
    tc: strings.common,
    tr: strings.reach,
    canRing: rings.available,
    /** Decided once per visit, so the card does not jump away the moment the profile is saved. */
    profileFirst: true,
  },
  storeBindings: {
    store,
    fields: {
      me: () => profile.me,
      devOptionsOpen: () => profile.devOptionsOpen,
      form: () => contacts.form,
      formError: () => strings.contactProblemText(contacts.error),
      isDuplicate: () => contacts.error === 'duplicate',
      search: () => contacts.search,
      list: () => contacts.visible,
      total: () => contacts.items.length,
      canUndo: () => contacts.lastDeleted !== null,
      pendingFrom: () => store.invitations.pending?.from.nickname ?? '',
      allowRings: () => rings.allow,
      acceptCalls: () => store.reachability.acceptCalls,
      // Why others cannot call me now (setEnable1v1Chat refused), and what to do about it.
      reachProblem: () => strings.callProblemText(store.reachability.refusal?.problem ?? null),
      reachWay: () => store.reachability.wayOut,
      reachAskLabel: () =>
        strings.contacts.allowDevices.replace('{devices}', strings.deviceList(store.reachability.refusedDevices)),
      storageNotice: () => strings.storageProblemText(store.persistence.problem),
      saveFailed: () => store.persistence.saveFailed,
      privacyPromptPending: () => store.permissions.privacyPromptPending,
    },
    actions: [],
  },
  methods: {
    /** A share link opens this page with the sender's card in the query. */
    onLoad(query: Record<string, string | undefined>) {
      void store.start()
      this.setData({ profileFirst: !profile.me })
      contacts.receiveCard(query || {})
    },
    onToggleDevOptions() {
      profile.toggleDevOptions()
    },
    /** Typing in the add/edit form; the input's data-field says which. */
    onContactInput(e: InputEvent) {
      contacts.setField(e.currentTarget.dataset.field as 'openid' | 'nickname' | 'note', value(e))
    },
    onSubmit() {
      contacts.submit()
    },
    onUpdateExisting() {
      contacts.updateExisting()
    },
    onCancelEdit() {
      contacts.cancelEdit()
    },
    onSearch(e: InputEvent) {
      contacts.setSearch(value(e))
    },
    onEdit(e: WechatMiniprogram.BaseEvent) {
      contacts.startEdit(String(e.currentTarget.dataset.openid))
    },
    onDelete(e: WechatMiniprogram.BaseEvent) {
      contacts.remove(String(e.currentTarget.dataset.openid))
    },
    onUndo() {
      contacts.undoRemove()
    },
    onCall(e: WechatMiniprogram.BaseEvent) {
      goTo('dial', { openid: String(e.currentTarget.dataset.openid) })
    },
    onOpenInvitation() {
      goTo('invite')
    },
    /** WeChat's popup for one ring: asked in the synchronous part of the tap (platform doc §7.3). */
    onAllowRings() {
      void rings.allowOne()
    },
    onReachAsk() {
      void store.reachability.askAndRetry()
    },
    onReachRetry() {
      void store.reachability.retry()
    },
    onAcceptCalls(e: WechatMiniprogram.SwitchChange) {
      void store.reachability.setAcceptCalls(e.detail.value)
    },
    onDismissStorageNotice() {
      store.persistence.dismissProblem()
    },
    onShareAppMessage() {
      return myCard()
    },
  },
})
