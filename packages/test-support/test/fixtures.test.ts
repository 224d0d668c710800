import t from 'tap'
import { createOrganization, createRecord, createRecords, createTestDatabase, type FixtureRecordType } from '../src/index.js'

const { pool } = await createTestDatabase(t)

const TABLES: Record<FixtureRecordType, { table: string, id: string }> = {
  incidents: { table: 'incidents.incidents', id: 'incident_id' },
  intel_requests: { table: 'intel_requests.intel_requests', id: 'intel_request_id' },
  outages: { table: 'incidents.outages', id: 'outage_id' },
  internet_outages: { table: 'incidents.internet_outages', id: 'internet_outage_id' },
  assets: { table: 'assets.assets', id: 'asset_id' }
}

/** The ids in a type's table that belong to the organization, split into live and deleted. */
async function idsOf (type: FixtureRecordType, organizationId: string): Promise<{ live: string[], deleted: string[] }> {
  const { table, id } = TABLES[type]
  const { rows } = await pool.query<{ id: string, deleted: boolean }>(
    `select ${id} as id, deleted is not null as deleted from ${table} where organization_id = $1 order by ${id}`, [organizationId])
  return {
    live: rows.filter(row => !row.deleted).map(row => row.id),
    deleted: rows.filter(row => row.deleted).map(row => row.id)
  }
}

/** Live records of the organization per type, from the view that edges check against. */
async function recordCounts (organizationId: string): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ record_type: string, n: number }>(
    `select record_type, count(*)::int as n from dependencies.records
     where organization_id = $1 and deleted is null group by record_type`, [organizationId])
  return Object.fromEntries(rows.map(row => [row.record_type, row.n]))
}

t.test('createOrganization stores name and metadata', async t => {
  const metadata = { use_current_incidents_cache: false, region: 'eu-west', tags: ['a', 'b'] }
  const id = await createOrganization(pool, 'Acme Utilities', metadata)
  const { rows } = await pool.query('select name, metadata, deleted from organizations.organizations where organization_id = $1', [id])
  t.strictSame(rows, [{ name: 'Acme Utilities', metadata, deleted: null }])
})

t.test('createOrganization defaults to "Test organization" and empty metadata', async t => {
  const id = await createOrganization(pool)
  const { rows } = await pool.query('select name, metadata from organizations.organizations where organization_id = $1', [id])
  t.strictSame(rows, [{ name: 'Test organization', metadata: {} }])
})

// Outages and internet outages hang from one incident that createRecords makes for them.
const SIDE_RECORDS: Record<FixtureRecordType, Record<string, number>> = {
  incidents: {},
  intel_requests: {},
  outages: { incidents: 1 },
  internet_outages: { incidents: 1 },
  assets: {}
}

for (const type of Object.keys(TABLES) as FixtureRecordType[]) {
  t.test(`createRecords creates exactly count live ${type} of the organization`, async t => {
    const organizationId = await createOrganization(pool, `Fixtures of ${type}`)
    const other = await createOrganization(pool, `Bystander of ${type}`)
    const ids = await createRecords(pool, type, organizationId, 3)

    t.equal(ids.length, 3)
    t.equal(new Set(ids).size, 3, 'distinct ids')
    t.strictSame(await idsOf(type, organizationId), { live: [...ids].sort(), deleted: [] })
    t.strictSame(await recordCounts(organizationId), { [type]: 3, ...SIDE_RECORDS[type] }, 'nothing else of the organization')
    t.strictSame(await recordCounts(other), {}, 'nothing in another organization')
  })
}

t.test('createRecord creates one record and returns its id', async t => {
  const organizationId = await createOrganization(pool)
  const id = await createRecord(pool, 'intel_requests', organizationId)
  t.strictSame(await idsOf('intel_requests', organizationId), { live: [id], deleted: [] })
})
