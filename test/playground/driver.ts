// Drives the playground in a real browser as a person would: real clicks and key presses on each phone's
// iframe, found by the ids Duet's WXML and WeChat's drawn screens carry.
import type { AddressInfo } from 'net'
import * as path from 'path'
import { Browser, chromium, FrameLocator, Page } from 'playwright-core'

const ROOT = path.resolve(__dirname, '../..')
// Plain JavaScript scripts of the repository: the build and the server `npm start` runs.
const { build } = require(path.join(ROOT, 'scripts/playground-build.js')) as { build(): unknown }
const { createServer } = require(path.join(ROOT, 'scripts/playground.js')) as {
  createServer(): import('http').Server
}

export type Who = 'A' | 'B'

export class PhoneDriver {
  readonly frame: FrameLocator

  constructor(
    private readonly page: Page,
    readonly who: Who,
  ) {
    this.frame = page.frameLocator(`iframe[data-phone="${who}"]`)
  }

  /** A real click on what `selector` finds on this phone (Duet's page or WeChat's screens over it). */
  async click(selector: string): Promise<void> {
    await this.frame.locator(selector).first().click()
  }

  /** Clicks a text field and types into it with the keyboard. */
  async type(selector: string, text: string): Promise<void> {
    await this.frame.locator(`${selector} .pg-field`).first().click()
    await this.page.keyboard.type(text)
  }

  async text(selector: string): Promise<string> {
    return squash(await this.frame.locator(selector).first().innerText())
  }

  /** Waits until `selector` shows `text` (a person looks until the screen says it). */
  async sees(selector: string, text: string | RegExp): Promise<void> {
    await this.frame.locator(selector, { hasText: text }).first().waitFor()
  }

  async waitFor(selector: string): Promise<void> {
    await this.frame.locator(selector).first().waitFor()
  }

  /** Everything the phone shows now, as one line. */
  async screen(): Promise<string> {
    return squash(await this.frame.locator('body').innerText())
  }

  /** Evaluates in the phone's window (its `phone` object: contract.ts). */
  evaluate<T>(fn: string): Promise<T> {
    return this.page.evaluate(
      ([who, body]) => {
        const win = document.querySelector<HTMLIFrameElement>(`iframe[data-phone="${who}"]`)!.contentWindow!
        return new Function('phone', `return (${body})`)((win as unknown as { phone: unknown }).phone) as T
      },
      [this.who, fn] as const,
    )
  }

  routes(): Promise<string[]> {
    return this.evaluate<string[]>('phone.routes()')
  }

  problems(): Promise<string[]> {
    return this.evaluate<string[]>('phone.fake.problems')
  }
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim()

export class Playground {
  readonly A: PhoneDriver
  readonly B: PhoneDriver
  /** Errors the page threw. */
  readonly errors: string[] = []

  constructor(readonly page: Page) {
    this.A = new PhoneDriver(page, 'A')
    this.B = new PhoneDriver(page, 'B')
    page.on('pageerror', (e) => this.errors.push(String(e.stack ?? e)))
  }

  private baseUrl = ''

  /** Both phones afresh: nothing remembered, the clock at now; resolves once both are up. */
  async open(baseUrl: string): Promise<void> {
    this.baseUrl = baseUrl
    await this.page.goto(`${baseUrl}?fresh`)
    await this.page.waitForSelector('body[data-ready="true"]')
  }

  /** The person opens the playground's page again: both phones start with what they remember. */
  async reopen(): Promise<void> {
    await this.page.goto(this.baseUrl)
    await this.page.waitForSelector('body[data-ready="true"]')
  }

  /** Lines in the problems panel. */
  async problems(): Promise<string[]> {
    return this.page.locator('#problems li').allInnerTexts()
  }
}

/** Builds the playground, serves it on a free port and opens a browser: one per test file. */
export async function startPlayground(): Promise<{
  url: string
  newPlayground(): Promise<Playground>
  stop(): Promise<void>
}> {
  build()
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  })
  return {
    url,
    async newPlayground() {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1300 } })
      const playground = new Playground(await context.newPage())
      await playground.open(url)
      return playground
    },
    async stop() {
      await browser.close()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
