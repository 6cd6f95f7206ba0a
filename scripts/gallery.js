#!/usr/bin/env node
// npm run gallery: every page in each key state, rendered from the built pages and screenshotted in
// headless Chromium at a phone's size. Fails when a state lacks its heading or any text overflows the
// screen width. Needs Debian's chromium (apt-get install chromium fonts-noto-cjk); output in gallery/.
/* global document -- used inside page.evaluate, which runs in the browser */
const fs = require('fs')
const path = require('path')
const { spawnSync } = require('child_process')

const root = path.resolve(__dirname, '..')
const out = path.join(root, 'gallery')
const htmlDir = path.join(out, 'html')
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const VIEWPORT = { width: 375, height: 812 }

function run(cmd, args, env = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  if (res.status !== 0) process.exit(res.status || 1)
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`gallery: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`)
    process.exit(1)
  }
  run(process.execPath, [path.join(root, 'scripts/build.js')])
  run(process.execPath, [require.resolve('jest/bin/jest'), '--config', 'test/gallery/jest.config.js', '--silent'], {
    DUET_ROOT: 'dist',
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
    })
    await page.goto('file://' + path.join(htmlDir, `${s.file}.html`))
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
        return {
          hasHeading: document.body.innerText.includes(heading),
          pageWidth: document.documentElement.scrollWidth,
          overflowing: overflowing.slice(0, 5),
        }
      },
      { heading: s.heading, width: VIEWPORT.width },
    )
    await page.screenshot({ path: path.join(out, `${s.file}.png`), fullPage: true })
    await page.close()
    if (!check.hasHeading) failures.push(`${s.file}: heading "${s.heading}" not visible`)
    if (check.pageWidth > VIEWPORT.width || check.overflowing.length) {
      failures.push(`${s.file}: wider than the screen (${check.pageWidth}px): ${check.overflowing.join('; ')}`)
    }
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
  console.log('gallery: every state shows its heading and nothing overflows the 375 px screen')
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
