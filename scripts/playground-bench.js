#!/usr/bin/env node
/* global window, document, performance -- functions below run in the browser, passed to page.evaluate */
// The playground's figures, for `npm run bench` (never a timed test): how long the build takes and what it
// ships, how long after the page starts loading both phones are ready (median of 5 loads), and how long a click
// takes to change what the phone shows (median over the clicks of a walk through the walkthrough, sharing and
// adding a contact). Prints one JSON line; Chromium as the browser tests use it (CHROMIUM_PATH).
const fs = require('fs')
const { chromium } = require('playwright-core')
const { build } = require('./playground-build')
const { createServer } = require('./playground')

const LOADS = 5
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/**
 * In the host page: for each phone, the time from each click to the first change of that phone's document,
 * kept in window.tapToRender (one clock, the host page's, for both ends).
 */
function listenForRenders() {
  const times = (window.tapToRender = [])
  for (const frame of document.querySelectorAll('iframe[data-phone]')) {
    const doc = frame.contentDocument
    let clickedAt = null
    doc.addEventListener('click', () => (clickedAt = performance.now()), true)
    new frame.contentWindow.MutationObserver(() => {
      if (clickedAt === null) return
      times.push(performance.now() - clickedAt)
      clickedAt = null
    }).observe(doc.body, { subtree: true, childList: true, attributes: true, characterData: true })
  }
}

async function main() {
  const built = build()
  const server = createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${server.address().port}/`
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
  if (!fs.existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}`)
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] })
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1300 } })
    const ready = []
    for (let i = 0; i < LOADS; i++) {
      await page.goto(`${url}?fresh`)
      await page.waitForSelector('body[data-ready="true"]')
      ready.push(await page.evaluate(() => window.playground.readyMs))
    }
    const phone = (who) => page.frameLocator(`iframe[data-phone="${who}"]`)
    await page.evaluate(listenForRenders)
    const clicks = [
      ['A', '#privacy-agree'],
      ['A', '#grant'],
      ['A', '#wx-auth-allow'],
      ['A', '#wx-auth-allow'],
      ['B', '#privacy-decline'],
      ['B', '#look-around'],
      ['B', '#share-card'],
      ['B', '#me-save'],
      ['A', '#wx-leave-duet'],
      ['A', '#wx-open-duet'],
      ['A', '#me-save'],
    ]
    for (const [who, selector] of clicks) {
      await phone(who).locator(selector).first().click()
      await page.waitForTimeout(100)
    }
    const taps = await page.evaluate(() => window.tapToRender)
    console.log(
      JSON.stringify({
        buildMs: built.ms,
        wccMs: built.wccMs,
        bundleBytes: built.sizes,
        readyMs: median(ready),
        readyAllMs: ready.map((ms) => Math.round(ms)),
        tapToRenderMs: median(taps),
        taps: taps.length,
      }),
    )
  } finally {
    await browser.close()
    server.close()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
