import t from 'tap'
import { canonicalUuid } from '@incident-intel/schemas'
import { createOrganization, startPrivateRedis, waitUntil } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertIncident } from '../helpers/fixtures.js'
import { quiesce, settledCache } from '../helpers/cache-state.js'
import { EPOCH_KEY, documentsKey, isMarker, versionsKey } from '../../src/cache/cache-keys.js'

// A Redis of the test's own, to restart from an older RDB file. The reconciler keeps its default
// interval (minutes): what is found here is found on connect or by a refresh, not by its round.
const privateRedis = await startPrivateRedis(t)
const { app, pool, redis } = await buildTestApp(t, { redisUrl: privateRedis.url, env: { CACHE_RECONCILE_INTERVAL_MS: '180000' } })
const organizationId = canonicalUuid(await createOrganization(pool))!
const incidentId = canonicalUuid((await insertIncident(pool, organizationId, { title: 'Before' })).incident_id!)!
const reconciler = app.currentIncidentsReconciler!

async function get () {
  const response = await app.inject({ method: 'GET', url: `/incidents/current/${incidentId}` })
  return { cache: response.headers['x-cache'], title: response.json().title }
}

async function divergencesCounted (reason: string): Promise<number> {
  const match = new RegExp(`^incidents_api_current_incidents_divergences_total\\{reason="${reason}"\\} (\\d+)$`, 'm').exec((await app.inject('/metrics')).body)
  return Number(match![1])
}

async function refusedAsNotNewer (): Promise<number> {
  const match = /^incidents_api_current_incidents_refresh_writes_total\{result="not_newer"\} (\d+)$/m.exec((await app.inject('/metrics')).body)
  return Number(match![1])
}

const setTitle = (title: string) => pool.query('update incidents.incidents set title = $2 where incident_id = $1', [incidentId, title])

async function highestCachedVersion (): Promise<number> {
  const versions = await redis.hgetall(versionsKey(organizationId))
  return Math.max(...Object.entries(versions).filter(([field]) => !isMarker(field)).map(([, version]) => Number(version)))
}

async function sequence (): Promise<number> {
  const { rows } = await pool.query<{ last_value: string }>('select last_value from current_incidents.document_version_seq')
  return Number(rows[0]!.last_value)
}

/** The database restored to an earlier point: its sequence and versions as they were long ago. */
async function setDatabaseBack (): Promise<void> {
  await pool.query("select setval('current_incidents.document_version_seq', 1)")
  await pool.query('update current_incidents.document_versions set version = 1')
}

await waitUntil(async () => (await get()).cache === 'hit', 5000, 'the cache never served')
await waitUntil(async () => !reconciler.sweeping && (await redis.hget(EPOCH_KEY, 'run_id')) !== null, 5000, 'the first epoch was not recorded')

t.test('Redis restarted from an older RDB file is detected on connect and repaired', async t => {
  await redis.save()
  await setTitle('After')
  await quiesce(app, pool)
  t.same(await get(), { cache: 'hit', title: 'After' })
  const counted = await divergencesCounted('version_behind')

  await privateRedis.stop()
  await privateRedis.start()
  await waitUntil(async () => JSON.stringify(await get()) === JSON.stringify({ cache: 'hit', title: 'After' }), 10000, 'the older document is still served')
  t.same(await get(), { cache: 'hit', title: 'After' })
  await waitUntil(async () => !reconciler.sweeping, 5000, 'the sweep did not finish')
  t.equal(await divergencesCounted('version_behind'), counted + 1, 'the one document that went back, counted')
  const { cached, database } = await settledCache(redis, pool, organizationId, 0)
  t.same(cached, database)
})

t.test('the organization\'s hashes restored from a DUMP are found by the reconciler\'s round', async t => {
  const dumps = await Promise.all([documentsKey(organizationId), versionsKey(organizationId)].map(async key => [key, (await redis.dumpBuffer(key))!] as const))
  await setTitle('Changed after the dump')
  await quiesce(app, pool)
  t.same(await get(), { cache: 'hit', title: 'Changed after the dump' })
  for (const [key, dump] of dumps) await redis.restore(key, 0, dump, 'REPLACE')
  t.same(await get(), { cache: 'hit', title: 'After' }, 'what a lagging replica promoted serves')

  for (let tick = 0; tick < 20 && (await get()).title !== 'Changed after the dump'; tick++) await reconciler.tick()
  t.same(await get(), { cache: 'hit', title: 'Changed after the dump' })
})

t.test('a database whose version sequence was set back: the first refresh Redis refuses repairs it', async t => {
  await setDatabaseBack()
  const counted = await divergencesCounted('version_ahead')
  const refused = await refusedAsNotNewer()
  const patched = await app.inject({ method: 'PATCH', url: `/incidents/${incidentId}`, payload: { title: 'Written after the restore' } })
  t.equal(patched.statusCode, 200)
  await waitUntil(async () => (await get()).title === 'Written after the restore', 5000, 'the refused refresh was never repaired')
  t.same(await get(), { cache: 'hit', title: 'Written after the restore' })
  t.ok(await sequence() >= await highestCachedVersion(), 'the sequence moved past every version in Redis')
  t.equal(await divergencesCounted('version_ahead'), counted + 1)
  // The write-through's document is refused; so is the queued refresh's when the drainer took its
  // version before the sequence moved past Redis's.
  const refusals = await refusedAsNotNewer() - refused
  t.ok(refusals === 1 || refusals === 2, `the write-through's document was refused as not newer (refusals: ${refusals})`)

  await setDatabaseBack()
  const rebuilt = await app.inject({ method: 'POST', url: '/incidents/current/rebuild', payload: { organization_id: organizationId } })
  t.same(rebuilt.json(), { organization_id: organizationId, cache_enabled: true, documents: 1, removed: 0 }, 'a rebuild writes, and says so')
  const { cached, database } = await settledCache(redis, pool, organizationId, 0)
  t.same(cached, database)
})

t.test('a database set back is detected by the epoch check, before any refresh is refused', async t => {
  await quiesce(app, pool)
  await reconciler.tick() // records the sequence as it is
  const highest = await highestCachedVersion()
  await setDatabaseBack()
  await reconciler.tick()
  t.ok(await sequence() >= highest, 'the sequence moved past the recorded mark')
  t.equal(reconciler.sweeping, true, 'every organization is verified again')
  const counted = await divergencesCounted('version_ahead')
  await setTitle('Through the queue')
  await quiesce(app, pool)
  t.same(await get(), { cache: 'hit', title: 'Through the queue' })
  t.equal(await divergencesCounted('version_ahead'), counted, 'the refresh was not refused')
  for (let tick = 0; tick < 20 && reconciler.sweeping; tick++) await reconciler.tick()
  t.equal(reconciler.sweeping, false)
})
