import t from 'tap'
import pg from 'pg'
import { createScratchDatabase } from './helpers/scratch-database.js'
import { isDatabaseUnavailable } from '../src/index.js'

const { pool, url } = await createScratchDatabase(t)

/** The error a promise rejects with; fails the test when it resolves. */
async function rejection (promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

t.test('true for a real connection refused by 127.0.0.1:1', async t => {
  const client = new pg.Client({ host: '127.0.0.1', port: 1, user: 'postgres', database: 'postgres' })
  const error = await rejection(client.connect())
  t.match(error, { code: 'ECONNREFUSED' })
  t.equal(isDatabaseUnavailable(error), true)
})

t.test('true for a pool that cannot connect, whatever localhost resolves to', async t => {
  const unreachable = new pg.Pool({ host: 'localhost', port: 1, user: 'postgres', database: 'postgres' })
  t.teardown(() => unreachable.end())
  const error = await rejection(unreachable.query('select 1'))
  t.equal(isDatabaseUnavailable(error), true, String(error))
})

t.test('true for a connection that the server terminated (57P01)', async t => {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  await client.connect()
  t.teardown(() => client.end().catch(() => {}))
  const { rows: [{ pid }] } = await client.query('select pg_backend_pid() as pid')
  const sleeping = rejection(client.query('select pg_sleep(30)'))
  await waitFor(async () => {
    const { rows } = await pool.query("select 1 from pg_stat_activity where pid = $1 and state = 'active'", [pid])
    return rows.length === 1
  })
  await pool.query('select pg_terminate_backend($1)', [pid])
  const error = await sleeping
  t.match(error, { code: '57P01' })
  t.equal(isDatabaseUnavailable(error), true)
})

t.test('true for a pool whose connections are all busy past the connection timeout', async t => {
  const small = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 100 })
  t.teardown(() => small.end())
  const held = await small.connect()
  const error = await rejection(small.connect())
  held.release()
  t.match(error, { message: /timeout exceeded when trying to connect/ })
  t.equal(isDatabaseUnavailable(error), true)
})

t.test('true for the SQLSTATEs of a database that cannot serve', async t => {
  for (const code of ['08006', '08001', '08003', '57P01', '57P02', '57P03', '53300', '53200']) {
    t.equal(isDatabaseUnavailable({ code }), true, `{ code: '${code}' }`)
    t.equal(isDatabaseUnavailable(Object.assign(new Error('server says no'), { code })), true, `an Error with code ${code}`)
  }
})

t.test('true for an AggregateError holding a refused connection', async t => {
  const refused = Object.assign(new Error('connect ECONNREFUSED ::1:1'), { code: 'ECONNREFUSED' })
  t.equal(isDatabaseUnavailable(new AggregateError([new Error('other'), refused])), true)
  t.equal(isDatabaseUnavailable(new AggregateError([new Error('other')])), false)
})

t.test('false for errors that are the request\'s fault, from the real database', async t => {
  await pool.query('create table unavailable_test (id int primary key)')
  await pool.query('insert into unavailable_test values (1)')
  const uniqueViolation = await rejection(pool.query('insert into unavailable_test values (1)'))
  t.match(uniqueViolation, { code: '23505' })
  t.equal(isDatabaseUnavailable(uniqueViolation), false, '23505')

  const badUuid = await rejection(pool.query("select 'not-a-uuid'::uuid"))
  t.match(badUuid, { code: '22P02' })
  t.equal(isDatabaseUnavailable(badUuid), false, '22P02')

  const noTable = await rejection(pool.query('select * from no_such_table'))
  t.match(noTable, { code: '42P01' })
  t.equal(isDatabaseUnavailable(noTable), false, '42P01')

  t.equal(isDatabaseUnavailable({ code: '23505' }), false)
  t.equal(isDatabaseUnavailable({ code: '22P02' }), false)
  t.equal(isDatabaseUnavailable({ code: '40001' }), false, 'a serialization failure is retryable, not unavailable')
  t.equal(isDatabaseUnavailable(new Error('boom')), false)
})

t.test('false for non-objects and objects without a telling code or message', async t => {
  for (const value of [undefined, null, 0, 42, '', 'ECONNREFUSED', '08006', true, Symbol('08006'), () => {}]) {
    t.equal(isDatabaseUnavailable(value), false, String(value))
  }
  for (const value of [{}, [], { code: 8006 }, { code: null }, { message: 42 }, { message: 'Connection refused by user' }]) {
    t.equal(isDatabaseUnavailable(value), false, JSON.stringify(value))
  }
})

async function waitFor (condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}
