#!/usr/bin/env node
// npm run bench: package size as WeChat's builder zips it, what each interaction sends to the views (its setData
// and the initial data of each page and component it creates), wx calls per call attempt, the playground's
// figures (scripts/playground-bench.js) and the test suite's time on this machine. Prints one table and
// writes bench/results.json.
// `npm run bench -- --skip-tests` leaves out the test-suite timing (about a minute on 2 cores).
const fs = require('fs')
const os = require('os')
const path = require('path')
const { spawnSync } = require('child_process')

const root = path.resolve(__dirname, '..')
const benchDir = path.join(root, 'bench')
const skipTests = process.argv.includes('--skip-tests')
const zlib = require('zlib')

// zipped: the package as a zip compresses it (what a phone downloads); stored: as WeChat's builder writes it,
// uncompressed (its size on the phone). The goal is the zipped size; the stored one is watched too.
const GOALS = {
  zipped: 160 * 1024,
  stored: 200 * 1024,
  warmCalls: 1,
  suiteSeconds: 90,
  playgroundReadyMs: 2000,
  playgroundTapMs: 100,
}

function run(cmd, args, env = {}) {
  const res = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } })
  if (res.status !== 0) {
    process.stderr.write(res.stdout + res.stderr)
    throw new Error(`${path.basename(args[0] || cmd)} failed`)
  }
  return res.stdout
}

/**
 * Entries of the builder's (stored) zip: name, size, and the size deflate gives it, as a zip tool would; the
 * zipped size is those plus each entry's two headers (30 and 46 bytes and the name twice) and the end record.
 */
