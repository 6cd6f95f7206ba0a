// People and saved state shared by the tests. Test values only: no real openids.

export const ME = { openid: 'oMe_000000000000000001', nickname: '我' }
export const ALICE = { openid: 'oAlice_0000000000001', nickname: '爱丽丝', note: '' }
export const GRANTED = { 'scope.record': true, 'scope.camera': true }

/** The prefs an earlier Duet wrote with nothing changed. */
export const DEFAULT_PREFS = { lastMode: 'voice', disableSwitchVoice: false, acceptCalls: true, audioOnly: false }

/** A complete saved state, as Duet itself writes it: me, Alice, no history, default prefs. */
export function savedState(extra: Record<string, unknown> = {}) {
  return { version: 1, profile: ME, contacts: [ALICE], history: [], prefs: DEFAULT_PREFS, ...extra }
}
