import t from 'tap'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { insertIncident } from '../../helpers/fixtures.js'

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
