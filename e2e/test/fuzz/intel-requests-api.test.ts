import t from 'tap'
import { createOrganization } from '@incident-intel/test-support'
import { IdPools, createStore, fuzzApp, seedRecords, startIntelRequestsApi } from '../helpers/fuzz-services.js'

const store = await createStore(t)
const app = await startIntelRequestsApi(t, store)
const pools = new IdPools()
const first = await createOrganization(store.pool, 'First')
const second = await createOrganization(store.pool, 'Second')
pools.addSeeded(await seedRecords(store.pool, first))
pools.addSeeded(await seedRecords(store.pool, second))

await fuzzApp(t, app, pools, async () => {
  pools.addSeeded(await seedRecords(store.pool, first))
})