function zipEntries(file) {
  const buf = fs.readFileSync(file)
  let eocd = buf.length - 22
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--
  const count = buf.readUInt16LE(eocd + 10)
  let at = buf.readUInt32LE(eocd + 16)
  const entries = []
  for (let i = 0; i < count; i++) {
    const nameLength = buf.readUInt16LE(at + 28)
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength)
    const size = buf.readUInt32LE(at + 24)
    const local = buf.readUInt32LE(at + 42)
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const deflated = zlib.deflateRawSync(buf.subarray(start, start + size), { level: 9 }).length
    entries.push({ name, size, zipped: 76 + 2 * nameLength + Math.min(size, deflated) })
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32)
  }
  return entries
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`
const verdict = (ok) => (ok ? 'ok' : 'OVER')

/** Each page and component once, with its initial data's size and its largest keys. */
function initialData(measured) {
  const seen = new Map()
  for (const i of measured.interactions) for (const c of i.created) if (!seen.has(c.component)) seen.set(c.component, c)
  return Array.from(seen.values(), (c) => {
    const keys = c.keys
      .slice(0, 4)
      .map((k) => `${k.key} ${k.bytes} B`)
      .join(', ')
    return `- ${c.component}: ${c.bytes} B (${keys})`
  }).join('\n')
}

function main() {
  run(process.execPath, [path.join(root, 'scripts/build.js')])
  const compiled = run(process.execPath, [path.join(root, 'scripts/check-wechat.js'), 'dist'])
    .trim()
    .split('\n')
    .pop()
  const { zipBytes, warnings, zip } = JSON.parse(compiled)
  const entries = zipEntries(zip)
  const own = entries.filter((e) => !e.name.startsWith('miniprogram_npm/'))
  const ownBytes = own.reduce((a, e) => a + e.size, 0)
  const ownBy = (ext) => own.filter((e) => e.name.endsWith(ext)).reduce((a, e) => a + e.size, 0)

  const measureFile = path.join(benchDir, 'measure.json')
  run(process.execPath, [require.resolve('jest/bin/jest'), '--config', 'test/bench/jest.config.js', '--silent'], {
    DUET_ROOT: 'dist',
    DUET_BENCH_OUT: measureFile,
  })
  const measured = JSON.parse(fs.readFileSync(measureFile, 'utf8'))
  fs.rmSync(measureFile)

  let suiteSeconds = null
  if (!skipTests) {
    const started = Date.now()
    run(process.execPath, [require.resolve('jest/bin/jest'), '--silent'])
    suiteSeconds = (Date.now() - started) / 1000
  }

  // The playground in Chromium (scripts/playground-bench.js); without a browser, the rows say so.
  let playground = null
  try {
    playground = JSON.parse(
      run(process.execPath, [path.join(root, 'scripts/playground-bench.js')])
        .trim()
        .split('\n')
        .pop(),
    )
  } catch (err) {
    process.stderr.write(`playground not measured: ${err.message}\n`)
  }

  const zippedBytes = entries.reduce((a, e) => a + e.zipped, 22)
  const rows = [
    [
      'Main package, zipped (WeUI excluded)',
      kb(zippedBytes),
      `< ${kb(GOALS.zipped)}`,
      verdict(zippedBytes < GOALS.zipped),
    ],
    [
      "  as WeChat's builder packs it (stored)",
      kb(zipBytes),
      `< ${kb(GOALS.stored)}`,
      verdict(zipBytes < GOALS.stored),
    ],
    ['  our own code (all but miniprogram_npm)', kb(ownBytes), '', ''],
    [
      '    of which .js / .wxml / .wxss+.wxs',
      `${kb(ownBy('.js'))} / ${kb(ownBy('.wxml'))} / ${kb(ownBy('.wxss') + ownBy('.wxs'))}`,
      '',
      '',
    ],
    ['  builder warnings', String(warnings), '0', verdict(warnings === 0)],
  ]
  // What crosses to the views: every setData, and the initial data of each page and component created.
  for (const i of measured.interactions) {
    const parts = `${i.setDataBytes} B in ${i.setDataCount} setData`
    const value = i.created.length
      ? `${i.bytes} B: ${parts} + ${i.initialBytes} B initial data of ${i.created.length}`
      : `${i.bytes} B: ${parts}`
    rows.push([`to the view: ${i.name}`, value, `≤ ${i.goal} B`, verdict(i.bytes <= i.goal)])
  }
  const { cold, warm } = measured.callAttempts
  rows.push([
    'wx calls, cold call attempt',
    `${cold.platform.length} (${cold.platform.join(', ')}) + ${cold.storage.length} storage write`,
    '',
    '',
  ])
  rows.push([
    'wx calls, warm call attempt',
    `${warm.platform.length} (${warm.platform.join(', ')}) + ${warm.storage.length} storage write`,
    `${GOALS.warmCalls} platform call`,
    verdict(warm.platform.length === GOALS.warmCalls),
  ])
  if (playground) {
    const sizes = playground.bundleBytes
    rows.push(
      [
        'Playground: both phones ready after the page loads (median of 5)',
        `${playground.readyMs.toFixed(0)} ms`,
        `< ${GOALS.playgroundReadyMs} ms`,
        verdict(playground.readyMs < GOALS.playgroundReadyMs),
      ],
      [
        'Playground: a click until the phone shows it (median)',
        `${playground.tapToRenderMs.toFixed(1)} ms over ${playground.taps} clicks`,
        `< ${GOALS.playgroundTapMs} ms`,
        verdict(playground.tapToRenderMs < GOALS.playgroundTapMs),
      ],
      [
        'Playground: build / bundles (files, phone, host)',
        `${playground.buildMs} ms / ${kb(sizes['duet-files.js'])}, ${kb(sizes['phone.js'])}, ${kb(sizes['host.js'])}`,
        '',
        '',
      ],
    )
  } else rows.push(['Playground (needs Chromium)', 'not measured', '', ''])
  if (suiteSeconds !== null) {
    const ok = suiteSeconds < GOALS.suiteSeconds
    rows.push([
      `Test suite (npm test), ${os.cpus().length} cores`,
      `${suiteSeconds.toFixed(0)} s`,
      `< ${GOALS.suiteSeconds} s`,
      verdict(ok),
    ])
  }

  const widths = [0, 1, 2, 3].map((c) =>
    Math.max(...rows.map((r) => r[c].length), ['Measure', 'Value', 'Goal', ''][c].length),
  )
  const line = (r) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`
  console.log(
    [line(['Measure', 'Value', 'Goal', '']), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'),
  )
  console.log(`\nInitial data of each page and component, as created (largest keys first):\n${initialData(measured)}`)

  fs.mkdirSync(benchDir, { recursive: true })
  fs.writeFileSync(
    path.join(benchDir, 'results.json'),
    JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        machine: `${os.cpus().length} cores, node ${process.version}`,
        goals: GOALS,
        package: {
          zippedBytes,
          storedBytes: zipBytes,
          ownBytes,
          warnings,
          ownJs: ownBy('.js'),
          ownWxml: ownBy('.wxml'),
        },
        interactions: measured.interactions,
        callAttempts: measured.callAttempts,
        playground,
        suiteSeconds,
      },
      null,
      2,
    ) + '\n',
  )
}

main()
