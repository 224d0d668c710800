import t from 'tap'
import { canonicalUuid } from '@incident-intel/schemas'
import { createOrganization, waitUntil } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertIncident } from '../helpers/fixtures.js'
import { settledCache } from '../helpers/cache-state.js'
import { settleWith, untriggeredChanges } from '../helpers/untriggered-changes.js'

// The reconciler on its own, one organization per 50 ms tick, over two organizations.
const { app, pool, redis } = await buildTestApp(t, { env: { CACHE_RECONCILE_INTERVAL_MS: '50' } })
const organizationId = canonicalUuid(await createOrganization(pool))!
const otherId = canonicalUuid(await createOrganization(pool))!
await insertIncident(pool, otherId, { title: 'Elsewhere' })
const settle = settleWith(app, redis)

async function divergencesCounted (reason: string): Promise<number> {
  const match = new RegExp(`^incidents_api_current_incidents_divergences_total\\{reason="${reason}"\\} (\\d+)$`, 'm').exec((await app.inject('/metrics')).body)
  return Number(match![1])
}

for (const change of untriggeredChanges(settle)) {
  t.test(`the reconciler repairs ${change.name} without being asked`, async t => {
    await change.prepare(pool, organizationId)
    const expected = await change.apply(pool, organizationId)
    const counted = await divergencesCounted(expected.reason)
    const { cached, database } = await settledCache(redis, pool, organizationId, 5000)
    t.same(cached, database)
    await waitUntil(async () => await divergencesCounted(expected.reason) === counted + 1, 5000, 'the divergence was not counted')
    t.equal(await divergencesCounted(expected.reason), counted + 1, 'counted once')
  })
}
