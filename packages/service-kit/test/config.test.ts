import t from 'tap'
import { generateKeyPairSync } from 'node:crypto'
import { ConfigError, authTokens, jwtVerifier, loadConfig, redisClusterNodes, serviceEnvSchema } from '../src/index.js'

const schema = serviceEnvSchema(3001)

t.test('defaults work locally', async t => {
  t.same(loadConfig(schema, {}), {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/incident_intel',
    DATABASE_POOL_SIZE: 10,
    DATABASE_STATEMENT_TIMEOUT_MS: 5000,
    DATABASE_CONNECT_TIMEOUT_MS: 5000,
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_CLUSTER_NODES: '',
    REDIS_KEY_PREFIX: '',
    REDIS_COMMAND_TIMEOUT_MS: 500,
    HOST: '127.0.0.1',
    PORT: 3001,
    LOG_LEVEL: 'info',
    LOG_BUFFER_BYTES: 4096,
    RECURSION_DEFAULT_MAX_DISTANCE: 5,
    RECURSION_MAX_DISTANCE_LIMIT: 10,
    SHUTDOWN_GRACE_MS: 10000,
    AUTH_TOKENS: '',
    AUTH_JWT_SECRET: '',
    AUTH_JWT_PUBLIC_KEY: '',
    AUTH_JWKS_URL: '',
    RATE_LIMIT_WINDOW_MS: 60000,
    RATE_LIMIT_READS: 30000,
    RATE_LIMIT_WRITES: 6000,
    RATE_LIMIT_EXPENSIVE: 60,
    RATE_LIMIT_EXPENSIVE_IDS: 100
  })
})

t.test('numbers are converted, empty values take the default, unknown variables are ignored', async t => {
  const config = loadConfig(schema, { PORT: '4000', DATABASE_POOL_SIZE: '3', LOG_LEVEL: '', HOME: '/root' })
  t.same([config.PORT, config.DATABASE_POOL_SIZE, config.LOG_LEVEL], [4000, 3, 'info'])
})

t.test('a wrong variable fails the start, named with its value', async t => {
  t.throws(() => loadConfig(schema, { PORT: 'eighty' }), new ConfigError('Invalid configuration: PORT="eighty": Expected integer'))
  t.throws(() => loadConfig(schema, { PORT: '70000', LOG_LEVEL: 'loud' }), {
    name: 'ConfigError',
    message: /^Invalid configuration: PORT="70000": Expected integer to be less or equal to 65535; LOG_LEVEL="loud": /
  })
  t.throws(() => loadConfig(schema, { DATABASE_URL: 'mysql://x' }), { message: /^Invalid configuration: DATABASE_URL="mysql:\/\/x": Expected string to match/ })
  t.throws(() => loadConfig(schema, { RECURSION_DEFAULT_MAX_DISTANCE: '8', RECURSION_MAX_DISTANCE_LIMIT: '6' }),
    new ConfigError('Invalid configuration: RECURSION_DEFAULT_MAX_DISTANCE=8 exceeds RECURSION_MAX_DISTANCE_LIMIT=6'))
})

t.test('AUTH_TOKENS: comma-separated tokens, each long enough; a weak one fails the start without being shown', async t => {
  const strong = 'k7Q2mZr9VxW4pL8s'
  t.same(authTokens(loadConfig(schema, { AUTH_TOKENS: ` ${strong}, ${strong}-second ,` }).AUTH_TOKENS), [
    { token: strong, organizations: 'all' }, { token: `${strong}-second`, organizations: 'all' }
  ])
  t.same(authTokens(loadConfig(schema, {}).AUTH_TOKENS), [], 'unset: authentication is off')
  const error = new ConfigError('Invalid configuration: AUTH_TOKENS entry 2: the token is not at least 16 characters of A-Z a-z 0-9 . _ ~ + / -; ' +
    'entry 3: the token is not at least 16 characters of A-Z a-z 0-9 . _ ~ + / - (token values are not shown)')
  t.throws(() => loadConfig(schema, { AUTH_TOKENS: `${strong},short,has spaces inside it` }), error)
})

