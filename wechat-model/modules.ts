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
