// §5–§7: WeChat Cloud. FakeCloud is the server side, shared by every phone of a test: the project's real
// cloud functions (cloudfunctions/<name>/index.js) run in-process on the real wx-server-sdk, under the calling
// phone's openid (the SDK reads WX_OPENID per call, §5.4); WeChat's server APIs (cloud.openapi.*) are played
// at the SDK's one seam; storage keeps uploaded files and their read rule. FakeCloudClient is `wx.cloud` on one
// phone. Nothing here reaches the network (test/harness/network-guard.ts fails any test that tries).
import * as fs from 'fs'
import { createRequire } from 'module'
import * as path from 'path'
import type { ApiTable, Callbacks, FakeWx } from './fake-wx'
import { api, clone } from './fake-wx'
import { FakeDatabase, installDatabaseSeam } from './database'

const FUNCTIONS_ROOT = path.resolve(__dirname, '../cloudfunctions')
/** Node's own require: the functions and wx-server-sdk load once per worker, outside jest's module registry. */
const nodeRequire = createRequire(__filename)
/** The process those run in; jest gives each test file a copy of `process`, which they would not see. */
const nodeProcess = nodeRequire('process') as NodeJS.Process
/** The environment id tests use; never a real one. */
export const TEST_CLOUD_ENV = 'duet-test-0a1b2c'
/** The subscribe-message template for rings that tests use; never a real one. */
export const TEST_RING_TEMPLATE = 'duet-test-ring-template-0000000000000000'
/** The subscribe-message template for appointment reminders that tests and the playground use; never a real one. */
export const TEST_REMINDER_TEMPLATE = 'duet-test-reminder-template-00000000000'
/** A function's execution limit (the default of a cloud function's config.json). */
const FUNCTION_TIMEOUT_S = 3
const BUCKET = '6475-duet-test-0a1b2c-1300000000'

// What WeChat Cloud's runtime provides, without credentials or a metadata server: the SDK then makes no
// network call of its own, and a call that slipped past the fakes fails on the network guard instead.
Object.assign(nodeProcess.env, {
  TENCENTCLOUD: 'true',
  TENCENTCLOUD_SECRETID: 'test-only',
  TENCENTCLOUD_SECRETKEY: 'test-only',
  SILENCE: 'true',
})

/** wx-server-sdk as a function sees it. */
export type WxServerSdk = typeof import('wx-server-sdk')

/** A call to one of WeChat's server APIs, as the function's SDK sent it (keys in WeChat's snake_case). */
export interface OpenApiCall {
  api: string
  params: Record<string, unknown>
}
/** WeChat's answer: its JSON body (errcode 0 or an error), or 'offline' for a transport failure. */
export type OpenApiReply = { errcode: number; errmsg?: string; [key: string]: unknown } | 'offline'

/** A subscribe message WeChat delivered: what the person sees, and the page it opens when tapped (§7.3). */
export interface SentMessage {
  touser: string
  templateId: string
  page: string
  data: Record<string, { value: string }>
}

/** A function's config.json: the server APIs it may call (§5.3). */
export interface FunctionConfig {
  permissions?: { openapi?: unknown }
  /** Its triggers; a timer one fires on a cron schedule (§11.2). */
  triggers?: Array<{ name?: unknown; type?: unknown; config?: unknown }>
}

/** What WeChat Cloud answers a function that calls a server API its config.json does not declare. */
const NOT_DECLARED: OpenApiReply = { errcode: -604101, errmsg: 'function has no permission to call this API' }

interface StoredFile {
  cloudPath: string
  owner: string
  publicRead: boolean
  /** The phone's temporary file it was uploaded from (the playground shows that picture at the file's URL). */
  from: string
}

type Handler = (call: OpenApiCall) => OpenApiReply

