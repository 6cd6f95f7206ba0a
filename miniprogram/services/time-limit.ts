/** `work`'s own outcome, or the error `tooLate()` makes if `work` has none after `ms`. */
export function withTimeLimit<T>(ms: number, work: Promise<T>, tooLate: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(tooLate()), ms)
    work.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (err: unknown) => {
        clearTimeout(timer)
        reject(err)
      },
    )
  })
}
