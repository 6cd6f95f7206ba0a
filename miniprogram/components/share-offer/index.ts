// A person offered by an opened card or invitation: nothing is saved without the person's yes. Once added,
// my own card can go back (a share button: the page's onShareAppMessage answers it for `send-card-back`).
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { contacts } = store

ComponentWithStore({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    /** Whether adding is the screen's main action (a page has only one). */
    primary: { type: Boolean, value: false },
  },
  data: { t: strings.shareOffer },
  storeBindings: {
    store,
    fields: {
      offer: () => contacts.shareOffer,
      initial: () => Array.from(contacts.shareOffer?.person.nickname ?? '?')[0],
      badLink: () => contacts.shareProblem !== null,
      sendBackTo: () => contacts.sendBackTo,
    },
    actions: [],
  },
  methods: {
    onAccept() {
      contacts.acceptShareOffer()
    },
    onDismiss() {
      contacts.dismissShare()
    },
    /** The share itself is WeChat's; afterwards the offer to send my card is done. */
    onSendBack() {
      contacts.dismissSendBack()
    },
  },
})
