import t from 'tap'
import { setTimeout } from 'node:timers/promises'
import { canonicalUuid } from '@incident-intel/schemas'
import { createOrganization, waitUntil } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertIncident } from '../helpers/fixtures.js'

// A small pool and a short wait for a connection: were the database fallbacks of the organization
// list unbounded, they would hold every connection, and the PATCHes would answer 503.
const { app, pool } = await buildTestApp(t, {
  env: {
    DATABASE_POOL_SIZE: '6',
    DATABASE_CONNECT_TIMEOUT_MS: '500',
    CACHE_FALLBACK_CONCURRENCY: '2',
    CACHE_WAITING_MAX: '8',
    RATE_LIMIT_EXPENSIVE: '100000'
  }
})

const CALLERS = 50
const busy = canonicalUuid(await createOrganization(pool))!
await pool.query(
  `insert into incidents.incidents (organization_id, title, incident_type)
   select $1, 'Incident ' || n, 'power' from generate_series(1, 100) as n`, [busy])
await pool.query(
  "update organizations.organizations set metadata = metadata || '{\"use_current_incidents_cache\": false}' where organization_id = $1", [busy])
const other = canonicalUuid(await createOrganization(pool))!
const incidentId = (await insertIncident(pool, other)).incident_id!
await waitUntil(async () => (await app.inject(`/incidents/current/${incidentId}`)).headers['x-cache'] === 'hit', 5000, 'the other organization never cached')

t.test(`${CALLERS} callers reading the organization list from the database leave the other routes answering`, async t => {
  const listStatuses = new Map<number, number>()
  const busyAnswers: unknown[] = []
  const hammering = { on: true }
  let listChecked = false
  const hammer = async (caller: number) => {
    while (hammering.on) {
      const response = await app.inject({
        url: '/incidents/current',
        query: { organization_id: busy },
        headers: { authorization: `Bearer caller-${caller}-0123456789abcdef` }
      })
      listStatuses.set(response.statusCode, (listStatuses.get(response.statusCode) ?? 0) + 1)
      // The first list only: parsing every one would load the event loop the test shares.
      if (response.statusCode === 200 && !listChecked) {
        listChecked = true
        t.equal(response.json().incidents.length, 100, 'the list is whole')
      }
      if (response.statusCode === 503) {
        busyAnswers.push([response.headers['retry-after'], response.json().code])
        await setTimeout(50) // sooner than Retry-After asks: an impatient client
      }
    }
  }
  const others = async () => {
    const statuses: string[] = []
    for (let i = 0; i < 30; i++) {
      const read = await app.inject(`/incidents/current/${incidentId}`)
      statuses.push(`GET ${read.statusCode} ${read.headers['x-cache']}`)
      if (i % 2 === 0) {
        const write = await app.inject({ method: 'PATCH', url: `/incidents/${incidentId}`, payload: { title: `Edit ${i}` } })
        statuses.push(`PATCH ${write.statusCode}`)
      }
    }
    hammering.on = false
    return statuses
  }
  const [statuses] = await Promise.all([others(), ...Array.from({ length: CALLERS }, (_, caller) => hammer(caller))])

  t.strictSame(new Set(statuses), new Set(['GET 200 hit', 'PATCH 200']), 'every read of the other organization and every write answered')
  t.ok((listStatuses.get(200) ?? 0) > 0, 'the organization list answered too')
  t.strictSame([...listStatuses.keys()].filter(status => status !== 200 && status !== 503), [], 'the list answers 200, or 503 when too many wait')
  t.strictSame(new Set(busyAnswers.map(answer => JSON.stringify(answer))), new Set(busyAnswers.length > 0 ? [JSON.stringify(['1', 'INCIDENTS_DATABASE_BUSY'])] : []))
  t.comment(`organization list: ${JSON.stringify(Object.fromEntries(listStatuses))}`)
})
