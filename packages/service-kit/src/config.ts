import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** The environment both services read, with working local defaults; `port` differs per service. */
export function serviceEnvSchema (port: number) {
  return Type.Object({
    DATABASE_URL: Type.String({ default: 'postgres://postgres@127.0.0.1:5432/incident_intel', pattern: '^postgres(ql)?://' }),
    DATABASE_POOL_SIZE: Type.Integer({ default: 10, minimum: 1, maximum: 200 }),
    DATABASE_STATEMENT_TIMEOUT_MS: Type.Integer({ default: 5000, minimum: 100, description: 'No statement may hold the database longer' }),
    DATABASE_CONNECT_TIMEOUT_MS: Type.Integer({ default: 5000, minimum: 100, description: 'A connection (or a free pooled one) not had within this long counts as PostgreSQL down' }),
    REDIS_URL: Type.String({ default: 'redis://127.0.0.1:6379', pattern: '^rediss?://' }),
    REDIS_KEY_PREFIX: Type.String({ default: '', maxLength: 100 }),
    REDIS_COMMAND_TIMEOUT_MS: Type.Integer({ default: 500, minimum: 10, description: 'A Redis command slower than this counts as Redis down' }),
    HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
    PORT: Type.Integer({ default: port, minimum: 0, maximum: 65535 }),
    LOG_LEVEL: Type.Union(LOG_LEVELS.map(level => Type.Literal(level)), { default: 'info' }),
    RECURSION_DEFAULT_MAX_DISTANCE: Type.Integer({ default: 5, minimum: 1, maximum: 100 }),
    RECURSION_MAX_DISTANCE_LIMIT: Type.Integer({ default: 10, minimum: 1, maximum: 100 }),
    SHUTDOWN_GRACE_MS: Type.Integer({ default: 10000, minimum: 0 }),
    AUTH_TOKENS: Type.String({ default: '', description: 'Comma-separated bearer tokens; when set, every route but /health and /ready requires one' }),
    RATE_LIMIT_WINDOW_MS: Type.Integer({ default: 60000, minimum: 1000, maximum: 3600000, description: 'The window every rate-limit budget counts over' }),
    RATE_LIMIT_READS: Type.Integer({ default: 30000, minimum: 1, maximum: 1000000, description: 'Reads one caller may make per window' }),
    RATE_LIMIT_WRITES: Type.Integer({ default: 6000, minimum: 1, maximum: 1000000, description: 'Writes one caller may make per window' }),
    RATE_LIMIT_EXPENSIVE: Type.Integer({ default: 60, minimum: 1, maximum: 1000000, description: 'Expensive calls (rebuild, verify, the organization list, bulk reads and walks of many ids) one caller may make per window' }),
    RATE_LIMIT_EXPENSIVE_IDS: Type.Integer({ default: 100, minimum: 1, maximum: 1000, description: 'A bulk read or walk of more ids than this is an expensive call' })
  })
}

export type ServiceEnv = Static<ReturnType<typeof serviceEnvSchema>>

/** A variable that is missing its required form; the message names it. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/**
 * Reads `schema`'s variables from `env`, fills defaults and converts numbers, and throws a
 * ConfigError naming every variable that is wrong. Unknown variables are ignored.
 */
export function loadConfig<P extends TProperties> (schema: TObject<P>, env: Record<string, string | undefined> = process.env): Static<TObject<P>> {
  const picked: Record<string, unknown> = {}
  for (const name of Object.keys(schema.properties)) {
    const value = env[name]
    if (value !== undefined && value !== '') picked[name] = value
  }
  const converted = Value.Convert(schema, Value.Default(schema, picked))
  const problems = [...Value.Errors(schema, converted)].map(error => {
    const name = error.path.replace(/^\//, '')
    return `${name}=${JSON.stringify(env[name] ?? null)}: ${error.message}`
  })
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`)
  const config = converted as Static<TObject<P>>
  checkRecursionBounds(config)
  checkAuthTokens(config)
  return config
}

function checkRecursionBounds (config: Record<string, unknown>): void {
  const { RECURSION_DEFAULT_MAX_DISTANCE: fallback, RECURSION_MAX_DISTANCE_LIMIT: limit } = config
  if (typeof fallback === 'number' && typeof limit === 'number' && fallback > limit) {
    throw new ConfigError(`Invalid configuration: RECURSION_DEFAULT_MAX_DISTANCE=${fallback} exceeds RECURSION_MAX_DISTANCE_LIMIT=${limit}`)
  }
}

// RFC 6750's token68 alphabet, and a length no one guesses.
const TOKEN = /^[A-Za-z0-9._~+/-]{16,}=*$/

/** The tokens of AUTH_TOKENS (empty when authentication is off). */
export function authTokens (value: string): string[] {
  return value.split(',').map(token => token.trim()).filter(token => token !== '')
}

function checkAuthTokens (config: Record<string, unknown>): void {
  if (typeof config.AUTH_TOKENS !== 'string') return
  const weak = authTokens(config.AUTH_TOKENS).filter(token => !TOKEN.test(token)).length
  if (weak > 0) {
    throw new ConfigError(`Invalid configuration: AUTH_TOKENS has ${weak} token(s) that are not at least 16 characters of A-Z a-z 0-9 . _ ~ + / - (the values are not shown)`)
  }
}
