import type { FastifyBaseLogger } from 'fastify'
import pg from 'pg'
import { withTransaction } from '@incident-intel/db'
import { claimOrganizationRefresh, claimRefreshes, type QueuedRefresh } from '../sql/refresh-queue.js'
import type { CurrentIncidentsStore } from './current-incidents-store.js'

export const REFRESH_CHANNEL = 'current_incidents_refresh'

export interface DrainerOptions {
  pool: pg.Pool
  /** For the LISTEN connection, which lives outside the pool. */
  databaseUrl: string
  store: CurrentIncidentsStore
  batchSize: number
  pollIntervalMs: number
  log: FastifyBaseLogger
  /** Called after each committed batch with the refreshes it applied. */
  onApplied?: (refreshes: QueuedRefresh[]) => void
}

/**
 * Drains the refresh queue: woken by NOTIFY (payload-free), and by a poll that covers a missed
 * notification or a lost LISTEN connection. Each batch is claimed, applied to Redis and deleted
 * in one transaction, so a failure (Redis down, a crash) leaves it queued for the next attempt.
 */
export class RefreshQueueDrainer {
  readonly #options: DrainerOptions
  #listener: pg.Client | undefined
  #poll: NodeJS.Timeout | undefined
  #reconnect: NodeJS.Timeout | undefined
  #running: Promise<void> | undefined
  #wokenWhileRunning = false
  #stopped = false
  #failing = false

  constructor (options: DrainerOptions) {
    this.#options = options
  }

  async start (): Promise<void> {
    this.#poll = setInterval(() => this.wake(), this.#options.pollIntervalMs)
    this.#poll.unref()
    await this.#listen()
    this.wake()
  }

  /** Drains now, or right after the drain in progress. */
  wake (): void {
    if (this.#stopped) return
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
    await this.#running
    await this.#listener?.end().catch(() => {})
  }

  async #drain (): Promise<void> {
    do {
      this.#wokenWhileRunning = false
      try {
        while (!this.#stopped && await this.#drainBatch()) { /* until the queue is empty */ }
        if (this.#failing) this.#options.log.info('refresh queue draining again')
        this.#failing = false
      } catch (error) {
        // Left queued; the next poll retries. Logged once per outage, not once per poll.
        if (!this.#failing) this.#options.log.warn({ err: error }, 'refresh queue drain failed; will retry')
        this.#failing = true
        return
      }
    } while (this.#wokenWhileRunning && !this.#stopped)
  }

  /** One batch: an organization's rebuild, else up to batchSize incident refreshes. False when the queue is empty. */
  async #drainBatch (): Promise<boolean> {
    const { pool, store, batchSize, onApplied } = this.#options
    const applied = await withTransaction(pool, async client => {
      const rebuilds = await claimOrganizationRefresh(client)
      if (rebuilds.length > 0) {
        await store.rebuildWithin(client, rebuilds[0]!.organization_id)
        return rebuilds
      }
      const refreshes = await claimRefreshes(client, batchSize)
      if (refreshes.length > 0) {
        const targets = new Map(refreshes.map(r => [r.incident_id!, { organizationId: r.organization_id, incidentId: r.incident_id! }]))
        await store.refreshWithin(client, [...targets.values()])
      }
      return refreshes
    })
    if (applied.length > 0) onApplied?.(applied)
    return applied.length > 0
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
