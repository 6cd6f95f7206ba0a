import { callWx } from './call-wx'

/** Keeps the screen from dimming (while someone may call back), or lets it dim again. A refusal changes nothing. */
export function keepOn(on: boolean): void {
  callWx<unknown>('setKeepScreenOn', { keepScreenOn: on }).catch(() => undefined)
}
