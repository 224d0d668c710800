import os from 'node:os'
import type pg from 'pg'
import type { TestRedis } from '@incident-intel/test-support'

/** The machine and its servers; the 1-minute load average at the start shows other work on it. */
export async function describeMachine (pool: pg.Pool, redis: TestRedis['redis']) {
  const { rows } = await pool.query<{ server_version: string }>('show server_version')
  const info = await redis.info('server')
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memory_gb: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: rows[0]!.server_version,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
    load_average_at_start: os.loadavg()[0]!
  }
}
