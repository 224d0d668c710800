import { once } from 'node:events'
import { connect, createServer, type Socket } from 'node:net'
import t from 'tap'
import { startFaultProxy } from '../src/index.js'

/** Polls `condition` every 20 ms; throws `message` after `timeoutMs`. */
async function waitUntil (condition: () => Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!await condition()) {
    if (Date.now() > deadline) throw new Error(message)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

// An echo server that records what reached it, connection by connection.
const received: string[] = []
const serverSockets = new Set<Socket>()
const echo = createServer(socket => {
  const index = received.push('') - 1
  serverSockets.add(socket)
  socket.on('data', chunk => {
    received[index] += chunk.toString()
    socket.write(chunk)
  })
  socket.on('error', () => {})
  socket.on('close', () => serverSockets.delete(socket))
})
echo.listen(0, '127.0.0.1')
await once(echo, 'listening')
t.teardown(() => new Promise(resolve => echo.close(resolve)))
const { port: echoPort } = echo.address() as { port: number }

const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: echoPort } })
t.teardown(() => proxy.close())

interface Client {
  socket: Socket
  /** Everything received so far. */
  data: () => string
  /** How the connection ended: 'end' (FIN), an error code, or undefined while open. */
  ended: () => string | undefined
  closed: Promise<unknown>
}

async function open (): Promise<Client> {
  const socket = connect(proxy.port, '127.0.0.1')
  let data = ''
  let ended: string | undefined
  socket.on('data', chunk => { data += chunk.toString() })
  socket.on('end', () => { ended ??= 'end' })
  socket.on('error', error => { ended ??= (error as NodeJS.ErrnoException).code ?? error.message })
  const closed = new Promise(resolve => socket.once('close', resolve))
  // A connection the proxy resets at once may close before 'connect' is seen.
  await Promise.race([new Promise(resolve => socket.once('connect', resolve)), closed])
  t.teardown(() => { socket.destroy() })
  return { socket, data: () => data, ended: () => ended, closed }
}

async function echoed (client: Client, text: string): Promise<void> {
  await waitUntil(async () => client.data().includes(text), 5000, `"${text}" did not come back`)
}

t.beforeEach(() => {
  proxy.setMode('pass')
  proxy.destroyConnections()
})

t.test('pass: bytes flow both ways', async t => {
  const client = await open()
  client.socket.write('hello')
  await echoed(client, 'hello')
  t.equal(client.data(), 'hello')
  t.equal(received.at(-1), 'hello')
  t.equal(proxy.stats().open, 1)
  t.equal(proxy.url('postgres://postgres@127.0.0.1:5432/db?x=1'), `postgres://postgres@127.0.0.1:${proxy.port}/db?x=1`)
})

t.test('cut: open connections get a FIN, new ones are closed at once without reaching the target', async t => {
  const existing = await open()
  existing.socket.write('before')
  await echoed(existing, 'before')
  const connectionsBefore = received.length
  proxy.setMode('cut')
  await existing.closed
  t.equal(existing.ended(), 'end', 'closed cleanly, not reset')

  const fresh = await open()
  await fresh.closed
  t.equal(fresh.ended(), 'end')
  t.equal(fresh.data(), '')
  t.equal(received.length, connectionsBefore, 'the target saw no new connection')
})

t.test('reset: open connections and new ones get an RST', async t => {
  const existing = await open()
  existing.socket.write('before')
  await echoed(existing, 'before')
  const connectionsBefore = received.length
  proxy.setMode('reset')
  await existing.closed
  t.equal(existing.ended(), 'ECONNRESET')

  const fresh = await open()
  await fresh.closed
  t.equal(fresh.ended(), 'ECONNRESET')
  t.equal(received.length, connectionsBefore, 'the target saw no new connection')
})

t.test('delay: every chunk waits delayMs each way, and order is kept', async t => {
  const delayMs = 150
  const client = await open()
  proxy.setMode('delay', { delayMs })
  const started = performance.now()
  client.socket.write('a')
  client.socket.write('b')
  client.socket.write('c')
  await echoed(client, 'abc')
  const elapsed = performance.now() - started
  t.equal(client.data(), 'abc')
  t.equal(received.at(-1), 'abc')
  // A floor the mechanism guarantees (timers fire at their time or later), not a speed limit.
  t.ok(elapsed >= 2 * delayMs - 2, `the round trip took both delays (${elapsed.toFixed(0)} ms)`)

  // Back to pass: the connection carries on undelayed.
  proxy.setMode('pass')
  client.socket.write('d')
  await echoed(client, 'abcd')
})

t.test('delay: what a client sent before it closed still reaches the target', async t => {
  const index = received.length
  const client = await open()
  proxy.setMode('delay', { delayMs: 100 })
  client.socket.end('last words')
  await waitUntil(async () => received[index] === 'last words', 5000, 'the delayed bytes never arrived')
  t.equal(received[index], 'last words')
})

t.test('blackhole: open connections hold their bytes, new ones never reach the target', async t => {
  const existing = await open()
  existing.socket.write('one')
  await echoed(existing, 'one')
  const index = received.length - 1
  const connectionsBefore = received.length

  proxy.setMode('blackhole')
  existing.socket.write('two')
  const fresh = await open()
  fresh.socket.write('lost')
  // The proxy has read the new connection's bytes, so it has had every chance to forward 'two'.
  await waitUntil(async () => proxy.stats().swallowedBytes === 4, 5000, 'the new connection was not read')
  t.equal(received[index], 'one', "'two' is held, not forwarded")
  t.equal(existing.data(), 'one')
  t.equal(fresh.data(), '')
  t.equal(fresh.ended(), undefined, 'the new connection stays open: a hung server')
  t.equal(received.length, connectionsBefore, 'the target saw no new connection')

  proxy.setMode('pass')
  await echoed(existing, 'onetwo')
  t.equal(received[index], 'onetwo', 'held bytes flow, in order, once the server answers again')
  fresh.socket.write('still')
  t.equal(fresh.ended(), undefined)
  t.equal(fresh.data(), '', 'a connection opened in the blackhole stays hung')
})

t.test('destroyConnections closes every open connection', async t => {
  const clients = [await open(), await open()]
  await waitUntil(async () => proxy.stats().open === 2, 5000, 'not both open')
  proxy.destroyConnections()
  await Promise.all(clients.map(client => client.closed))
  t.equal(proxy.stats().open, 0)
  t.same(clients.map(client => client.socket.destroyed), [true, true])
})
