// Duet's entities: what the store holds and what is kept on the device, one home for each shape. Services
// take these where they carry Duet's own data (a Person into a call); what WeChat answers they type
// themselves (NetworkType, PhonePermission, Theme, RingResult, ...), and the slices import those types.

export type CallMode = 'voice' | 'video'
/** A device a call uses; WeChat's phone-level permission is per device. */
export type Device = 'microphone' | 'camera'
/** The two mini program scopes a call can need. */
export type Scope = 'scope.record' | 'scope.camera'
/** The scope that lets Duet offer an appointment to the phone's calendar (platform doc §10): no call needs it. */
export type CalendarScope = 'scope.addPhoneCalendar'
export const CALENDAR_SCOPE: CalendarScope = 'scope.addPhoneCalendar'
/** Every scope Duet reads from WeChat's settings. */
export const KNOWN_SCOPES: ReadonlyArray<Scope | CalendarScope> = ['scope.record', 'scope.camera', CALENDAR_SCOPE]

/** Someone who can be in a call: me (the caller) or a contact (the listener). */
export interface Person {
  openid: string
  nickname: string
  /** An https URL anyone may load (an avatar uploaded to WeChat Cloud): shown on the other phone. */
  avatarUrl?: string
}

/**
 * Me, as kept on this phone. The openid comes from WeChat's servers (platform doc §5) and may arrive before
 * I have chosen a nickname; an avatar chosen without WeChat Cloud stays on this phone only.
 */
export interface Profile {
  openid: string | null
  nickname: string
  avatarUrl?: string
  /** A picture on this phone (no cloud to upload it to): shown here, never sent. */
  localAvatar?: string
}

export interface Contact extends Person {
  note: string
}

/**
 * One call attempt that reached WeChat. 'placed' means WeChat's call screen opened, not that anyone answered
 * (platform doc §4.4); WeChat's members event, when it comes, adds when the other person answered and left.
 */
export interface CallRecord {
  at: number
  openid: string
  mode: CallMode
  outcome: 'placed' | 'failed'
  /** WeChat's errCode for a failure; absent when it gave none (e.g. no answer from WeChat in time). */
  errCode?: number
  /** Both people were in the call (members event with two members). */
  answeredAt?: number
  /** The answered call ended: the other person left, or it was interrupted. */
  endedAt?: number
  /** The appointment this call was for: made to its other person while its room was open. */
  appointment?: string
}

/**
 * An invitation to call back, as its link carries it (a share card, platform doc §7.2): who sent it, for
 * which mode, and when.
 */
export interface Invitation {
  from: Person
  mode: CallMode
  sentAt: number
}

/** Choices a person makes once and expects to be remembered. */
export interface Prefs {
  lastMode: CallMode
  disableSwitchVoice: boolean
  acceptCalls: boolean
  audioOnly: boolean
}

/** What each call mode needs (platform doc §2): voice the microphone, video both. */
export const SCOPES_FOR_MODE: Readonly<Record<CallMode, readonly Scope[]>> = {
  voice: ['scope.record'],
  video: ['scope.record', 'scope.camera'],
}

export const DEVICE_FOR_SCOPE: Readonly<Record<Scope, Device>> = {
  'scope.record': 'microphone',
  'scope.camera': 'camera',
}

/** The scope that grants a device: DEVICE_FOR_SCOPE read the other way. */
export const SCOPE_FOR_DEVICE: Readonly<Record<Device, Scope>> = (Object.keys(DEVICE_FOR_SCOPE) as Scope[]).reduce(
  (out, scope) => ({ ...out, [DEVICE_FOR_SCOPE[scope]]: scope }),
  {} as Record<Device, Scope>,
)

export const isCallMode = (v: unknown): v is CallMode => v === 'voice' || v === 'video'
