// My profile with WeChat's own controls (platform doc §6.1): the avatar picker and the nickname field,
// read at submit after WeChat's content check. On my page, and where a person first needs a name: contacts for
// someone new, invitations. Where developers may type openids, it holds the 开发者选项 disclosure.
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { profile } = store

ComponentWithStore({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    /** Why a name is asked for here; the profile's own hint when empty. */
    hint: { type: String, value: '' },
    /** Whether saving is the screen's one primary action (the page's view getter decides). */
    lead: { type: Boolean, value: false },
  },
  data: { t: strings.profile, devOptionsShown: profile.devOptionsShown },
  storeBindings: {
    store,
    fields: {
      form: () => profile.form,
      error: () => strings.profileProblemText(profile.error),
      notice: () => strings.profileNoticeText(profile.notice),
      saving: () => profile.saving,
      avatar: () => profile.avatarShown,
      // The first character of my name, or a word saying the picture is still to choose.
      initial: () => {
        const name = profile.nickname || profile.form.nickname
        return name ? Array.from(name)[0] : strings.profile.avatarPlaceholder
      },
      // Typing an openid is for developers only, where WeChat Cloud cannot say who I am.
      openidField: () => profile.typedIdentity && profile.devOptionsOpen,
      devOptionsOpen: () => profile.devOptionsOpen,
    },
    actions: [],
  },
  methods: {
    onInput(e: WechatMiniprogram.Input) {
      profile.setField(e.currentTarget.dataset.field as 'openid' | 'nickname', e.detail.value)
    },
    /** The nickname is read now, after WeChat's content check (§6.1). */
    onSave(e: WechatMiniprogram.FormSubmit) {
      void profile.save(e.detail.value)
    },
    onChooseAvatar(e: WechatMiniprogram.CustomEvent<{ avatarUrl?: string }>) {
      profile.pickAvatar(e.detail.avatarUrl)
    },
    onNicknameReview(e: WechatMiniprogram.CustomEvent<{ pass?: boolean }>) {
      profile.reviewNickname(e.detail.pass !== false)
    },
    onToggleDevOptions() {
      profile.toggleDevOptions()
    },
  },
})
