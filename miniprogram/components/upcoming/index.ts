// Home's upcoming appointments (issue 23): the next 7 days, in the phone's time; a row whose room is open (10
// minutes before its start until its end) is highlighted and offers #appt-join.
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { goTo } from '../../services/navigation'
import { store } from '../../store/index'
import * as strings from '../../strings'

// Read at each binding, not kept: the list is nothing until the appointments slice is built (store/later.ts).
const screens = store.screens

ComponentWithStore({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    /** Home has no other primary action: the open room's #appt-join is it. */
    lead: { type: Boolean, value: false },
  },
  data: { t: strings.upcoming },
  storeBindings: {
    store,
    structuralComparison: true,
    fields: {
      /** Only the first open room leads, so home keeps one primary action. */
      firstOpen: () => screens.upcoming.rows.findIndex((row) => row.open),
      rows: () =>
        screens.upcoming.rows.map((row) => ({
          id: row.id,
          open: row.open,
          text: strings.appointmentRowText(row.parts),
        })),
    },
    actions: [],
  },
  methods: {
    /** A row, or its #appt-join: the appointment's page, which is its room at its time. */
    onOpen(e: WechatMiniprogram.BaseEvent) {
      goTo('appointment', { appt: String(e.currentTarget.dataset.appt) })
    },
  },
})
