#!/usr/bin/env node
// npm run check:wechat [-- dir] [--zip out.zip]: compiles the built mini program (dist/ by default) with
// WeChat's own offline builder, the npm package miniprogram-ci, and fails on any builder error, any warning it
// writes (e.g. an invalid app.json field), any .js that does not parse, or a main package over 2 MB.
// miniprogram-ci is large (~250 MB), so it is installed on demand OUTSIDE the project, once, into
// $DUET_TOOLS (default: <tmp>/duet-tools). It cannot reach WeChat's servers here; nothing it needs does.
// The last line printed is JSON: { files, zipBytes, zip, warnings, errors } (the benchmark reads it).
'use strict'
const childProcess = require('child_process')
const crypto = require('crypto')
const fs = require('fs')
const os = require('os')
const path = require('path')
const vm = require('vm')

const CI_VERSION = '2.1.42'
const MAX_MAIN_PACKAGE = 2 * 1024 * 1024
const args = process.argv.slice(2)
const zipAt = args.indexOf('--zip')
const zipArg = zipAt >= 0 ? path.resolve(args[zipAt + 1]) : null
const dir = path.resolve(args.find((a, i) => !a.startsWith('--') && i !== zipAt + 1) || 'dist')
const tools = path.resolve(process.env.DUET_TOOLS || path.join(os.tmpdir(), 'duet-tools'))
const ciDir = path.join(tools, 'node_modules', 'miniprogram-ci')
const stamp = path.join(tools, `miniprogram-ci-${CI_VERSION}.installed`)
// What WeChat's servers would answer for an ordinary mini program; the builder asks before compiling.
const LIMITS = {
  MaxCodeSize: 2,
  MaxSubpackageSubCodeSize: 2,
  MaxSubpackageFullCodeSize: 12,
  NavigateMiniprogramLimit: 10,
  MaxSubPackageLimit: 100,
  MinTabbarCount: 2,
  MaxTabbarCount: 5,
  MaxCustomTabbarCount: 10,
  MaxTabbarIconSize: 40,
}

/** Installs the pinned builder once; an interrupted install never counts as done. */
function ensureBuilder() {
  const installed =
    fs.existsSync(stamp) &&
    fs.existsSync(path.join(ciDir, 'package.json')) &&
    JSON.parse(fs.readFileSync(path.join(ciDir, 'package.json'), 'utf8')).version === CI_VERSION
  if (installed) return
  const staging = `${tools}.installing-${process.pid}`
  fs.rmSync(staging, { recursive: true, force: true })
  fs.mkdirSync(staging, { recursive: true })
  fs.writeFileSync(path.join(staging, 'package.json'), '{ "private": true }\n')
  console.error(
    `check:wechat: installing miniprogram-ci@${CI_VERSION} into ${tools} (outside the project; ~1 min, once)`,
  )
  const res = childProcess.spawnSync(
    'npm',
    [
      'install',
      `miniprogram-ci@${CI_VERSION}`,
      '--save-exact',
      '--omit=optional',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ],
    { cwd: staging, stdio: ['ignore', 'ignore', 'inherit'] },
  )
  if (res.status !== 0) {
    fs.rmSync(staging, { recursive: true, force: true })
    throw new Error('npm could not install miniprogram-ci')
  }
  fs.writeFileSync(path.join(staging, path.basename(stamp)), new Date().toISOString() + '\n')
  fs.rmSync(tools, { recursive: true, force: true })
  fs.renameSync(staging, tools)
}

function jsFiles(folder) {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(folder, e.name)
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : jsFiles(full)
    return e.name.endsWith('.js') ? [full] : []
  })
}

/** The builder reports a syntax error without a file name (or not at all when not minifying): check first. */
function unparsable() {
  const problems = []
  for (const file of jsFiles(dir)) {
    try {
      new vm.Script(fs.readFileSync(file, 'utf8'), { filename: file })
    } catch (err) {
      problems.push(`${path.relative(dir, file)}: ${err.message}`)
    }
  }
  return problems
}

/** Runs the builder silently and offline; its log goes to stdout and it would ask WeChat's servers. */
async function compile(zip) {
  // It leaves an empty folder named after the project in the working directory: keep that out of the repo.
  process.chdir(tools)
  const quiet = {}
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    quiet[level] = console[level]
    console[level] = () => {}
  }
  try {
    require(path.join(ciDir, 'dist/utils/request')).request = () => Promise.reject(new Error('offline'))
  } catch {
    // Another layout: the builder then fails to fetch its file-type list and falls back to its own.
  }
  try {
    const ci = require(ciDir)
    const project = new ci.Project({
      appid: 'wx0000000000000000',
      type: 'miniProgram',
      projectPath: dir,
      privateKey: 'unused',
    })
    project.attr = async () => ({ platform: false, appType: 0, isSandbox: false, released: false, setting: LIMITS })
    return {
      result: await ci.getCompiledResult(
        { project, setting: { useProjectConfig: true }, onProgressUpdate: () => {} },
        zip,
      ),
    }
  } catch (err) {
    return { error: `builder error${err && err.path ? ` in ${err.path}` : ''}: ${(err && err.message) || err}` }
  } finally {
    Object.assign(console, quiet)
  }
}

async function main() {
  if (!fs.existsSync(path.join(dir, 'app.json')))
    throw new Error(`no ${path.relative(process.cwd(), dir)}/app.json: run npm run build first`)
  const problems = unparsable()
  ensureBuilder()
  const zip =
    zipArg || path.join(tools, `package-${crypto.createHash('md5').update(dir).digest('hex').slice(0, 8)}.zip`)
  const { result, error } = await compile(zip)
  if (error) problems.push(error)
  const warnings = []
  for (const [file, content] of Object.entries(result || {})) {
    const text = typeof content === 'string' ? content : ''
    for (const warning of text.match(/"__warning__"\s*:\s*"(?:[^"\\]|\\.)*"/g) || [])
      warnings.push(`${file}: ${warning}`)
  }
  const zipBytes = result ? fs.statSync(zip).size : 0
  if (zipBytes > MAX_MAIN_PACKAGE) problems.push(`the main package is ${zipBytes} B, over WeChat's 2 MB`)
  for (const p of problems) console.log(`ERROR ${p}`)
  for (const w of warnings) console.log(`WARNING ${w}`)
  console.log(
    JSON.stringify({
      files: Object.keys(result || {}).length,
      zipBytes,
      zip,
      warnings: warnings.length,
      errors: problems.length,
    }),
  )
  // The builder forks a helper that keeps node alive; it exits by itself once we do.
  process.exit(problems.length || warnings.length ? 1 : 0)
}

main().catch((err) => {
  console.error(`check:wechat: ${(err && err.message) || err}`)
  process.exit(2)
})
