import pg from 'pg'
import { ADVISORY_LOCKS } from '@incident-intel/db'
import { MigrationError } from './migration-error.js'
import { readDdl, type DdlFile } from './read-ddl.js'

export interface MigrateOptions {
  databaseUrl: string
  /** The directory holding manifest.txt, e.g. the repo's ddl/app. */
  ddlDir: string
  log?: (line: string) => void
}

export interface MigrateResult {
  database: string
  /** Paths applied by this run, in apply order. */
  applied: string[]
  /** How many files were already applied. */
  skipped: number
}

// Serialises migrate runs on one database: every migrate process takes the same session lock.
const LOCK_KEY = ADVISORY_LOCKS.migrate

const UNDEFINED_DATABASE = '3D000'
// duplicate_database, or unique_violation when a concurrent create database wins the race in the catalog
const DATABASE_EXISTS = new Set(['42P04', '23505'])

/** Applies the files of `ddlDir` that the database has not applied yet, each in its own transaction. */
export async function migrate ({ databaseUrl, ddlDir, log = () => {} }: MigrateOptions): Promise<MigrateResult> {
  const { files } = await readDdl(ddlDir)
  const client = await connect(databaseUrl, log)
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_KEY])
    try {
      return await applyPending(client, files, log)
    } finally {
      // Closing the session releases the lock too, so a failed unlock must not hide the real error.
      await client.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {})
    }
  } finally {
    await client.end()
  }
}

async function connect (databaseUrl: string, log: (line: string) => void): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl })
  try {
    await client.connect()
    return client
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNDEFINED_DATABASE) throw error
  }

  const url = new URL(databaseUrl)
  url.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: url.toString() })
  await admin.connect()
  try {
    await admin.query(`create database ${admin.escapeIdentifier(client.database!)}`)
    log(`created database ${client.database}`)
  } catch (error) {
    if (!DATABASE_EXISTS.has((error as { code?: string }).code ?? '')) throw error
  } finally {
    await admin.end()
  }

  // A pg.Client cannot connect twice.
  const retry = new pg.Client({ connectionString: databaseUrl })
  await retry.connect()
  return retry
}

async function applyPending (client: pg.Client, files: DdlFile[], log: (line: string) => void): Promise<MigrateResult> {
  await client.query('create schema if not exists migrations')
  await client.query(`create table if not exists migrations.applied_files (
    path text primary key,
    checksum text not null,
    applied timestamptz not null default now()
  )`)
  const { rows } = await client.query<{ path: string, checksum: string }>(
    'select path, checksum from migrations.applied_files order by path')

  const checksums = new Map(files.map(file => [file.path, file.checksum]))
  const problems = rows.flatMap(({ path, checksum }) => {
    const now = checksums.get(path)
    if (now === undefined) return [`${path}: applied but no longer in manifest.txt`]
    return now === checksum ? [] : [`${path}: changed since it was applied`]
  })
  if (problems.length > 0) {
    throw new MigrationError(`refusing to migrate ${client.database}: applied files must never change (add a new file instead):\n  ${problems.join('\n  ')}`)
  }

  const applied = new Set(rows.map(row => row.path))
  const pending = files.filter(file => !applied.has(file.path))
  for (const file of pending) {
    await client.query('begin')
    try {
      await client.query(file.sql)
      await client.query('insert into migrations.applied_files (path, checksum) values ($1, $2)', [file.path, file.checksum])
      await client.query('commit')
    } catch (error) {
      await client.query('rollback')
      throw failure(file, error)
    }
    log(`applied ${file.path}`)
  }
  if (pending.length === 0) log(`up to date (${files.length} files)`)
  return { database: client.database!, applied: pending.map(file => file.path), skipped: files.length - pending.length }
}

function failure (file: DdlFile, error: unknown): MigrationError {
  const { message, position } = error as { message: string, position?: string }
  // Postgres counts the position in characters from 1, not in UTF-16 units.
  const line = position === undefined
    ? ''
    : ` at line ${Array.from(file.sql).slice(0, Number(position) - 1).filter(char => char === '\n').length + 1}`
  return new MigrationError(`failed to apply ${file.path}${line}: ${message} (rolled back)`, { cause: error })
}
