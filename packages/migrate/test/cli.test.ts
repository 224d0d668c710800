import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { testDatabase } from './fixtures/test-database.js'

// The compiled CLI: `pnpm build` at the repo root must have run.
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url))

const FIXTURE = {
  'manifest.txt': 'a.sql\nb.sql\n',
  'a.sql': 'create table items (item_id int primary key);\n',
  'b.sql': 'insert into items values (1);\n'
}

function cli (args: string[], env: Record<string, string> = {}): Promise<{ code: number, stdout: string, stderr: string }> {
  const { DATABASE_URL, ...inherited } = process.env
  return new Promise(resolve => {
    execFile(process.execPath, [CLI, ...args], { env: { ...inherited, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr })
    })
  })
}

function masked (url: string): string {
  const parsed = new URL(url)
  if (parsed.password !== '') parsed.password = '***'
  return parsed.toString()
}

t.test('applies a DDL directory and prints what it did', async t => {
  const { name, url } = await testDatabase(t, { create: false })
  const dir = t.testdir(FIXTURE)
  t.same(await cli(['--database-url', url, '--ddl', dir]), {
    code: 0,
    stdout: `migrate: database ${masked(url)}\nmigrate: created database ${name}\nmigrate: applied a.sql\nmigrate: applied b.sql\n`,
    stderr: ''
  })
  t.same(await cli(['--ddl', dir], { DATABASE_URL: url }), {
    code: 0,
    stdout: `migrate: database ${masked(url)}\nmigrate: up to date (2 files)\n`,
    stderr: ''
  }, 'takes the database from DATABASE_URL')
})

t.test('exits 1 with the reason when an applied file changed', async t => {
  const { name, url } = await testDatabase(t)
  const dir = t.testdir(FIXTURE)
  t.equal((await cli(['--database-url', url, '--ddl', dir])).code, 0)
  writeFileSync(join(dir, 'a.sql'), 'create table items (item_id bigint primary key);\n')
  t.same(await cli(['--database-url', url, '--ddl', dir]), {
    code: 1,
    stdout: `migrate: database ${masked(url)}\n`,
    stderr: `migrate: refusing to migrate ${name}: applied files must never change (add a new file instead):\n  a.sql: changed since it was applied\n`
  })
})

t.test('masks the password and exits 1 when the database cannot be reached', async t => {
  const dir = t.testdir(FIXTURE)
  const { code, stdout, stderr } = await cli(['--database-url', 'postgres://someone:secret@127.0.0.1:1/nowhere', '--ddl', dir])
  t.equal(code, 1)
  t.equal(stdout, 'migrate: database postgres://someone:***@127.0.0.1:1/nowhere\n')
  t.match(stderr, 'ECONNREFUSED')
  t.notMatch(stderr + stdout, 'secret')
})

t.test('defaults --ddl to the repo ddl/app', async t => {
  const dir = fileURLToPath(new URL('../../../ddl/app', import.meta.url))
  // An unreachable database: a DDL directory that could not be read would fail first.
  const { code, stderr } = await cli(['--database-url', 'postgres://postgres@127.0.0.1:1/nowhere'])
  t.equal(code, 1)
  t.match(stderr, 'ECONNREFUSED')
  t.notMatch(stderr, 'manifest.txt', `read ${dir}`)
})

t.test('--help prints usage and exits 0', async t => {
  const { code, stdout, stderr } = await cli(['--help'])
  t.equal(code, 0)
  t.match(stdout, /^usage: migrate \[--database-url URL\] \[--ddl DIR\]\n/)
  t.equal(stderr, '')
})

t.test('an unknown flag exits 1', async t => {
  const { code, stderr } = await cli(['--frobnicate'])
  t.equal(code, 1)
  t.match(stderr, "Unknown option '--frobnicate'")
})
