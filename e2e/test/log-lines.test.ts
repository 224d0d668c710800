import t from 'tap'
import { createTestDatabase, startServiceProcess, waitUntil, testRedisUrl } from '@incident-intel/test-support'

// The log is written to stdout in batches (LOG_BUFFER_BYTES): a line still reaches it within
// the flush interval while the service idles, and a SIGTERM writes out every line pending.
const { url } = await createTestDatabase(t)

// This test's requests only: the start's own /health polls carry ids of their own.
const completed = (logs: Array<Record<string, unknown>>) =>
  logs.filter(line => line.msg === 'request completed' && /^[ab]-/.test(String(line.reqId))).map(line => line.reqId).sort()

t.test('every request line reaches stdout: within the flush interval, and all of them at exit', async t => {
  const service = await startServiceProcess(t, 'incidents-api', {
    env: { DATABASE_URL: url, REDIS_URL: testRedisUrl(), LOG_LEVEL: 'info' }
  })
  const ask = async (id: string) => {
    const response = await fetch(`${service.origin}/health`, { headers: { 'x-request-id': id } })
    t.equal(response.status, 200)
    await response.arrayBuffer()
  }
  const first = ['a-1', 'a-2', 'a-3']
  for (const id of first) await ask(id)
  // Three short lines are far below the buffer's size: only the periodic flush writes them.
  await waitUntil(async () => completed(service.logs()).length === first.length, 5000, 'the idle service never wrote its request lines')
  t.same(completed(service.logs()), first)

  const second = Array.from({ length: 20 }, (_, i) => `b-${String(i).padStart(2, '0')}`)
  await Promise.all(second.map(ask))
  const exit = await service.stop()
  t.same(exit, { code: 0, signal: null })
  t.same(completed(service.logs()), [...first, ...second].sort())
})
