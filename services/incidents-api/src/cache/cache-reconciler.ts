import type { FastifyBaseLogger } from 'fastify'
import type { RedisClient } from '@incident-intel/service-kit'
import type { Pool } from 'pg'
import type { CanonicalUuid } from '@incident-intel/schemas'
import { readDatabaseId } from '../sql/cache-epoch.js'
import { advanceVersionSequence, readVersionSequence } from '../sql/document-versions.js'
import { findNextOrganization } from '../sql/organization-cursor.js'
import { EPOCH_KEY } from './cache-keys.js'
import { readRedisRunIds } from './redis-run-ids.js'
import type { CurrentIncidentsVerifier } from './current-incidents-verifier.js'

export interface ReconcilerOptions {
  pool: Pool
  redis: RedisClient
  verifier: CurrentIncidentsVerifier
  /** Between two organizations verified in the background. */
  intervalMs: number
  /** Between two organizations while sweeping them all after an epoch change. */
  sweepIntervalMs: number
  log: FastifyBaseLogger
}

/** Why every organization is verified again. */
type EpochChange = 'another_database' | 'another_redis_run' | 'database_behind'

/**
 * Verifies one organization per tick, round the organizations in id order, so that what no
 * trigger saw is found within (organizations × interval). Each tick, and each time Redis connects,
 * it first checks the cache's epoch, which Redis records: the database's identity, Redis's own run
 * id, and the highest version the sequence had given. Another database, another Redis run (a
 * restart, perhaps from an older RDB or AOF file, or a replica promoted), or a sequence now behind
 * that mark (the database restored to an earlier point) makes every organization suspect: the
 * reconciler then sweeps them all, sweepIntervalMs apart, and records the new epoch when done.
 * On a Redis Cluster the run id is every master's (readRedisRunIds), checked again each time the
 * client learns a new slot map, so a failover is seen at once.
 */
export class CacheReconciler {
  readonly #options: ReconcilerOptions
  #cursor: CanonicalUuid | null = null
  /** The database and Redis run a sweep in progress verifies against. */
  #sweep: { databaseId: string, runId: string } | undefined
  #timer: NodeJS.Timeout | undefined
  #running: Promise<void> | undefined
  #stopped = false
  readonly #onRedisReady = (): void => this.#tickSoon(0)
  readonly #onSlotsRefreshed = (): void => { this.#checkEpochNow().catch(() => {}) }

  constructor (options: ReconcilerOptions) {
    this.#options = options
  }

  start (): void {
    this.#options.redis.on('ready', this.#onRedisReady)
    // A cluster's client refreshes its slot map after a failover or a resharding.
    this.#options.redis.on('refresh', this.#onSlotsRefreshed)
    this.#tickSoon(this.#options.redis.status === 'ready' ? 0 : this.#options.intervalMs)
  }

  async stop (): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#timer)
    this.#options.redis.off('ready', this.#onRedisReady)
    this.#options.redis.off('refresh', this.#onSlotsRefreshed)
    await this.#running
  }

  /** Whether a sweep of every organization is under way. */
  get sweeping (): boolean {
    return this.#sweep !== undefined
  }

  /** One tick now: the epoch check, then one organization. */
  async tick (): Promise<void> {
    while (this.#running) await this.#running
    this.#running = this.#tick().finally(() => { this.#running = undefined })
    await this.#running
  }

  #tickSoon (delayMs: number): void {
    if (this.#stopped) return
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      // A sweep retries a failed tick soon: until it ends, the cache may serve what went back in time.
      const next = (): void => this.#tickSoon(this.sweeping ? this.#options.sweepIntervalMs : this.#options.intervalMs)
      this.tick().then(next, next)
    }, delayMs)
    this.#timer.unref()
  }

  async #tick (): Promise<void> {
    const { pool, redis, verifier, log } = this.#options
    try {
      await this.#checkEpoch()
      const organizationId = await findNextOrganization(pool, this.#cursor)
      if (organizationId === null) {
        this.#cursor = null
        // A round complete: a sweep records the epoch it verified against.
        if (this.#sweep) {
          await redis.hset(EPOCH_KEY, { database_id: this.#sweep.databaseId, run_id: this.#sweep.runId })
          log.info('every organization verified against the new cache epoch')
        }
        this.#sweep = undefined
        return
      }
      // A busy organization (a rebuild or refresh holds it) is tried again on the next tick.
      if (await verifier.verify(organizationId, { wait: false }) === 'busy') return
      this.#cursor = organizationId
    } catch (error) {
      log.warn({ err: error }, 'cache reconciliation failed; the next tick retries')
      throw error
    }
  }

  /** The epoch check alone, between ticks; a change found starts the sweep at once. */
  async #checkEpochNow (): Promise<void> {
    while (this.#running) await this.#running
    if (this.#stopped || this.#sweep) return
    this.#running = this.#checkEpoch().finally(() => { this.#running = undefined })
    try {
      await this.#running
    } catch (error) {
      this.#options.log.warn({ err: error }, 'the cache epoch check failed; the next tick retries')
      return
    }
    if (this.#sweep) this.#tickSoon(0)
  }

  async #checkEpoch (): Promise<void> {
    const { pool, redis, log } = this.#options
    const [databaseId, sequence, runId, stored] = await Promise.all([
      readDatabaseId(pool), readVersionSequence(pool), readRedisRunIds(redis), redis.hgetall(EPOCH_KEY)
    ])
    const recordedSequence = Number(stored.sequence ?? 0)
    const sameDatabase = stored.database_id === undefined || stored.database_id === databaseId
    let change: EpochChange | undefined
    const against = this.#sweep ?? { databaseId: stored.database_id, runId: stored.run_id }
    if (against.databaseId !== databaseId) change = 'another_database'
    else if (against.runId !== runId) change = 'another_redis_run'
    if (sameDatabase && recordedSequence > sequence) {
      change = 'database_behind'
      // Refreshes from now on get versions newer than any Redis was given; the sweep repairs the documents.
      await advanceVersionSequence(pool, recordedSequence)
    }
    if (change) {
      log.warn({ change, databaseId, runId, sequence, recordedSequence }, 'the cache epoch changed: verifying every organization')
      this.#sweep = { databaseId, runId }
      this.#cursor = null
    }
    // Never lowered: a sequence behind this mark is a database that went back in time.
    if (recordedSequence < sequence) await redis.hset(EPOCH_KEY, 'sequence', sequence)
  }
}
