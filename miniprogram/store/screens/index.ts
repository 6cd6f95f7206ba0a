// The view getters: what each screen shows, decided in the store so the pages only bind them. One class per
// screen, each with the narrow view of the slices it reads. Home, the first screen, is built with the root
// store; every other screen when its page first asks for it, with its module (store/later.ts).
import type { AppointmentsStore } from '../appointments'
import { screenModules } from '../later'
import type { AppointmentScreen, AppointmentScreensContext, BookScreen, UpcomingScreen } from './appointments'
import type { DialContext, DialScreen } from './dial'
import type { HomeContext } from './home'
import { HomeScreen } from './home'
import type { InviteContext, InviteScreen } from './invite'
import type { MeContext, MeScreen } from './me'

export type ScreensContext = DialContext &
  InviteContext &
  HomeContext &
  MeContext &
  AppointmentScreensContext & {
    /** The appointments slice if built, without building it (root store). */
    appointmentsIfBuilt: Pick<AppointmentsStore, 'upcoming'> | null
  }

interface Built {
  dial: DialScreen
  invite: InviteScreen
  me: MeScreen
  book: BookScreen
  appointment: AppointmentScreen
  upcoming: UpcomingScreen
}

/** What home's upcoming list reads of its screen. */
type UpcomingView = Pick<UpcomingScreen, 'rows' | 'shownCount' | 'hidden' | 'expanded' | 'firstOpen' | 'toggle'>

/** Home's upcoming list while the appointments slice is not built: none saved, none booked, nothing to show. */
const NOTHING_UPCOMING: UpcomingView = {
  rows: [],
  shownCount: 0,
  hidden: 0,
  expanded: false,
  firstOpen: '',
  toggle: () => undefined,
}

export class Screens {
  readonly home: HomeScreen
  private readonly built: Partial<Built> = {}

  constructor(private readonly slices: ScreensContext) {
    this.home = new HomeScreen(slices)
  }

  /** The screen `name`, built on the first ask. */
  private screen<K extends keyof Built>(name: K, build: (slices: ScreensContext) => Built[K]): Built[K] {
    return (this.built[name] ??= build(this.slices))
  }

  get dial(): DialScreen {
    return this.screen('dial', (slices) => new (screenModules.dial().DialScreen)(slices))
  }

  get invite(): InviteScreen {
    return this.screen('invite', (slices) => new (screenModules.invite().InviteScreen)(slices))
  }

  get me(): MeScreen {
    return this.screen('me', (slices) => new (screenModules.me().MeScreen)(slices))
  }

  get book(): BookScreen {
    return this.screen('book', (slices) => new (screenModules.appointments().BookScreen)(slices))
  }

  get appointment(): AppointmentScreen {
    return this.screen('appointment', (slices) => new (screenModules.appointments().AppointmentScreen)(slices))
  }

  /** Home's next 7 days: read at each binding, so the list appears once the slice is built. */
  get upcoming(): UpcomingView {
    if (!this.slices.appointmentsIfBuilt) return NOTHING_UPCOMING
    return this.screen('upcoming', (slices) => new (screenModules.appointments().UpcomingScreen)(slices))
  }
}
