import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { ADVISORY_LOCKS, createPool } from '@incident-intel/db'
import { migrate, readDdl, type DdlSet } from '@incident-intel/migrate'
import type { Teardown } from './teardown.js'

const DDL_DIR = fileURLToPath(new URL('../../../ddl/app', import.meta.url))
// Serialises template builds across the test processes that tap runs in parallel.
const TEMPLATE_LOCK = ADVISORY_LOCKS.testTemplate

/** The maintenance database that test databases are created from; override with TEST_DATABASE_URL. */
export const adminDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface TestDatabase {
  name: string
  url: string
  pool: pg.Pool
}

/**
 * A private database for one test file: cloned from a template migrated from ddl/ (built once
 * per ddl checksum, reused until ddl/ changes) and dropped again at teardown.
 */
export async function createTestDatabase (t: Teardown, options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const admin = new pg.Client({ connectionString: adminDatabaseUrl })
  try {
    await admin.connect()
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${adminDatabaseUrl} (set TEST_DATABASE_URL): ${(error as Error).message}`)
  }
  const name = `test_${process.pid}_${randomBytes(4).toString('hex')}`
  try {
    const template = await ensureTemplate(admin)
    await admin.query(`create database ${admin.escapeIdentifier(name)} template ${admin.escapeIdentifier(template)}`)
  } finally {
    await admin.end()
  }

  const url = databaseUrl(name)
  const pool = createPool({ connectionString: url, max: options.poolSize ?? 10 })
  let closing = false
  // pool.end() can resolve before its sockets close, and the forced drop below then ends
  // them (57P01); an idle client's error without a listener would crash the test process.
  pool.on('error', (error) => {
    if (!closing) throw error
  })
  t.teardown(async () => {
    closing = true
    await pool.end()
    const dropper = new pg.Client({ connectionString: adminDatabaseUrl })
    await dropper.connect()
    await dropper.query(`drop database if exists ${dropper.escapeIdentifier(name)} with (force)`)
    await dropper.end()
  })
  return { name, url, pool }
}

async function ensureTemplate (admin: pg.Client): Promise<string> {
  const { checksum } = await readDdl(DDL_DIR)
  const template = `template_ddl_${checksum.slice(0, 16)}`
  await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK])
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template])
    if (exists.rowCount === 0) {
      // Build under another name and rename, so a build that dies halfway is never cloned.
      const building = `${template}_building`
      await admin.query(`drop database if exists ${admin.escapeIdentifier(building)} with (force)`)
      await admin.query(`create database ${admin.escapeIdentifier(building)}`)
      await migrate({ databaseUrl: databaseUrl(building), ddlDir: DDL_DIR })
      await admin.query(`alter database ${admin.escapeIdentifier(building)} rename to ${admin.escapeIdentifier(template)}`)
      await dropStaleTemplates(admin, template)
    }
  } finally {
    await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK])
  }
  return template
}

// Templates of older ddl/ versions would pile up on a long-lived server. One still being
// cloned from is busy and refuses the drop; it goes next time.
async function dropStaleTemplates (admin: pg.Client, current: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    "select datname from pg_database where datname like 'template\\_ddl\\_%' and datname <> $1", [current])
  for (const { datname } of rows) {
    await admin.query(`drop database if exists ${admin.escapeIdentifier(datname)}`).catch(() => {})
  }
}

function databaseUrl (name: string): string {
  const url = new URL(adminDatabaseUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** The files of ddl/app in apply order: what every test database is migrated from. */
export async function readAppDdl (): Promise<DdlSet> {
  return readDdl(DDL_DIR)
}
