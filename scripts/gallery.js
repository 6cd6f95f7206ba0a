#!/usr/bin/env node
// npm run gallery: every page in each key state, rendered from the built pages and screenshotted in
// headless Chromium at a phone's size. Fails when a state lacks its heading, when anything runs past the
// 375 px screen, when a word is squeezed to one character per line, or when a screen shows two primary
// buttons. Needs Debian's chromium (apt-get install chromium fonts-noto-cjk); output in gallery/.
/* global document, NodeFilter, getComputedStyle -- used inside page.evaluate, which runs in the browser */
const fs = require('fs')
const path = require('path')
const { spawnSync } = require('child_process')

const root = path.resolve(__dirname, '..')
const out = path.join(root, 'gallery')
const htmlDir = path.join(out, 'html')
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const VIEWPORT = { width: 375, height: 812 }
/** The phone's clock and time zone, the same as the render step's (test/gallery/jest.config.js). */
const CLOCK = require('../test/gallery/clock.json')
/** `npm run gallery -- --only dial-` renders only the states whose file name matches (a regular expression). */
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

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`gallery: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`)
    process.exit(1)
  }
  // Pictures of states that no longer exist must not linger beside the new ones.
  fs.rmSync(out, { recursive: true, force: true })
  run(process.execPath, [path.join(root, 'scripts/build.js')])
  run(process.execPath, [require.resolve('jest/bin/jest'), '--config', 'test/gallery/jest.config.js', '--silent'], {
    DUET_ROOT: 'dist',
    DUET_GALLERY_ONLY: only,
  })

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
    const check = await page.evaluate(
      ({ heading, width }) => {
        const overflowing = []
        for (const el of document.querySelectorAll('body *')) {
          const r = el.getBoundingClientRect()
          if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5))
            overflowing.push(
              `${el.tagName.toLowerCase()}.${el.className}: ${Math.round(r.left)}–${Math.round(r.right)}px`,
            )
        }
        // A word squeezed to one character per line: text on two or more lines, none wider than a character.
        const squeezed = []
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent.trim()
          if (Array.from(text).length < 2 || !node.parentElement) continue
          const range = document.createRange()
          range.selectNodeContents(node)
          const lines = Array.from(range.getClientRects()).filter((r) => r.width > 0)
          const size = parseFloat(getComputedStyle(node.parentElement).fontSize)
          if (lines.length >= 2 && lines.every((r) => r.width <= size * 1.3)) squeezed.push(text)
        }
        // One primary action per screen: with a dialog or action sheet open, the screen is that layer.
        const visible = (el) => {
          const r = el.getBoundingClientRect()
          return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'
        }
        const layers = Array.from(
          document.querySelectorAll('.weui-half-screen-dialog, .weui-actionsheet, .weui-dialog'),
        ).filter(visible)
        const scope = layers.length ? layers : [document.body]
        const primaries = scope
          .flatMap((layer) => Array.from(layer.querySelectorAll('wx-button[data-type="primary"]')))
          .filter(visible)
          .map((b) => b.innerText.trim())
        return {
          hasHeading: document.body.innerText.includes(heading),
          pageWidth: document.documentElement.scrollWidth,
          overflowing: overflowing.slice(0, 5),
          squeezed: squeezed.slice(0, 5),
          primaries,
        }
      },
      { heading: s.heading, width: VIEWPORT.width },
    )
    await page.screenshot({ path: path.join(out, `${s.file}.png`), fullPage: !overlay, animations: 'disabled' })
    await page.close()
    if (!check.hasHeading) failures.push(`${s.file}: heading "${s.heading}" not visible`)
    if (check.pageWidth > VIEWPORT.width || check.overflowing.length) {
      failures.push(`${s.file}: wider than the screen (${check.pageWidth}px): ${check.overflowing.join('; ')}`)
    }
    if (check.squeezed.length)
      failures.push(`${s.file}: squeezed to a character per line: ${check.squeezed.join(' / ')}`)
    if (check.primaries.length > 1)
      failures.push(`${s.file}: ${check.primaries.length} primary buttons: ${check.primaries.join(' / ')}`)
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
    console.error(`gallery: ${failures.length} problem(s):\n- ${failures.join('\n- ')}`)
    process.exit(1)
  }
  console.log(
    'gallery: every state shows its heading, nothing overflows the 375 px screen, no word is squeezed, one primary per screen',
  )
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
