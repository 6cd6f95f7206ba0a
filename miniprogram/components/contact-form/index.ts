// The contact form: adding someone by a typed openid (developers only, on my page), or editing a contact (in
// the contact list's half-screen dialog). One form in the store, whichever screen shows it.
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { contacts } = store

ComponentWithStore({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    /** Whether saving is the screen's one primary action (the page's view getter decides). */
    lead: { type: Boolean, value: false },
  },
  data: { t: strings.contactForm },
  storeBindings: {
    store,
    fields: {
      form: () => contacts.form,
      formError: () => strings.contactProblemText(contacts.error),
      isDuplicate: () => contacts.error === 'duplicate',
    },
    actions: [],
  },
  methods: {
    /** Typing in a field; the input's data-field says which. */
    onInput(e: WechatMiniprogram.Input) {
      contacts.setField(e.currentTarget.dataset.field as 'openid' | 'nickname' | 'note', e.detail.value)
    },
    onSubmit() {
      contacts.submit()
    },
    onUpdateExisting() {
      contacts.updateExisting()
    },
  },
})
