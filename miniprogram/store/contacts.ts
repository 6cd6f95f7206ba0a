import { computed, makeAutoObservable, observable } from 'mobx-miniprogram'
import { outcomeOf } from './history'
import type { Row, WindowView } from './list-window'
import type { CallRecord, Contact, Person } from './model'
import { initialsMatcher, prepareInitials } from './pinyin'
import { checkAvatarUrl, checkNote, checkPerson, InputProblem, safeDecode } from './validation'

export type ContactProblem = InputProblem | 'duplicate' | 'self'
export type ShareLinkProblem = InputProblem | 'avatar-invalid'

export interface ContactForm {
  openid: string
  nickname: string
  note: string
  /** The openid being edited, or null when adding. */
  editing: string | null
}

const emptyForm = (): ContactForm => ({ openid: '', nickname: '', note: '', editing: null })

/** What the contacts slice needs from the rest of the store. */
export interface ContactsContext {
  /** My own openid, so I am never offered or added as my own contact. */
  myOpenid(): string | null
  /** Each contact's newest call: the list's order, and what each row says about it. */
  lastCall(): Readonly<Record<string, CallRecord>>
}

/** How long "undo" is offered after a delete: long enough to notice a slip, short enough not to linger. */
export const UNDO_MS = 6000

/** Rows shown when the list opens: a screenful and a little more, so it can scroll. */
export const FIRST_ROWS = 12
/** Rows added each time the end is reached, and shown for a new search: small enough to send at once. */
export const MORE_ROWS = 6

/** Sorts names as a Chinese reader expects; built on first use (it is not free, and a launch may not sort). */
let collator: Intl.Collator | null = null
const compareNames = (a: string, b: string) => (collator ??= new Intl.Collator('zh-CN')).compare(a, b)

type LastCalls = Readonly<Record<string, CallRecord>>

/** The list's order: most recently called first, then by name, then by openid (so it is one order, always). */
function listOrder(last: LastCalls): (a: Contact, b: Contact) => number {
  const at = (c: Contact) => last[c.openid]?.at ?? 0
  return (a, b) => at(b) - at(a) || compareNames(a.nickname, b.nickname) || (a.openid < b.openid ? -1 : 1)
}

/** An order, and the contacts and calls it was made from. */
interface Ordered {
  items: readonly Contact[]
  last: LastCalls
  order: Contact[]
}

/**
 * The order of `items` given `last`, made from the previous one when only a few contacts changed place (an
 * edit, an add, a delete, a call): those are taken out and put back where they belong, by binary search,
 * instead of sorting ten thousand names again. The result is the same as a full sort (the order is total).
 */
export function orderContacts(previous: Ordered | null, items: readonly Contact[], last: LastCalls): Contact[] {
  const compare = listOrder(last)
  if (!previous) return items.slice().sort(compare)
  const sameItems = items === previous.items
  const before = sameItems ? null : new Set(previous.items)
  const present = sameItems ? null : new Set(items)
  const moving = new Set(present ? previous.items.filter((c) => !present.has(c)) : [])
  const placing = before ? items.filter((c) => !before.has(c)) : []
  if (last !== previous.last) {
    // Whose newest call changed: a few openids among the history's, not every contact.
    const called = new Set<string>()
    for (const openid of Object.keys(last)) if (last[openid] !== previous.last[openid]) called.add(openid)
    for (const openid of Object.keys(previous.last)) if (!last[openid]) called.add(openid)
    if (called.size)
      for (const c of items)
        if (called.has(c.openid) && (!before || before.has(c))) {
          moving.add(c)
          placing.push(c)
        }
  }
  // Many changes at once (a launch, a restore): sorting again is as quick.
  if (moving.size + placing.length > items.length / 8) return items.slice().sort(compare)
  const order = moving.size ? previous.order.filter((c) => !moving.has(c)) : previous.order.slice()
  for (const c of placing) {
    let low = 0
    let high = order.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (compare(order[mid], c) < 0) low = mid + 1
      else high = mid
    }
    order.splice(low, 0, c)
  }
  return order
}

/** What a search looks in, lowercased once per record (a record is replaced, never changed, so it never goes stale). */
const searchText = new WeakMap<Contact, string>()
function searchTextOf(c: Contact): string {
  let text = searchText.get(c)
  if (text === undefined) {
    text = `${c.nickname}\n${c.note}`.toLowerCase()
    searchText.set(c, text)
  }
  return text
}

/** Contacts prepared for search per turn of the warm-up: a few milliseconds, so taps are not held up. */
const PREPARED_PER_TURN = 500
/** The warm-up starts this long after home asks for it: the first screen is drawn first. */
const PREPARE_AFTER_MS = 300

/**
 * The people I can call. Every change lands in `items`, a new array of plain records, never changed in place
 * (records loaded are frozen, and each save freezes the array it writes), so MobX watches the array alone, not
 * every field of ten thousand contacts, and a save tells what changed by reference (saved-layout.ts). The root
 * store persists it.
 */
