import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { migrate, readDdl } from '../src/index.js'
import { appliedFiles, testDatabase, withClient } from './fixtures/test-database.js'

// Alphabetical order would apply the view before its table: the manifest decides.
const FIXTURE = {
  'manifest.txt': '# fixture\nz_table.sql\n\nviews/a_view.sql\n',
  'z_table.sql': 'create table items (item_id int primary key);\n',
  views: { 'a_view.sql': 'create view item_ids as select item_id from items;\n' }
}

async function run (url: string, ddlDir: string) {
  const lines: string[] = []
  const result = await migrate({ databaseUrl: url, ddlDir, log: line => lines.push(line) })
  return { result, lines }
}

t.test('applies the files in manifest order and records each with its checksum', async t => {
  const { name, url } = await testDatabase(t)
  const dir = t.testdir(FIXTURE)
  const { result, lines } = await run(url, dir)
  t.same(result, { database: name, applied: ['z_table.sql', 'views/a_view.sql'], skipped: 0 })
  t.same(lines, ['applied z_table.sql', 'applied views/a_view.sql'])
  const ddl = await readDdl(dir)
  t.same(await appliedFiles(url), ddl.files.map(({ path, checksum }) => ({ path, checksum })))
  const { rows } = await withClient(url, client => client.query("select to_regclass('public.item_ids') as view"))
  t.same(rows, [{ view: 'item_ids' }])
})

t.test('a second run applies nothing', async t => {
  const { name, url } = await testDatabase(t)
  const dir = t.testdir(FIXTURE)
  await run(url, dir)
  const { result, lines } = await run(url, dir)
  t.same(result, { database: name, applied: [], skipped: 2 })
  t.same(lines, ['up to date (2 files)'])
})

t.test('applies only the files added since the last run', async t => {
  const { name, url } = await testDatabase(t)
  const dir = t.testdir(FIXTURE)
  await run(url, dir)
  writeFileSync(join(dir, 'manifest.txt'), `${readFileSync(join(dir, 'manifest.txt'), 'utf8')}b_rows.sql\n`)
  writeFileSync(join(dir, 'b_rows.sql'), 'insert into items values (1), (2);\n')
  const { result, lines } = await run(url, dir)
  t.same(result, { database: name, applied: ['b_rows.sql'], skipped: 2 })
  t.same(lines, ['applied b_rows.sql'])
})

t.test('concurrent runs on one database apply each file exactly once', async t => {
  const { url } = await testDatabase(t)
  const dir = t.testdir(FIXTURE)
  const results = await Promise.all([run(url, dir), run(url, dir), run(url, dir)])
  t.same(results.flatMap(({ result }) => result.applied).sort(), ['views/a_view.sql', 'z_table.sql'])
  t.same(results.map(({ result }) => result.skipped + result.applied.length), [2, 2, 2])
  t.equal((await appliedFiles(url)).length, 2)
})

t.test('refuses to run when an applied file changed, applying nothing', async t => {
  const { name, url } = await testDatabase(t)
  const dir = t.testdir(FIXTURE)
  await run(url, dir)
  writeFileSync(join(dir, 'z_table.sql'), 'create table items (item_id bigint primary key);\n')
  writeFileSync(join(dir, 'manifest.txt'), 'z_table.sql\nviews/a_view.sql\nb_rows.sql\n')
  writeFileSync(join(dir, 'b_rows.sql'), 'insert into items values (1);\n')
  const before = await appliedFiles(url)
  await t.rejects(run(url, dir), {
    name: 'MigrationError',
    message: `refusing to migrate ${name}: applied files must never change (add a new file instead):\n` +
      '  z_table.sql: changed since it was applied'
  })
  t.same(await appliedFiles(url), before)
  const { rows } = await withClient(url, client => client.query('select count(*)::int as n from items'))
  t.same(rows, [{ n: 0 }], 'b_rows.sql was not applied')
})

t.test('refuses to run when an applied file left the manifest', async t => {
  const { name, url } = await testDatabase(t)
  const dir = t.testdir(FIXTURE)
  await run(url, dir)
  const fewer = t.testdir({ 'manifest.txt': 'z_table.sql\n', 'z_table.sql': FIXTURE['z_table.sql'] })
  await t.rejects(run(url, fewer), {
    name: 'MigrationError',
    message: `refusing to migrate ${name}: applied files must never change (add a new file instead):\n` +
      '  views/a_view.sql: applied but no longer in manifest.txt'
  })
})

