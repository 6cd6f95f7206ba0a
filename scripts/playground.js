#!/usr/bin/env node
// `npm start`: builds what the playground needs (scripts/playground-build.js) and serves it on 127.0.0.1
// (PORT to change the port): two phones in a browser, and WeChat Cloud, whose functions (cloudfunctions/*)
// run here for real, on the real wx-server-sdk, under each phone's openid.
const fs = require('fs')
const http = require('http')
const path = require('path')
const { build, OUT } = require('./playground-build')

const PUBLIC = path.join(__dirname, '../playground/public')
const FUNCTIONS = path.join(__dirname, '../cloudfunctions')
/** The one timer schedule the playground runs: every minute, at second 0 (platform doc §11.2). */
const EVERY_MINUTE = '0 * * * * * *'
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' }

function readBody(req) {
  return new Promise((resolve, reject) => {
    let text = ''
    req.on('data', (chunk) => (text += chunk))
    req.on('end', () => {
      try {
        resolve(text ? JSON.parse(text) : {})
      } catch (err) {
        reject(err)
      }
    })
  })
}

function sendJson(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(value))
}

/** A file of the playground: the pages and styles as written, the bundles as built. */
function fileFor(pathname) {
  const name = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1))
  for (const dir of [PUBLIC, OUT]) {
    const file = path.join(dir, name)
    if (file.startsWith(dir + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) return file
  }
  return null
}

/**
 * The functions with a timer trigger in their config.json. A schedule other than every minute fails loudly:
 * the page fires timers once per minute its clock passes.
 */
function timedFunctions() {
  return fs.readdirSync(FUNCTIONS).filter((name) => {
    const file = path.join(FUNCTIONS, name, 'config.json')
    if (!fs.existsSync(file)) return false
    const timer = (JSON.parse(fs.readFileSync(file, 'utf8')).triggers || []).find((t) => t.type === 'timer')
    if (timer && timer.config !== EVERY_MINUTE) {
      throw new Error(`${name}'s timer runs on "${timer.config}": the playground runs only "${EVERY_MINUTE}"`)
    }
    return Boolean(timer)
  })
}

/** The server, with one WeChat Cloud: the model's FakeCloud, as the tests run it. */
function createServer({ log = () => undefined } = {}) {
  const { FakeCloud, TEST_REMINDER_TEMPLATE } = require(path.join(OUT, 'cloud-server.js'))
  const cloud = new FakeCloud()
  cloud.templates.add(TEST_REMINDER_TEMPLATE)
  /** `run`'s outcome, and the subscribe messages it sent: the page shows each in its person's chat. */
  const withDelivered = async (run) => {
    const before = cloud.delivered.length
    const reply = await run().then(
      (result) => ({ result }),
      (err) => ({ error: String((err && err.message) || err) }),
    )
    return { ...reply, delivered: cloud.delivered.slice(before) }
  }
  return http.createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://127.0.0.1')
    try {
      if (req.method === 'POST' && pathname === '/cloud/invoke') {
        const { name, data, openid } = await readBody(req)
        const started = Date.now()
        const reply = await withDelivered(() => cloud.invoke(name, data, { openid }))
        log(`cloud: ${name} for ${openid} in ${Date.now() - started} ms`)
        return sendJson(res, 200, reply)
      }
      if (req.method === 'POST' && pathname === '/cloud/timers') {
        // The page's clock passed these minutes: each timer trigger fires at each, the runs together (§11.3).
        const { times } = await readBody(req)
        const reply = await withDelivered(async () => {
          for (const name of timedFunctions()) await cloud.trigger(name, ...times)
        })
        log(`cloud: timers at ${times.map((t) => new Date(t).toISOString()).join(', ')}`)
        return sendJson(res, 200, reply)
      }
      if (req.method === 'POST' && pathname === '/cloud/allow') {
        const { openid, templateId } = await readBody(req)
        cloud.allowOne(openid, templateId)
        return sendJson(res, 200, { ok: true })
      }
      const file = req.method === 'GET' ? fileFor(pathname) : null
      if (!file) return sendJson(res, 404, { error: 'not found' })
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' })
      fs.createReadStream(file).pipe(res)
    } catch (err) {
      sendJson(res, 500, { error: String(err) })
    }
  })
}

module.exports = { createServer }

if (require.main === module) {
  const built = build()
  console.log(`playground built in ${built.ms} ms${built.rebuiltDist ? ' (dist/ rebuilt)' : ''}`)
  const port = Number(process.env.PORT || 5173)
  createServer({ log: (line) => console.log(line) }).listen(port, '127.0.0.1', () =>
    console.log(`Duet playground: http://127.0.0.1:${port}/  (two phones; Ctrl+C stops it)`),
  )
}
