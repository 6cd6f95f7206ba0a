import { makeAutoObservable, runInAction } from 'mobx-miniprogram'
import type * as Backend from '../services/backend'
import type * as System from '../services/system'
import type { Person, Profile } from './model'
import {
  checkAvatarUrl,
  checkLocalPath,
  checkNickname,
  checkOpenid,
  NicknameProblem,
  OpenidProblem,
} from './validation'

/** Why my identity could not be had: no network, no answer in time, the service failing, or an answer that is no openid. */
export interface IdentityProblem {
  kind: 'offline' | 'timeout' | 'service' | 'bad-answer'
  code?: number
}
/** What the profile form says went wrong: a typed field, or a nickname WeChat's content check emptied. */
export type ProfileProblem = OpenidProblem | NicknameProblem | 'nickname-rejected'
/**
 * After a save: saved; or saved, but the new avatar could not be uploaded, or waits for WeChat to say who I
 * am (the file is named after my openid); or, with no backend, saved but for the openid still to be typed.
 */
export type ProfileNotice = 'saved' | 'saved-without-avatar' | 'saved-needs-identity' | 'saved-needs-openid' | null

/** Where my avatar stands after a save, and what the person is told about it. */
interface PlacedPicture {
  avatarUrl: string | undefined
  localAvatar: string | undefined
  notice: 'saved' | 'saved-without-avatar' | 'saved-needs-identity'
}

export interface ProfileContext {
  isOffline(): Promise<boolean>
  backend: Pick<
    typeof Backend,
    'identitySource' | 'fetchMyOpenid' | 'BackendError' | 'canShareAvatars' | 'uploadAvatar'
  >
  system: Pick<typeof System, 'isPreReleaseBuild'>
}

/**
 * Me: the caller of every call. My openid comes from WeChat's servers through the backend (platform doc §5),
 * never typed, except by a developer where no backend is configured. Nickname and avatar come from WeChat's
 * own controls (§6.1); the avatar reaches the other phone only through WeChat Cloud (§6.2).
 */
export class ProfileStore {
  openid: string | null = null
  nickname = ''
  avatarUrl: string | undefined = undefined
  localAvatar: string | undefined = undefined
  /** The nickname being typed, and an openid typed under 开发者选项 where there is no backend. */
  form = { nickname: '', openid: '' }
  /** A picture chosen but not saved yet. */
  pickedAvatar: string | null = null
  error: ProfileProblem | null = null
  notice: ProfileNotice = null
  saving = false
  identity: 'idle' | 'fetching' | 'failed' = 'idle'
  identityProblem: IdentityProblem | null = null
  /** WeChat's content check emptied the last nickname typed. */
  nicknameRejected = false
  devOptionsOpen = false
  readonly identitySource = this.ctx.backend.identitySource()
  /** 开发者选项 (typing openids) is offered where there is no backend, and in a developer's or trial build. */
  readonly devOptionsShown = this.identitySource === 'typed' || this.ctx.system.isPreReleaseBuild()
  /** The question to the backend under way, if any. */
  private fetching: Promise<boolean> | null = null

  constructor(private readonly ctx: ProfileContext) {
    makeAutoObservable<this, 'ctx' | 'fetching'>(
      this,
      { ctx: false, identitySource: false, devOptionsShown: false, fetching: false },
      { autoBind: true },
    )
  }

  get me(): Person | null {
    if (!this.openid || !this.nickname) return null
    return { openid: this.openid, nickname: this.nickname, ...(this.avatarUrl ? { avatarUrl: this.avatarUrl } : {}) }
  }

  /** Where my openid is typed by a developer, not fetched. */
  get typedIdentity(): boolean {
    return this.identitySource === 'typed'
  }

  /** The picture to show for me: the one just chosen, else the saved one. */
  get avatarShown(): string {
    return this.pickedAvatar ?? this.avatarUrl ?? this.localAvatar ?? ''
  }

  /** What is kept on the device. */
  get saved(): Profile | null {
    if (!this.openid && !this.nickname) return null
    return {
      openid: this.openid,
      nickname: this.nickname,
      ...(this.avatarUrl ? { avatarUrl: this.avatarUrl } : {}),
      ...(this.localAvatar ? { localAvatar: this.localAvatar } : {}),
    }
  }

  load(profile: Profile | null): void {
    this.openid = profile?.openid ?? null
    this.nickname = profile?.nickname ?? ''
    this.avatarUrl = profile?.avatarUrl
    this.localAvatar = profile?.localAvatar
    this.form = { nickname: this.nickname, openid: this.openid ?? '' }
  }

  setField(field: 'nickname' | 'openid', value: string): void {
    this.form = { ...this.form, [field]: value }
    this.error = null
    this.notice = null
  }

  /** WeChat's content check passed or emptied the nickname field (§6.1). */
  reviewNickname(pass: boolean): void {
    this.nicknameRejected = !pass
    if (!pass) this.form = { ...this.form, nickname: '' }
  }

