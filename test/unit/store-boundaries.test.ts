// Where the store meets WeChat: slices take their services from the root store (store/index.ts, the one
// place that wires them), and their unit tests run on plain stand-ins, never on the model of WeChat.
import * as fs from 'fs'
import * as path from 'path'

const ROOT = path.resolve(__dirname, '../..')
const files = (dir: string) =>
  fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f))
const importsOf = (file: string) =>
  [...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/^import (type )?[^;]*? from '([^']+)'/gm)].map((m) => ({
    typeOnly: !!m[1],
    from: m[2],
  }))

test('no slice but the root store imports a service, other than its types and the pure error parser', () => {
  const wrong = files('miniprogram/store')
    .filter((f) => !f.endsWith('index.ts'))
    .flatMap((f) =>
      importsOf(f)
        .filter((i) => i.from.startsWith('../services/') && !i.typeOnly && i.from !== '../services/wx-error')
        .map((i) => `${f}: ${i.from}`),
    )
  expect(wrong).toEqual([])
})

test('the slices’ unit tests use no model of WeChat, no harness and no simulated page', () => {
  const wrong = files('test/store').flatMap((f) =>
    importsOf(f)
      .filter((i) => /wechat-model|harness|miniprogram-simulate/.test(i.from))
      .map((i) => `${f}: ${i.from}`),
  )
  expect(wrong).toEqual([])
})

test('every slice has its own unit test file', () => {
  const slices = files('miniprogram/store')
    .map(
      (f) =>
        fs.readFileSync(path.join(ROOT, f), 'utf8').match(/^export class (\w+)Store\b/m) && path.basename(f, '.ts'),
    )
    .filter((name): name is string => !!name && name !== 'index')
  const tested = new Set(files('test/store').map((f) => path.basename(f, '.test.ts')))
  expect(slices.filter((s) => !tested.has(s))).toEqual([])
})
