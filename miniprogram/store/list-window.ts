// A long list shown a window at a time, sending the view only what changed (setData costs bytes). Pure.
//
// The view holds `order` (the ids shown, in order) and `rows` (id → row, or null once deleted). Between
// rebuilds the order only grows at its end, so an edit is one row, a delete or an undo one small value and
// reaching the end a page of new rows, however long the list. A rebuild (a new search, a new contact, coming
// back to the page) sends a new order; rows the view already holds are not sent again.

/** One row as the view renders it; kept small, since every byte of it crosses to the view. */
export type Row = Record<string, string | number | undefined>

export interface WindowView {
  /** Every id the list holds now, in order (e.g. the contacts matching the search). */
  ids: readonly string[]
  /** How many of them the window shows. */
  size: number
  /** Changes when the order must be rebuilt rather than grown (a count, or the ids themselves). */
  epoch: number | string
  row(id: string): Row
}

export class ListWindow {
  private order: string[] = []
  /** What the view holds for each id it was sent, as JSON (null: deleted). */
  private readonly sent = new Map<string, string | null>()
  private epoch: number | string | null = null

  /** The setData patch that brings the view from what it holds to `view`; empty when nothing changed. */
  update(view: WindowView): Record<string, unknown> {
    const patch: Record<string, unknown> = {}
    const present = new Set(view.ids)
    if (view.epoch !== this.epoch) {
      this.epoch = view.epoch
      this.order = view.ids.slice(0, view.size)
      patch.order = this.order
    } else {
      // Grow at the end with ids not shown yet, in list order, up to the window's size.
      const shown = new Set(this.order)
      const live = this.order.filter((id) => present.has(id)).length
      const more = view.ids.filter((id) => !shown.has(id)).slice(0, Math.max(0, view.size - live))
      for (const id of more) {
        patch[`order[${this.order.length}]`] = id
        this.order.push(id)
      }
    }
    for (const id of this.order) {
      const next = present.has(id) ? JSON.stringify(view.row(id)) : null
      if (this.sent.get(id) === next) continue
      if (next === null && !this.sent.has(id)) continue
      this.sent.set(id, next)
      patch[`rows.${id}`] = next === null ? null : view.row(id)
    }
    return patch
  }

  /** Ids the window shows that are still in the list: what a person sees. */
  visible(view: Pick<WindowView, 'ids'>): string[] {
    const present = new Set(view.ids)
    return this.order.filter((id) => present.has(id))
  }
}