export class ContactsStore {
  items: Contact[] = []
  form: ContactForm = emptyForm()
  error: ContactProblem | null = null
  search = ''
  /** The last deletion, kept until the next change so it can be undone (the list sorts it back in place). */
  lastDeleted: { contact: Contact } | null = null
  /** A contact offered by an opened share link. */
  shareOffer: { person: Person; existing: boolean } | null = null
  shareProblem: ShareLinkProblem | null = null
  /** Someone just added from their card: I may send mine back, so we both have each other. */
  sendBackTo: Person | null = null
  /** How many rows of `visible` the list shows. */
  shown = FIRST_ROWS
  /** Bumped when the list's order must be rebuilt (a new search, a new contact, the page shown again). */
  listEpoch = 0

  private undoTimer: ReturnType<typeof setTimeout> | null = null
  /** The search's warm-up (prepareSearch): once started, and its next turn. */
  private prepared: Promise<void> | null = null
  private prepareTimer: ReturnType<typeof setTimeout> | null = null
  /** The last order made, so the next is made from it (see orderContacts). */
  private lastOrder: Ordered | null = null

  constructor(private readonly ctx: ContactsContext) {
    makeAutoObservable<this, 'ctx' | 'undoTimer' | 'prepared' | 'prepareTimer' | 'lastOrder'>(
      this,
      {
        ctx: false,
        undoTimer: false,
        prepared: false,
        prepareTimer: false,
        lastOrder: false,
        items: observable.ref,
        // Kept while nothing reads them too: actions look contacts up, and a keystroke filters the order.
        byId: computed({ keepAlive: true }),
        ordered: computed({ keepAlive: true }),
      },
      { autoBind: true },
    )
  }

  load(items: Contact[]): void {
    this.items = items.map((c) => Object.freeze(c))
  }

  /** Each contact by openid. */
  get byId(): ReadonlyMap<string, Contact> {
    return new Map(this.items.map((c) => [c.openid, c]))
  }

  /**
   * Every contact, most recently called first, then by name. It follows the contacts and the calls, not the
   * search: a keystroke only filters it.
   */
  get ordered(): readonly Contact[] {
    const last = this.ctx.lastCall()
    const order = orderContacts(this.lastOrder, this.items, last)
    this.lastOrder = { items: this.items, last, order }
    return order
  }

  /** Contacts whose nickname or note holds the search, or whose initials it is (wdc: 王大锤), in order. */
  get visible(): readonly Contact[] {
    const search = this.search.trim().toLowerCase()
    if (!search) return this.ordered
    const initials = initialsMatcher(search)
    return this.ordered.filter(
      (c) => searchTextOf(c).includes(search) || (!!initials && (initials(c.nickname) || initials(c.note))),
    )
  }

  /** The openids of `visible`, in order: what the list window is built from. */
  get visibleIds(): string[] {
    return this.visible.map((c) => c.openid)
  }

  /** More matches than the list shows: the person can ask for more (or scroll to them). */
  get hasMore(): boolean {
    return this.visible.length > this.shown
  }

  /** The list as a window over `visible` (see list-window.ts). */
  get window(): WindowView {
    return { ids: this.visibleIds, size: this.shown, epoch: this.listEpoch, row: this.rowOf }
  }

  /** One contact's row: only what the view renders, with short keys (every byte crosses to the view). */
  rowOf(openid: string): Row {
    const c = this.find(openid)
    if (!c) return {}
    const last = this.ctx.lastCall()[openid]
    return {
      n: c.nickname,
      i: Array.from(c.nickname)[0],
      s: c.note || undefined,
      a: c.avatarUrl,
      t: last?.at,
      m: last?.mode,
      o: last ? outcomeOf(last) : undefined,
      b: last?.appointment !== undefined ? 1 : undefined,
    }
  }

  /** Reaching the end of the rows shown. */
  showMore(): void {
    if (this.hasMore) this.shown += MORE_ROWS
  }

  /** The list is shown again (e.g. back from a call): its order may have changed, so it is rebuilt. */
  refreshOrder(): void {
    this.shown = this.search.trim() ? MORE_ROWS : FIRST_ROWS
    this.listEpoch++
  }

  find(openid: string): Contact | undefined {
    return this.byId.get(openid)
  }

  setField(field: 'openid' | 'nickname' | 'note', value: string): void {
    this.form = { ...this.form, [field]: value }
    this.error = null
  }

  setSearch(text: string): void {
    if (text === this.search) return
    this.search = text
    this.refreshOrder()
  }

  startEdit(openid: string): void {
    const contact = this.find(openid)
    if (!contact) return
    this.form = { openid: contact.openid, nickname: contact.nickname, note: contact.note, editing: openid }
    this.error = null
  }

  cancelEdit(): void {
    this.form = emptyForm()
    this.error = null
  }

