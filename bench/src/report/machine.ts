import os from 'node:os'
import type pg from 'pg'
import type { TestRedis } from '@incident-intel/test-support'

export interface Machine {
  cpu: string
  cores: number
  memory_gb: number
  os: string
  node: string
  postgres: string
  redis: string
  /** 1-minute load average when the run started: other work on the machine shows here. */
  load_average_at_start: number
}

export async function describeMachine (pool: pg.Pool, redis: TestRedis['redis']): Promise<Machine> {
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
