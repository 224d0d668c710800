import t from 'tap'
import { canonicalUuid } from '@incident-intel/schemas'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { insertIncident } from '../../helpers/fixtures.js'
import { MISSING } from '../../helpers/requests.js'
import { documentsKey, versionsKey } from '../../../src/cache/cache-keys.js'

// No drainer: nothing but the requests below touches Redis or PostgreSQL.
const { app, pool } = await buildTestApp(t, { env: { CACHE_DRAIN: 'false' } })
const organizationId = await createOrganization(pool)
const incident = await insertIncident(pool, organizationId)
const incidentId = incident.incident_id!

// The expensive calls (the list, rebuilds) spend their caller's budget in Redis first: one command
// (the limiter's script) before the cache's own. Reads after a caller's first of the window are
// counted in process and added to Redis's count within 100 ms, after the answer: reset() waits
// those out, so each test sees its own request's commands alone.
const RATE_LIMIT = 'evalsha'
const SHARED_COUNTS_FLUSHED_MS = 250
let redisCommands: string[] = []
const sendCommand = app.redis.sendCommand.bind(app.redis)
app.redis.sendCommand = ((command: { name: string }, ...rest: unknown[]) => {
  redisCommands.push(command.name)
  return (sendCommand as (...args: unknown[]) => unknown)(command, ...rest)
}) as typeof app.redis.sendCommand
let postgresQueries = 0
app.pg.on('acquire', () => { postgresQueries++ })

async function reset (): Promise<void> {
  await new Promise(resolve => setTimeout(resolve, SHARED_COUNTS_FLUSHED_MS))
  redisCommands = []
  postgresQueries = 0
}

t.test('a hit costs one Redis command and no PostgreSQL query', async t => {
  const rebuilt = await app.inject({ method: 'POST', url: '/incidents/current/rebuild', payload: { organization_id: organizationId } })
  t.same(rebuilt.json(), { organization_id: organizationId, cache_enabled: true, documents: 1, removed: 0 })
  // The first read learns the incident's organization (an incident never changes organization).
  const first = await app.inject({ method: 'GET', url: `/incidents/current/${incidentId}` })
  t.equal(first.headers['x-cache'], 'hit')

  await reset()
  const response = await app.inject({ method: 'GET', url: `/incidents/current/${incidentId}` })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['x-cache'], 'hit')
  t.same(redisCommands, ['hmget'], 'one Redis round trip for the document, the rate limit counted in process')
  t.equal(postgresQueries, 0, 'no PostgreSQL query')
})

t.test('the organization list from the cache: one Redis command, no PostgreSQL query', async t => {
  await reset()
  const response = await app.inject({ method: 'GET', url: '/incidents/current', query: { organization_id: organizationId } })
  t.equal(response.headers['x-cache'], 'hit')
  t.same(redisCommands, [RATE_LIMIT, 'hgetall'])
  t.equal(postgresQueries, 0)
})

t.test('an unknown organization costs one indexed lookup and touches no Redis key', async t => {
  const unknown = MISSING.toUpperCase()
  await reset()
  const list = await app.inject({ method: 'GET', url: '/incidents/current', query: { organization_id: unknown } })
  t.same([list.statusCode, list.json().message], [404, `Organization ${MISSING} does not exist`])
  await app.currentIncidents.settle()
  t.same(redisCommands, [RATE_LIMIT, 'hgetall'], 'the cache read alone (of a key that does not exist): no rebuild, no DEL')
  t.equal(postgresQueries, 1, 'one lookup of the organization')

  await reset()
  const rebuild = await app.inject({ method: 'POST', url: '/incidents/current/rebuild', payload: { organization_id: unknown } })
  t.same([rebuild.statusCode, rebuild.json().message], [404, `Organization ${MISSING} does not exist`])
  await app.currentIncidents.settle()
  t.same(redisCommands, [RATE_LIMIT], 'no cache command at all')
  t.equal(postgresQueries, 1, 'one lookup of the organization')
  const missing = canonicalUuid(MISSING)!
  t.same(await app.redis.exists(documentsKey(missing), versionsKey(missing)), 0, 'no key was made for it')
})

t.test('revalidating costs no more than a hit: one small Redis command each', async t => {
  const hit = await app.inject({ method: 'GET', url: `/incidents/current/${incidentId}` })
  await reset()
  const single = await app.inject({ method: 'GET', url: `/incidents/current/${incidentId}`, headers: { 'if-none-match': hit.headers.etag! } })
  t.same([single.statusCode, redisCommands, postgresQueries], [304, ['hmget'], 0])

  const list = await app.inject({ method: 'GET', url: '/incidents/current', query: { organization_id: organizationId } })
  await reset()
  const revalidated = await app.inject({ method: 'GET', url: '/incidents/current', query: { organization_id: organizationId }, headers: { 'if-none-match': list.headers.etag! } })
  t.same([revalidated.statusCode, redisCommands, postgresQueries], [304, [RATE_LIMIT, 'hmget'], 0], 'the markers alone, not the documents')
})

t.test('a bulk read of two organizations: one pipeline, no PostgreSQL query', async t => {
  const otherOrganization = await createOrganization(pool, 'Second utility')
  const other = (await insertIncident(pool, otherOrganization)).incident_id!
  await app.inject({ method: 'POST', url: '/incidents/current/rebuild', payload: { organization_id: otherOrganization } })
  await app.inject({ method: 'POST', url: '/incidents/current/bulk', payload: { incident_ids: [incidentId, other] } })
  await reset()
  let pipelines = 0
  const pipeline = app.redis.pipeline.bind(app.redis)
  app.redis.pipeline = ((...args: Parameters<typeof pipeline>) => {
    pipelines++
    return pipeline(...args)
  }) as typeof app.redis.pipeline
  const response = await app.inject({ method: 'POST', url: '/incidents/current/bulk', payload: { incident_ids: [other, incidentId] } })
  app.redis.pipeline = pipeline
  t.same([response.statusCode, response.headers['x-cache'], response.json().incidents.map((document: { incident_id: string }) => document.incident_id)], [200, 'hit', [other, incidentId]])
  t.same([pipelines, redisCommands, postgresQueries], [1, ['hmget', 'hmget'], 0], 'one round trip for both organizations')
})

t.test('the list read again unchanged costs the markers alone; after a change, the whole hash again', async t => {
  const query = { organization_id: organizationId }
  const first = await app.inject({ method: 'GET', url: '/incidents/current', query })
  await reset()
  const again = await app.inject({ method: 'GET', url: '/incidents/current', query })
  t.same([again.statusCode, again.body, redisCommands, postgresQueries], [200, first.body, [RATE_LIMIT, 'hmget'], 0])
  await app.inject({ method: 'PATCH', url: `/incidents/${incidentId}`, payload: { title: 'Changed' } })
  await reset()
  const changed = await app.inject({ method: 'GET', url: '/incidents/current', query })
  t.same([changed.json().incidents[0].title, redisCommands, postgresQueries], ['Changed', [RATE_LIMIT, 'hmget', 'hgetall'], 0])
  t.not(changed.headers.etag, first.headers.etag)
})
