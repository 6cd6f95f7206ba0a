import type { Scope } from '../services/scopes'

export type CallMode = 'voice' | 'video'
/** WeChat's phone-level permission each scope depends on. */
export type Device = 'microphone' | 'camera'

/** What each call mode needs, from the platform doc: voice the microphone, video both. */
export const SCOPES_FOR_MODE: Readonly<Record<CallMode, readonly Scope[]>> = {
  voice: ['scope.record'],
  video: ['scope.record', 'scope.camera'],
}

export const DEVICE_FOR_SCOPE: Readonly<Record<Scope, Device>> = {
  'scope.record': 'microphone',
  'scope.camera': 'camera',
}

export const isCallMode = (v: unknown): v is CallMode => v === 'voice' || v === 'video'