  /** `<button open-type="chooseAvatar">` gave a temporary path; it is kept once the profile is saved. */
  pickAvatar(path: unknown): void {
    const checked = checkLocalPath(path)
    if (!checked.ok) return
    this.pickedAvatar = checked.value
    this.notice = null
  }

  toggleDevOptions(): void {
    this.devOptionsOpen = !this.devOptionsOpen
  }

  /** At launch: with a backend and no openid kept on the device yet, ask for it. */
  ensureIdentity(): Promise<boolean> {
    return this.typedIdentity || this.openid ? Promise.resolve(!!this.openid) : this.fetchIdentity()
  }

  /**
   * Asks the backend who I am; an answer that is not an openid is refused, and nothing saved changes. While
   * one question is under way every caller (launch, a call's preflight, #whoami-retry) waits for its answer.
   */
  fetchIdentity(): Promise<boolean> {
    if (this.typedIdentity) return Promise.resolve(false)
    if (this.fetching) return this.fetching
    const asked = this.askWhoIAm()
    this.fetching = asked
    const done = () => {
      this.fetching = null
    }
    void asked.then(done, done)
    return asked
  }

  private async askWhoIAm(): Promise<boolean> {
    this.identity = 'fetching'
    this.identityProblem = null
    let problem: IdentityProblem
    try {
      const openid = checkOpenid(await this.ctx.backend.fetchMyOpenid())
      if (openid.ok) {
        runInAction(() => {
          this.openid = openid.value
          this.identity = 'idle'
        })
        return true
      }
      problem = { kind: 'bad-answer' }
    } catch (err) {
      const offline = await this.ctx.isOffline()
      const { BackendError } = this.ctx.backend
      problem = offline ? { kind: 'offline' } : err instanceof BackendError ? err.problem : { kind: 'service' }
    }
    runInAction(() => {
      this.identity = 'failed'
      this.identityProblem = problem
    })
    return false
  }

  /**
   * The form was submitted with `values` (the nickname read now: WeChat may have emptied it, §6.1). A chosen
   * picture is uploaded first where there is WeChat Cloud; if that fails the rest is saved and the person told.
   */
  async save(values: Record<string, unknown> = {}): Promise<boolean> {
    if (this.saving) return false
    this.error = null
    this.notice = null
    const nickname = checkNickname(values.nickname ?? this.form.nickname)
    if (!nickname.ok) {
      this.error =
        nickname.problem === 'nickname-empty' && this.nicknameRejected ? 'nickname-rejected' : nickname.problem
      return false
    }
    let openid = this.openid
    if (this.typedIdentity) {
      // A typed openid must be right; none typed yet does not hold the nickname back (it is asked for below).
      const typed = checkOpenid(values.openid ?? this.form.openid)
      if (!typed.ok && typed.problem !== 'openid-empty') {
        this.error = typed.problem
        return false
      }
      openid = typed.ok ? typed.value : this.openid
    }
    const picked = this.pickedAvatar
    this.saving = true
    const kept: PlacedPicture = { avatarUrl: this.avatarUrl, localAvatar: this.localAvatar, notice: 'saved' }
    const placed = picked ? await this.placePicture(picked, kept) : kept
    runInAction(() => {
      if (this.typedIdentity) this.openid = openid
      this.nickname = nickname.value
      this.avatarUrl = placed.avatarUrl
      this.localAvatar = placed.localAvatar
      this.form = { nickname: nickname.value, openid: this.openid ?? '' }
      // A picture that could not be uploaded stays chosen: saving again tries again.
      this.pickedAvatar = placed.notice === 'saved' ? null : picked
      this.saving = false
      this.notice = placed.notice
      if (this.typedIdentity && !this.openid) {
        // The field it needs is under 开发者选项: open it here, on whatever page this card is.
        this.notice = 'saved-needs-openid'
        this.devOptionsOpen = true
      }
    })
    return true
  }

  /**
   * Where a chosen picture goes: to WeChat Cloud, under my openid, where there is one (else it waits for
   * WeChat to say who I am, and the person is told so); on this phone only where there is no cloud.
   */
  private async placePicture(picked: string, kept: PlacedPicture): Promise<PlacedPicture> {
    if (!this.ctx.backend.canShareAvatars()) return { ...kept, localAvatar: picked }
    // WeChat's servers are asked who I am (or the question under way is awaited): the file is named after it.
    if (!this.openid) await this.fetchIdentity()
    const openid = this.openid
    if (!openid) return { ...kept, notice: 'saved-needs-identity' }
    try {
      // Only a URL the other phone can load travels on my card and into calls (platform doc §6.2).
      const uploaded = checkAvatarUrl(await this.ctx.backend.uploadAvatar(openid, picked))
      if (uploaded.ok) return { avatarUrl: uploaded.value, localAvatar: undefined, notice: 'saved' }
    } catch {
      // A failed upload is told like a URL that will not do: the rest is saved, the picture stays chosen.
    }
    return { ...kept, notice: 'saved-without-avatar' }
  }
}
