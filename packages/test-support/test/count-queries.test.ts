import t from 'tap'
import pg from 'pg'
import { countQueries, createTestDatabase } from '../src/index.js'

const { url } = await createTestDatabase(t, { poolSize: 2 })

/** A pool that has not connected yet, ended at teardown. */
function freshPool (t: { teardown: (fn: () => unknown) => void }): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  t.teardown(() => pool.end())
  return pool
}

t.test('counts every statement sent through the pool', async t => {
  const pool = freshPool(t)
  const counter = countQueries(pool)
  t.equal(counter.count, 0)
  await pool.query('select 1')
  await pool.query('select $1::int as n', [2])
  await pool.query({ text: 'select 3 as n', name: 'count-queries-three' })
  t.equal(counter.count, 3)
})

t.test('counts statements of checked-out clients, on every connection', async t => {
  const pool = freshPool(t)
  const counter = countQueries(pool)
  const first = await pool.connect()
  const second = await pool.connect()
  try {
    await first.query('begin')
    await second.query('select 1')
    await first.query('commit')
  } finally {
    first.release()
    second.release()
  }
  t.equal(pool.totalCount, 2)
  t.equal(counter.count, 3)
})

t.test('a failing statement counts too', async t => {
  const pool = freshPool(t)
  const counter = countQueries(pool)
  await t.rejects(pool.query('select * from no_such_table'), { code: '42P01' })
  t.equal(counter.count, 1)
})

t.test('reset starts the count again from zero', async t => {
  const pool = freshPool(t)
  const counter = countQueries(pool)
  await pool.query('select 1')
  await pool.query('select 2')
  t.equal(counter.count, 2)
  counter.reset()
  t.equal(counter.count, 0)
  await pool.query('select 3')
  t.equal(counter.count, 1)
})

t.test('throws for a pool that already connected', async t => {
  const pool = freshPool(t)
  await pool.query('select 1')
  t.throws(() => countQueries(pool), { message: 'countQueries needs a pool that has not connected yet' })
})
