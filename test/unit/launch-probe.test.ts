// scripts/launch-probe.js (the bench's fixed launch in a fresh process) reports a figure only for a launch that
// reached the first page's data: a build that throws, or whose first page sends nothing, fails it loudly.
import { spawnSync } from 'child_process'
import * as fs from 'fs'
import * as os from 'os'
import * as path from 'path'

const ROOT = path.resolve(__dirname, '../..')
const PROBE = path.join(ROOT, 'scripts/launch-probe.js')
const probe = (...args: string[]) => spawnSync(process.execPath, [PROBE, ...args], { cwd: ROOT, encoding: 'utf8' })

const copies: string[] = []
afterAll(() => copies.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })))

/** A copy of dist/ with `file` changed by `edit`, for one broken launch. */
function brokenBuild(file: string, edit: (code: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-probe-'))
  copies.push(dir)
  fs.cpSync(path.join(ROOT, 'dist'), dir, { recursive: true })
  const at = path.join(dir, file)
  fs.writeFileSync(at, edit(fs.readFileSync(at, 'utf8')))
  return dir
}

beforeAll(() => {
  const built = probe('--build')
  expect(built.stderr).toBe('')
  expect(built.status).toBe(0)
})

test("one launch reaches the first page's data, and says how long it took", () => {
  const run = probe()
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  const result = JSON.parse(run.stdout.trim()) as Record<string, unknown>
  const appJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/app.json'), 'utf8')) as { pages: string[] }
  expect(result.page).toBe(appJson.pages[0])
  expect(result.setData).toBeGreaterThan(0)
  expect(result.wallMs).toBeGreaterThan(0)
  expect(result.cpuMs).toBeGreaterThan(0)
})

test('a launch that throws fails the probe, with no figure', () => {
  const dir = brokenBuild('store/index.js', (code) => `${code}\nthrow new Error('broken store')\n`)
  const run = probe('--dist', dir)
  expect(run.status).toBe(1)
  expect(run.stdout).toBe('')
  expect(run.stderr).toContain('broken store')
})

test('a first page whose store bindings never reach its data fails the probe', () => {
  const dir = brokenBuild('pages/contacts/index.js', (code) =>
    code.replace('(0, mobx_miniprogram_bindings_1.ComponentWithStore)(', 'Component('),
  )
  const run = probe('--dist', dir)
  expect(run.status).toBe(1)
  expect(run.stdout).toBe('')
  expect(run.stderr).toContain("pages/contacts/index's store bindings did not reach its data")
})
