// Consent to the privacy guide (platform doc §1), wherever a privacy prompt must be answerable.
// It answers WeChat through the store and tells its page with `agree` and `decline` events.
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { store } from '../../store/index'
import * as strings from '../../strings'

/** WeChat records consent against the tapped button's id, and the answer to its prompt must name it. */
const AGREE_BUTTON_ID = 'privacy-agree'

ComponentWithStore({
  options: { styleIsolation: 'apply-shared' },
  data: { tp: strings.privacy, agreeId: AGREE_BUTTON_ID },
  storeBindings: {
    store,
    fields: {
      declined: () => store.permissions.privacy === 'declined',
      pending: () => store.permissions.privacyPromptPending,
      contractLink: () => {
        const name = store.permissions.privacyContractName
        return name ? strings.fill(strings.privacy.viewContract, { name }) : strings.privacy.link
      },
    },
    actions: [],
  },
  methods: {
    onAgree(e: WechatMiniprogram.CustomEvent) {
      store.agreePrivacy(e.currentTarget.id || AGREE_BUTTON_ID)
      this.triggerEvent('agree')
    },
    onDecline() {
      store.permissions.declinePrivacy()
      this.triggerEvent('decline')
    },
    onOpenContract() {
      void store.permissions.openPrivacyContract()
    },
  },
})
