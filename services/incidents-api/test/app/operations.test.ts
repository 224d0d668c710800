import t from 'tap'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertIncident } from '../helpers/fixtures.js'
import { quiesce, settledCache } from '../helpers/cache-state.js'

const { app, pool, redis } = await buildTestApp(t)

t.test('/health and /ready', async t => {
  t.same((await app.inject('/health')).json(), { status: 'ok' })
  const ready = await app.inject('/ready')
  t.same([ready.statusCode, ready.json()], [200, { status: 'ready', checks: { postgres: 'up', redis: 'up', rate_limit: 'up', refresh_queue: 'up' } }])
})

t.test('/metrics: request latency, cache reads by result, refresh lag, queue depth, age and failures, readiness', async t => {
  const organizationId = await createOrganization(pool)
  const incident = await insertIncident(pool, organizationId)
  await settledCache(redis, pool, organizationId)
  // The drainer's first write to the organization starts its rebuild: the read below is a hit once it is done.
  await quiesce(app, pool)
  await app.inject(`/incidents/current/${incident.incident_id}`)
  const body = (await app.inject('/metrics')).body
  t.match(body, /incidents_api_http_request_duration_seconds_count\{method="GET",route="\/incidents\/current\/:incident_id",status_code="200"\} 1\n/)
  t.match(body, /incidents_api_current_incidents_reads_total\{result="hit"\} 1\n/)
  t.match(body, /incidents_api_current_incidents_refresh_lag_seconds_count [1-9]\d*\n/, 'the queued refresh of the insert was timed')
  t.match(body, /incidents_api_current_incidents_refresh_queue_depth 0\n/)
  t.match(body, /incidents_api_current_incidents_refresh_queue_oldest_seconds 0\n/)
  t.match(body, /incidents_api_current_incidents_parked_organizations 0\n/)
  t.match(body, /incidents_api_current_incidents_drain_attempts_total [1-9]\d*\n/)
  t.match(body, /incidents_api_current_incidents_refresh_writes_total\{result="applied"\} [1-9]\d*\n/, 'the refresh wrote its document')
  t.match(body, /incidents_api_current_incidents_refresh_writes_total\{result="not_newer"\} 0\n/, 'and Redis refused none as not newer')
  for (const reason of ['organization', 'redis_unavailable', 'database_unavailable']) {
    t.match(body, new RegExp(`incidents_api_current_incidents_refresh_failures_total\\{reason="${reason}"\\} 0\n`), `no failure: ${reason}`)
  }
  for (const check of ['postgres', 'redis', 'refresh_queue']) {
    t.match(body, new RegExp(`incidents_api_readiness_check\\{check="${check}"\\} 1\n`), `readiness gauge: ${check} up`)
  }
})
