#!/usr/bin/env node
// Builds dist/: the complete mini program WeChat's tooling compiles and uploads.
//   .ts → .js (tsc, strict, type-checked; without comments, as the upload's minifier leaves it, so Node and the
//   playground run about the code a phone runs), .scss → .wxss (sass), .wxml/.wxs/.json copied as they are,
//   and miniprogram_npm/ filled the way DevTools' "build npm" would.
const fs = require('fs')
const path = require('path')
const { execFileSync } = require('child_process')
const sass = require('sass')

const root = path.resolve(__dirname, '..')
const src = path.join(root, 'miniprogram')
const dist = path.join(root, 'dist')
const COPIED = new Set(['.wxml', '.wxs', '.json', '.png', '.jpg', '.svg'])
// Each runtime package's self-contained CommonJS entry (mobx-miniprogram's `main` picks a build by NODE_ENV).
const NPM_ENTRIES = {
  'mobx-miniprogram': 'dist/mobx.cjs.production.min.js',
  'mobx-miniprogram-bindings': 'dist/index.js',
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'miniprogram_npm' ? [] : walk(full)
    return [full]
  })
}

function main() {
  fs.rmSync(dist, { recursive: true, force: true })
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], {
    stdio: 'inherit',
  })

  let styles = 0
  for (const file of walk(src)) {
    const rel = path.relative(src, file)
    const ext = path.extname(file)
    const out = path.join(dist, rel)
    if (COPIED.has(ext)) {
      fs.mkdirSync(path.dirname(out), { recursive: true })
      fs.copyFileSync(file, out)
    } else if (ext === '.scss' && !path.basename(file).startsWith('_')) {
      const css = sass.compile(file, { style: 'expanded', charset: false }).css
      fs.mkdirSync(path.dirname(out), { recursive: true })
      fs.writeFileSync(out.replace(/\.scss$/, '.wxss'), css + '\n')
      styles++
    }
  }

  const pkg = require(path.join(root, 'package.json'))
  for (const name of Object.keys(pkg.dependencies || {})) {
    const entry = NPM_ENTRIES[name]
    if (!entry) throw new Error(`build: no miniprogram_npm entry known for dependency ${name}`)
    const target = path.join(dist, 'miniprogram_npm', name, 'index.js')
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.copyFileSync(require.resolve(`${name}/${entry}`, { paths: [root] }), target)
  }

  // How WeChat's builder should treat dist/: every client that can place a 1v1 call (base library 2.20.1+)
  // runs ES2017, so no ES5 transform (it doubled our code with regenerator helpers); minify on upload.
  fs.writeFileSync(
    path.join(dist, 'project.config.json'),
    JSON.stringify(
      {
        compileType: 'miniprogram',
        appid: 'touristappid',
        setting: { es6: false, enhance: false, minified: true, minifyWXML: true, minifyWXSS: true, postcss: true },
      },
      null,
      2,
    ) + '\n',
  )

  const files = walk(dist).length
  console.log(
    `build: dist/ written (${files} files, ${styles} stylesheets, ${Object.keys(pkg.dependencies).length} npm packages)`,
  )
}

main()
