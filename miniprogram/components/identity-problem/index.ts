// Who I am, while WeChat's servers are asked (platform doc §5): that it is under way, or why it failed, with a
// retry. Part of the profile card, which comes first wherever my profile is not complete.
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { store } from '../../store/index'
import * as strings from '../../strings'

const { profile } = store

ComponentWithStore({
  options: { styleIsolation: 'apply-shared' },
  data: { t: strings.identity },
  storeBindings: {
    store,
    fields: {
      fetching: () => profile.identity === 'fetching',
      problemText: () => strings.identityProblemText(profile.identityProblem),
    },
    actions: [],
  },
  methods: {
    onRetry() {
      void profile.fetchIdentity()
    },
  },
})
