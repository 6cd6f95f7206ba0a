import { computed, observable, reaction, runInAction, untracked } from 'mobx-miniprogram'
import * as backend from '../services/backend'
import * as network from '../services/network'
import * as privacy from '../services/privacy'
import * as scopes from '../services/scopes'
import * as screen from '../services/screen'
import * as storage from '../services/storage'
import * as subscribe from '../services/subscribe'
import * as system from '../services/system'
import * as theme from '../services/theme'
import * as voip from '../services/voip'
import { AppearanceStore } from './appearance'
import type { Appointment } from './appointment-rules'
import type { AppointmentsStore } from './appointments'
import type { CalendarStore } from './calendar'
import { CallStore } from './call'
import { ContactsStore } from './contacts'
import { HistoryStore } from './history'
import { InvitationsStore } from './invitations'
import {
  appointmentsCloudModule,
  appointmentsModule,
  calendarModule,
  calendarServiceModule,
  ringsModule,
} from './later'
import { NetworkStore } from './network'
import { OnboardingStore } from './onboarding'
import { PermissionsStore } from './permissions'
import { PersistenceStore } from './persistence'
import { ProfileStore } from './profile'
import { ReachabilityStore } from './reachability'
import type { RingsStore } from './rings'
import { SAVED_VERSION, SavedState } from './saved-state'
import { Screens } from './screens'

/** WeChat, as the services present it: the one place the store meets it. Slices get their part from here. */
export const wxServices = {
  /** Only the appointments slice uses it, so it loads with the slice (later.ts). */
  get appointmentsCloud() {
    return appointmentsCloudModule()
  },
  backend,
  /** Only the calendar slice uses it, so it loads with the slice (later.ts). */
  get calendar() {
    return calendarServiceModule()
  },
  network,
  privacy,
  scopes,
  screen,
  storage,
  subscribe,
  system,
  theme,
  voip,
}
export type Services = typeof wxServices

/** What is saved of appointments while their slice is not built: none (the same list each time, never changed). */
const NO_APPOINTMENTS: Appointment[] = []

/** Onboarding's one question to appointments, answered without building the slice: unbuilt, no card was opened. */
const awaitingAnswerOf = (root: RootStore): Pick<AppointmentsStore, 'awaitingAnswer'> => ({
  get awaitingAnswer() {
    return root.appointmentsIfBuilt?.awaitingAnswer ?? false
  },
})

/**
 * The single source of truth for Duet, shared by every page. It builds the slices, giving each its services
 * and the narrow view of the others it needs (adding a slice is writing it and wiring it here); loads and
 * saves them; starts what listens to WeChat; and carries what one slice's change means to another (a reaction,
 * or a page's report such as consent given or settings closed).
 */
export class RootStore {
  constructor(private readonly services: Services = wxServices) {}

  readonly persistence = new PersistenceStore({ storage: this.services.storage })
  readonly network = new NetworkStore({ service: this.services.network })
  readonly appearance = new AppearanceStore({ service: this.services.theme })
  readonly permissions = new PermissionsStore({
    privacy: this.services.privacy,
    scopes: this.services.scopes,
    system: this.services.system,
  })
  readonly profile = new ProfileStore({
    isOffline: () => this.network.isOffline(),
    backend: this.services.backend,
    system: this.services.system,
  })
  readonly history = new HistoryStore()
  readonly contacts = new ContactsStore({
    myOpenid: () => this.profile.openid,
    lastCall: () => this.history.lastCall,
  })
  readonly reachability = new ReachabilityStore({
    permissions: this.permissions,
    voip: this.services.voip,
    calling: (): boolean => this.call.withWeChat,
  })
  readonly invitations = new InvitationsStore({
    profile: this.profile,
    reachability: this.reachability,
    contacts: this.contacts,
    screen: this.services.screen,
  })
  /** Slices no launch needs, each once built on first use (`rings`, `calendar`; later.ts). */
  private readonly builtLater: { rings?: RingsStore; calendar?: CalendarStore } = {}
  /** The appointments slice once built: at launch when some are saved, else at its first use (later.ts). */
  private readonly builtAppointments = observable.box<AppointmentsStore | null>(null, { deep: false })
  readonly onboarding = new OnboardingStore({
    permissions: this.permissions,
    invitations: this.invitations,
    appointments: awaitingAnswerOf(this),
    persistence: this.persistence,
  })
  readonly call = new CallStore({
    permissions: this.permissions,
    profile: this.profile,
    contacts: this.contacts,
    history: this.history,
    network: this.network,
    reachability: this.reachability,
    placedTo: (openid) => this.invitations.placedTo(openid),
    // No appointment slice built, no appointment saved or booked: nothing to belong to.
    appointmentWith: (openid) => this.appointmentsIfBuilt?.roomWith(openid)?.id,
    voip: this.services.voip,
  })
  readonly screens = new Screens(this)
  private ready: Promise<void> | null = null

  /**
   * The appointments slice, built on first use: a booking or appointment page asks for it, or launch finds some
   * saved. Until then there is nothing it would hold or do (no appointment, no card opened), so launch does not
   * load its modules.
   */
  get appointments(): AppointmentsStore {
    const built = untracked(() => this.builtAppointments.get())
    if (built) return built
    const { AppointmentsStore } = appointmentsModule()
    const slice = new AppointmentsStore({
      profile: this.profile,
      lastMode: (openid) => this.history.lastCall[openid]?.mode,
      cloud: this.services.appointmentsCloud,
      contacts: this.contacts,
    })
    // An action, since a page's first binding may be what asks: what watches the slot sees it built.
    runInAction(() => this.builtAppointments.set(slice))
    return slice
  }

