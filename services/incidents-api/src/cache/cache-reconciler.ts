import type { FastifyBaseLogger } from 'fastify'
import type { Redis } from 'ioredis'
import type { Pool } from 'pg'
import type { CanonicalUuid } from '@incident-intel/dependency-graph'
import { readDatabaseId } from '../sql/cache-epoch.js'
import { findNextOrganization } from '../sql/organization-cursor.js'
import { EPOCH_KEY } from './cache-keys.js'
import type { CurrentIncidentsVerifier } from './current-incidents-verifier.js'

export interface ReconcilerOptions {
  pool: Pool
  redis: Redis
  verifier: CurrentIncidentsVerifier
  /** Between two organizations verified in the background. */
  intervalMs: number
  /** Between two organizations while sweeping them all after an epoch change. */
  sweepIntervalMs: number
  log: FastifyBaseLogger
}

/**
 * Verifies one organization per tick, round the organizations in id order, so that what no
 * trigger saw is found within (organizations × interval). It also checks the cache's epoch, on
 * every connect and every tick: Redis records the database it was built from and its own run id;
 * another database, or another run (a restart, perhaps from an older RDB or AOF file, or a
 * replica promoted), makes every organization suspect, and the reconciler sweeps them all at
 * sweepIntervalMs before recording the new epoch.
 */
export class CacheReconciler {
  readonly #options: ReconcilerOptions
  #cursor: CanonicalUuid | null = null
  #sweeping = false
  #sweepEpoch = ''
  #timer: NodeJS.Timeout | undefined
  #running: Promise<void> | undefined
  #stopped = false
  readonly #onRedisReady = (): void => this.#tickSoon(0)

  constructor (options: ReconcilerOptions) {
    this.#options = options
  }

  start (): void {
    this.#options.redis.on('ready', this.#onRedisReady)
    this.#tickSoon(this.#options.redis.status === 'ready' ? 0 : this.#options.intervalMs)
  }

  async stop (): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#timer)
    this.#options.redis.off('ready', this.#onRedisReady)
    await this.#running
  }

  /** One tick now (tests and operators): the epoch check, then one organization. */
  async tick (): Promise<void> {
    while (this.#running) await this.#running
    this.#running = this.#tick().finally(() => { this.#running = undefined })
    await this.#running
  }

  #tickSoon (delayMs: number): void {
    if (this.#stopped) return
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      this.tick().then(
        () => this.#tickSoon(this.#sweeping ? this.#options.sweepIntervalMs : this.#options.intervalMs),
        () => this.#tickSoon(this.#options.intervalMs))
    }, delayMs)
    this.#timer.unref()
  }

  async #tick (): Promise<void> {
    const { pool, redis, verifier, log } = this.#options
    try {
      const epoch = await this.#currentEpoch()
      // A change in the middle of a sweep starts it again: what it verified was another Redis.
      if (this.#sweeping ? this.#sweepEpoch !== epoch : await redis.get(EPOCH_KEY) !== epoch) {
        log.warn({ epoch }, 'the cache epoch changed (another Redis run or another database): verifying every organization')
        this.#sweeping = true
        this.#sweepEpoch = epoch
        this.#cursor = null
      }
      const organizationId = await findNextOrganization(pool, this.#cursor)
      this.#cursor = organizationId
      if (organizationId === null) {
        // Round complete: a sweep records the epoch it verified.
        if (this.#sweeping) await redis.set(EPOCH_KEY, epoch)
        this.#sweeping = false
        return
      }
      const result = await verifier.verify(organizationId, { wait: false })
      if (result === 'busy') log.debug({ organizationId }, 'organization busy; verified on the next round')
    } catch (error) {
      log.warn({ err: error }, 'cache reconciliation failed; the next tick retries')
      throw error
    }
  }

  /** The database's identity and this Redis run's id. */
  async #currentEpoch (): Promise<string> {
    const info = await this.#options.redis.info('server')
    const runId = /run_id:(\w+)/.exec(info)?.[1] ?? ''
    return `${await readDatabaseId(this.#options.pool)}:${runId}`
  }
}
