import type { FastifyBaseLogger } from 'fastify'
import type { RedisClient } from '@incident-intel/service-kit'
import pg from 'pg'
import { isDatabaseUnavailable, withTransaction } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'
import {
  claimIncidentRefreshes, claimOrganizationRefresh, findDrainableOrganizations, parkOrganization, tryLockOrganizationDrain,
  unparkOrganization, writeQueueSettings, type DrainableOrganization, type QueuedRefresh
} from '../sql/refresh-queue.js'
import type { CurrentIncidentsStore, RefreshResult } from './current-incidents-store.js'
import { isRedisError } from './redis-replies.js'

export const REFRESH_CHANNEL = 'current_incidents_refresh'

/** Why a drain attempt failed: one organization's refresh, or a dependency every organization needs. */
export type DrainFailure = 'organization' | 'redis_unavailable' | 'database_unavailable'

export interface DrainerOptions {
  pool: pg.Pool
  /** For the LISTEN connection, which lives outside the pool. */
  databaseUrl: string
  store: CurrentIncidentsStore
  redis: RedisClient
  /** Incidents per drain transaction, all of one organization. */
  batchSize: number
  pollIntervalMs: number
  /** First back-off after a failure; each further failure doubles it, up to backoffMaxMs. */
  backoffBaseMs: number
  backoffMaxMs: number
  /** Published for the triggers: more incidents of one organization from one statement become one organization-wide refresh. */
  organizationRefreshThreshold: number
  log: FastifyBaseLogger
  /** Called after each committed batch with the refreshes it applied. */
  onApplied?: (refreshes: QueuedRefresh[]) => void
  /** Called for each claim transaction begun. */
  onAttempt?: () => void
  onFailure?: (failure: DrainFailure) => void
}

type Outcome = 'drained' | 'parked' | 'idle' | 'backing-off'

// Organizations whose last drain this process remembers, for the round robin.
const REMEMBERED_ORGANIZATIONS = 10_000

/**
 * Drains the refresh queue one organization at a time: woken by NOTIFY (payload-free), and by a
 * poll that covers a missed notification or a lost LISTEN connection. Each organization's batch
 * is claimed, applied to Redis and deleted in its own transaction, so a failure leaves that
 * organization's rows queued and no other's. An organization that keeps failing is parked with an
 * exponential back-off; while Redis or PostgreSQL is unreachable the whole drainer backs off the
 * same way instead of claiming on every wake-up, and Redis coming back ends it at once.
 */
export class RefreshQueueDrainer {
  readonly #options: DrainerOptions
  #listener: pg.Client | undefined
  #poll: NodeJS.Timeout | undefined
  #reconnect: NodeJS.Timeout | undefined
  #running: Promise<void> | undefined
  #wokenWhileRunning = false
  #stopped = false
  #settingsWritten = false
  /** Consecutive failures of a dependency every organization needs, and when to try again. */
  #outages = 0
  #backoffUntil = 0
  #backoffTimer: NodeJS.Timeout | undefined
  readonly #onRedisReady = (): void => this.#endBackoff()
  /** The drain count at each organization's last batch here: the round robin's order. */
  readonly #lastDrained = new Map<CanonicalUuid, number>()
  #batches = 0

  constructor (options: DrainerOptions) {
    this.#options = options
  }

