/*
 * The reconciler's cost: verifying one organization of 3,000 current incidents (demo-data's mix)
 * against the LATERAL query, as one reconciler tick does: time and statements per verification;
 * and GET /incidents/current/:id (10 in flight) alone and while verifications run back to back
 * (the worst case: one per CACHE_RECONCILE_INTERVAL_MS). Prints numbers, asserts none.
 *   pnpm --filter @incident-intel/bench bench:reconciler [--quick] [--json]
 */
import pg from 'pg'
import { runConcurrentCalls, summarize, type Teardowns } from '@incident-intel/test-support'
import { log } from '../log.js'
import { ms } from '../report/format.js'
import { startIncidentsApp } from '../services.js'
import { seedOneOrganization } from '../seed.js'
import { runBenchmark } from '../run-benchmark.js'

const FULL = { incidents: 3000, verifications: 20, workers: 10, durationSeconds: 10 }
const QUICK = { incidents: 300, verifications: 3, workers: 4, durationSeconds: 1 }

// Every statement any pool client sends, the app's included (one pg module in the workspace); the
// drainer's poll shares the count, so a verification's own is the fewest counted over the runs.
let statements = 0
const query = pg.Client.prototype.query
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++
  return (query as (...a: unknown[]) => unknown).apply(this, args)
} as typeof query

async function main (quick: boolean, teardowns: Teardowns) {
  const settings = quick ? QUICK : FULL
  const { url, prefix, organizationId, incidentIds } = await seedOneOrganization(teardowns, settings.incidents)
  // The background reconciler off: this benchmark runs the verifications itself.
  const { app, client } = await startIncidentsApp(teardowns, { DATABASE_URL: url, REDIS_KEY_PREFIX: prefix, CACHE_RECONCILE_INTERVAL_MS: '0' })
  await app.currentIncidents.rebuild(organizationId)

  log(`${settings.verifications} verifications of the organization`)
  const times: number[] = []
  const perVerification: number[] = []
  for (let run = 0; run < settings.verifications; run++) {
    const before = statements
    const verifyStarted = performance.now()
    const result = await app.currentIncidentsVerifier.verify(organizationId)
    times.push(performance.now() - verifyStarted)
    perVerification.push(statements - before)
    if (result === null || result === 'busy' || result.checked !== incidentIds.length || result.divergences.length !== 0) {
      throw new Error(`verification found what it should not: ${JSON.stringify(result)?.slice(0, 500)}`)
    }
  }

  let next = 0
  const call = () => client.GET('/incidents/current/{incident_id}', { params: { path: { incident_id: incidentIds[next++ % incidentIds.length]! } } })
  const load = async () => {
    const run = await runConcurrentCalls({ workers: settings.workers, durationSeconds: settings.durationSeconds, call })
    if (run.failure !== undefined) throw new Error(`GET /incidents/current/:id: ${run.failure}`)
    return run.summary
  }
  log(`GET /incidents/current/:id, ${settings.workers} in flight for ${settings.durationSeconds} s, alone`)
  const alone = await load()
  log('the same while verifications run back to back')
  const state = { verifying: true, during: 0 }
  const verifications = (async () => {
    while (state.verifying) {
      await app.currentIncidentsVerifier.verify(organizationId)
      state.during++
    }
  })()
  const contended = await load()
  state.verifying = false
  await verifications
  const during = state.during

  return {
    incidents: settings.incidents,
    verification: { runs: times.length, ...summarize(times), statements: Math.min(...perVerification) },
    reads_alone: alone,
    reads_while_verifying: { ...contended, verifications: during }
  }
}

function format (report: Awaited<ReturnType<typeof main>>): string {
  const { verification: v, reads_alone: a, reads_while_verifying: w } = report
  return [
    `verification of ${report.incidents} incidents: p50 ${ms(v.p50_ms)}, p99 ${ms(v.p99_ms)}, max ${ms(v.max_ms)} over ${v.runs} runs; ${v.statements} PostgreSQL statements each`,
    `GET /incidents/current/:id alone: p50 ${ms(a.p50_ms)}, p99 ${ms(a.p99_ms)}, ${a.requests} requests`,
    `GET /incidents/current/:id during ${w.verifications} back-to-back verifications: p50 ${ms(w.p50_ms)}, p99 ${ms(w.p99_ms)}, max ${ms(w.max_ms)}, ${w.requests} requests`
  ].join('\n')
}

await runBenchmark(main, format)
