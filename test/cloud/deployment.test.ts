// What a deployment uploads, checked as WeChat Cloud will read it (platform doc §5.3, §11.2, §12.1): each
// function's folder is complete, and every collection a function uses is in the committed permission file,
// closed to phones.
import * as fs from 'fs'
import * as path from 'path'

const ROOT = path.resolve(__dirname, '../..')
const FUNCTIONS = path.join(ROOT, 'cloudfunctions')
const names = fs.readdirSync(FUNCTIONS).filter((name) => fs.statSync(path.join(FUNCTIONS, name)).isDirectory())
const read = (...parts: string[]) => fs.readFileSync(path.join(...parts), 'utf8')
const sdkVersion = (JSON.parse(read(ROOT, 'package.json')) as { devDependencies: Record<string, string> })
  .devDependencies['wx-server-sdk']

test('the functions are the four Duet deploys', () => {
  expect(names.sort()).toEqual(['appointments', 'remind', 'ring', 'whoami'])
})

test.each(names)(
  '%s: type-checked index.js, package.json on the tested SDK, config.json declaring its APIs',
  (name) => {
    expect(read(FUNCTIONS, name, 'index.js').startsWith('// @ts-check\n')).toBe(true)
    const pkg = JSON.parse(read(FUNCTIONS, name, 'package.json')) as {
      name: string
      main: string
      dependencies: object
    }
    expect(pkg).toMatchObject({ name, main: 'index.js', dependencies: { 'wx-server-sdk': sdkVersion } })
    const config = JSON.parse(read(FUNCTIONS, name, 'config.json')) as { permissions?: { openapi?: unknown } }
    expect(Array.isArray(config.permissions?.openapi)).toBe(true)
  },
)

test('every collection a function uses is in database/collections.json, closed to phones (ADMINONLY)', () => {
  const { collections } = JSON.parse(read(ROOT, 'database', 'collections.json')) as {
    collections: Record<string, { acl: string }>
  }
  const used = new Set<string>()
  for (const name of names)
    for (const match of read(FUNCTIONS, name, 'index.js').matchAll(/\.collection\('([^']+)'\)/g)) used.add(match[1])
  expect([...used].sort()).toEqual(Object.keys(collections).sort())
  for (const { acl } of Object.values(collections)) expect(acl).toBe('ADMINONLY')
})
