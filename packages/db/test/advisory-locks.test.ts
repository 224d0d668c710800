import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { ADVISORY_LOCKS } from '../src/index.js'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const SKIPPED = new Set(['node_modules', 'dist', '.git', 'test'])

/** Source and DDL files of the repository, tests and builds left out. */
async function sourceFiles (dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(entries.map(async entry => {
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : sourceFiles(join(dir, entry.name))
    return /\.(ts|sql|mjs)$/.test(entry.name) ? [join(dir, entry.name)] : []
  }))
  return nested.flat()
}

t.test('no two uses share an advisory lock key', async t => {
  const values = Object.values(ADVISORY_LOCKS).map(String)
  t.equal(new Set(values).size, values.length)
})

t.test('every file that takes an advisory lock takes its key from ADVISORY_LOCKS', async t => {
  const takers: string[] = []
  for (const file of await sourceFiles(ROOT)) {
    const text = await readFile(file, 'utf8')
    if (/pg_(try_)?advisory_/.test(text) && !file.endsWith('advisory-locks.ts')) takers.push(file.slice(ROOT.length))
  }
  const unregistered = []
  for (const file of takers) if (!(await readFile(join(ROOT, file), 'utf8')).includes('ADVISORY_LOCKS.')) unregistered.push(file)
  t.strictSame(unregistered, [], 'files with a key of their own')
  t.strictSame(takers.sort(), [
    'packages/dependency-graph/src/sql/insert-dependency.ts',
    'packages/migrate/src/migrate.ts',
    'packages/test-support/src/test-database.ts',
    'services/incidents-api/src/sql/document-versions.ts',
    'services/incidents-api/src/sql/lock-incident.ts',
    'services/incidents-api/src/sql/refresh-queue.ts'
  ], 'the scan finds every lock taker')
})
