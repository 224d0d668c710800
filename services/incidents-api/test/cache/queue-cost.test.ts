import t from 'tap'
import type { CanonicalUuid } from '@incident-intel/schemas'
import type { Queryable } from '@incident-intel/db'
import { createOrganization, waitUntil } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertAsset, insertIncident, linkAsset } from '../helpers/fixtures.js'
import { quiesce, settledCache } from '../helpers/cache-state.js'
import { FLOOR_FIELD, documentsKey, isMarker, versionsKey } from '../../src/cache/cache-keys.js'
import { defineCacheScripts, scriptArguments } from '../../src/cache/cache-scripts.js'
import {
  claimIncidentRefreshes, claimOrganizationRefresh, claimQueuedRefreshesOf, findDrainableOrganizations, writeQueueSettings
} from '../../src/sql/refresh-queue.js'

// The queue's cost follows documents, not statements. This app does not drain, so the tests can
// read the queue as the triggers leave it; a draining one joins for the pruning tests.
const parts = await buildTestApp(t, { env: { CACHE_DRAIN: 'false' } })
const { pool, redis } = parts
defineCacheScripts(redis)
const organizationId = await createOrganization(pool) as CanonicalUuid

async function queued (): Promise<Array<[string, string | null]>> {
  const { rows } = await pool.query<{ organization_id: string, incident_id: string | null }>(
    'select organization_id, incident_id from current_incidents.refresh_queue order by refresh_id')
  return rows.map(row => [row.organization_id, row.incident_id])
}
const clearQueue = () => pool.query('delete from current_incidents.refresh_queue')
const rename = (assetTypeId: string, name: string) =>
  pool.query('update assets.asset_types set asset_type_name = $2 where asset_type_id = $1', [assetTypeId, name])

t.test('an asset type linked to 1 current and 40 resolved incidents: its rename queues one refresh', async t => {
  const asset = await insertAsset(pool, organizationId, null)
  const current = await insertIncident(pool, organizationId, { title: 'Current' })
  await linkAsset(pool, organizationId, current.incident_id!, asset.asset_id)
  for (let n = 0; n < 40; n++) {
    const resolved = await insertIncident(pool, organizationId, { title: `Resolved ${n}`, status: 'resolved' })
    await linkAsset(pool, organizationId, resolved.incident_id!, asset.asset_id)
  }
  await clearQueue()
  await rename(asset.asset_type_id, 'Renamed type')
  t.same(await queued(), [[organizationId, current.incident_id]])
  await clearQueue()
})

t.test('claiming an incident takes all of its queued rows, the oldest incidents first, one organization only', async t => {
  const [x, y, z] = await Promise.all(['X', 'Y', 'Z'].map(title => insertIncident(pool, organizationId, { title })))
  const other = await createOrganization(pool, 'Other utility')
  const elsewhere = await insertIncident(pool, other)
  await clearQueue()
  for (const [incident, times] of [[x!, 5], [y!, 3], [elsewhere, 2], [z!, 2]] as const) {
    for (let n = 0; n < times; n++) await pool.query('update incidents.incidents set title = title where incident_id = $1', [incident.incident_id])
  }
  const client = await pool.connect()
  try {
    await client.query('begin')
    const claimed = (await claimIncidentRefreshes(client, organizationId, 1)).map(row => row.incident_id)
    t.same(claimed, Array(5).fill(x!.incident_id), 'the oldest incident, with its five rows')
    const rest = (await claimIncidentRefreshes(client, organizationId, 10)).map(row => row.incident_id).sort()
    t.same(rest, [...Array(3).fill(y!.incident_id), ...Array(2).fill(z!.incident_id)].sort())
    t.same(await claimIncidentRefreshes(client, organizationId, 10), [], 'nothing left of the organization')
    t.same((await findDrainableOrganizations(client, 16)).map(row => row.organization_id), [other], 'the other organization\'s rows wait for their own claim')
  } finally {
    await client.query('rollback')
    client.release()
  }
  await clearQueue()
})

t.test('a statement over the configured number of incidents of one organization queues one organization-wide refresh', async t => {
  const incidents = await Promise.all([1, 2, 3, 4].map(n => insertIncident(pool, organizationId, { title: `Bulk ${n}` })))
  const ids = incidents.map(incident => incident.incident_id!)
  await writeQueueSettings(pool, { organizationRefreshThreshold: 3 })
  await clearQueue()
  await pool.query("update incidents.incidents set title = title || '!' where incident_id = any($1::uuid[])", [ids])
  t.same(await queued(), [[organizationId, null]], '4 incidents > 3: one organization-wide refresh')
  await clearQueue()
  await pool.query("update incidents.incidents set title = title || '!' where incident_id = any($1::uuid[])", [ids.slice(0, 3)])
  t.same((await queued()).map(([, incidentId]) => incidentId).sort(), ids.slice(0, 3).sort(), '3 incidents: one refresh each')
  await pool.query('delete from current_incidents.queue_settings')
  await clearQueue()
})

t.test('every claim reads the queue through an index', async t => {
  const client = await pool.connect()
  try {
    // With sequential scans priced out, one appears in a plan only where no index can serve.
    await client.query('set enable_seqscan = off')
    const plans: Array<{ claim: string, scans: string[] }> = []
    const explaining = (claim: string): Queryable => ({
      query: async (config: string | { text: string, values?: unknown[] }) => {
        const { text, values } = typeof config === 'string' ? { text: config, values: [] } : config
        const { rows } = await client.query(`explain (format json) ${text}`, values)
        plans.push({ claim, scans: sequentialScans(rows[0]['QUERY PLAN']) })
        return { rows: [{ locked: true }], rowCount: 0 }
      }
    }) as unknown as Queryable
    await findDrainableOrganizations(explaining('find drainable organizations'), 16)
    await claimOrganizationRefresh(explaining('claim an organization-wide refresh'), organizationId)
    await claimIncidentRefreshes(explaining('claim incident refreshes'), organizationId, 500)
    await claimQueuedRefreshesOf(explaining('the write-through claim'), [organizationId])
    t.same(plans, [
      { claim: 'find drainable organizations', scans: [] },
      { claim: 'claim an organization-wide refresh', scans: [] },
      { claim: 'claim incident refreshes', scans: [] },
      { claim: 'the write-through claim', scans: [] }
    ])
  } finally {
    client.release()
  }
})

