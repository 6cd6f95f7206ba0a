// Plain stand-ins for the services a slice is given (store/index.ts wires the real ones): each answers as a
// test sets it, and records what it was asked. No model of WeChat, no pages.
import type { Services } from '../../miniprogram/store/index'
import type { AuthSetting } from '../../miniprogram/services/scopes'
import type { PhonePermissions, CallSupport } from '../../miniprogram/services/system'
import type { JoinOptions } from '../../miniprogram/services/voip'
import { WxError } from '../../miniprogram/services/wx-error'

/** A promise and the hands that settle it: WeChat answering when the test says. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** A failure as WeChat's callback hands it to a service (which rejects with it as a WxError). */
export const wxFailure = (api: string, errCode?: number, errno?: number) =>
  new WxError(api, {
    errMsg: `${api}:fail`,
    ...(errCode === undefined ? {} : { errCode }),
    ...(errno === undefined ? {} : { errno }),
  })

/** Lets every promise chain waiting on an answer that came move on. */
export const flush = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await Promise.resolve()
}

export class BackendErrorStandIn extends Error {
  constructor(readonly problem: { kind: 'timeout' | 'service'; code?: number }) {
    super(`backend: ${problem.kind}`)
  }
}

/** What the phone is like, as the stand-ins answer it; change it between steps. */
export interface Phone {
  authSetting: AuthSetting
  phone: PhonePermissions
  support: CallSupport
  privacyNeeded: boolean
  /** How each wx.authorize popup is answered, by scope. */
  popup: (scope: string) => 'allow' | 'deny'
  /** How the next joins answer, in turn; past the end, every join is placed. */
  joins: Array<Promise<void> | WxError>
}

/** Services that answer from `phone`, and the log of what Duet asked. */
export function standInServices(overrides: Partial<Phone> = {}) {
  const phone: Phone = {
    authSetting: { 'scope.record': true, 'scope.camera': true },
    phone: { microphone: 'authorized', camera: 'authorized' },
    support: 'supported',
    privacyNeeded: false,
    popup: () => 'allow',
    joins: [],
    ...overrides,
  }
  const asked: string[] = []
  const joined: JoinOptions[] = []
  /** The phone's storage, key by key (stored() in ../fixtures fills it as this build writes it). */
  const storage: Record<string, unknown> = {}
  const services: Services = {
    // No WeChat Cloud here: appointments are kept on the phone only.
    appointmentsCloud: {
      keepsAppointments: () => false,
      canRemind: () => false,
      tell: () => Promise.resolve(false),
      list: () => Promise.resolve(null),
      remind: () => Promise.resolve('failed'),
    },
    calendar: {
      addToCalendar: (offer) => {
        asked.push(`addToCalendar(${offer.title})`)
        return Promise.resolve('sent')
      },
    },
    backend: {
      identitySource: () => 'typed',
      start: () => undefined,
      fetchMyOpenid: () => Promise.resolve(undefined),
      BackendError: BackendErrorStandIn,
      canShareAvatars: () => false,
      uploadAvatar: () => Promise.reject(new Error('no cloud')),
      canRing: () => false,
      ringTemplateId: () => '',
      ring: () => Promise.resolve({ sent: false, why: 'failed' }),
    } as unknown as Services['backend'],
    network: {
      getNetworkType: () => Promise.resolve('wifi'),
      onNetworkChange: () => () => undefined,
    },
    privacy: {
      getPrivacySetting: () =>
        Promise.resolve({ needAuthorization: phone.privacyNeeded, contractName: '《隐私保护指引》' }),
      onNeedPrivacyAuthorization: () => true,
      openPrivacyContract: () => Promise.resolve(),
    },
    scopes: {
      getAuthSetting: () => Promise.resolve({ ...phone.authSetting }),
      authorize: (scope) => {
        asked.push(`authorize(${scope})`)
        const allowed = phone.popup(scope) === 'allow'
        phone.authSetting = { ...phone.authSetting, [scope]: allowed }
        return allowed ? Promise.resolve() : Promise.reject(wxFailure('authorize'))
      },
      authSettingFromEvent: (detail) => (detail as { authSetting?: AuthSetting }).authSetting ?? null,
    },
    screen: { keepOn: (on) => void asked.push(`keepOn(${on})`) },
    storage: {
      readStored: (key) => storage[key],
      writeStored: (key, value) => {
        storage[key] = JSON.parse(JSON.stringify(value))
      },
      removeStored: (key) => {
        delete storage[key]
      },
      storedKeys: () => Object.keys(storage),
    },
    subscribe: { requestOne: () => Promise.resolve('accept') },
    system: {
      getPhonePermissions: () => ({ ...phone.phone }),
      getCallSupport: () => phone.support,
      openPhoneSettings: () => Promise.resolve(),
      isPreReleaseBuild: () => false,
    },
    theme: { getTheme: () => 'light', onThemeChange: () => undefined },
    voip: {
      setEnable1v1Chat: (enable) => {
        asked.push(`setEnable1v1Chat(${enable})`)
        return Promise.resolve()
      },
      join1v1Chat: (options) => {
        asked.push(`join1v1Chat(${options.roomType})`)
        joined.push(options)
        const next = phone.joins.shift()
        return next instanceof WxError ? Promise.reject(next) : (next ?? Promise.resolve())
      },
      exitVoIPChat: () => {
        asked.push('exitVoIPChat')
        return Promise.resolve()
      },
      listenToCalls: () => undefined,
    },
  }
  return { services, phone, asked, joined, storage }
}
