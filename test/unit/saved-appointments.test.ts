// A kept appointment read back from storage (untrusted): a call that connected in its window survives a relaunch;
// a damaged entry is dropped alone.
import { readAppointments } from '../../miniprogram/store/saved-appointments'

const MINUTE = 60_000
const NOW = new Date(2026, 11, 7, 10, 0).getTime()
const ANNA = { openid: 'oAnna_0000000000000001', nickname: '安娜' }
const readPerson = (v: unknown) => (v && typeof v === 'object' ? { person: v as typeof ANNA } : null)
const kept = (id: string, more: Record<string, unknown> = {}) => ({
  id,
  booker: 'oMe_000000000000000001',
  guest: ANNA.openid,
  other: ANNA,
  startAt: NOW,
  endAt: NOW + 15 * MINUTE,
  mode: 'voice',
  topic: '',
  state: 'accepted',
  changedAt: NOW - MINUTE,
  ...more,
})

test('when its call connected reads back; one whose connectedAt is not a time is dropped alone', () => {
  const read = readAppointments(
    [kept('appt0001abcd', { connectedAt: NOW + MINUTE }), kept('appt0002abcd', { connectedAt: 'soon' })],
    readPerson,
    NOW,
  )
  expect(read.items.map((a) => [a.id, a.connectedAt])).toEqual([['appt0001abcd', NOW + MINUTE]])
  expect(read.dropped).toBe(true)
})