/** The SDK's transport to WeChat's server APIs; replaced once per worker, routed to the cloud being called. */
let routeOpenApi: Handler | null = null
/** The database of the cloud whose function runs (§12), at the SDK's database seam. */
let routeDatabase: FakeDatabase | null = null
function installOpenApiSeam(): void {
  const sdkPath = nodeRequire.resolve('wx-server-sdk', { paths: [FUNCTIONS_ROOT] })
  nodeRequire(sdkPath) // registers the SDK's protobuf types
  installDatabaseSeam(nodeRequire, path.dirname(sdkPath), () => routeDatabase)
  const { CloudBase } = nodeRequire(
    nodeRequire.resolve('@cloudbase/node-sdk/dist/cloudbase', { paths: [path.dirname(sdkPath)] }),
  )
  const proto = CloudBase.prototype as Record<string, unknown>
  if (proto.__duetFake) return
  const pb = nodeRequire(nodeRequire.resolve('protobufjs/minimal', { paths: [path.dirname(sdkPath)] })).roots.default
  proto.__duetFake = true
  proto.callCompatibleWxOpenApi = async ({ apiName, requestData }: { apiName: string; requestData: Uint8Array }) => {
    const request = pb.CommApiData.decode(requestData) as {
      openapiData?: { pairs?: Array<{ key: string; value: Uint8Array }> }
    }
    const params: Record<string, unknown> = {}
    for (const pair of request.openapiData?.pairs ?? [])
      params[pair.key] = JSON.parse(Buffer.from(pair.value).toString())
    const reply = routeOpenApi
      ? routeOpenApi({ api: apiName, params })
      : { errcode: -1, errmsg: 'no cloud is running this call' }
    if (reply === 'offline')
      throw Object.assign(new Error('getaddrinfo ENOTFOUND api.weixin.qq.com'), { code: 'ENOTFOUND' })
    const body = Buffer.from(JSON.stringify(reply))
    return Buffer.from(
      pb.CommOpenApiResp.encode({
        respData: body,
        contentType: 'application/json; charset=utf-8',
        httpCode: 200,
      }).finish(),
    )
  }
}

const { setImmediate: nextTurn } = nodeRequire('timers') as typeof import('timers')
/** Whether the test runs the app on jest's clock (its fake timers mark themselves with `clock`). */
const onTestClock = () => (setTimeout as unknown as { clock?: unknown }).clock !== undefined

/**
 * A function's run, to its end. wx-server-sdk waits a setTimeout(0) inside every server-API call; on the test's
 * clock nothing would run it, so what is due now runs here, turn by turn, while the function is under way.
 */
async function runToTheEnd<T>(run: T | Promise<T>): Promise<T> {
  let done = false
  const result = Promise.resolve(run).finally(() => (done = true))
  // A function that throws is answered below; until then its rejection must not count as unhandled.
  result.catch(() => undefined)
  while (!done) {
    await new Promise((r) => nextTurn(r))
    if (onTestClock()) jest.advanceTimersByTime(0)
  }
  return result
}

/** A cloud function's module (cloudfunctions/<name>/index.js), loaded as WeChat Cloud loads it: once, outside jest. */
export function cloudFunction<T = { main: (event: unknown, context: unknown) => unknown }>(name: string): T {
  return nodeRequire(path.join(FUNCTIONS_ROOT, name, 'index.js')) as T
}

