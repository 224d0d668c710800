import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { readDdl } from '../src/index.js'

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

t.test('reads the listed files in manifest order with their checksums', async t => {
  const dir = t.testdir({
    'manifest.txt': '# apply order\n\nz_first.sql\n  sub/dir/a_second.sql  \n# done\n',
    'z_first.sql': 'create table t (x int);\n',
    sub: { dir: { 'a_second.sql': 'create view v as select x from t;\n' } },
    'notes.txt': 'not sql, so not listed'
  })
  const ddl = await readDdl(dir)
  t.same(ddl.files, [
    { path: 'z_first.sql', sql: 'create table t (x int);\n', checksum: sha256('create table t (x int);\n') },
    { path: 'sub/dir/a_second.sql', sql: 'create view v as select x from t;\n', checksum: sha256('create view v as select x from t;\n') }
  ])
  t.match(ddl.checksum, /^[0-9a-f]{64}$/)
})

t.test('the set checksum changes with any file and with the order, and only then', async t => {
  const dir = t.testdir({ 'manifest.txt': 'a.sql\nb.sql\n', 'a.sql': 'select 1;\n', 'b.sql': 'select 2;\n' })
  const original = (await readDdl(dir)).checksum
  t.equal((await readDdl(dir)).checksum, original, 'stable when nothing changed')

  writeFileSync(join(dir, 'manifest.txt'), '# a comment\n\na.sql\nb.sql\n')
  t.equal((await readDdl(dir)).checksum, original, 'comments and blank lines do not count')

  writeFileSync(join(dir, 'b.sql'), 'select 3;\n')
  const changed = (await readDdl(dir)).checksum
  t.not(changed, original, 'a file changed')

  writeFileSync(join(dir, 'manifest.txt'), 'b.sql\na.sql\n')
  const reordered = (await readDdl(dir)).checksum
  t.not(reordered, changed, 'the order changed')
  t.not(reordered, original)
})

t.test('refuses an unlisted .sql file', async t => {
  const dir = t.testdir({ 'manifest.txt': 'a.sql\n', 'a.sql': '', sub: { 'b.sql': '' } })
  await t.rejects(readDdl(dir), { name: 'MigrationError', message: /exactly once:\n {2}not listed: sub\/b\.sql$/ })
})

t.test('refuses a listed file that is missing', async t => {
  const dir = t.testdir({ 'manifest.txt': 'a.sql\nb.sql\n', 'a.sql': '' })
  await t.rejects(readDdl(dir), { name: 'MigrationError', message: /exactly once:\n {2}listed but missing: b\.sql$/ })
})

t.test('refuses a file listed twice', async t => {
  const dir = t.testdir({ 'manifest.txt': 'a.sql\nb.sql\na.sql\na.sql\n', 'a.sql': '', 'b.sql': '' })
  await t.rejects(readDdl(dir), { name: 'MigrationError', message: /exactly once:\n {2}listed twice: a\.sql$/ })
})

t.test('lists every problem at once', async t => {
  const dir = t.testdir({ 'manifest.txt': 'a.sql\na.sql\ngone.sql\n', 'a.sql': '', 'extra.sql': '' })
  await t.rejects(readDdl(dir), {
    message: `${join(dir, 'manifest.txt')} must list every .sql file below ${dir} exactly once:\n` +
      '  listed twice: a.sql\n  listed but missing: gone.sql\n  not listed: extra.sql'
  })
})

t.test('the repo ddl/app is consistent', async t => {
  const ddlDir = fileURLToPath(new URL('../../../ddl/app', import.meta.url))
  const entries = readFileSync(join(ddlDir, 'manifest.txt'), 'utf8').split('\n')
    .map(line => line.trim()).filter(line => line !== '' && !line.startsWith('#'))
  const ddl = await readDdl(ddlDir)
  t.same(ddl.files.map(file => file.path), entries)
  t.equal(ddl.files[0]?.path, '00_common.sql')
})
