/** A failed wx call, as our own type. Keeps WeChat's errMsg/errCode/errno for logs and messages. */
export class WxError extends Error {
  readonly api: string
  readonly errMsg: string
  readonly errCode: number | undefined
  readonly errno: number | undefined
  /** The API does not exist in this base library. */
  readonly unsupported: boolean

  constructor(api: string, detail: { errMsg?: string; errCode?: number; errno?: number; unsupported?: boolean }) {
    const errMsg = detail.errMsg || `${api}:fail`
    super(errMsg)
    this.name = 'WxError'
    this.api = api
    this.errMsg = errMsg
    this.errCode = detail.errCode
    this.errno = detail.errno
    this.unsupported = detail.unsupported === true
  }

  /**
   * The person has not agreed to the privacy guide (platform doc §1.7): errno 104, errno 103 (WeChat's own
   * popup throttling), or only the text; no one of these is relied on alone.
   */
  get isPrivacyRefusal(): boolean {
    return this.errno === 104 || this.errno === 103 || this.errMsg.includes('privacy permission is not authorized')
  }

  /** errno 112: the mini program's privacy guide does not declare the device. The deployer must fix it. */
  get isPrivacyUndeclared(): boolean {
    return this.errno === 112 || this.errMsg.includes('not declared in the privacy agreement')
  }
}

/** `[-20001] setEnable1v1Chat:fail …`: the code in brackets before the API's name. */
const BRACKETED_CODE = /^\[(-?\d+)\] \w+:fail/
/** `join1v1Chat:fail -10086, -1, Already in room!, -1`: an internal code, then the errCode, then words. */
const LISTED_CODE = /^\w+:fail -?\d+, (-?\d+), /

/**
 * The errCode of a failure whose callback carries it only in errMsg, in the two formats platform doc §4.7
 * quotes (the typings give setEnable1v1Chat's fail no errCode); undefined for anything else.
 */
export function errCodeFromErrMsg(errMsg: string): number | undefined {
  const match = BRACKETED_CODE.exec(errMsg) ?? LISTED_CODE.exec(errMsg)
  const code = match ? Number(match[1]) : NaN
  return Number.isSafeInteger(code) ? code : undefined
}

/** Whatever a wx API hands to `fail` (or throws), as a WxError. */
export function toWxError(api: string, raw: unknown): WxError {
  if (raw instanceof WxError) return raw
  if (raw instanceof Error) return new WxError(api, { errMsg: raw.message })
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
  const errMsg = typeof r.errMsg === 'string' ? r.errMsg : undefined
  return new WxError(api, {
    errMsg,
    errCode: typeof r.errCode === 'number' ? r.errCode : errMsg === undefined ? undefined : errCodeFromErrMsg(errMsg),
    errno: typeof r.errno === 'number' ? r.errno : undefined,
  })
}
