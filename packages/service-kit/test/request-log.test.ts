import { Writable } from 'node:stream'
import t from 'tap'
import { createServiceFastify, requestLog, type ServiceEnv } from '../src/index.js'

async function appLogging (level: ServiceEnv['LOG_LEVEL']) {
  const lines: Array<Record<string, any>> = []
  const stream = new Writable({
    write (chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line !== '') lines.push(JSON.parse(line))
      done()
    }
  })
  const app = createServiceFastify({ config: { LOG_LEVEL: level, LOG_BUFFER_BYTES: 0 }, logger: { stream } })
  await app.register(requestLog)
  app.get('/things/:thing_id', async (request, reply) => reply.code(202).send({ ok: true }))
  await app.ready()
  t.teardown(() => app.close())
  return { app, lines }
}

t.test('one line per request at info: method, route, status, time, request id', async t => {
  const { app, lines } = await appLogging('info')
  const response = await app.inject({ method: 'GET', url: '/things/42?x=1', headers: { 'x-request-id': 'req-abc' } })
  t.same([response.statusCode, response.headers['x-request-id']], [202, 'req-abc'], 'the request id is echoed')
  const made = await app.inject({ method: 'GET', url: '/things/43' })
  t.match(made.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'one is made when none is sent')
  const missing = await app.inject({ method: 'GET', url: '/nowhere' })
  t.equal(missing.statusCode, 404)

  const requestLines = lines.filter(line => line.reqId !== undefined)
  t.equal(requestLines.length, 3, 'one line for each of the three requests')
  const [first, second, third] = requestLines
  t.same({ ...first, time: 0, pid: 0, hostname: '', responseTime: 0 }, {
    level: 30, time: 0, pid: 0, hostname: '', reqId: 'req-abc', method: 'GET', route: '/things/:thing_id', status: 202, responseTime: 0, msg: 'request completed'
  })
  t.ok(typeof first!.responseTime === 'number' && first!.responseTime >= 0, 'the time taken, in ms')
  t.same([second!.reqId, second!.status], [made.headers['x-request-id'], 202])
  t.same([third!.route, third!.status], [null, 404], 'no route matched')
})

t.test('at debug, the arrival of each request too', async t => {
  const { app, lines } = await appLogging('debug')
  await app.inject({ method: 'GET', url: '/things/1', headers: { 'x-request-id': 'req-debug' } })
  t.same(lines.filter(line => line.reqId === 'req-debug').map(line => line.msg), ['request received', 'request completed'])
})
