// §1: consent to the privacy guide, and how WeChat holds or refuses the APIs that need it.
import type { ApiTable, Callbacks, FakeWx } from './fake-wx'
import { api } from './fake-wx'
import type { Environment } from './environment'

export type Device = 'microphone' | 'camera'
/** What the privacy guide declares, item by item (§1.7, §10.1): an API using an undeclared one fails with 112. */
export type GuideItem = keyof Required<Environment['guideDeclares']>
type Resolve = (r: PrivacyResolution) => void

/** What a handler may pass to resolve; 'exposureAuthorization' reports that its own prompt is showing. */
export interface PrivacyResolution {
  event: 'agree' | 'disagree' | 'exposureAuthorization'
  buttonId?: string
}

const ENFORCED_SINCE = '2.32.3'
const COMBINED_POPUP_SINCE = '3.4.2'
/** §1.5: after a refusal on WeChat's own popup, gated APIs fail at once for about this long. */
export const OFFICIAL_POPUP_THROTTLE_MS = 10_000
const NOT_AUTHORIZED = 'privacy permission is not authorized'

/** How a gated API goes on: `combined` when its own popup carries the privacy checkbox (§1.6). */
export type Proceed = (how: { combined: boolean }) => void

export class FakePrivacy {
  listenerRegistrations = 0
  contractOpened = 0
  /** Times WeChat's own privacy popup was shown (no handler registered). */
  officialPopupsShown = 0
  private handler: ((resolve: Resolve, info: { referrer: string }) => void) | null = null
  private tappedAgreeButtonId: string | null = null
  private throttledUntil = 0

  constructor(private readonly fake: FakeWx) {}

  /** §1.3: `<button open-type="agreePrivacyAuthorization">` was tapped: WeChat records consent for that button. */
  tapAgreeButton(buttonId: string): void {
    this.fake.record('agreePrivacyAuthorization', `agreePrivacyAuthorization(#${buttonId})`, 'privacy', { buttonId })
    this.tappedAgreeButtonId = buttonId
    this.fake.env.privacyNeedsAgreement = false
  }

  get agreed(): boolean {
    return !this.fake.sdkAtLeast(ENFORCED_SINCE) || !this.fake.env.privacyNeedsAgreement
  }

  /**
   * Runs `proceed` once privacy allows an API that uses `items`, or fails it the way WeChat does (§1.1,
   * §1.4–§1.7). `ownPopup`: the API shows a popup of its own, which may carry the privacy checkbox.
   */
  gate(apiName: string, options: Callbacks, items: GuideItem[], proceed: Proceed, ownPopup = false): void {
    const fake = this.fake
    if (!fake.sdkAtLeast(ENFORCED_SINCE)) return proceed({ combined: false })
    const undeclared = items.filter((item) => !fake.env.guideDeclares[item])
    if (undeclared.length) {
      return fake.failWith(options, {
        errMsg: `${apiName}:fail api scope is not declared in the privacy agreement`,
        errno: 112,
      })
    }
    if (!fake.env.privacyNeedsAgreement) return proceed({ combined: false })
    if (Date.now() < this.throttledUntil)
      return fake.failWith(options, { errMsg: `${apiName}:fail ${NOT_AUTHORIZED}`, errno: 103 })
    if (ownPopup && fake.env.combinedPrivacyPopup && fake.sdkAtLeast(COMBINED_POPUP_SINCE))
      return proceed({ combined: true })
    const refuse = (why = NOT_AUTHORIZED) => fake.failWith(options, this.refusal(apiName, why))
    const handler = this.handler
    if (!handler) return this.officialPopup(apiName, refuse, () => proceed({ combined: false }))
    let settled = false
    const resolve: Resolve = (r) => {
      fake.record('resolvePrivacy', `resolvePrivacy(${r.event}${r.buttonId ? ` #${r.buttonId}` : ''})`, 'privacy', r)
      if (settled) return fake.noteProblem(`onNeedPrivacyAuthorization resolve(${String(r.event)}) after its answer`)
      // Before agree or disagree, the handler may tell WeChat its own prompt is showing: the call stays pending.
      if (r.event === 'exposureAuthorization') return
      settled = true
      if (r.event === 'disagree') return refuse()
      if (r.event !== 'agree') return fake.noteProblem(`resolve with unknown event ${String(r.event)}`)
      if (!r.buttonId || r.buttonId !== this.tappedAgreeButtonId) {
        fake.noteProblem(
          `resolve(agree) named button ${String(r.buttonId)}, but the tapped agree button was ${String(this.tappedAgreeButtonId)}`,
        )
        return refuse(`${NOT_AUTHORIZED} or buttonId is wrong`)
      }
      proceed({ combined: false })
    }
    fake.later(() => handler(resolve, { referrer: apiName }))
  }

  /** §1.7 (rev): a refusal looks like errno 104, errno 103 or only the text, as the environment says. */
  private refusal(apiName: string, why: string): Record<string, unknown> {
    const errMsg = `${apiName}:fail ${why}`
    const style = this.fake.env.privacyRefusal
    return style === 'text-only' ? { errMsg } : { errMsg, errno: style === 'errno-103' ? 103 : 104 }
  }

  /** §1.5 (rev): with no handler, WeChat asks with its own popup; a refusal throttles further asks. */
  private officialPopup(apiName: string, refuse: () => void, proceed: () => void): void {
    const fake = this.fake
    this.officialPopupsShown++
    fake.ask(
      'privacy',
      { api: apiName },
      () => fake.user.privacyPopup.shift(),
      (answer) => {
        if (!answer) {
          fake.noteProblem('WeChat showed its own privacy popup but the test scripted no answer')
          return refuse()
        }
        fake.record('privacyPopup', `privacyPopup(${answer})`, 'privacy', { answer })
        if (answer === 'refuse') {
          this.throttledUntil = Date.now() + OFFICIAL_POPUP_THROTTLE_MS
          return refuse()
        }
        fake.env.privacyNeedsAgreement = false
        proceed()
      },
    )
  }

  apis(): ApiTable {
    const fake = this.fake
    return {
      getPrivacySetting: api(ENFORCED_SINCE, 'privacy', (o: Callbacks) => {
        fake.record('getPrivacySetting', 'getPrivacySetting', 'privacy', {})
        fake.succeed('getPrivacySetting', o, {
          needAuthorization: fake.env.privacyNeedsAgreement,
          privacyContractName: '《Duet 隐私保护指引》',
        })
      }),
      onNeedPrivacyAuthorization: api(ENFORCED_SINCE, 'privacy', (handler: FakePrivacy['handler']) => {
        fake.record('onNeedPrivacyAuthorization', 'onNeedPrivacyAuthorization', 'privacy', {})
        this.listenerRegistrations++
        this.handler = handler
      }),
      openPrivacyContract: api(ENFORCED_SINCE, 'privacy', (o: Callbacks) => {
        fake.record('openPrivacyContract', 'openPrivacyContract', 'privacy', {})
        this.contractOpened++
        fake.succeed('openPrivacyContract', o)
      }),
    }
  }
}
