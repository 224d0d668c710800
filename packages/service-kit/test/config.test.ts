import t from 'tap'
import { ConfigError, authTokens, loadConfig, serviceEnvSchema } from '../src/index.js'

const schema = serviceEnvSchema(3001)

t.test('defaults work locally', async t => {
  t.same(loadConfig(schema, {}), {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/incident_intel',
    DATABASE_POOL_SIZE: 10,
    DATABASE_STATEMENT_TIMEOUT_MS: 5000,
    DATABASE_CONNECT_TIMEOUT_MS: 5000,
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: '',
    REDIS_COMMAND_TIMEOUT_MS: 500,
    HOST: '127.0.0.1',
    PORT: 3001,
    LOG_LEVEL: 'info',
    LOG_BUFFER_BYTES: 4096,
    RECURSION_DEFAULT_MAX_DISTANCE: 5,
    RECURSION_MAX_DISTANCE_LIMIT: 10,
    SHUTDOWN_GRACE_MS: 10000,
    AUTH_TOKENS: ''
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
  t.same(authTokens(loadConfig(schema, { AUTH_TOKENS: ` ${strong}, ${strong}-second ,` }).AUTH_TOKENS), [strong, `${strong}-second`])
  t.same(authTokens(loadConfig(schema, {}).AUTH_TOKENS), [], 'unset: authentication is off')
  const error = new ConfigError('Invalid configuration: AUTH_TOKENS has 2 token(s) that are not at least 16 characters of A-Z a-z 0-9 . _ ~ + / - (the values are not shown)')
  t.throws(() => loadConfig(schema, { AUTH_TOKENS: `${strong},short,has spaces inside it` }), error)
})
