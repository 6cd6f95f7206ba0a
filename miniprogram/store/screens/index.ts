// The view getters: what each screen shows, decided in the store so the pages only bind them. One class per
// screen, each with the narrow view of the slices it reads; the root store builds them all here.
import type { AppointmentScreensContext } from './appointments'
import { AppointmentScreen, BookScreen, UpcomingScreen } from './appointments'
import type { DialContext } from './dial'
import { DialScreen } from './dial'
import type { HomeContext } from './home'
import { HomeScreen } from './home'
import type { InviteContext } from './invite'
import { InviteScreen } from './invite'
import type { MeContext } from './me'
import { MeScreen } from './me'

export type ScreensContext = DialContext & InviteContext & HomeContext & MeContext & AppointmentScreensContext

export class Screens {
  readonly dial: DialScreen
  readonly invite: InviteScreen
  readonly home: HomeScreen
  readonly me: MeScreen
  readonly book: BookScreen
  readonly appointment: AppointmentScreen
  readonly upcoming: UpcomingScreen

  constructor(slices: ScreensContext) {
    this.dial = new DialScreen(slices)
    this.invite = new InviteScreen(slices)
    this.home = new HomeScreen(slices)
    this.me = new MeScreen(slices)
    this.book = new BookScreen(slices)
    this.appointment = new AppointmentScreen(slices)
    this.upcoming = new UpcomingScreen(slices)
  }
}
