import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Test } from 'tap'
import { createPool } from '../../src/index.js'

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/**
 * An empty database that only this test file uses, with a pool on it, dropped at teardown.
 * This package sits below the test harness (which migrates a template with it), so its tests
 * make their own: none of them needs the schema.
 */
export async function createScratchDatabase (t: Test): Promise<{ url: string, pool: pg.Pool }> {
  const name = `db_test_${process.pid}_${randomBytes(4).toString('hex')}`
  await withAdmin(admin => admin.query(`create database ${admin.escapeIdentifier(name)}`))
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  const pool = createPool({ connectionString: url.toString(), max: 10 })
  let closing = false
  // The forced drop ends sockets that pool.end() has not closed yet (57P01): expected then.
  pool.on('error', (error) => {
    if (!closing) throw error
  })
  t.teardown(async () => {
    closing = true
    await pool.end()
    await withAdmin(admin => admin.query(`drop database if exists ${admin.escapeIdentifier(name)} with (force)`))
  })
  return { url: url.toString(), pool }
}

async function withAdmin (fn: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  try {
    await admin.connect()
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${ADMIN_URL} (set TEST_DATABASE_URL): ${(error as Error).message}`)
  }
  try {
    await fn(admin)
  } finally {
    await admin.end()
  }
}
