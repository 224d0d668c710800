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

let redisCommands: string[] = []
const sendCommand = app.redis.sendCommand.bind(app.redis)
app.redis.sendCommand = ((command: { name: string }, ...rest: unknown[]) => {
  redisCommands.push(command.name)
  return (sendCommand as (...args: unknown[]) => unknown)(command, ...rest)
}) as typeof app.redis.sendCommand
let postgresQueries = 0
app.pg.on('acquire', () => { postgresQueries++ })

function reset (): void {
  redisCommands = []
  postgresQueries = 0
}

t.test('a hit costs one Redis command and no PostgreSQL query', async t => {
  const rebuilt = await app.inject({ method: 'POST', url: '/incidents/current/rebuild', payload: { organization_id: organizationId } })
  t.same(rebuilt.json(), { organization_id: organizationId, cache_enabled: true, documents: 1, removed: 0 })
  // The first read learns the incident's organization (an incident never changes organization).
  const first = await app.inject({ method: 'GET', url: `/incidents/current/${incidentId}` })
  t.equal(first.headers['x-cache'], 'hit')

  reset()
  const response = await app.inject({ method: 'GET', url: `/incidents/current/${incidentId}` })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['x-cache'], 'hit')
  t.same(redisCommands, ['hmget'], 'one Redis round trip')
  t.equal(postgresQueries, 0, 'no PostgreSQL query')
})

t.test('the organization list from the cache: one Redis command, no PostgreSQL query', async t => {
  reset()
  const response = await app.inject({ method: 'GET', url: '/incidents/current', query: { organization_id: organizationId } })
  t.equal(response.headers['x-cache'], 'hit')
  t.same(redisCommands, ['hgetall'])
  t.equal(postgresQueries, 0)
})

t.test('an unknown organization costs one indexed lookup and touches no Redis key', async t => {
  const unknown = MISSING.toUpperCase()
  reset()
  const list = await app.inject({ method: 'GET', url: '/incidents/current', query: { organization_id: unknown } })
  t.same([list.statusCode, list.json().message], [404, `Organization ${MISSING} does not exist`])
  await app.currentIncidents.settle()
  t.same(redisCommands, ['hgetall'], 'the cache read alone (of a key that does not exist): no rebuild, no DEL')
  t.equal(postgresQueries, 1, 'one lookup of the organization')

  reset()
  const rebuild = await app.inject({ method: 'POST', url: '/incidents/current/rebuild', payload: { organization_id: unknown } })
  t.same([rebuild.statusCode, rebuild.json().message], [404, `Organization ${MISSING} does not exist`])
  await app.currentIncidents.settle()
  t.same(redisCommands, [], 'no Redis command at all')
  t.equal(postgresQueries, 1, 'one lookup of the organization')
  const missing = canonicalUuid(MISSING)!
  t.same(await app.redis.exists(documentsKey(missing), versionsKey(missing)), 0, 'no key was made for it')
})
