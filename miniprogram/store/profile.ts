import { makeAutoObservable, runInAction } from 'mobx-miniprogram'
import * as backend from '../services/backend'
import type { Person } from './model'
import { checkPerson, InputProblem } from './validation'

export type ProfileFetch = 'idle' | 'fetching' | 'failed'

/** My own openid and nickname: the caller of every call. */
export class ProfileStore {
  me: Person | null = null
  form = { openid: '', nickname: '' }
  error: InputProblem | null = null
  fetchState: ProfileFetch = 'idle'
  /** Shown once after a successful save. */
  justSaved = false
  /** Where my openid can come from in this deployment. */
  readonly identitySource = backend.identitySource()

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true })
  }

  get canFetchOpenid(): boolean {
    return this.identitySource !== 'typed'
  }

  load(me: Person | null): void {
    this.me = me
    this.form = me ? { ...me } : { openid: '', nickname: '' }
  }

  setField(field: 'openid' | 'nickname', value: string): void {
    this.form = { ...this.form, [field]: value }
    this.error = null
    this.justSaved = false
  }

  save(): boolean {
    const checked = checkPerson(this.form.openid, this.form.nickname)
    if (!checked.ok) {
      this.error = checked.problem
      return false
    }
    this.me = checked.value
    this.form = { ...checked.value }
    this.error = null
    this.justSaved = true
    return true
  }

  /** Fills the openid from the backend. */
  async fetchOpenid(): Promise<boolean> {
    this.fetchState = 'fetching'
    try {
      const openid = await backend.fetchMyOpenid()
      runInAction(() => {
        this.form = { ...this.form, openid }
        this.fetchState = 'idle'
      })
      return true
    } catch {
      runInAction(() => {
        this.fetchState = 'failed'
      })
      return false
    }
  }
}
