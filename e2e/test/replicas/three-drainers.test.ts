import t from 'tap'
import {
  MIXED_WRITE_KINDS, createRecords, createTestDatabase, createTestRedis, findMixedWriteTargets, readMetricSample, runMixedWrites,
  startServiceProcess, testRedisUrl, waitUntil
} from '@incident-intel/test-support'
import { changesKey, versionsKey } from '@incident-intel/incidents-api/cache/cache-keys'

type OrganizationId = Parameters<typeof versionsKey>[0]
import { settledCache } from '../../../services/incidents-api/test/helpers/cache-state.js'
import { queueDepth, rebuildCurrentIncidents, seedScenario } from '../helpers/fault-scenario.js'

// Three incidents-api processes drain one refresh queue while another client writes in SQL to
// every table a document shows and both services take writes over HTTP. At the end the cache
// equals the database, and each refresh was applied once in effect: Redis refused none as not
// newer (no instance wrote an older document over a newer one), and each incident's change log
// carries its versions strictly increasing (none written twice, none going back).
const INSTANCES = 3
const ORGANIZATIONS = 3
const WRITES = 600
const WRITERS = 6

const { url: databaseUrl, pool } = await createTestDatabase(t)
const { redis, prefix } = await createTestRedis(t)
const redisUrl = testRedisUrl()
const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix }

/** Organizations of 20 incidents, each with 2 dependent intel requests, an asset and an outage. */
async function seed () {
  const scenarios = []
  for (let i = 0; i < ORGANIZATIONS; i++) {
    const scenario = await seedScenario(pool, { incidents: 20, perIncident: 2 })
    const assetIds = await createRecords(pool, 'assets', scenario.organizationId, 10)
    await pool.query(`insert into incidents.incident_assets (organization_id, incident_id, asset_id)
      select $1, incident, ($3::uuid[])[1 + (n - 1) % cardinality($3::uuid[])] from unnest($2::uuid[]) with ordinality as link (incident, n)`,
    [scenario.organizationId, scenario.incidentIds, assetIds])
    await pool.query(`insert into incidents.outages (organization_id, incident_id, utility_name)
      select $1, incident, 'Seed utility' from unnest($2::uuid[]) as incident`, [scenario.organizationId, scenario.incidentIds])
    scenarios.push(scenario)
  }
  return scenarios
}

/** The organization's change log after `after` (a stream id), as incident → versions in log order. */
async function loggedVersions (organizationId: string, after: string): Promise<Map<string, number[]>> {
  const entries = await redis.xrange(changesKey(organizationId as OrganizationId), `(${after}`, '+')
  const versions = new Map<string, number[]>()
  for (const [, fields] of entries) {
    const entry = Object.fromEntries(Array.from({ length: fields.length / 2 }, (_, i) => [fields[2 * i]!, fields[2 * i + 1]!]))
    if (entry.kind === 'reset') throw new Error(`a reset was logged during the load: ${JSON.stringify(entry)}`)
    versions.set(entry.incident_id!, [...versions.get(entry.incident_id!) ?? [], Number(entry.version)])
  }
  return versions
}

t.test(`${INSTANCES} incidents-api processes drain one queue under mixed writes: the cache equals the database, each refresh applied once`, async t => {
  const scenarios = await seed()
  const instances = []
  for (let i = 0; i < INSTANCES; i++) instances.push(await startServiceProcess(t, 'incidents-api', { env, redisConnected: true }))
  const intelRequestsApi = await startServiceProcess(t, 'intel-requests-api', { env })
  for (const { organizationId } of scenarios) t.equal((await rebuildCurrentIncidents(instances[0]!.origin, organizationId)).status, 200, 'the cache is built')
  await waitUntil(async () => await queueDepth(pool) === 0, 15_000, 'the seed refreshes did not drain')

  // Where each organization's log stood, and what each instance had counted, before the load.
  const logStart = new Map<string, string>()
  for (const { organizationId } of scenarios) {
    const [last] = await redis.xrevrange(changesKey(organizationId as OrganizationId), '+', '-', 'COUNT', 1)
    logStart.set(organizationId, last?.[0] ?? '0-0')
  }
  const drained = (origin: string) => readMetricSample(origin, 'incidents_api_current_incidents_refresh_lag_seconds_count')
  const notNewer = (origin: string) => readMetricSample(origin, 'incidents_api_current_incidents_refresh_writes_total{result="not_newer"}')
  const drainedBefore = await Promise.all(instances.map(instance => drained(instance.origin)))

  const targets = await Promise.all(scenarios.map(s => findMixedWriteTargets(pool, s.organizationId, s.incidentIds)))
  const origins = { incidents: instances.map(instance => instance.origin), intelRequests: [intelRequestsApi.origin] }
  const load = await runMixedWrites({ db: pool, targets, origins, writers: WRITERS, total: WRITES })
  t.same(load.outcomes, Object.fromEntries(MIXED_WRITE_KINDS.map(kind => [`${kind} ok`, WRITES / MIXED_WRITE_KINDS.length])), 'every write succeeded')

  await waitUntil(async () => await queueDepth(pool) === 0, 30_000, 'the refresh queue did not drain')
  for (const { organizationId } of scenarios) {
    const { cached, database } = await settledCache(redis, pool, organizationId, 15_000)
    // Every current incident's document is the LATERAL query's, and none is left for an incident no longer current.
    t.same(cached, database, 'every document in Redis equals the LATERAL query, for exactly the current incidents')
    t.same(Object.keys(cached).sort(), Object.keys(database).sort(), 'a document for every current incident and no other')
  }

  t.same(instances.filter(instance => instance.exit() !== undefined).map(instance => instance.pid), [], 'every instance still runs')
  const drainedDuring = (await Promise.all(instances.map(instance => drained(instance.origin)))).map((count, i) => count - drainedBefore[i]!)
  t.comment(`queued refreshes each instance applied during the load: ${drainedDuring.join(', ')}`)
  t.ok(drainedDuring.every(count => count > 0), 'every instance drained part of the queue')
  t.same(await Promise.all(instances.map(instance => notNewer(instance.origin))), instances.map(() => 0), 'no instance had a refresh refused as not newer')

  const wrong: string[] = []
  let entries = 0
  for (const { organizationId } of scenarios) {
    const logged = await loggedVersions(organizationId, logStart.get(organizationId)!)
    for (const [incidentId, versions] of logged) {
      entries += versions.length
      if (!versions.every((version, i) => i === 0 || version > versions[i - 1]!)) wrong.push(`${incidentId}: ${versions.join(',')}`)
    }
    // The last refresh of every current incident is the one Redis holds: the database's version.
    const { rows } = await pool.query<{ incident_id: string, version: string }>(
      'select incident_id, version::text from current_incidents.document_versions where organization_id = $1', [organizationId])
    const stored = await redis.hgetall(versionsKey(organizationId as OrganizationId))
    const current = new Set((await pool.query<{ incident_id: string }>(
      "select incident_id from incidents.incidents where organization_id = $1 and deleted is null and status <> 'resolved'", [organizationId])).rows.map(row => row.incident_id))
    for (const { incident_id: incidentId, version } of rows) {
      if (current.has(incidentId) && stored[incidentId] !== version) wrong.push(`${incidentId}: Redis holds version ${stored[incidentId]}, the database ${version}`)
    }
  }
  t.comment(`${entries} changes logged`)
  t.ok(entries > 0, 'the load was logged')
  t.same(wrong, [], "each incident's logged versions strictly increase, and Redis holds each current incident's latest")
})