function sequentialScans (plan: unknown): string[] {
  if (Array.isArray(plan)) return plan.flatMap(sequentialScans)
  if (plan === null || typeof plan !== 'object') return []
  const node = plan as Record<string, unknown>
  const own = node['Node Type'] === 'Seq Scan' ? [String(node['Relation Name'])] : []
  return [...own, ...Object.values(node).flatMap(sequentialScans)]
}

t.test('with a drainer: a resolved incident\'s version is pruned in both stores, and no older document gets back in', async t => {
  const { app } = await buildTestApp(t, { shared: parts })
  const asset = await insertAsset(pool, organizationId, null)
  const kept = await insertIncident(pool, organizationId, { title: 'Kept' })
  const resolved = await insertIncident(pool, organizationId, { title: 'To resolve' })
  const resolvedId = resolved.incident_id! as CanonicalUuid
  await linkAsset(pool, organizationId, resolvedId, asset.asset_id)
  await quiesce(app, pool)
  await settledCache(redis, pool, organizationId)
  const { rows: [before] } = await pool.query<{ version: string }>('select version from current_incidents.document_versions where incident_id = $1', [resolvedId])
  t.ok(before, 'it had a document')

  await pool.query("update incidents.incidents set status = 'resolved', resolved = now() where incident_id = $1", [resolvedId])
  await waitUntil(async () => {
    const { rowCount } = await pool.query('select 1 from current_incidents.document_versions where incident_id = $1', [resolvedId])
    return rowCount === 0
  }, 5000, 'the version row was not pruned')
  await quiesce(app, pool)
  t.equal(await redis.hexists(documentsKey(organizationId), resolvedId), 0, 'its document left')
  t.equal(await redis.hexists(versionsKey(organizationId), resolvedId), 0, 'its version was pruned')
  const floor = Number(await redis.hget(versionsKey(organizationId), FLOOR_FIELD))
  t.ok(floor > Number(before!.version), 'the floor covers the pruned version')
  t.ok(await redis.hexists(versionsKey(organizationId), kept.incident_id!), 'a current incident keeps its version')

  const [written] = await redis.writeDocuments(...scriptArguments(organizationId), resolvedId, floor, Buffer.from('older'))
  t.equal(written, 0, 'a late write of an older document is refused')
  t.equal(await redis.hexists(documentsKey(organizationId), resolvedId), 0)

  // Read inside the renaming transaction, before the drainer can see (and take) anything it queued.
  const client = await pool.connect()
  try {
    await client.query('begin')
    await client.query('update assets.asset_types set asset_type_name = $2 where asset_type_id = $1', [asset.asset_type_id, 'Renamed after the prune'])
    const { rows } = await client.query('select incident_id from current_incidents.refresh_queue')
    t.same(rows, [], 'a change to what only the pruned incident shows queues nothing')
    await client.query('commit')
  } finally {
    client.release()
  }

  await pool.query("update incidents.incidents set status = 'active', resolved = null where incident_id = $1", [resolvedId])
  const { cached, database } = await settledCache(redis, pool, organizationId)
  t.same(cached, database, 'reopened: its document is back, newer than the floor')
  t.ok(cached[resolvedId])
})

t.test('a rebuild prunes the versions of every incident that is no longer current', async t => {
  const { app } = await buildTestApp(t, { shared: parts })
  await quiesce(app, pool)
  // The history a database kept before pruning existed: a version row for every incident that ever had a document.
  await pool.query(`insert into current_incidents.document_versions (incident_id, organization_id)
                    select incident_id, organization_id from incidents.incidents where organization_id = $1 and status = 'resolved'
                    on conflict do nothing`, [organizationId])
  const { rows: [history] } = await pool.query<{ count: number }>(
    `select count(*)::int as count from current_incidents.document_versions v join incidents.incidents i using (incident_id)
      where v.organization_id = $1 and i.status = 'resolved'`, [organizationId])
  t.equal(history!.count, 40, 'the 40 resolved incidents have a version row')
  const rebuild = await app.inject({ method: 'POST', url: '/incidents/current/rebuild', payload: { organization_id: organizationId } })
  t.equal(rebuild.statusCode, 200)
  const { rows } = await pool.query<{ incident_id: string }>(
    `select v.incident_id from current_incidents.document_versions v
      where v.organization_id = $1
        and not exists (select 1 from incidents.incidents i where i.incident_id = v.incident_id and i.deleted is null and i.status <> 'resolved')`,
    [organizationId])
  t.same(rows, [], 'no version row of an incident that is not current')
  const fields = Object.keys(await redis.hgetall(versionsKey(organizationId))).filter(field => !isMarker(field)).sort()
  const { rows: current } = await pool.query<{ incident_id: string }>(
    "select incident_id from incidents.incidents where organization_id = $1 and deleted is null and status <> 'resolved' order by incident_id", [organizationId])
  t.same(fields, current.map(row => row.incident_id).sort(), 'Redis keeps a version for the current incidents only, beside its markers')
  const { cached, database } = await settledCache(redis, pool, organizationId)
  t.same(cached, database)
})
