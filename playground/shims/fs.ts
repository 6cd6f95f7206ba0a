// Node's fs in the browser, for the two files the model of WeChat reads there: whether a cloud function is
// deployed (the build wrote down which are; the functions run on the playground's server), and the database's
// committed permission file (the build put its text in the bundle).
declare const __DUET_DATABASE_PERMISSIONS__: string

const deployed = (): string[] => (window as unknown as { __DUET__?: { functions: string[] } }).__DUET__?.functions ?? []

export function existsSync(file: string): boolean {
  const name = /\/cloudfunctions\/([^/]+)\/index\.js$/.exec(file)?.[1]
  return name !== undefined && deployed().includes(name)
}

export function readFileSync(file: string): string {
  if (file.endsWith('/database/collections.json')) return __DUET_DATABASE_PERMISSIONS__
  throw new Error(`no files in the browser: ${file}`)
}