t.test('AUTH_TOKENS scopes: token:org_id|org_id, canonical, each once; a bad scope fails the start without the token', async t => {
  const strong = 'k7Q2mZr9VxW4pL8s'
  const a = '0B8E8F0C-1A2B-4C3D-8E9F-0A1B2C3D4E5F'
  const b = '7d1c2b3a-4e5f-4a6b-9c8d-7e6f5a4b3c2d'
  t.same(authTokens(loadConfig(schema, { AUTH_TOKENS: `${strong}:${a}| ${b} |${a.toLowerCase()},${strong}-all` }).AUTH_TOKENS), [
    { token: strong, organizations: [a.toLowerCase(), b] },
    { token: `${strong}-all`, organizations: 'all' }
  ])
  for (const scope of ['', 'not-a-uuid', `${a}|`, `${a}|${b}x`]) {
    t.throws(() => loadConfig(schema, { AUTH_TOKENS: `${strong}:${scope}` }), { name: 'ConfigError', message: /^(?!.*k7Q2mZr9VxW4pL8s)/ }, `${JSON.stringify(scope)}: refused, the token not shown`)
  }
  t.throws(() => loadConfig(schema, { AUTH_TOKENS: `${strong}:not-a-uuid` }), new ConfigError(
    "Invalid configuration: AUTH_TOKENS entry 1: the scope after ':' must be organization uuids separated by '|' (token values are not shown)"))
})

t.test('JWT verifiers: one of AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY, AUTH_JWKS_URL, each checked at start', async t => {
  const { publicKey: rsa } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } })
  const { publicKey: ec } = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } })
  const secret = 'a-shared-secret-of-at-least-32-chars'
  t.same(jwtVerifier(loadConfig(schema, { AUTH_JWT_SECRET: secret })), { kind: 'secret', secret, algorithms: ['HS256'] })
  t.same(jwtVerifier(loadConfig(schema, { AUTH_JWT_PUBLIC_KEY: rsa })), { kind: 'public-key', publicKey: rsa, algorithms: ['RS256'] })
  t.same(jwtVerifier(loadConfig(schema, { AUTH_JWT_PUBLIC_KEY: ec })), { kind: 'public-key', publicKey: ec, algorithms: ['ES256'] })
  t.same(jwtVerifier(loadConfig(schema, { AUTH_JWKS_URL: 'https://idp.example/keys.json' })), { kind: 'jwks', url: 'https://idp.example/keys.json', algorithms: ['RS256', 'ES256'] })
  t.equal(jwtVerifier(loadConfig(schema, {})), undefined)
  t.throws(() => loadConfig(schema, { AUTH_JWT_SECRET: 'short-secret' }),
    new ConfigError('Invalid configuration: AUTH_JWT_SECRET must be at least 32 characters (the value is not shown)'))
  t.throws(() => loadConfig(schema, { AUTH_JWT_PUBLIC_KEY: 'not a key' }), new ConfigError('Invalid configuration: AUTH_JWT_PUBLIC_KEY is not a PEM public key'))
  t.throws(() => loadConfig(schema, { AUTH_JWT_SECRET: secret, AUTH_JWKS_URL: 'https://idp.example/keys.json' }),
    new ConfigError('Invalid configuration: set one of AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY, AUTH_JWKS_URL, not AUTH_JWT_SECRET and AUTH_JWKS_URL'))
  t.throws(() => loadConfig(schema, { AUTH_JWKS_URL: 'ftp://idp.example/keys' }), { message: /^Invalid configuration: AUTH_JWKS_URL="ftp:\/\/idp.example\/keys": / })
})

t.test('REDIS_CLUSTER_NODES: comma-separated host:port seeds, each checked at start', async t => {
  t.same(redisClusterNodes(''), [])
  t.same(redisClusterNodes('127.0.0.1:7000, redis-a.internal:7001,[::1]:7002'),
    [{ host: '127.0.0.1', port: 7000 }, { host: 'redis-a.internal', port: 7001 }, { host: '::1', port: 7002 }])
  t.equal(loadConfig(schema, { REDIS_CLUSTER_NODES: '127.0.0.1:7000' }).REDIS_CLUSTER_NODES, '127.0.0.1:7000')
  t.throws(() => loadConfig(schema, { REDIS_CLUSTER_NODES: '127.0.0.1:7000,redis://127.0.0.1:7001,host:0,' }), new ConfigError(
    'Invalid configuration: REDIS_CLUSTER_NODES entry 2 ("redis://127.0.0.1:7001") is not host:port with a port from 1 to 65535; ' +
    'entry 3 ("host:0") is not host:port with a port from 1 to 65535; entry 4 ("") is not host:port with a port from 1 to 65535'))
  t.throws(() => loadConfig(schema, { REDIS_CLUSTER_NODES: '127.0.0.1:7000', REDIS_KEY_PREFIX: 'app:{a}:' }), new ConfigError(
    'Invalid configuration: REDIS_KEY_PREFIX="app:{a}:" holds a hash tag ({...}), which on a Redis Cluster would put every key on one slot'))
  // Without a cluster a prefix may hold braces: one server has no slots.
  t.equal(loadConfig(schema, { REDIS_KEY_PREFIX: 'app:{a}:' }).REDIS_KEY_PREFIX, 'app:{a}:')
})
