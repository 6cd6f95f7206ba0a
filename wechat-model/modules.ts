// How a mini program's require() finds a module: relative to the file, from the package root ("/..."), or an npm
// package where DevTools' "build npm" puts it (miniprogram_npm/, looked for in each folder up to the root).
import * as path from 'path'

/** The file `id` names when required from `from`; `root` is the package's root; `exists` says if a file is there. */
export function resolveModule(exists: (file: string) => boolean, root: string, from: string, id: string): string {
  const candidates: string[] = []
  if (id.startsWith('.') || id.startsWith('/')) {
    const p = id.startsWith('/') ? path.posix.join(root, id) : path.posix.join(path.posix.dirname(from), id)
    candidates.push(p, `${p}.js`, `${p}/index.js`)
  } else {
    for (let dir = path.posix.dirname(from); ; dir = path.posix.dirname(dir)) {
      const p = path.posix.join(dir, 'miniprogram_npm', id)
      candidates.push(`${p}.js`, `${p}/index.js`)
      if (dir === '/' || dir === '.' || dir === root) break
    }
  }
  const found = candidates.find((c) => c.endsWith('.js') && exists(c))
  if (!found) throw new Error(`cannot resolve ${id} from ${from}`)
  return found
}

/**
 * A mini program's require() over its package's files: each CommonJS module run once, the first time it is
 * required, its own require finding others by `resolveModule`. `source` gives a file's text (undefined where
 * there is none); the result runs and returns the module at a path such as `${root}/app.js`.
 */
export function moduleLoader(
  source: (file: string) => string | undefined,
  root: string,
): (file: string) => Record<string, unknown> {
  const modules = new Map<string, { exports: Record<string, unknown> }>()
  const exists = (file: string) => typeof source(file) === 'string'
  const requireFile = (file: string): Record<string, unknown> => {
    const known = modules.get(file)
    if (known) return known.exports
    const mod = { exports: {} as Record<string, unknown> }
    modules.set(file, mod)
    const run = new Function('require', 'module', 'exports', `${String(source(file))}\n//# sourceURL=${file}`)
    run((id: string) => requireFile(resolveModule(exists, root, file, id)), mod, mod.exports)
    return mod.exports
  }
  return requireFile
}
