// §2: the mini program's own permissions, their popups and the settings page.
import type { FakeScope } from './environment'
import type { ApiTable, Callbacks, FakeWx } from './fake-wx'
import { api, clone } from './fake-wx'
import type { GuideItem } from './privacy'

/** Each scope and what the privacy guide must declare for it (§1.7, §10.1). */
const GUIDE_ITEM_OF: Record<FakeScope, GuideItem> = {
  'scope.record': 'microphone',
  'scope.camera': 'camera',
  'scope.addPhoneCalendar': 'calendar',
}
const SCOPES = Object.keys(GUIDE_ITEM_OF) as FakeScope[]

export class FakeScopes {
  /** System popups shown, in order (a scope asked twice shows twice). */
  readonly popupsShown: FakeScope[] = []
  /** Facts for invariants: calls that must never happen. */
  readonly audit = { authorizeAfterDenial: 0, openSettingOutsideTap: 0 }

  constructor(private readonly fake: FakeWx) {}

  /**
   * §2.5: the settings page lists only scopes asked before; the person flips switches there (as scripted, or
   * by hand) and comes back, and `cameBack` hears the settings as they left them.
   */
  openSettingsPage(cameBack: (authSetting: WechatMiniprogram.AuthSetting) => void): void {
    const { env, user } = this.fake
    this.fake.visitOutsideAsking(
      'settings',
      { authSetting: clone(env.authSetting) },
      () => user.settingsPage,
      (switched) => {
        for (const [scope, on] of Object.entries(switched) as Array<[FakeScope, boolean]>) {
          if (scope in env.authSetting) env.authSetting[scope] = on
        }
      },
      () => cameBack(clone(env.authSetting)),
    )
  }

  /** §2.4: the refusal's text differs by platform (Duet must not parse it). */
  private denyText(apiName: string): string {
    return `${apiName}:fail ${this.fake.env.platform === 'android' ? 'auth denied' : 'auth deny'}`
  }

  /** §2.3, and §1.6 when the popup also carries the privacy checkbox. */
  private authorize(o: Callbacks & { scope: string }): void {
    const fake = this.fake
    const scope = o.scope as FakeScope
    fake.record('authorize', `authorize(${o.scope})`, 'permission', { scope: o.scope })
    if (!SCOPES.includes(scope)) return fake.failWith(o, { errMsg: 'authorize:fail invalid scope' })
    if (fake.env.authSetting[scope] === false) this.audit.authorizeAfterDenial++
    // §1.6 names only the microphone's and the camera's popups as carrying the privacy checkbox.
    const ownPopup = fake.env.authSetting[scope] === undefined && scope !== 'scope.addPhoneCalendar'
    fake.privacy.gate(
      'authorize',
      o,
      [GUIDE_ITEM_OF[scope]],
      ({ combined }) => this.ensure('authorize', o, scope, () => fake.succeed('authorize', o), combined),
      ownPopup,
    )
  }

  /**
   * §2.3 for an API that needs `scope` (authorize itself, or one that asks by itself such as addPhoneCalendar,
   * §10.1): granted goes on; denied before fails at once, without a popup; never asked shows the system popup,
   * whose answer is kept. `combined`: that popup also carries the privacy checkbox (§1.6).
   */
  ensure(apiName: string, o: Callbacks, scope: FakeScope, proceed: () => void, combined = false): void {
    const fake = this.fake
    const current = fake.env.authSetting[scope]
    if (current === true) return proceed()
    if (current === false) return fake.failWith(o, { errMsg: this.denyText(apiName) })
    const scripted = () => fake.user.popups[scope]?.shift() ?? fake.user.defaultPopupAnswer
    fake.ask('authorize', { scope, combined }, scripted, (answer) => {
      if (!answer) {
        fake.noteProblem(`a popup for ${scope} was shown but the test scripted no answer`)
        return fake.failWith(o, { errMsg: this.denyText(apiName) })
      }
      this.popupsShown.push(scope)
      fake.env.authSetting[scope] = answer === 'allow'
      // One tap on the combined popup grants the scope and agrees to the guide.
      if (combined && answer === 'allow') fake.env.privacyNeedsAgreement = false
      if (answer === 'allow') proceed()
      else fake.failWith(o, { errMsg: this.denyText(apiName) })
    })
  }

  apis(): ApiTable {
    const fake = this.fake
    return {
      getSetting: api('1.2.0', 'permission', (o: Callbacks) => {
        fake.record('getSetting', 'getSetting', 'permission', {})
        fake.succeed('getSetting', o, { authSetting: clone(fake.env.authSetting) })
      }),
      authorize: api('1.2.0', 'permission', (o: Callbacks & { scope: string }) => this.authorize(o)),
      openSetting: api('1.1.0', 'permission', (o: Callbacks) => {
        fake.record('openSetting', 'openSetting', 'permission', {})
        if (!fake.inTap) {
          this.audit.openSettingOutsideTap++
          return fake.failWith(o, { errMsg: 'openSetting:fail can only be invoked by user TAP gesture.' })
        }
        this.openSettingsPage((authSetting) => fake.succeed('openSetting', o, { authSetting }))
      }),
    }
  }
}
