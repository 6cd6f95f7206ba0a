import { makeAutoObservable } from 'mobx-miniprogram'
import type { AppointmentsStore } from './appointments'
import type { InvitationsStore } from './invitations'
import { CallMode, Device, DEVICE_FOR_SCOPE, Prefs } from './model'
import type { PermissionsStore, RequestOutcome } from './permissions'
import type { PersistenceStore } from './persistence'

export type OnboardingStep = 'loading' | 'privacy' | 'undeclared' | 'recovery' | 'explainer' | 'phone' | 'done'

/** The permission facts a walkthrough step is decided from. */
export type PermissionFacts = Pick<PermissionsStore, 'loaded' | 'privacyBlocks' | 'undeclared' | 'lacks'>

/** The first step not yet satisfied for `mode`, in the order the walkthrough takes them. */
export function stepFor(permissions: PermissionFacts, mode: CallMode): OnboardingStep {
  if (!permissions.loaded) return 'loading'
  if (permissions.privacyBlocks) return 'privacy'
  if (permissions.undeclared.length) return 'undeclared'
  const lacks = permissions.lacks(mode)
  if (lacks.denied.length) return 'recovery'
  if (lacks.unasked.length) return 'explainer'
  if (lacks.phoneDenied.length) return 'phone'
  return 'done'
}

export interface OnboardingContext {
  permissions: PermissionFacts & Pick<PermissionsStore, 'request'>
  invitations: Pick<InvitationsStore, 'received'>
  appointments: Pick<AppointmentsStore, 'awaitingAnswer'>
  persistence: Pick<PersistenceStore, 'returning'>
}

/** Steps a person is walked through before a call can work; 'undeclared' is the developer's to fix. */
const WALKTHROUGH_STEPS: readonly OnboardingStep[] = ['privacy', 'explainer', 'recovery', 'phone']

/**
 * The walkthrough: for which mode, at which step, and where it leads. Someone who opened an invitation is
 * walked through what its mode needs and back to the invitation, with nothing lost on the way.
 */
export class OnboardingStore {
  /** The person chose audio calls only: the camera is not part of the walkthrough. Kept on the device. */
  audioOnly = false
  /** The person chose to look around first (e.g. after declining privacy): not sent back in this run. */
  lookedAround = false

  constructor(private readonly ctx: OnboardingContext) {
    makeAutoObservable<this, 'ctx'>(this, { ctx: false }, { autoBind: true })
  }

  load(prefs: Pick<Prefs, 'audioOnly'>): void {
    this.audioOnly = prefs.audioOnly
  }

  get prefs(): Pick<Prefs, 'audioOnly'> {
    return { audioOnly: this.audioOnly }
  }

  /**
   * A voice invitation needs only the microphone; otherwise the person's own choice (video unless they
   * chose voice only, also for a video invitation: they may call back by voice).
   */
  get mode(): CallMode {
    if (this.ctx.invitations.received?.mode === 'voice') return 'voice'
    return this.audioOnly ? 'voice' : 'video'
  }

  /** Whether the person may choose between voice only and video too. */
  get cameraOptional(): boolean {
    return this.ctx.invitations.received?.mode !== 'voice'
  }

  get step(): OnboardingStep {
    return stepFor(this.ctx.permissions, this.mode)
  }

  /** A step the person can take now, before a call can work. */
  get walkthroughNeeded(): boolean {
    return WALKTHROUGH_STEPS.includes(this.step)
  }

  /** A step is missing and the person has not chosen to look around first: an invitation walks them through. */
  get walksInviteeThrough(): boolean {
    return !this.lookedAround && this.walkthroughNeeded
  }

  /**
   * Home decides: a returning person sees their contacts at once (what is missing shows there); someone new
   * is walked through first, unless they chose to look around.
   */
  get walksNewcomerThrough(): boolean {
    return !this.ctx.persistence.returning && this.walksInviteeThrough
  }

  /** Whether home can decide yet: the permissions are read (at once for a returning person). */
  get homeDecided(): boolean {
    return this.ctx.persistence.returning || this.step !== 'loading'
  }

  /** Home, once it can decide, hands someone new to the walkthrough. */
  get homeLeadsToWalkthrough(): boolean {
    return this.homeDecided && this.walksNewcomerThrough
  }

  lookAround(): void {
    this.lookedAround = true
  }

  /** #skip-camera: voice calls only, so the camera drops out of the walkthrough. */
  skipCamera(): void {
    this.audioOnly = true
  }

  /** #include-camera: video calls too, after all. */
  includeCamera(): void {
    this.audioOnly = false
  }

  get deniedDevices(): Device[] {
    return this.ctx.permissions.lacks(this.mode).denied.map((s) => DEVICE_FOR_SCOPE[s])
  }

  get phoneDeniedDevices(): Device[] {
    return this.ctx.permissions.lacks(this.mode).phoneDenied
  }

  /** For an invitation or an appointment's card, the walkthrough ends where it began: back on it. */
  get next(): 'invite' | 'appointment' | 'contacts' {
    if (this.ctx.invitations.received) return 'invite'
    return this.ctx.appointments.awaitingAnswer ? 'appointment' : 'contacts'
  }

  /** #grant: the popups for what the mode needs, one scope at a time. */
  grant(): Promise<RequestOutcome> {
    return this.ctx.permissions.request(this.mode)
  }
}
