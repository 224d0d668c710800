import pg from 'pg'

export interface PoolOptions {
  connectionString: string
  /** Most connections the pool opens (default 10). */
  max?: number
  /** Aborts any statement running longer, so no request can hold the database (default: none). */
  statementTimeoutMs?: number
  /** Shown in pg_stat_activity and pg_stat_statements' sessions. */
  applicationName?: string
  /**
   * A connection (or a free pooled client) not had within this long fails, so an unresponsive
   * server cannot hang a request (default: no limit).
   */
  connectTimeoutMs?: number
  /**
   * A query without an answer within this long fails on the client's side (default: no limit).
   * statement_timeout cannot help when the server never receives the query (a hung network).
   */
  queryTimeoutMs?: number
}

/**
 * A pool for short OLTP statements. JIT is off: the planner's row estimates for recursive
 * walks over large batches cross jit_above_cost, and compiling then costs more (tens of ms)
 * than the statement itself.
 */
export function createPool ({ connectionString, max = 10, statementTimeoutMs, applicationName, connectTimeoutMs, queryTimeoutMs }: PoolOptions): pg.Pool {
  return new pg.Pool({
    connectionString,
    max,
    options: '-c jit=off',
    ...(statementTimeoutMs === undefined ? {} : { statement_timeout: statementTimeoutMs }),
    ...(applicationName === undefined ? {} : { application_name: applicationName }),
    ...(connectTimeoutMs === undefined ? {} : { connectionTimeoutMillis: connectTimeoutMs }),
    ...(queryTimeoutMs === undefined ? {} : { query_timeout: queryTimeoutMs })
  })
}
