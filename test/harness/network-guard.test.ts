// The guard itself: a test that reaches for the network is caught, whatever library it goes through.
import * as http from 'http'
import * as https from 'https'
import { failOnNetworkAttempts, takeNetworkAttempts } from './network-guard'

// Each test takes its own attempts: it tries on purpose.
test('an HTTPS request to a name fails like an offline phone, and is recorded', async () => {
  const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
    https
      .get('https://tcb-api.tencentcloudapi.com/admin', () => resolve(new Error('reached') as NodeJS.ErrnoException))
      .on('error', resolve)
  })
  expect(error.code).toBe('ECONNREFUSED')
  expect(takeNetworkAttempts()).toEqual(['connect tcb-api.tencentcloudapi.com:443'])
})

test('a name looked up directly fails as unknown, and is recorded', async () => {
  const dns = require('dns') as typeof import('dns')
  const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
    dns.lookup('example.com', (err) => resolve(err)),
  )
  expect(error?.code).toBe('ENOTFOUND')
  expect(takeNetworkAttempts()).toEqual(['dns.lookup example.com'])
})

test('a connection to an address is refused, and recorded', async () => {
  const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
    http.get('http://10.1.2.3:8080/', () => resolve(new Error('reached') as NodeJS.ErrnoException)).on('error', resolve)
  })
  expect(error.code).toBe('ECONNREFUSED')
  expect(takeNetworkAttempts()).toEqual(['connect 10.1.2.3:8080'])
})

test.each([
  ['dns.resolve4', (dns: typeof import('dns'), done: (err: unknown) => void) => dns.resolve4('example.com', done)],
  ['dns.resolve', (dns: typeof import('dns'), done: (err: unknown) => void) => dns.resolve('example.com', 'MX', done)],
  ['dns.reverse', (dns: typeof import('dns'), done: (err: unknown) => void) => dns.reverse('8.8.8.8', done)],
  [
    'a Resolver of its own',
    (dns: typeof import('dns'), done: (err: unknown) => void) => new dns.Resolver().resolveTxt('example.com', done),
  ],
])('a name resolved through %s fails, and is recorded', async (_name, resolve) => {
  const dns = require('dns') as typeof import('dns')
  const error = await new Promise<NodeJS.ErrnoException>((done) =>
    resolve(dns, (err) => done(err as NodeJS.ErrnoException)),
  )
  expect(error.code).toBe('ENOTFOUND')
  expect(takeNetworkAttempts()).toEqual([
    expect.stringMatching(/^dns\.(resolve|reverse)\w* (example\.com|8\.8\.8\.8)$/),
  ])
})

test('dns.promises resolves nothing either', async () => {
  const dns = require('dns') as typeof import('dns')
  await expect(dns.promises.resolve4('example.com')).rejects.toMatchObject({ code: 'ENOTFOUND' })
  await expect(new dns.promises.Resolver().resolveAny('example.com')).rejects.toMatchObject({ code: 'ENOTFOUND' })
  expect(takeNetworkAttempts()).toEqual(['dns.resolve4 example.com', 'dns.resolveAny example.com'])
})

test('a UDP datagram is refused, and recorded', async () => {
  const dgram = require('dgram') as typeof import('dgram')
  const socket = dgram.createSocket('udp4')
  const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
    socket.send('hello', 53, '10.1.2.3', (err) => resolve(err)),
  )
  socket.close()
  expect(error?.code).toBe('ECONNREFUSED')
  expect(takeNetworkAttempts()).toEqual(['dgram.send 10.1.2.3:53'])
})

test('attempts are reported with where they were made, and then forgotten', () => {
  const dns = require('dns') as typeof import('dns')
  dns.lookup('late.example', () => undefined)
  expect(() => failOnNetworkAttempts('this file, after its last test,')).toThrow(
    'this file, after its last test, tried to reach the network:\n- dns.lookup late.example',
  )
  expect(() => failOnNetworkAttempts('a test')).not.toThrow()
})
