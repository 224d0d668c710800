import t from 'tap'
import pg from 'pg'
import { createScratchDatabase } from './helpers/scratch-database.js'
import { withTransaction } from '../src/index.js'

const { pool, url } = await createScratchDatabase(t)
await pool.query('create table with_transaction_test (id int primary key, note text not null)')

async function notes (): Promise<string[]> {
  const { rows } = await pool.query<{ note: string }>('select note from with_transaction_test order by id')
  return rows.map(row => row.note)
}

/** A pool of its own, so its counts belong to this test alone. */
function freshPool (t: { teardown: (fn: () => unknown) => void }, max: number): pg.Pool {
  const own = new pg.Pool({ connectionString: url, max })
  t.teardown(() => own.end())
  return own
}

t.beforeEach(async () => {
  await pool.query('truncate with_transaction_test')
})

t.test('commits when fn resolves, and returns its result', async t => {
  const result = await withTransaction(pool, async client => {
    await client.query("insert into with_transaction_test values (1, 'one'), (2, 'two')")
    t.strictSame(await notes(), [], 'invisible to other connections before commit')
    const { rows } = await client.query('select count(*)::int as n from with_transaction_test')
    t.strictSame(rows, [{ n: 2 }], 'visible inside the transaction')
    return 'done'
  })
  t.equal(result, 'done')
  t.strictSame(await notes(), ['one', 'two'], 'committed')
})

t.test('every statement of fn runs in one transaction on one client', async t => {
  await withTransaction(pool, async client => {
    const { rows: [first] } = await client.query('select txid_current() as txid, pg_backend_pid() as pid')
    await client.query('select pg_sleep(0.01)')
    const { rows: [second] } = await client.query('select txid_current() as txid, pg_backend_pid() as pid')
    t.strictSame(second, first)
    const { rows: [state] } = await client.query("select current_setting('transaction_isolation') as level, now() = statement_timestamp() as fresh")
    t.strictSame(state, { level: 'read committed', fresh: false }, 'now() is the transaction\'s start, so a transaction is open')
  })
})

t.test('rolls back when fn throws, and rethrows the same error', async t => {
  const thrown = new Error('boom')
  const caught = await withTransaction(pool, async client => {
    await client.query("insert into with_transaction_test values (1, 'one')")
    throw thrown
  }).catch(e => e)
  t.equal(caught, thrown, 'the very error fn threw')
  t.strictSame(await notes(), [], 'the row is absent')
})

t.test('rolls back when a statement fails', async t => {
  const caught = await withTransaction(pool, async client => {
    await client.query("insert into with_transaction_test values (1, 'one')")
    await client.query("insert into with_transaction_test values (1, 'again')")
  }).catch(e => e)
  t.match(caught, { code: '23505', constraint: 'with_transaction_test_pkey' })
  t.strictSame(await notes(), [], 'the first row is absent too')
  await withTransaction(pool, client => client.query("insert into with_transaction_test values (1, 'after')"))
  t.strictSame(await notes(), ['after'], 'the next transaction starts clean')
})

t.test('releases the client after commit and after rollback', async t => {
  const own = freshPool(t, 1)
  for (let i = 1; i <= 6; i++) {
    const run = withTransaction(own, async client => {
      t.equal(own.idleCount, 0, `run ${i}: the client is checked out`)
      await client.query('insert into with_transaction_test values ($1, $2)', [i, `note ${i}`])
      if (i % 2 === 0) throw new Error(`run ${i} fails`)
    })
    if (i % 2 === 0) await t.rejects(run, { message: `run ${i} fails` })
    else await run
    t.strictSame([own.totalCount, own.idleCount, own.waitingCount], [1, 1, 0], `run ${i}: the one client is back and idle`)
  }
  t.strictSame(await notes(), ['note 1', 'note 3', 'note 5'])
})

t.test('a client whose connection broke is destroyed, not returned to the pool', async t => {
  const own = freshPool(t, 2)
  const poolErrors: Error[] = []
  own.on('error', error => { poolErrors.push(error) })
  // No 'error' listener of fn's own: withTransaction must keep the lost connection from
  // becoming an uncaught exception (which would end this test process).
  const caught = await withTransaction(own, async client => {
    await client.query("insert into with_transaction_test values (1, 'lost')")
    await client.query('select pg_terminate_backend(pg_backend_pid())')
  }).catch(e => e)
  t.match(caught, { code: '57P01' }, 'the termination is what fn failed with')
  t.strictSame([own.totalCount, own.idleCount], [0, 0], 'the broken client is gone')
  t.strictSame(await notes(), [], 'nothing committed')
  t.equal(await withTransaction(own, async client => (await client.query('select 1 as one')).rows[0].one), 1,
    'the pool connects afresh')
  t.strictSame([own.totalCount, own.idleCount], [1, 1])
})
