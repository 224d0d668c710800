import { readFile } from 'node:fs/promises'
import t from 'tap'
import pg from 'pg'
import { adminDatabaseUrl, createOrganization, createTestDatabase } from '../src/index.js'

const manifest = (await readFile(new URL('../../../ddl/app/manifest.txt', import.meta.url), 'utf8'))
  .split('\n')
  .map(line => line.trim())
  .filter(line => line !== '' && !line.startsWith('#'))

const { name, url, pool } = await createTestDatabase(t)

/** Whether a database of that name exists, asked of the maintenance database. */
async function databaseExists (database: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: adminDatabaseUrl })
  await admin.connect()
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [database])
    return rowCount === 1
  } finally {
    await admin.end()
  }
}

t.test('the name is test_<pid>_<8 hex digits>, and url and pool point at it', async t => {
  t.match(name, new RegExp(`^test_${process.pid}_[0-9a-f]{8}$`))
  t.equal(new URL(url).pathname, `/${name}`)
  const { rows } = await pool.query('select current_database() as database')
  t.strictSame(rows, [{ database: name }])
})

t.test('the database holds the schema migrated from ddl/app', async t => {
  const { rows: [tables] } = await pool.query(`select to_regclass('dependencies.dependencies') is not null as dependencies,
    to_regclass('organizations.organizations') is not null as organizations`)
  t.strictSame(tables, { dependencies: true, organizations: true })
  const { rows } = await pool.query<{ path: string }>('select path from migrations.applied_files order by path')
  t.ok(manifest.includes('schemata/dependencies/tables/00_dependencies.sql'), 'the manifest was read')
  t.strictSame(rows.map(row => row.path), [...manifest].sort(), 'every listed file is applied, once')
})

t.test('two calls give two databases whose data are isolated', async t => {
  const a = await createTestDatabase(t)
  const b = await createTestDatabase(t)
  t.not(a.name, b.name)
  t.not(a.name, name)
  t.not(b.name, name)

  const organizationId = await createOrganization(a.pool, 'Only in a')
  const count = 'select count(*)::int as n from organizations.organizations where organization_id = $1'
  t.strictSame((await a.pool.query(count, [organizationId])).rows, [{ n: 1 }])
  t.strictSame((await b.pool.query(count, [organizationId])).rows, [{ n: 0 }])
  t.strictSame((await pool.query(count, [organizationId])).rows, [{ n: 0 }])
})

t.test('the database is dropped at teardown', async t => {
  let dropped = ''
  await t.test('creates a database', async t => {
    const created = await createTestDatabase(t)
    dropped = created.name
    await createOrganization(created.pool)
    t.equal(await databaseExists(dropped), true, 'exists while the test runs')
  })
  t.equal(await databaseExists(dropped), false, 'gone after the teardown')
})

t.test('the pool turns JIT off for its connections', async t => {
  t.strictSame((await pool.query('show jit')).rows, [{ jit: 'off' }])
  const { rows } = await pool.query("select setting, source from pg_settings where name = 'jit'")
  t.strictSame(rows, [{ setting: 'off', source: 'client' }], 'set by the connection, not by the server')
})

t.test('poolSize sets the pool\'s size, 10 by default', async t => {
  t.equal(pool.options.max, 10)
  const small = await createTestDatabase(t, { poolSize: 2 })
  t.equal(small.pool.options.max, 2)
})
