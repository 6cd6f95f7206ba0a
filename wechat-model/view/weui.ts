// On a phone WeChat supplies WeUI's components (app.json `useExtendedLib.weui`); here they come from the npm
// package's build, outside the mini program's root.
import * as fs from 'fs'
import * as path from 'path'

const WEUI_PREFIX = 'weui-miniprogram/'

export interface WeuiOptions {
  /** Each tag a json maps to `weui-miniprogram/…`, pointed at the package's build (relative to the root). */
  usingComponents: Record<string, string>
  /** Every template and WXS file for WeChat's compiler, the mini program's and WeUI's. */
  compilerOptions: { wxmlList: string[]; wxsList: string[] }
}

/** Files under `dir` ending in `ext`, relative to it; npm folders left out. */
export function filesUnder(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory())
      return e.name === 'miniprogram_npm' || e.name === 'node_modules'
        ? []
        : filesUnder(path.join(dir, e.name), ext).map((f) => `${e.name}/${f}`)
    return e.name.endsWith(ext) ? [e.name] : []
  })
}

/**
 * What simulate's loader (and WeChat's compiler, which runs once per root: so these must be the same on every
 * load) needs to render pages under `rootPath` with WeUI from `weuiDist`.
 */
export function weuiOptions(rootPath: string, weuiDist: string): WeuiOptions {
  const outside = path.relative(rootPath, weuiDist).split(path.sep).join('/')
  const usingComponents: Record<string, string> = {}
  for (const json of filesUnder(rootPath, '.json')) {
    const using =
      (JSON.parse(fs.readFileSync(path.join(rootPath, json), 'utf8')) as { usingComponents?: Record<string, string> })
        .usingComponents ?? {}
    for (const [tag, target] of Object.entries(using))
      if (target.startsWith(WEUI_PREFIX)) usingComponents[tag] = `/${outside}/${target.slice(WEUI_PREFIX.length)}`
  }
  const both = (ext: string) => [
    ...filesUnder(rootPath, ext),
    ...filesUnder(weuiDist, ext).map((f) => `${outside}/${f}`),
  ]
  return { usingComponents, compilerOptions: { wxmlList: both('.wxml'), wxsList: both('.wxs') } }
}