/** WeChat Cloud's server side: environments, deployed functions, storage and WeChat's server APIs. */
export class FakeCloud {
  /** Environments that exist. */
  readonly envs = new Set([TEST_CLOUD_ENV])
  /** Functions not uploaded: calling one fails as a missing function. */
  readonly missing = new Set<string>()
  /** Functions run for longer than their limit: the phone's call times out (§5). */
  slow = false
  /** Functions whose calls get no answer at all until `answerHeld` (a weak network; never, if not called). */
  private readonly held = new Map<string, Array<() => void>>()
  /** Storage refuses uploads. */
  uploadsFail = false
  /**
   * How getTempFileURL answers for a stored file: an https URL (§6.2); a row that failed (status not 0: what
   * its URL field then holds is undocumented, so one is left in and only `status` tells); or an http URL.
   */
  fileUrls: 'https' | 'failed' | 'http' = 'https'
  /** The storage rule for avatars: readable by anyone (the README's rule), or only by their owner. */
  avatarsPublicRead = true
  readonly files = new Map<string, StoredFile>()
  /** Subscribe-message templates of the mini program (§7.3). */
  readonly templates = new Set([TEST_RING_TEMPLATE])
  /** One-time subscriptions left, per person and template: each accept on the phone adds one. */
  private readonly allowed = new Map<string, number>()
  /** Messages WeChat delivered, newest last. */
  readonly delivered: SentMessage[] = []
  /** WeChat's server APIs: subscribeMessage.send as §7.3 says, anything else succeeds; a test may replace it. */
  openApi: Handler = (call) => this.serve(call)
  readonly openApiCalls: OpenApiCall[] = []
  /** A function deployed with another config.json than the repository's (e.g. without a declaration). */
  readonly deployedConfig = new Map<string, FunctionConfig>()
  /** The CloudBase database, with the collections and permissions of the committed file (§12). */
  readonly database = FakeDatabase.asDeployed()
  private queue: Promise<unknown> = Promise.resolve()

  /** From now on, calls to `name` wait with no answer, as on a network that swallows them. */
  hold(name: string): void {
    if (!this.held.has(name)) this.held.set(name, [])
  }

  /** The held calls to `name` go through now, and later ones are answered as usual. */
  answerHeld(name: string): void {
    const waiting = this.held.get(name) ?? []
    this.held.delete(name)
    for (const go of waiting) go()
  }

  /** Keeps `go` (a call to `name`) for later when calls to it are held; false when it may go now. */
  heldBack(name: string, go: () => void): boolean {
    const waiting = this.held.get(name)
    waiting?.push(go)
    return waiting !== undefined
  }

  /** Runs `name` for real under the caller's openid; one at a time, as each run reads the process's environment. */
  invoke(name: string, data: unknown, caller: { openid: string }): Promise<unknown> {
    return this.enqueue(() => this.run(name, [data], caller)).then(([result]) => result)
  }

