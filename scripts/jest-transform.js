// Jest's transformer for TypeScript: esbuild strips the types file by file (test/tsconfig has isolatedModules,
// so nothing needs the whole program); type-checking is `npm run typecheck`. Several times faster than ts-jest.
const { transformSync } = require('esbuild')
const { createHash } = require('crypto')
const { readFileSync } = require('fs')
const { version } = require('esbuild/package.json')

/** A change to esbuild or to this file invalidates jest's cache of transformed files. */
const transformerKey = version + readFileSync(module.filename, 'utf8')

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'node20',
      sourcefile: filename,
      sourcemap: 'external',
      sourcesContent: false,
      // As tsc compiles for the ES2017 target: class fields are assigned in the constructor, not defined.
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
    })
    return { code, map }
  },
  getCacheKey(source, filename, { configString }) {
    return createHash('sha1').update(transformerKey).update(configString).update(filename).update(source).digest('hex')
  },
}
