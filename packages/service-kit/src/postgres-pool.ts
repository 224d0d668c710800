import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Pool } from 'pg'
import { createPool } from '@incident-intel/db'
import type { ServiceEnv } from './config.js'

declare module 'fastify' {
  interface FastifyInstance {
    pg: Pool
  }
}

export interface PostgresPoolOptions {
  config: Pick<ServiceEnv, 'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'DATABASE_STATEMENT_TIMEOUT_MS' | 'DATABASE_CONNECT_TIMEOUT_MS'>
  /** pg's application_name: the service's name, so pg_stat_activity tells the services apart. */
  applicationName: string
}

/** Decorates `app.pg` (a pool, ended with the app) and adds the required readiness check `postgres`. */
export const postgresPool = fp(async function postgresPool (app: FastifyInstance, { config, applicationName }: PostgresPoolOptions) {
  const pool = createPool({
    connectionString: config.DATABASE_URL,
    max: config.DATABASE_POOL_SIZE,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    // Past the server's own limit: only a query the server never answers meets this one.
    queryTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS + 1000,
    applicationName
  })
  // An idle client whose server went away emits 'error'; the pool replaces it, the app lives on.
  pool.on('error', error => app.log.warn({ err: error }, 'idle PostgreSQL client failed'))
  app.decorate('pg', pool)
  app.addReadinessCheck('postgres', () => pool.query('select 1'))
  app.addHook('onClose', async () => { await pool.end() })
}, { name: 'postgres', dependencies: ['readiness'] })
