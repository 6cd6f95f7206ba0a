// Duet's built files in a browser, as a phone runs them: miniprogram-simulate in its browser mode reads the
// file map the build wrote, its templates are the functions WeChat's own compiler made at build time, and
// each CommonJS module runs once (as on a phone), with component definitions replayed for later pages.
import * as path from 'path'
import { moduleLoader } from '../../wechat-model/modules'
import { Exparser, useExparser } from '../../wechat-model/view/elements'
import { ComponentGlobal, replayComponentDefinitions, SimulateUtils } from '../../wechat-model/view/replay'

/** What scripts/playground-build.js wrote into duet-files.js. */
export interface DuetFiles {
  files: Record<string, unknown>
  gwx: string
  vRoot: string
  wxmlList: string[]
  usingComponents: Record<string, string>
  pages: string[]
  darkmode: boolean
  styles: { weui: string; elements: string; frame: string }
  pageCss: Record<string, string>
  bars: Record<string, string>
  functions: string[]
}

export interface Simulate {
  load(path: string, options: Record<string, unknown>): string
  render(id: string): Rendered
}
export interface Rendered {
  dom: HTMLElement
  instance: Record<string, unknown>
  attach(parent: HTMLElement): void
  detach(): void
}

interface PhoneWindow {
  __DUET__: DuetFiles
  __FILE_MAP__: Record<string, unknown>
}

export const duet = (window as unknown as PhoneWindow).__DUET__

export interface Loaded {
  simulate: Simulate
  exparser: Exparser
  /** Runs (once) and returns the module at a virtual path such as /duet/dist/app.js. */
  requireFile(file: string): Record<string, unknown>
}

/** Sets simulate up over the build's files; `onError` hears what a page handler throws. */
export function loadDuet(onError: (error: unknown) => void): Loaded {
  const files = duet.files
  const gwx = new Function(duet.gwx)() as (file: string) => unknown
  for (const file of duet.wxmlList) files[file] = gwx(path.posix.relative(duet.vRoot, file))
  ;(window as unknown as PhoneWindow).__FILE_MAP__ = files

  const simulate = require('miniprogram-simulate') as Simulate
  const exparser = require('miniprogram-exparser') as Exparser & {
    addGlobalErrorListener?(listener: (error: unknown) => boolean): void
  }
  // Styles come from the build (wechat-model/view/styles.ts), as the gallery draws them.
  const wxss = require('miniprogram-simulate/src/wxss') as { compile(): string; insert(): void }
  wxss.compile = () => ''
  wxss.insert = () => undefined
  exparser.globalOptions.throwGlobalError = false
  exparser.addGlobalErrorListener?.((error) => {
    onError(error)
    return false
  })
  useExparser(exparser)

  const requireFile = moduleLoader((file) => {
    const text = files[file]
    return typeof text === 'string' ? text : undefined
  }, duet.vRoot)
  replayComponentDefinitions({
    utils: require('miniprogram-simulate/src/utils') as SimulateUtils,
    globals: window as unknown as ComponentGlobal,
    runModule: (file) => requireFile(`${file}.js`),
  })
  return { simulate, exparser, requireFile }
}
