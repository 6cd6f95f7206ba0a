import { makeAutoObservable, runInAction } from 'mobx-miniprogram'
import { fetchMyOpenid } from '../services/login'
import { checkPerson, InputProblem, Person } from './validation'

export type ProfileFetch = 'idle' | 'fetching' | 'failed'

/** My own openid and nickname: the caller of every call. */
export class ProfileStore {
  me: Person | null = null
  form = { openid: '', nickname: '' }
  error: InputProblem | null = null
  fetchState: ProfileFetch = 'idle'
  /** Shown once after a successful save. */
  justSaved = false

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true })
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

  /** Fills the openid from our own login server (wx.login code → server → openid). */
  async fetchOpenid(endpoint: string): Promise<boolean> {
    this.fetchState = 'fetching'
    try {
      const openid = await fetchMyOpenid(endpoint)
      runInAction(() => {
        this.form = { ...this.form, openid }
        this.fetchState = 'idle'
      })
      return true
    } catch {
      runInAction(() => { this.fetchState = 'failed' })
      return false
    }
  }
}