  /**
   * Rings (later.ts): built when the dial page or my page first asks, since no launch needs them. Built once and
   * never replaced, so nothing needs to watch for it.
   */
  get rings(): RingsStore {
    return (this.builtLater.rings ??= new (ringsModule().RingsStore)({
      profile: this.profile,
      // A ring opens an invitation from me: I wait for the callback as after sending a card.
      rang: (to, mode) => this.invitations.invite(to, mode),
      backend: this.services.backend,
      subscribe: this.services.subscribe,
    }))
  }

  /** The calendar slice (#appt-calendar), built when the appointment page first asks for it: no launch needs it. */
  get calendar(): CalendarStore {
    return (this.builtLater.calendar ??= new (calendarModule().CalendarStore)({
      service: this.services.calendar,
      permissions: this.permissions,
    }))
  }

  /** The appointments slice if built, without building it: what is saved, and what home shows, watch this. */
  get appointmentsIfBuilt(): AppointmentsStore | null {
    return this.builtAppointments.get()
  }

  /** The appointments to save: building the slice with none is no change, so it writes nothing. */
  private readonly appointmentsToSave = computed(() => this.appointmentsIfBuilt?.items ?? NO_APPOINTMENTS, {
    equals: (a, b) => a === b || (a.length === 0 && b.length === 0),
  })

  /** What is kept on the device: each slice's own part. */
  get snapshot(): SavedState {
    return {
      version: SAVED_VERSION,
      profile: this.profile.saved,
      contacts: this.contacts.items,
      history: this.history.records,
      prefs: { ...this.call.prefs, ...this.reachability.prefs, ...this.onboarding.prefs },
      invitation: this.invitations.saved,
      appointments: this.appointmentsToSave.get(),
    }
  }

  /** App launch: read the device, listen to WeChat, read permissions, become reachable. Runs once. */
  start(): Promise<void> {
    if (this.ready) return this.ready
    const saved = this.persistence.load()
    this.profile.load(saved.profile)
    this.contacts.load(saved.contacts)
    this.history.load(saved.history)
    this.call.load(saved.prefs)
    this.reachability.load(saved.prefs)
    this.onboarding.load(saved.prefs)
    this.invitations.load(saved.invitation)
    if (saved.appointments.length > 0) this.appointments.load(saved.appointments)
    reaction(
      () => this.snapshot,
      (state) => this.persistence.save(state),
    )
    // However my openid arrives, a call stopped for want of it no longer shows that problem: the next tap calls.
    reaction(
      () => this.profile.openid,
      () => this.call.identityKnown(),
    )
    reaction(
      () => this.reachability.acceptCalls,
      (accept) => {
        if (!accept) this.invitations.acceptCallsOff()
      },
    )
    this.permissions.listenForPrivacyPrompts()
    this.appearance.start()
    // WeChat's call events (§4.6) matter to the call being made and to a wait for a callback.
    this.services.voip.listenToCalls({
      membersChanged: (openids) => {
        this.call.membersChanged(openids)
        this.invitations.membersChanged(openids)
        this.appointmentsIfBuilt?.membersChanged(openids)
      },
      interrupted: () => {
        this.call.interrupted()
        this.appointmentsIfBuilt?.callEnded()
      },
    })
    this.services.backend.start()
    this.ready = Promise.all([this.network.start(), this.permissions.refresh()]).then(() => this.reachability.start())
    // Who I am comes from WeChat's servers; nothing waits for it but what needs it.
    void this.ready.then(() => this.profile.ensureIdentity())
    return this.ready
  }

  /** Duet shows again (App.onShow): what WeChat let lapse while the person was away, e.g. keep-screen-on. */
  appShown(): void {
    this.invitations.appShown()
    void this.appointmentsIfBuilt?.sync()
  }

  /**
   * A page shows again, e.g. back from the settings page or the phone's settings: read again, and drop a
   * call problem that is now fixed. The first show after launch is covered by start()'s own read.
   */
  async pageShown(): Promise<void> {
    if (!this.permissions.loaded) return
    await this.permissions.refresh()
    await this.permissionsChanged()
  }

  /** `<button open-type="openSetting">` came back with WeChat's new authSetting: use it at once. */
  settingsClosed(detail: unknown): void {
    const setting = this.services.scopes.authSettingFromEvent(detail)
    if (setting) this.permissions.applyAuthSetting(setting)
    void this.permissionsChanged()
  }

  /** Permissions were read again: what stood in the way of a call, or of being reachable, may be gone. */
  private async permissionsChanged(): Promise<void> {
    this.call.recheck()
    await this.reachability.retryIfFixed()
  }

  /**
   * Stops what keeps running on its own: the undo, invitation and ring clocks. WeChat ends a closed mini program
   * with its timers; a test that closes an app, or launches it again, calls this.
   */
  dispose(): void {
    this.contacts.dispose()
    this.invitations.dispose()
    this.builtLater.rings?.dispose()
    this.appointmentsIfBuilt?.dispose()
  }

  /** Consent given on the agree button `buttonId`. A call that stopped only for privacy goes on by itself. */
  agreePrivacy(buttonId: string): void {
    this.permissions.agreePrivacy(buttonId)
    this.call.resumeAfterPrivacy()
  }
}

export const store = new RootStore()