  /**
   * `body` run as a function's code is, on the real wx-server-sdk (initialised), under `caller` or none and
   * reaching this cloud's database: for tests of the database model itself (§12).
   */
  runAsFunction<T>(body: (sdk: WxServerSdk) => Promise<T>, caller: { openid: string } | null = null): Promise<T> {
    const sdk = nodeRequire(nodeRequire.resolve('wx-server-sdk', { paths: [FUNCTIONS_ROOT] })) as WxServerSdk
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string })
    const main = () => body(sdk)
    return this.enqueue(() => this.run({ main, openApis: [] }, [undefined], caller)).then(([result]) => result as T)
  }

  /**
   * `name`'s timer trigger fires at each of `times` (§11.2): the runs go together, as two runs of a late
   * timer overlap, with no caller (a timer has no openid) and the event WeChat Cloud gives a timer run.
   */
  trigger(name: string, ...times: number[]): Promise<unknown[]> {
    const timer = this.config(name).triggers?.find((t) => t.type === 'timer')
    if (!timer) throw new Error(`${name} has no timer trigger in its config.json`)
    const events = times.map((at) => ({ Type: 'Timer', TriggerName: timer.name, Time: new Date(at).toISOString() }))
    return this.enqueue(() => this.run(name, events, null))
  }

  private enqueue<T>(go: () => Promise<T>): Promise<T> {
    const run = this.queue.then(go)
    this.queue = run.catch(() => undefined)
    return run
  }

  private async run(
    code: string | { main: (event: unknown) => unknown; openApis: string[] },
    events: unknown[],
    caller: { openid: string } | null,
  ): Promise<unknown[]> {
    installOpenApiSeam()
    const { main } = typeof code === 'string' ? cloudFunction(code) : code
    Object.assign(nodeProcess.env, {
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
      WX_APPID: 'wx0000000000000000',
      TCB_ENV: TEST_CLOUD_ENV,
    })
    if (caller) nodeProcess.env.WX_OPENID = caller.openid
    const declared = typeof code === 'string' ? this.declaredOpenApis(code) : code.openApis
    routeOpenApi = (call) => {
      // WeChat Cloud refuses what config.json does not declare before WeChat hears of it.
      if (!declared.includes(call.api)) return NOT_DECLARED
      this.openApiCalls.push(call)
      return this.openApi(call)
    }
    routeDatabase = this.database
    const problemsBefore = this.database.problems.length
    try {
      const results = await Promise.all(events.map((event) => runToTheEnd(main(event, {}))))
      // A function may catch what the database model threw; the run still fails, so no test passes by it.
      const unmodelled = this.database.problems.slice(problemsBefore)
      if (unmodelled.length) throw new Error(unmodelled.join('; '))
      return results
    } finally {
      routeOpenApi = null
      routeDatabase = null
      delete nodeProcess.env.WX_OPENID
    }
  }

  /** `name`'s config.json, as deployed; empty without one. */
  private config(name: string): FunctionConfig {
    const file = path.join(FUNCTIONS_ROOT, name, 'config.json')
    return (
      this.deployedConfig.get(name) ??
      (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as FunctionConfig) : {})
    )
  }

  /** The server APIs `name` may call: its `permissions.openapi`, as deployed; none without a config.json. */
  declaredOpenApis(name: string): string[] {
    const openapi = this.config(name).permissions?.openapi
    return Array.isArray(openapi) ? openapi.filter((a): a is string => typeof a === 'string') : []
  }

  /** A person accepted one message of `templateId` on their phone. */
  allowOne(openid: string, templateId: string): void {
    const key = `${openid}|${templateId}`
    this.allowed.set(key, (this.allowed.get(key) ?? 0) + 1)
  }

  /** Messages of `templateId` that may still be sent to `openid`. */
  allowance(openid: string, templateId: string): number {
    return this.allowed.get(`${openid}|${templateId}`) ?? 0
  }

  /** WeChat's side of the server APIs the functions use. */
  private serve(call: OpenApiCall): OpenApiReply {
    if (call.api !== 'subscribeMessage.send') return { errcode: 0, errmsg: 'ok' }
    const { touser, template_id: templateId, page, data } = call.params as Record<string, unknown>
    if (typeof templateId !== 'string' || !this.templates.has(templateId))
      return { errcode: 40037, errmsg: 'invalid template_id' }
    if (typeof touser !== 'string' || this.allowance(touser, templateId) === 0)
      return { errcode: 43101, errmsg: 'user refuse to accept the msg' }
    this.allowed.set(`${touser}|${templateId}`, this.allowance(touser, templateId) - 1)
    this.delivered.push({
      touser,
      templateId,
      page: String(page ?? ''),
      data: (data ?? {}) as SentMessage['data'],
    })
    return { errcode: 0, errmsg: 'ok' }
  }

  /** A file as a phone uploaded it; its URL lasts if the rule lets anyone read it, else ten minutes (§6.2). */
  store(fileID: string, file: StoredFile): void {
    this.files.set(fileID, file)
  }

  urlOf(fileID: string): { url: string; lasting: boolean } | null {
    const file = this.files.get(fileID)
    if (!file) return null
    const url = `https://${BUCKET}.tcb.qcloud.la/${file.cloudPath}`
    return file.publicRead ? { url, lasting: true } : { url: `${url}?sign=fake&t=600`, lasting: false }
  }
}

const CLOUD_SINCE = '2.2.3'
/** getTempFileURL takes at most this many files a call. */
const MAX_FILES_PER_URL_CALL = 50

/** `wx.cloud` on one phone (§5.2). Errors carry the errCodes of WeChat Cloud's reference table. */
export class FakeCloudClient {
  /** The environment wx.cloud.init named, once it has been called. */
  initialisedEnv: string | null = null
  inits = 0

