import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { settingsWaysOut, withBehaviors } from '../../behaviors/settings-ways-out'
import { goTo, pageUrl } from '../../services/navigation'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { contacts, profile } = store

type InputEvent = WechatMiniprogram.Input
const value = (e: InputEvent): string => e.detail.value

ComponentWithStore({
  ...withBehaviors(settingsWaysOut),
  data: {
    t: strings.contacts,
    tc: strings.common,
    /** Decided once per visit, so the card does not jump away the moment the profile is saved. */
    profileFirst: true,
  },
  storeBindings: {
    store,
    fields: {
      me: () => profile.me,
      profileForm: () => profile.form,
      profileError: () => strings.profileProblemText(profile.error),
      profileNotice: () => profile.notice,
      saving: () => profile.saving,
      avatar: () => profile.avatarShown,
      initial: () => Array.from(profile.nickname || profile.form.nickname || '?')[0],
      identityFetching: () => profile.identity === 'fetching',
      identityText: () => strings.identityProblemText(profile.identityProblem),
      devOptionsOpen: () => profile.devOptionsOpen,
      typedIdentity: () => profile.typedIdentity,
      form: () => contacts.form,
      formError: () => strings.contactProblemText(contacts.error),
      isDuplicate: () => contacts.error === 'duplicate',
      search: () => contacts.search,
      list: () => contacts.visible,
      total: () => contacts.items.length,
      canUndo: () => contacts.lastDeleted !== null,
      shareOffer: () => contacts.shareOffer,
      shareBadLink: () => contacts.shareProblem !== null,
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
    /** Typing in my profile; the input's data-field says which. */
    onProfileInput(e: InputEvent) {
      profile.setField(e.currentTarget.dataset.field as 'openid' | 'nickname', value(e))
    },
    /** The profile form's submit: the nickname is read now, after WeChat's content check (§6.1). */
    onSaveProfile(e: WechatMiniprogram.FormSubmit) {
      void profile.save(e.detail.value)
    },
    onChooseAvatar(e: WechatMiniprogram.CustomEvent<{ avatarUrl?: string }>) {
      profile.pickAvatar(e.detail.avatarUrl)
    },
    onNicknameReview(e: WechatMiniprogram.CustomEvent<{ pass?: boolean }>) {
      profile.reviewNickname(e.detail.pass !== false)
    },
    onRetryIdentity() {
      void profile.fetchIdentity()
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
    onAcceptShare() {
      contacts.acceptShareOffer()
    },
    onDismissShare() {
      contacts.dismissShare()
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
      const me = profile.me
      if (!me) return { title: strings.common.appName, path: pageUrl('contacts') }
      const card: Record<string, string> = { openid: me.openid, nickname: me.nickname }
      if (me.avatarUrl) card.avatar = me.avatarUrl
      return { title: strings.shareTitle(me.nickname), path: pageUrl('contacts', card) }
    },
  },
})
