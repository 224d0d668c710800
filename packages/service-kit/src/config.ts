import { createPublicKey } from 'node:crypto'
import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { canonicalUuid, type CanonicalUuid } from '@incident-intel/schemas'
import type { RedisClusterNode } from './redis-client.js'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** The environment both services read, with working local defaults; `port` differs per service. */
export function serviceEnvSchema (port: number) {
  return Type.Object({
    DATABASE_URL: Type.String({ default: 'postgres://postgres@127.0.0.1:5432/incident_intel', pattern: '^postgres(ql)?://' }),
    DATABASE_POOL_SIZE: Type.Integer({ default: 10, minimum: 1, maximum: 200 }),
    DATABASE_STATEMENT_TIMEOUT_MS: Type.Integer({ default: 5000, minimum: 100, description: 'No statement may hold the database longer' }),
    DATABASE_CONNECT_TIMEOUT_MS: Type.Integer({ default: 5000, minimum: 100, description: 'A connection (or a free pooled one) not had within this long counts as PostgreSQL down' }),
    REDIS_URL: Type.String({ default: 'redis://127.0.0.1:6379', pattern: '^rediss?://' }),
    REDIS_CLUSTER_NODES: Type.String({ default: '', description: 'Comma-separated host:port seeds of a Redis Cluster; when set, Redis is the cluster and REDIS_URL is not used' }),
    REDIS_KEY_PREFIX: Type.String({ default: '', maxLength: 100 }),
    REDIS_COMMAND_TIMEOUT_MS: Type.Integer({ default: 500, minimum: 10, description: 'A Redis command slower than this counts as Redis down' }),
    HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
    PORT: Type.Integer({ default: port, minimum: 0, maximum: 65535 }),
    LOG_LEVEL: Type.Union(LOG_LEVELS.map(level => Type.Literal(level)), { default: 'info' }),
    LOG_BUFFER_BYTES: Type.Integer({ default: 4096, minimum: 0, maximum: 65536, description: 'Log lines are written to stdout once this many bytes are pending, or every 250 ms; 0 writes each line at once' }),
    RECURSION_DEFAULT_MAX_DISTANCE: Type.Integer({ default: 5, minimum: 1, maximum: 100 }),
    RECURSION_MAX_DISTANCE_LIMIT: Type.Integer({ default: 10, minimum: 1, maximum: 100 }),
    SHUTDOWN_GRACE_MS: Type.Integer({ default: 10000, minimum: 0 }),
    AUTH_TOKENS: Type.String({ default: '', description: 'Comma-separated bearer tokens, each optionally scoped as token:org_id|org_id; when set, every route but /health and /ready requires one' }),
    AUTH_JWT_SECRET: Type.String({ default: '', description: 'HS256 secret of the bearer JWTs the service accepts' }),
    AUTH_JWT_PUBLIC_KEY: Type.String({ default: '', description: 'PEM public key (RSA for RS256, EC P-256 for ES256) of the bearer JWTs the service accepts' }),
    AUTH_JWKS_URL: Type.String({ default: '', pattern: '^(https?://.+)?$', description: 'URL of the JWKS whose keys sign the bearer JWTs the service accepts (RS256, ES256)' }),
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
  checkJwtVerifier(config)
  checkRedisCluster(config)
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

/** A static bearer token and the organizations it opens. */
export interface ScopedToken {
  token: string
  organizations: 'all' | CanonicalUuid[]
}

/** The entries of AUTH_TOKENS, `token` or `token:org_id|org_id`, as written (empty when authentication is off). */
function tokenEntries (value: string): string[] {
  return value.split(',').map(entry => entry.trim()).filter(entry => entry !== '')
}

/**
 * The tokens of AUTH_TOKENS with their scopes, organization ids in canonical form; a token
 * without a scope opens every organization. Throws a ConfigError for an entry that is not valid,
 * naming its position, never its token.
 */
export function authTokens (value: string): ScopedToken[] {
  const problems: string[] = []
  const tokens = tokenEntries(value).map((entry, i): ScopedToken => {
    const colon = entry.indexOf(':')
    const token = colon === -1 ? entry : entry.slice(0, colon)
    if (!TOKEN.test(token)) problems.push(`entry ${i + 1}: the token is not at least 16 characters of A-Z a-z 0-9 . _ ~ + / -`)
    if (colon === -1) return { token, organizations: 'all' }
    const scope = entry.slice(colon + 1).split('|').map(id => id.trim())
    const organizations = scope.map(id => canonicalUuid(id))
    if (organizations.some(id => id === undefined)) {
      problems.push(`entry ${i + 1}: the scope after ':' must be organization uuids separated by '|'`)
    }
    return { token, organizations: [...new Set(organizations.filter(id => id !== undefined))] }
  })
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: AUTH_TOKENS ${problems.join('; ')} (token values are not shown)`)
  return tokens
}

function checkAuthTokens (config: Record<string, unknown>): void {
  if (typeof config.AUTH_TOKENS === 'string') authTokens(config.AUTH_TOKENS)
}

/** How bearer JWTs are verified: a shared secret, one public key, or the keys of a JWKS. */
export type JwtVerifier =
  | { kind: 'secret', secret: string, algorithms: ['HS256'] }
  | { kind: 'public-key', publicKey: string, algorithms: ['RS256'] | ['ES256'] }
  | { kind: 'jwks', url: string, algorithms: ['RS256', 'ES256'] }

const JWT_VARIABLES = ['AUTH_JWT_SECRET', 'AUTH_JWT_PUBLIC_KEY', 'AUTH_JWKS_URL'] as const

/** The JWT verifier the configuration names, or undefined when it names none. Throws a ConfigError for one that is not valid. */
export function jwtVerifier (config: Partial<Record<typeof JWT_VARIABLES[number], unknown>>): JwtVerifier | undefined {
  const named = JWT_VARIABLES.filter(name => typeof config[name] === 'string' && config[name] !== '')
  if (named.length === 0) return undefined
  if (named.length > 1) throw new ConfigError(`Invalid configuration: set one of ${JWT_VARIABLES.join(', ')}, not ${named.join(' and ')}`)
  const value = config[named[0]!] as string
  switch (named[0]) {
    case 'AUTH_JWT_SECRET':
      if (value.length < 32) throw new ConfigError('Invalid configuration: AUTH_JWT_SECRET must be at least 32 characters (the value is not shown)')
      return { kind: 'secret', secret: value, algorithms: ['HS256'] }
    case 'AUTH_JWT_PUBLIC_KEY': {
      let type: string | undefined
      try {
        type = createPublicKey(value).asymmetricKeyType
      } catch {
        throw new ConfigError('Invalid configuration: AUTH_JWT_PUBLIC_KEY is not a PEM public key')
      }
      if (type === 'rsa') return { kind: 'public-key', publicKey: value, algorithms: ['RS256'] }
      if (type === 'ec') return { kind: 'public-key', publicKey: value, algorithms: ['ES256'] }
      throw new ConfigError(`Invalid configuration: AUTH_JWT_PUBLIC_KEY is a ${type} key; RS256 needs an RSA key, ES256 an EC P-256 key`)
    }
    default:
      return { kind: 'jwks', url: value, algorithms: ['RS256', 'ES256'] }
  }
}

function checkJwtVerifier (config: Record<string, unknown>): void {
  jwtVerifier(config)
}

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/

/**
 * The seeds of REDIS_CLUSTER_NODES, `host:port,...` (an IPv6 host in brackets); none when it is
 * empty. Throws a ConfigError naming each entry that is not valid.
 */
export function redisClusterNodes (value: string): RedisClusterNode[] {
  const problems: string[] = []
  const entries = value.split(',').map(entry => entry.trim())
  if (entries.length === 1 && entries[0] === '') return []
  const nodes = entries.map((entry, i) => {
    const match = HOST_PORT.exec(entry)
    const port = Number(match?.[2])
    if (match === null || port < 1 || port > 65535) {
      problems.push(`entry ${i + 1} (${JSON.stringify(entry)}) is not host:port with a port from 1 to 65535`)
      return undefined
    }
    return { host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port }
  })
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: REDIS_CLUSTER_NODES ${problems.join('; ')}`)
  return nodes.filter(node => node !== undefined)
}

function checkRedisCluster (config: Record<string, unknown>): void {
  if (typeof config.REDIS_CLUSTER_NODES !== 'string' || redisClusterNodes(config.REDIS_CLUSTER_NODES).length === 0) return
  // The first {...} of a key is its hash tag: one in the prefix would put every key on one slot.
  if (typeof config.REDIS_KEY_PREFIX === 'string' && /\{.*\}/.test(config.REDIS_KEY_PREFIX)) {
    throw new ConfigError(`Invalid configuration: REDIS_KEY_PREFIX=${JSON.stringify(config.REDIS_KEY_PREFIX)} holds a hash tag ({...}), which on a Redis Cluster would put every key on one slot`)
  }
}
