#!/usr/bin/env node
// npm run gallery: every page in each key state, rendered from the built pages and screenshotted in
// headless Chromium at a phone's size. Fails when a state's heading is not a title a person can read on the
// first screen, when anything runs past the 375 px screen, when a word is squeezed to a character or two per
// line, when text is cut off, when a sheet runs off the screen, or when a screen shows two primary actions
// (scripts/gallery-checks.js); before any state, it proves each of those checks on a page broken that way.
// Needs Debian's chromium (apt-get install chromium fonts-noto-cjk); output in gallery/.
// `--checks-only` runs just that proof; `--only <regex>` renders only the states whose file name matches.
/* global document, getComputedStyle -- used inside page.evaluate, which runs in the browser */
const fs = require('fs')
const path = require('path')
const { spawnSync } = require('child_process')
const { checkScreen, scrollToText } = require('./gallery-checks')
const { BROKEN_PAGES } = require('./gallery-broken-pages')

const root = path.resolve(__dirname, '..')
const out = path.join(root, 'gallery')
const htmlDir = path.join(out, 'html')
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const VIEWPORT = { width: 375, height: 812 }
/** The phone's clock and time zone, the same as the render step's (test/gallery/jest.config.js). */
const CLOCK = require('../test/gallery/clock.json')
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : ''

/** A stand-in for an avatar URL: a square in a colour taken from the URL, so each person looks different. */
function avatarSvg(url) {
  let hash = 0
  for (const c of url) hash = (hash * 31 + c.charCodeAt(0)) >>> 0
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><rect width="96" height="96" fill="hsl(${hash % 360},45%,60%)"/><circle cx="48" cy="38" r="18" fill="#fff" opacity=".85"/><rect x="20" y="62" width="56" height="34" rx="17" fill="#fff" opacity=".85"/></svg>`
}

function run(cmd, args, env = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  if (res.status !== 0) process.exit(res.status || 1)
}

/** Each broken page must fail for its reason, and the good page must pass: else the checks prove nothing. */
async function proveChecks(browser) {
  const page = await browser.newPage({ viewport: VIEWPORT })
  const missed = []
  for (const broken of BROKEN_PAGES) {
    await page.setContent(broken.html)
    const problems = await page.evaluate(checkScreen, broken.args)
    const right = broken.expect ? problems.some((p) => broken.expect.test(p)) : problems.length === 0
    if (!right) missed.push(`${broken.name}: ${problems.join('; ') || 'nothing found'}`)
  }
  await page.close()
  return missed
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`gallery: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`)
    process.exit(1)
  }
  const { chromium } = require('playwright-core')
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  const missed = await proveChecks(browser)
  if (missed.length) {
    console.error(`gallery: the checks are wrong about ${missed.length} page(s):\n- ${missed.join('\n- ')}`)
    process.exit(1)
  }
  console.log(`gallery: the checks fail each of ${BROKEN_PAGES.length - 1} broken pages and pass the good one`)
  if (process.argv.includes('--checks-only')) return browser.close()

  // Pictures of states that no longer exist must not linger beside the new ones.
  fs.rmSync(out, { recursive: true, force: true })
  run(process.execPath, [path.join(root, 'scripts/build.js')])
  run(process.execPath, [require.resolve('jest/bin/jest'), '--config', 'test/gallery/jest.config.js', '--silent'], {
    DUET_ROOT: 'dist',
    DUET_GALLERY_ONLY: only,
  })
  const states = JSON.parse(fs.readFileSync(path.join(htmlDir, 'states.json'), 'utf8'))
  const failures = []
  for (const s of states) {
    const page = await browser.newPage({
      viewport: VIEWPORT,
      deviceScaleFactor: 2,
      colorScheme: s.dark ? 'dark' : 'light',
      timezoneId: CLOCK.timeZone,
      locale: 'zh-CN',
    })
    await page.clock.setFixedTime(new Date(CLOCK.now))
    // Avatars live on WeChat Cloud; offline, each is drawn as a coloured square with no network involved.
    await page.route(/^https?:/, (route) =>
      route.fulfill({ contentType: 'image/svg+xml', body: avatarSvg(route.request().url()) }),
    )
    await page.goto('file://' + path.join(htmlDir, `${s.file}.html`))
    // WeUI's sheets and dialogs slide and fade in over 0.3 s: checks and picture are of the resting screen.
    await page.evaluate(() => {
      for (const animation of document.getAnimations()) {
        if (animation.effect && animation.effect.getComputedTiming().iterations === Infinity) animation.cancel()
        else animation.finish()
      }
    })
    // A sheet or dialog is open (a fixed layer in the page): the picture is the screen as the person sees it.
    const overlay = await page.evaluate(() => {
      const open = Array.from(document.querySelectorAll('.gallery-webview *')).some(
        (el) => getComputedStyle(el).position === 'fixed',
      )
      document.body.classList.toggle('gallery-overlay', open)
      return open
    })
    // A state further down a page is seen as the person sees it: scrolled there.
    if (s.scrollTo && !(await page.evaluate(scrollToText, s.scrollTo)))
      failures.push({ file: s.file, problem: `nothing to scroll to holds "${s.scrollTo}"` })
    const problems = await page.evaluate(checkScreen, {
      heading: s.heading,
      shows: s.shows,
      below: s.below,
      truncated: s.truncated,
      width: VIEWPORT.width,
    })
    await page.screenshot({ path: path.join(out, `${s.file}.png`), fullPage: !overlay, animations: 'disabled' })
    await page.close()
    for (const problem of problems) failures.push({ file: s.file, problem })
  }
  await browser.close()

  const cards = states
    .map(
      (s) => `<figure><a href="${s.file}.png"><img src="${s.file}.png" alt="${s.page} ${s.state}" loading="lazy"></a>
<figcaption>${s.file}</figcaption></figure>`,
    )
    .join('\n')
  fs.writeFileSync(
    path.join(out, 'index.html'),
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Duet gallery</title>
<style>body{font-family:sans-serif;margin:16px;background:#ddd}main{display:grid;grid-template-columns:repeat(auto-fill,200px);gap:16px}
figure{margin:0}img{width:200px;border:1px solid #999;background:#fff}figcaption{font-size:12px}</style></head>
<body><h1>Duet: every page, every key state</h1><main>${cards}</main></body></html>\n`,
  )

  console.log(`gallery: ${states.length} states screenshotted into gallery/ (contact sheet: gallery/index.html)`)
  if (failures.length) {
    // One problem seen on many screens (a shared row, a banner) is listed once, with the screens it is on.
    const screens = new Map()
    for (const { file, problem } of failures) screens.set(problem, [...(screens.get(problem) || []), file])
    const lines = Array.from(screens, ([problem, files]) =>
      files.length === 1 ? `${files[0]}: ${problem}` : `${problem}\n    on ${files.join(', ')}`,
    )
    console.error(`gallery: ${screens.size} problem(s):\n- ${lines.join('\n- ')}`)
    process.exit(1)
  }
  console.log(
    'gallery: every state shows its heading on the first screen; nothing overflows, is squeezed or cut off; one primary per screen',
  )
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
