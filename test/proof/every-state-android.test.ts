// The every-state table (test/proof/every-state.ts) on Android. iOS has its own file (every-state-ios):
// apart, the two phones' halves of the table run side by side on jest's two workers.
import { checkEveryState } from './every-state'

checkEveryState(['android'])
