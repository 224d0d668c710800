import t from 'tap'
import { startFaultProxy } from '@incident-intel/fault-proxy'
import { createScratchDatabase } from './helpers/scratch-database.js'
import { createPool, isDatabaseUnavailable, withTransaction } from '../src/index.js'

const { url } = await createScratchDatabase(t)
const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: 5432 } })
t.teardown(() => proxy.close())

t.test('a hung server fails a pooled query after queryTimeoutMs, and the pool recovers', async t => {
  const pool = createPool({ connectionString: proxy.url(url), max: 2, statementTimeoutMs: 200, queryTimeoutMs: 400, connectTimeoutMs: 400 })
  t.teardown(() => pool.end())
  t.same((await pool.query('select 1 as one')).rows, [{ one: 1 }], 'a warm client sits in the pool')
  t.equal(pool.idleCount, 1)

  // statement_timeout cannot fire: the server never receives the query.
  proxy.setMode('blackhole')
  const hung = await pool.query('select 2').then(() => undefined, (error: unknown) => error)
  t.match(hung, { message: 'Query read timeout' })
  t.equal(isDatabaseUnavailable(hung), true, 'a 503, not a 500')
  const inTransaction = await withTransaction(pool, client => client.query('select 3')).then(() => undefined, (error: unknown) => error)
  t.equal(isDatabaseUnavailable(inTransaction), true, String(inTransaction))

  proxy.setMode('pass')
  proxy.destroyConnections()
  t.same((await pool.query('select 4 as four')).rows, [{ four: 4 }], 'the next query is answered without a restart')
  t.same(await withTransaction(pool, async client => (await client.query('select 5 as five')).rows), [{ five: 5 }])
})
