// Home's upcoming appointments (issue 23): the next 7 days, in the phone's time; a row whose room is open (10
// minutes before its start until its end) is highlighted and offers #appt-join. Home shows the first few, so
// the contacts stay near the top; #upcoming-all shows the rest. Rows cross to the view one by one (a window,
// store/list-window.ts): a row that changes, or the clock lighting one up, sends that row alone.
import { autorun, IReactionDisposer } from 'mobx-miniprogram'
import { ComponentWithStore } from 'mobx-miniprogram-bindings'
import { goTo } from '../../services/navigation'
import { store } from '../../store/index'
import { ListWindow } from '../../store/list-window'
import * as strings from '../../strings'

// Read at each binding, not kept: the list is nothing until the appointments slice is built (store/later.ts).
const screens = store.screens

/** The list as a window: the rows shown, rebuilt when the order or how many are shown changes. */
function upcomingWindow() {
  const screen = screens.upcoming
  const rows = screen.rows
  const byId = new Map(rows.map((row) => [row.id, row]))
  const ids = rows.map((row) => row.id)
  return {
    ids,
    size: screen.shownCount,
    epoch: `${screen.shownCount} ${ids.join(' ')}`,
    row: (id: string) => {
      const row = byId.get(id)
      return row ? { t: strings.appointmentRowText(row.parts), o: row.open ? 1 : undefined } : {}
    },
  }
}

/** Each shown list's autorun, by component instance, stopped when it leaves the page. */
const watching = new WeakMap<object, IReactionDisposer>()

ComponentWithStore({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    /** Home has no other primary action: the open room's #appt-join is it. */
    lead: { type: Boolean, value: false },
  },
  data: { t: strings.upcoming, order: [] as string[], rows: {} as Record<string, unknown> },
  storeBindings: {
    store,
    fields: {
      count: () => screens.upcoming.rows.length,
      hidden: () => screens.upcoming.hidden,
      expanded: () => screens.upcoming.expanded,
      /** Only the first open room leads, so home keeps one primary action. */
      firstOpen: () => screens.upcoming.firstOpen,
      allText: () => strings.fill(strings.upcomingFilled.all, { count: screens.upcoming.rows.length }),
    },
    actions: [],
  },
  lifetimes: {
    attached() {
      const list = new ListWindow()
      watching.set(
        this,
        autorun(() => {
          const patch = list.update(upcomingWindow())
          if (Object.keys(patch).length) this.setData(patch)
        }),
      )
    },
    detached() {
      watching.get(this)?.()
      watching.delete(this)
    },
  },
  methods: {
    /** A row, or its #appt-join: the appointment's page, which is its room at its time. */
    onOpen(e: WechatMiniprogram.BaseEvent) {
      goTo('appointment', { appt: String(e.currentTarget.dataset.appt) })
    },
    /** #upcoming-all / #upcoming-fold. */
    onToggle() {
      screens.upcoming.toggle()
    },
  },
})