t.test('an inconsistent DDL set fails before connecting', async t => {
  // Nothing listens on port 1: reaching the database would fail with ECONNREFUSED instead.
  const databaseUrl = 'postgres://postgres@127.0.0.1:1/never_connected'
  const cases = {
    unlisted: [{ 'manifest.txt': 'a.sql\n', 'a.sql': '', 'b.sql': '' }, /not listed: b\.sql$/],
    missing: [{ 'manifest.txt': 'a.sql\nb.sql\n', 'a.sql': '' }, /listed but missing: b\.sql$/],
    duplicate: [{ 'manifest.txt': 'a.sql\na.sql\n', 'a.sql': '' }, /listed twice: a\.sql$/]
  } as const
  for (const [name, [fixture, message]] of Object.entries(cases)) {
    await t.test(name, async t => {
      await t.rejects(migrate({ databaseUrl, ddlDir: t.testdir(fixture) }), { name: 'MigrationError', message })
    })
  }
})

t.test('a failing file names the file and line, keeps earlier files and is retried once fixed', async t => {
  const { name, url } = await testDatabase(t)
  const broken = 'insert into items values (1);\n\n-- the typo is on line 4\nselect nonsense\n  from items;\n'
  const dir = t.testdir({ ...FIXTURE, 'manifest.txt': 'z_table.sql\nb_broken.sql\nviews/a_view.sql\n', 'b_broken.sql': broken })
  const lines: string[] = []
  await t.rejects(migrate({ databaseUrl: url, ddlDir: dir, log: line => lines.push(line) }), {
    name: 'MigrationError',
    message: 'failed to apply b_broken.sql at line 4: column "nonsense" does not exist (rolled back)'
  })
  t.same(lines, ['applied z_table.sql'])
  t.same((await appliedFiles(url)).map(row => row.path), ['z_table.sql'])
  const { rows } = await withClient(url, client => client.query('select count(*)::int as n from items'))
  t.same(rows, [{ n: 0 }], 'the insert before the error was rolled back')

  writeFileSync(join(dir, 'b_broken.sql'), 'insert into items values (1);\n')
  const { result } = await run(url, dir)
  t.same(result, { database: name, applied: ['b_broken.sql', 'views/a_view.sql'], skipped: 1 })
})

t.test('reports a failure without a position without a line', async t => {
  const { url } = await testDatabase(t)
  const dir = t.testdir({ 'manifest.txt': 'a.sql\n', 'a.sql': "do $$ begin raise exception 'no position'; end $$;\n" })
  await t.rejects(run(url, dir), { name: 'MigrationError', message: 'failed to apply a.sql: no position (rolled back)' })
})

t.test('creates the database when it does not exist', async t => {
  const { name, url } = await testDatabase(t, { create: false })
  const { result, lines } = await run(url, t.testdir(FIXTURE))
  t.same(result, { database: name, applied: ['z_table.sql', 'views/a_view.sql'], skipped: 0 })
  t.same(lines, [`created database ${name}`, 'applied z_table.sql', 'applied views/a_view.sql'])
})

t.test('concurrent runs create a missing database once', async t => {
  const { name, url } = await testDatabase(t, { create: false })
  const dir = t.testdir(FIXTURE)
  const results = await Promise.all([run(url, dir), run(url, dir), run(url, dir)])
  t.same(results.flatMap(({ lines }) => lines).filter(line => line.startsWith('created')), [`created database ${name}`])
  t.same(results.flatMap(({ result }) => result.applied).sort(), ['views/a_view.sql', 'z_table.sql'])
})

t.test('applies the repo ddl/app', async t => {
  const { name, url } = await testDatabase(t)
  const ddlDir = fileURLToPath(new URL('../../../ddl/app', import.meta.url))
  const ddl = await readDdl(ddlDir)
  const { result } = await run(url, ddlDir)
  t.same(result, { database: name, applied: ddl.files.map(file => file.path), skipped: 0 })
  const { rows } = await withClient(url, client => client.query(`select
    to_regclass('dependencies.dependencies')::text as dependencies,
    (select count(*)::int from pg_extension where extname = 'postgis') as postgis,
    (select count(*)::int from migrations.applied_files) as applied`))
  t.same(rows, [{ dependencies: 'dependencies.dependencies', postgis: 1, applied: ddl.files.length }])
  t.same(await appliedFiles(url), ddl.files.map(({ path, checksum }) => ({ path, checksum })))
})