  constructor(
    private readonly fake: FakeWx,
    readonly server: FakeCloud,
  ) {}

  /** Parameters WeChat rejects outright: a mistake of the app, so the test that made it fails too. */
  private badParameter(o: Callbacks, apiName: string, why: string): void {
    this.fake.noteProblem(`wx.cloud.${apiName}: bad parameter: ${why}`)
    this.fake.failWith(o, { errMsg: `cloud.${apiName}:fail parameter error: ${why}` })
  }

  /** Why a call cannot reach the cloud from this phone now, as WeChat Cloud's client reports it. */
  private unreachable(apiName: string): Record<string, unknown> | null {
    const fail = (errCode: number, why: string) => ({ errCode, errMsg: `cloud.${apiName}:fail ${why}` })
    if (this.fake.env.network === 'none') return fail(-1, 'Error: network request failed')
    if (this.initialisedEnv === null) return fail(-1, 'cloud init error: please call wx.cloud.init first')
    if (!this.server.envs.has(this.initialisedEnv))
      return fail(-501005, `errCode: -501005 | errMsg: env ${this.initialisedEnv} not found`)
    return null
  }

  private callFunction(o: Callbacks & { name?: unknown; data?: unknown }): void {
    const fake = this.fake
    const name = String(o.name)
    fake.record('cloud.callFunction', `cloud.callFunction(${name})`, 'cloud', { name, data: o.data })
    if (typeof o.name !== 'string' || !o.name) return this.badParameter(o, 'callFunction', 'name must be a string')
    const data = o.data ?? {}
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      return this.badParameter(o, 'callFunction', 'data must be an object')
    const refused = this.unreachable('callFunction')
    if (refused) return fake.failWith(o, refused)
    if (this.server.missing.has(name) || !fs.existsSync(path.join(FUNCTIONS_ROOT, name, 'index.js'))) {
      return fake.failWith(o, {
        errCode: -501000,
        errMsg: `cloud.callFunction:fail errCode: -501000 | errMsg: FunctionName parameter could not be found: ${name}`,
      })
    }
    if (this.server.slow) {
      setTimeout(
        () =>
          fake.failWith(o, { errCode: -501002, errMsg: 'cloud.callFunction:fail errCode: -501002 | errMsg: timeout' }),
        FUNCTION_TIMEOUT_S * 1000,
      )
      return
    }
    const openid = fake.env.openid
    // Both ways the values travel as JSON, as they do to the cloud and back: no dates, functions or undefined.
    const run = () =>
      this.server.invoke(name, clone(data), { openid }).then(
        (result) => fake.succeed('cloud.callFunction', o, { result: clone(result), requestID: `fake-${name}` }),
        (err: unknown) =>
          fake.failWith(o, {
            errCode: -504002,
            errMsg: `cloud.callFunction:fail errCode: -504002 | errMsg: ${String((err as Error)?.message ?? err)}`,
          }),
      )
    if (!this.server.heldBack(name, run)) void run()
  }

  private uploadFile(o: Callbacks & { cloudPath?: unknown; filePath?: unknown }): void {
    const fake = this.fake
    fake.record('cloud.uploadFile', `cloud.uploadFile(${String(o.cloudPath)})`, 'cloud', {
      cloudPath: o.cloudPath,
      filePath: o.filePath,
    })
    if (typeof o.cloudPath !== 'string' || !o.cloudPath)
      return this.badParameter(o, 'uploadFile', 'cloudPath must be a string')
    if (typeof o.filePath !== 'string') return this.badParameter(o, 'uploadFile', 'filePath must be a string')
    const refused = this.unreachable('uploadFile')
    if (refused) return fake.failWith(o, refused)
    if (!fake.ui.localFiles.has(o.filePath)) {
      return fake.failWith(o, {
        errCode: -401002,
        errMsg: 'cloud.uploadFile:fail filePath is not a file on this phone',
      })
    }
    if (this.server.uploadsFail)
      return fake.failWith(o, {
        errCode: -503001,
        errMsg: 'cloud.uploadFile:fail errCode: -503001 | errMsg: storage request failed',
      })
    const cloudPath = String(o.cloudPath)
    const fileID = `cloud://${this.initialisedEnv}.${BUCKET}/${cloudPath}`
    const stored = { cloudPath, owner: fake.env.openid, publicRead: this.server.avatarsPublicRead, from: o.filePath }
    this.server.store(fileID, stored)
    fake.succeed('cloud.uploadFile', o, { fileID, statusCode: 204 })
  }

