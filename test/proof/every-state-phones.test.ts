// The every-state table (test/proof/every-state.ts) on phones: iOS and Android.
import { checkEveryState } from './every-state'

checkEveryState(['ios', 'android'])
