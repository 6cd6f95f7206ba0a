// WeChat Cloud from the phone (platform doc §5.2, §6.2): typed wrappers over wx.cloud. Errors are WxErrors.
import { callWx, wxFunction } from './call-wx'
import { WxError } from './wx-error'

/** Connects to the CloudBase environment `env`; false where this WeChat has no wx.cloud (before 2.2.3). */
export function initCloud(env: string): boolean {
  const init = wxFunction('cloud.init')
  if (!init) return false
  init({ env, traceUser: true })
  return true
}

/** Runs cloud function `name` and answers what it returned (untrusted until checked). */
export async function callFunction(name: string, data: Record<string, unknown> = {}): Promise<unknown> {
  const res = await callWx<{ result?: unknown }>('cloud.callFunction', { name, data })
  return res.result
}

/** Uploads a file of this phone to `cloudPath`; answers its fileID. */
export async function uploadFile(cloudPath: string, filePath: string): Promise<string> {
  const res = await callWx<{ fileID?: unknown }>('cloud.uploadFile', { cloudPath, filePath })
  if (typeof res.fileID !== 'string')
    throw new WxError('cloud.uploadFile', { errMsg: 'cloud.uploadFile:fail no fileID' })
  return res.fileID
}

/**
 * The URL of an uploaded file: lasting where the storage rule lets anyone read it. The row's own `status`
 * says whether this file has one (0); the call succeeding says only that the list was answered.
 */
export async function fileUrl(fileID: string): Promise<string> {
  const res = await callWx<{ fileList?: Array<{ tempFileURL?: unknown; status?: unknown }> }>('cloud.getTempFileURL', {
    fileList: [fileID],
  })
  const row = res.fileList?.[0]
  const url = row?.tempFileURL
  if (row?.status !== 0 || typeof url !== 'string' || !url)
    throw new WxError('cloud.getTempFileURL', {
      errMsg: 'cloud.getTempFileURL:fail no URL for the file',
      ...(typeof row?.status === 'number' ? { errCode: row.status } : {}),
    })
  return url
}