  private getTempFileURL(o: Callbacks & { fileList?: unknown }): void {
    const fake = this.fake
    const list: unknown[] = Array.isArray(o.fileList) ? o.fileList : []
    fake.record('cloud.getTempFileURL', `cloud.getTempFileURL(${list.length})`, 'cloud', { fileList: o.fileList })
    const fileIDs = list.map((item) =>
      typeof item === 'object' && item !== null ? (item as { fileID?: unknown }).fileID : item,
    )
    if (!Array.isArray(o.fileList) || !list.length || list.length > MAX_FILES_PER_URL_CALL)
      return this.badParameter(o, 'getTempFileURL', `fileList must be an array of 1–${MAX_FILES_PER_URL_CALL}`)
    if (!fileIDs.every((id) => typeof id === 'string' && id.startsWith('cloud://')))
      return this.badParameter(o, 'getTempFileURL', 'each entry must be a fileID or { fileID, maxAge }')
    const refused = this.unreachable('getTempFileURL')
    if (refused) return fake.failWith(o, refused)
    const fileList = (fileIDs as string[]).map((fileID) => {
      const found = this.server.urlOf(fileID)
      if (!found) return { fileID, tempFileURL: '', status: -503003, errMsg: 'file not found' }
      const { fileUrls } = this.server
      if (fileUrls === 'failed') return { fileID, tempFileURL: found.url, status: -1, errMsg: 'internal error' }
      const url = fileUrls === 'http' ? found.url.replace(/^https:/, 'http:') : found.url
      return { fileID, tempFileURL: url, maxAge: found.lasting ? 0 : 600, status: 0, errMsg: 'ok' }
    })
    fake.succeed('cloud.getTempFileURL', o, { fileList })
  }

  apis(): ApiTable {
    const fake = this.fake
    return {
      cloud: {
        since: CLOUD_SINCE,
        category: 'cloud',
        namespace: {
          init: api(CLOUD_SINCE, 'cloud', (o: { env?: unknown; traceUser?: unknown } = {}) => {
            fake.record('cloud.init', `cloud.init(${String(o.env)})`, 'cloud', { env: o.env, traceUser: o.traceUser })
            if (this.inits++ > 0) fake.noteProblem('wx.cloud.init was called again: once at launch is enough (§5.2)')
            if (typeof o.env !== 'string' || !o.env)
              return fake.problem('wx.cloud.init needs the environment id (§5.2)')
            // Without WeChat Cloud for this mini program, init leaves nothing initialised.
            if (fake.env.cloudEnabled) this.initialisedEnv = o.env
          }),
          callFunction: api(CLOUD_SINCE, 'cloud', (o: Callbacks & { name?: unknown; data?: unknown }) =>
            this.callFunction(o),
          ),
          uploadFile: api(CLOUD_SINCE, 'cloud', (o: Callbacks & { cloudPath?: unknown; filePath?: unknown }) =>
            this.uploadFile(o),
          ),
          getTempFileURL: api(CLOUD_SINCE, 'cloud', (o: Callbacks & { fileList?: unknown }) => this.getTempFileURL(o)),
          database: api(CLOUD_SINCE, 'cloud', () => {
            fake.record('cloud.database', 'cloud.database()', 'cloud', {})
            return this.server.database.forPhone(fake.env.openid)
          }),
        },
      },
    }
  }
}
