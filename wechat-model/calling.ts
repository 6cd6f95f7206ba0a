// Calling the fake WeChat directly, for the tests that pin it to docs/platform.md.
import type { FakeWx } from './fake-wx'

export type Settled = { ok: boolean; res: Record<string, unknown> }

/** The function at a dotted path on the fake (`wx.cloud.callFunction`), or undefined where it is missing. */
export function fn(fake: FakeWx, path: string): unknown {
  let owner: unknown = fake.wx
  for (const name of path.split('.')) owner = (owner as Record<string, unknown> | undefined)?.[name]
  return owner
}

/** Calls a callback-style API on the fake and waits for success or fail. */
export function call(fake: FakeWx, path: string, options: Record<string, unknown> = {}): Promise<Settled> {
  return new Promise((resolve) => {
    ;(fn(fake, path) as (o: unknown) => void)({
      ...options,
      success: (res: Record<string, unknown>) => resolve({ ok: true, res }),
      fail: (res: Record<string, unknown>) => resolve({ ok: false, res }),
    })
  })
}

/** One turn of the timer queue: the fake's microtask answers and what they set off. */
export const tick = () => new Promise((r) => setTimeout(r, 0))

/** Under jest's fake timers: moves the clock on and lets every answer and event due by then happen. */
export async function wait(seconds: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(seconds * 1000)
}
