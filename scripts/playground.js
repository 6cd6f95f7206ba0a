#!/usr/bin/env node
// `npm start`: builds what the playground needs (scripts/playground-build.js) and serves it on 127.0.0.1
// (PORT to change the port): two phones in a browser, and WeChat Cloud, whose functions (cloudfunctions/*)
// run here for real, on the real wx-server-sdk, under each phone's openid.
const fs = require('fs')
const http = require('http')
const path = require('path')
const { build, OUT } = require('./playground-build')

const PUBLIC = path.join(__dirname, '../playground/public')
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

/** The server, with one WeChat Cloud: the model's FakeCloud, as the tests run it. */
function createServer({ log = () => undefined } = {}) {
  const { FakeCloud } = require(path.join(OUT, 'cloud-server.js'))
  const cloud = new FakeCloud()
  return http.createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://127.0.0.1')
    try {
      if (req.method === 'POST' && pathname === '/cloud/invoke') {
        const { name, data, openid } = await readBody(req)
        const before = cloud.delivered.length
        const started = Date.now()
        const reply = await cloud.invoke(name, data, { openid }).then(
          (result) => ({ result }),
          (err) => ({ error: String((err && err.message) || err) }),
        )
        log(`cloud: ${name} for ${openid} in ${Date.now() - started} ms`)
        // Subscribe messages the run sent: the page shows each in its person's chat.
        return sendJson(res, 200, { ...reply, delivered: cloud.delivered.slice(before) })
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