  /** Adds, or saves the contact being edited; never myself. */
  submit(): boolean {
    const checked = checkPerson(this.form.openid, this.form.nickname)
    if (!checked.ok) return this.fail(checked.problem)
    const note = checkNote(this.form.note)
    if (!note.ok) return this.fail(note.problem)
    const contact: Contact = { ...checked.value, note: note.value }
    if (contact.openid === this.ctx.myOpenid()) return this.fail('self')
    const editing = this.form.editing
    if (editing !== null) {
      if (contact.openid !== editing && this.find(contact.openid)) return this.fail('duplicate')
      // The form edits only these fields: the avatar (and whatever else a card brought) stays.
      this.items = this.items.map((c) => (c.openid === editing ? { ...c, ...contact } : c))
    } else {
      if (this.find(contact.openid)) return this.fail('duplicate')
      this.items = [...this.items, contact]
      this.listEpoch++
    }
    this.form = emptyForm()
    this.error = null
    this.forgetDeleted()
    return true
  }

  /** After a duplicate: update the existing contact with what was typed. */
  updateExisting(): boolean {
    const openid = this.form.openid.trim()
    if (!this.find(openid)) return false
    this.form = { ...this.form, openid, editing: openid }
    return this.submit()
  }

  remove(openid: string): void {
    const contact = this.find(openid)
    if (!contact) return
    this.lastDeleted = { contact }
    this.stopUndoTimer()
    this.undoTimer = setTimeout(this.forgetDeleted, UNDO_MS)
    this.items = this.items.filter((c) => c.openid !== openid)
    if (this.form.editing === openid) this.form = emptyForm()
  }

  undoRemove(): void {
    const deleted = this.lastDeleted
    if (!deleted || this.find(deleted.contact.openid)) return
    this.items = [...this.items, deleted.contact]
    this.forgetDeleted()
  }

  /** The undo offer ends: its time is up, or the list changed another way. The delete itself stays. */
  forgetDeleted(): void {
    this.lastDeleted = null
    this.stopUndoTimer()
  }

  /**
   * Prepares what a search reads, shortly after home opens and a few hundred contacts per turn, off the launch:
   * each contact's text lowercased and the pinyin initials of its nickname and note (the table built on the
   * way). The first keystroke then costs what later ones do; without it, at 10,000 contacts it spelled them all
   * (52 ms on Node). One typed before it ends does the rest itself. Resolves when every contact is prepared.
   */
  prepareSearch(): Promise<void> {
    this.prepared ??= new Promise<void>((done) => {
      let next = 0
      const turn = () => {
        const items = this.items
        const end = Math.min(next + PREPARED_PER_TURN, items.length)
        for (; next < end; next++) {
          searchTextOf(items[next])
          prepareInitials(items[next].nickname)
          prepareInitials(items[next].note)
        }
        this.prepareTimer = next < items.length ? setTimeout(turn, 0) : null
        if (!this.prepareTimer) done()
      }
      this.prepareTimer = setTimeout(turn, PREPARE_AFTER_MS)
    })
    return this.prepared
  }

  /** Stops the undo clock and the search's warm-up (the store is done with, e.g. a test's app closing). */
  dispose(): void {
    this.stopUndoTimer()
    if (this.prepareTimer) clearTimeout(this.prepareTimer)
    this.prepareTimer = null
  }

  private stopUndoTimer(): void {
    if (this.undoTimer) clearTimeout(this.undoTimer)
    this.undoTimer = null
  }

  /** A share link's query: untrusted, checked like typed input; my own card is ignored. */
  receiveCard(query: Record<string, string | undefined>): void {
    // Home opened without a card: an offer still waiting (e.g. an invitation's sender, after a relaunch) stays.
    if (query.openid === undefined && query.nickname === undefined) return
    this.shareOffer = null
    this.shareProblem = null
    this.sendBackTo = null
    const checked = checkPerson(safeDecode(query.openid), safeDecode(query.nickname))
    if (!checked.ok) {
      this.shareProblem = checked.problem
      return
    }
    const person: Person = checked.value
    if (query.avatar !== undefined) {
      const avatar = checkAvatarUrl(safeDecode(query.avatar))
      if (!avatar.ok) {
        this.shareProblem = avatar.problem
        return
      }
      person.avatarUrl = avatar.value
    }
    this.offer(person)
  }

  /** Offers `person` as a contact, or as an update of one whose card changed; nothing is saved until accepted. */
  offer(person: Person): void {
    if (person.openid === this.ctx.myOpenid()) return
    const existing = this.find(person.openid)
    if (
      existing &&
      existing.nickname === person.nickname &&
      (existing.avatarUrl === person.avatarUrl || !person.avatarUrl)
    )
      return
    this.shareOffer = { person, existing: !!existing }
  }

  acceptShareOffer(): void {
    const offer = this.shareOffer
    if (!offer) return
    const { person } = offer
    const existing = this.find(person.openid)
    this.items = existing
      ? this.items.map((c) => (c.openid === person.openid ? { ...c, ...person } : c))
      : [...this.items, { ...person, note: '' }]
    if (!existing) this.listEpoch++
    this.shareOffer = null
    this.sendBackTo = existing ? null : person
  }

  /** My card went back, or I chose not to send it. */
  dismissSendBack(): void {
    this.sendBackTo = null
  }

  dismissShare(): void {
    this.shareOffer = null
    this.sendBackTo = null
    this.shareProblem = null
  }

  private fail(problem: ContactProblem): false {
    this.error = problem
    return false
  }
}
