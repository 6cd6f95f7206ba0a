// Runs a .wxs module under Node the way WeChat's WXS runtime would: `module.exports`, getDate(), getRegExp().
import * as fs from 'fs'
import * as path from 'path'
import * as vm from 'vm'

export function loadWxs<T>(relativeToMiniprogram: string): T {
  const file = path.resolve(__dirname, '../../miniprogram', relativeToMiniprogram)
  const module = { exports: {} as T }
  const sandbox = {
    module,
    getDate: (...args: unknown[]) => new (Date as unknown as new (...a: unknown[]) => Date)(...args),
    getRegExp: (source: string, flags?: string) => new RegExp(source, flags),
  }
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), sandbox, { filename: file })
  return module.exports
}
