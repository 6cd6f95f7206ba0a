import { makeAutoObservable } from 'mobx-miniprogram'
import type { Contact, Person } from './model'
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
  /** When each contact was last called, for the order of the list. */
  lastCallAt(): Readonly<Record<string, number>>
}

/** The people I can call. Every change lands in `items`; the root store persists it. */
export class ContactsStore {
  items: Contact[] = []
  form: ContactForm = emptyForm()
  error: ContactProblem | null = null
  search = ''
  /** The last deletion, kept until the next change so it can be undone. */
  lastDeleted: { contact: Contact; index: number } | null = null
  /** A contact offered by an opened share link. */
  shareOffer: { person: Person; existing: boolean } | null = null
  shareProblem: ShareLinkProblem | null = null
  /** Someone just added from their card: I may send mine back, so we both have each other. */
  sendBackTo: Person | null = null

  constructor(private readonly ctx: ContactsContext) {
    makeAutoObservable<this, 'ctx'>(this, { ctx: false }, { autoBind: true })
  }

  load(items: Contact[]): void {
    this.items = items
  }

  /** Contacts matching the search, most recently called first, then by name. */
  get visible(): Contact[] {
    const search = this.search.trim().toLowerCase()
    const last = this.ctx.lastCallAt()
    return this.items
      .filter((c) => !search || c.nickname.toLowerCase().includes(search))
      .sort((a, b) => (last[b.openid] || 0) - (last[a.openid] || 0) || a.nickname.localeCompare(b.nickname, 'zh-CN'))
  }

  find(openid: string): Contact | undefined {
    return this.items.find((c) => c.openid === openid)
  }

  setField(field: 'openid' | 'nickname' | 'note', value: string): void {
    this.form = { ...this.form, [field]: value }
    this.error = null
  }

  setSearch(text: string): void {
    this.search = text
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
      this.items = this.items.map((c) => (c.openid === editing ? contact : c))
    } else {
      if (this.find(contact.openid)) return this.fail('duplicate')
      this.items = [...this.items, contact]
    }
    this.form = emptyForm()
    this.error = null
    this.lastDeleted = null
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
    const index = this.items.findIndex((c) => c.openid === openid)
    if (index < 0) return
    this.lastDeleted = { contact: this.items[index], index }
    this.items = this.items.filter((c) => c.openid !== openid)
    if (this.form.editing === openid) this.form = emptyForm()
  }

  undoRemove(): void {
    const deleted = this.lastDeleted
    if (!deleted || this.find(deleted.contact.openid)) return
    const items = [...this.items]
    items.splice(Math.min(deleted.index, items.length), 0, deleted.contact)
    this.items = items
    this.lastDeleted = null
  }

  /** A share link's query: untrusted, checked like typed input; my own card is ignored. */
  receiveCard(query: Record<string, string | undefined>): void {
    this.shareOffer = null
    this.shareProblem = null
    this.sendBackTo = null
    if (query.openid === undefined && query.nickname === undefined) return
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
