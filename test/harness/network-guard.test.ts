// The guard itself: a test that reaches for the network is caught, whatever library it goes through.
import * as http from 'http'
import * as https from 'https'
import { takeNetworkAttempts } from './network-guard'

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
