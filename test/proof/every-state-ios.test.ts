// The every-state table (test/proof/every-state.ts) on iOS. Android has its own file (every-state-android):
// apart, the two phones' halves of the table run side by side on jest's two workers.
import { checkEveryState } from './every-state'

checkEveryState(['ios'])
