import { Type, type Static } from '@sinclair/typebox'
import { loadConfig, serviceEnvSchema } from '@incident-intel/service-kit'

export const DEFAULT_PORT = 3001

export const IncidentsEnvSchema = Type.Composite([
  serviceEnvSchema(DEFAULT_PORT),
  Type.Object({
    CACHE_DRAIN: Type.Boolean({ default: true, description: 'Whether this instance drains the refresh queue' }),
    CACHE_POLL_INTERVAL_MS: Type.Integer({ default: 1000, minimum: 10, description: 'Queue poll when no NOTIFY wakes the drainer' }),
    CACHE_DRAIN_BATCH_SIZE: Type.Integer({ default: 500, minimum: 1, maximum: 10000 })
  })
])

export type IncidentsConfig = Static<typeof IncidentsEnvSchema>

/** incidents-api's environment, validated; throws naming each wrong variable. */
export function loadIncidentsConfig (env: Record<string, string | undefined> = process.env): IncidentsConfig {
  return loadConfig(IncidentsEnvSchema, env)
}
