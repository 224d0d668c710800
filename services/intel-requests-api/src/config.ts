import { loadConfig, serviceEnvSchema, type ServiceEnv } from '@incident-intel/service-kit'

export const DEFAULT_PORT = 3002

/** intel-requests-api's environment, validated; throws naming each wrong variable. */
export function loadIntelRequestsConfig (env: Record<string, string | undefined> = process.env): ServiceEnv {
  return loadConfig(serviceEnvSchema(DEFAULT_PORT), env)
}
