import t from 'tap'
import { createOrganization } from '@incident-intel/test-support'
import { IdPools, createStore, fuzzApp, seedRecords, startIncidentsApi } from '../helpers/fuzz-services.js'

const store = await createStore(t)
const app = await startIncidentsApi(t, store)
const pools = new IdPools()
const cached = await createOrganization(store.pool, 'Cached')
const uncached = await createOrganization(store.pool, 'Uncached', { use_current_incidents_cache: false })
pools.addSeeded(await seedRecords(store.pool, cached))
pools.addSeeded(await seedRecords(store.pool, uncached))

await fuzzApp(t, app, pools, async () => {
  pools.addSeeded(await seedRecords(store.pool, cached))
})