  async start (): Promise<void> {
    this.#poll = setInterval(() => this.wake(), this.#options.pollIntervalMs)
    this.#poll.unref()
    this.#options.redis.on('ready', this.#onRedisReady)
    await this.#listen()
    // Otherwise Redis is still connecting at start: its 'ready' wakes the drainer.
    if (this.#options.redis.status === 'ready') this.wake()
  }

  /** Drains now, or right after the drain in progress; nothing while backing off. */
  wake (): void {
    if (this.#stopped || Date.now() < this.#backoffUntil) return
    if (this.#running) {
      this.#wokenWhileRunning = true
      return
    }
    this.#running = this.#drain().finally(() => { this.#running = undefined })
  }

  /** Stops waking and waits for the batch in hand to commit. */
  async stop (): Promise<void> {
    this.#stopped = true
    clearInterval(this.#poll)
    clearTimeout(this.#reconnect)
    clearTimeout(this.#backoffTimer)
    this.#options.redis.off('ready', this.#onRedisReady)
    await this.#running
    await this.#listener?.end().catch(() => {})
  }

  async #drain (): Promise<void> {
    do {
      this.#wokenWhileRunning = false
      let outcome: Outcome
      do outcome = await this.#drainOrganization()
      while (!this.#stopped && (outcome === 'drained' || outcome === 'parked'))
      if (outcome === 'backing-off') return
    } while (this.#wokenWhileRunning && !this.#stopped)
  }

  /** One organization's batch: its rebuild, else up to batchSize of its incidents. */
  async #drainOrganization (): Promise<Outcome> {
    const { pool, store, redis, batchSize, onApplied, onAttempt } = this.#options
    // ioredis knows it is disconnected: no claim can succeed, so none is made.
    if (redis.status !== 'ready') return this.#backOff('redis_unavailable', new Error(`Redis is ${redis.status}`))
    let organizationId: CanonicalUuid | undefined
    try {
      await this.#writeSettings()
      onAttempt?.()
      const drained = await withTransaction(pool, async client => {
        const candidates = this.#roundRobin(await findDrainableOrganizations(client, 16))
        for (const candidate of candidates) {
          if (!await tryLockOrganizationDrain(client, candidate.organization_id)) continue
          organizationId = candidate.organization_id
          let result: RefreshResult = { removed: [] }
          let refreshes = await claimOrganizationRefresh(client, organizationId)
          if (refreshes.length > 0) {
            await store.rebuildWithin(client, organizationId)
          } else {
            refreshes = await claimIncidentRefreshes(client, organizationId, batchSize)
            // Every row it has is held by a write-through about to answer it: the next organization.
            if (refreshes.length === 0) continue
            const targets = new Map(refreshes.map(r => [r.incident_id!, { organizationId: r.organization_id, incidentId: r.incident_id! }]))
            result = await store.refreshWithin(client, [...targets.values()])
          }
          if (candidate.parked) await unparkOrganization(client, organizationId)
          return { refreshes, result }
        }
        organizationId = undefined
        return null
      })
      this.#recovered()
      if (drained === null) return 'idle'
      this.#drained(organizationId!)
      store.schedulePrune(drained.result.removed)
      onApplied?.(drained.refreshes)
      return 'drained'
    } catch (error) {
      if (isDatabaseUnavailable(error)) return this.#backOff('database_unavailable', error)
      if (isRedisError(error) && !await this.#redisAnswers()) return this.#backOff('redis_unavailable', error)
      if (organizationId === undefined) return this.#backOff('database_unavailable', error)
      await this.#park(organizationId, error)
      return 'parked'
    }
  }

  /**
   * Candidates never drained here first, then the least recently drained, each group oldest queued
   * first (the sort is stable): a stream of one organization's changes delays another's by one
   * batch at most, where oldest-first alone served the busy organization again and again.
   */
  #roundRobin (candidates: DrainableOrganization[]): DrainableOrganization[] {
    const last = (candidate: DrainableOrganization) => this.#lastDrained.get(candidate.organization_id) ?? -1
    return candidates.sort((a, b) => last(a) - last(b))
  }

  #drained (organizationId: CanonicalUuid): void {
    this.#lastDrained.delete(organizationId)
    this.#lastDrained.set(organizationId, ++this.#batches)
    // Map order is insertion order: the first key is the one drained longest ago.
    if (this.#lastDrained.size > REMEMBERED_ORGANIZATIONS) this.#lastDrained.delete(this.#lastDrained.keys().next().value!)
  }

  async #park (organizationId: CanonicalUuid, error: unknown): Promise<void> {
    const { pool, backoffBaseMs, backoffMaxMs, log, onFailure } = this.#options
    onFailure?.('organization')
    const message = error instanceof Error ? error.message : String(error)
    try {
      const parked = await parkOrganization(pool, organizationId, message.slice(0, 1000), backoffBaseMs, backoffMaxMs)
      log.warn({ err: error, organizationId, attempts: parked.attempts, nextAttemptAt: parked.next_attempt_at }, 'refreshing an organization failed; parked until its next attempt')
    } catch (parkError) {
      // Not parked: its rows stay queued and the next attempt finds it again, after a back-off.
      this.#backOff('database_unavailable', parkError)
    }
  }

  /** A PING answered: Redis is there, and the failure was this organization's. */
  async #redisAnswers (): Promise<boolean> {
    try {
      return await this.#options.redis.ping() === 'PONG'
    } catch {
      return false
    }
  }

  #backOff (failure: Exclude<DrainFailure, 'organization'>, error: unknown): 'backing-off' {
    const { backoffBaseMs, backoffMaxMs, log, onFailure } = this.#options
    onFailure?.(failure)
    this.#outages++
    const delay = Math.min(backoffMaxMs, backoffBaseMs * 2 ** Math.min(this.#outages - 1, 30))
    // Logged once per outage, not once per attempt.
    if (this.#outages === 1) log.warn({ err: error, failure }, 'refresh queue drain failed; backing off')
    this.#backoffUntil = Date.now() + delay
    clearTimeout(this.#backoffTimer)
    this.#backoffTimer = setTimeout(() => this.wake(), delay)
    this.#backoffTimer.unref()
    return 'backing-off'
  }

  #recovered (): void {
    if (this.#outages > 0) this.#options.log.info('refresh queue draining again')
    this.#outages = 0
    this.#backoffUntil = 0
  }

  #endBackoff (): void {
    clearTimeout(this.#backoffTimer)
    this.#backoffUntil = 0
    this.wake()
  }

  async #writeSettings (): Promise<void> {
    if (this.#settingsWritten) return
    await writeQueueSettings(this.#options.pool, { organizationRefreshThreshold: this.#options.organizationRefreshThreshold })
    this.#settingsWritten = true
  }

  async #listen (): Promise<void> {
    const listener = new pg.Client({ connectionString: this.#options.databaseUrl, application_name: 'incidents-api refresh listener' })
    listener.on('notification', () => this.wake())
    listener.on('error', error => {
      this.#options.log.warn({ err: error }, 'refresh listener lost; polling until it reconnects')
      this.#retryListen()
    })
    try {
      await listener.connect()
      await listener.query(`listen ${REFRESH_CHANNEL}`)
      this.#listener = listener
    } catch (error) {
      this.#options.log.warn({ err: error }, 'refresh listener could not connect; polling until it does')
      listener.end().catch(() => {})
      this.#retryListen()
    }
  }

  #retryListen (): void {
    if (this.#stopped || this.#reconnect) return
    this.#listener?.end().catch(() => {})
    this.#listener = undefined
    this.#reconnect = setTimeout(() => {
      this.#reconnect = undefined
      this.#listen().then(() => this.wake(), () => {})
    }, 1000)
    this.#reconnect.unref()
  }
}
