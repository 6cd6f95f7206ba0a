// China's time (UTC+8), as a subscribe message's `time` keyword shows it, computed by the platform's own
// time-zone data rather than by the functions' arithmetic it checks.
const CHINA = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** "2026-12-07 10:05" for `ms` in China. */
export function chinaClock(ms: number): string {
  const parts = CHINA.formatToParts(new Date(ms))
  const part = (type: string) => parts.find((p) => p.type === type)?.value
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`
}
