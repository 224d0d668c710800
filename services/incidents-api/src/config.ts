import { Type, type Static } from '@sinclair/typebox'
import { loadConfig, serviceEnvSchema } from '@incident-intel/service-kit'
import { CHANGE_LOG_DEFAULTS } from './cache/cache-scripts.js'

export const DEFAULT_PORT = 3001

export const IncidentsEnvSchema = Type.Composite([
  serviceEnvSchema(DEFAULT_PORT),
  Type.Object({
    CACHE_DRAIN: Type.Boolean({ default: true, description: 'Whether this instance drains the refresh queue' }),
    CACHE_POLL_INTERVAL_MS: Type.Integer({ default: 1000, minimum: 10, description: 'Queue poll when no NOTIFY wakes the drainer' }),
    CACHE_DRAIN_BATCH_SIZE: Type.Integer({ default: 50, minimum: 1, maximum: 10000, description: 'Incidents per drain transaction, all of one organization' }),
    CACHE_BACKOFF_BASE_MS: Type.Integer({ default: 1000, minimum: 10, description: 'First wait after a failed drain (an organization parked, or Redis or PostgreSQL unreachable); doubled on each further failure' }),
    CACHE_BACKOFF_MAX_MS: Type.Integer({ default: 60000, minimum: 10, description: 'The longest wait between two drain attempts' }),
    CACHE_ORGANIZATION_REFRESH_THRESHOLD: Type.Integer({ default: 1000, minimum: 1, description: 'A statement changing more incidents of one organization queues one organization-wide refresh' }),
    CACHE_REBUILD_CHUNK_SIZE: Type.Integer({ default: 500, minimum: 1, maximum: 10000, description: 'Documents per Redis call of a rebuild' }),
    CACHE_REBUILD_CONCURRENCY: Type.Integer({ default: 2, minimum: 1, maximum: 64, description: 'Rebuilds one process runs at once' }),
    CACHE_FALLBACK_CONCURRENCY: Type.Integer({ default: 2, minimum: 1, maximum: 64, description: 'Organization lists one process reads from the database at once (cache off, cold or down)' }),
    CACHE_WAITING_MAX: Type.Integer({ default: 16, minimum: 0, maximum: 10000, description: 'Rebuilds, and organization lists from the database, that may wait for a slot; one more is a 503' }),
    CACHE_QUEUE_STUCK_AFTER_MS: Type.Integer({ default: 60000, minimum: 100, description: '/ready says degraded when the oldest queued refresh is older' }),
    CACHE_RECONCILE_INTERVAL_MS: Type.Integer({ default: 180000, minimum: 0, description: 'Between two organizations the background reconciler verifies against the database (0: off)' }),
    CHANGE_LOG_MAX_LENGTH: Type.Integer({ default: CHANGE_LOG_DEFAULTS.maxLength, minimum: 0, description: "Changes each organization's change log keeps (0: no bound by length); a reader further behind is told to reset" }),
    CHANGE_LOG_MAX_AGE_MS: Type.Integer({ default: CHANGE_LOG_DEFAULTS.maxAgeMs, minimum: 0, description: "How long each organization's change log keeps a change (0: no bound by age)" }),
    CHANGE_FEED_HEARTBEAT_MS: Type.Integer({ default: 15000, minimum: 10, description: 'Between two heartbeat comments on a change stream' }),
    CHANGE_FEED_SUBSCRIBER_BUFFER_BYTES: Type.Integer({ default: 4 * 1024 * 1024, minimum: 1024, description: 'Unsent bytes a change-stream subscriber may hold before it is sent reset and closed' })
  })
])

export type IncidentsConfig = Static<typeof IncidentsEnvSchema>

/** incidents-api's environment, validated; throws naming each wrong variable. */
export function loadIncidentsConfig (env: Record<string, string | undefined> = process.env): IncidentsConfig {
  return loadConfig(IncidentsEnvSchema, env)
}
