/*
 * The sender's read: GET /incidents/current/:id (cache hit) against the incident GET with the
 * recursive walk it used to make, on one organization of 3,000 current incidents; the
 * organization-wide LATERAL query; the commit-to-cache lag. Prints numbers, asserts none.
 *   pnpm --filter @incident-intel/bench bench:incidents-api [--quick] [--json]
 * Runs in a private database and Redis key prefix, dropped at the end.
 */
import { Redis } from 'ioredis'
import { createIncidentsClient } from '@incident-intel/sdk'
import {
  createTestDatabase, createTestRedis, runConcurrentCalls, timeSequentialCalls,
  type CallsSummary, type ConcurrentCallsSummary, type TimedCall, type Teardowns
} from '@incident-intel/test-support'
import { buildApp } from '@incident-intel/incidents-api'
import { versionsKey } from '@incident-intel/incidents-api/cache/cache-keys'
import { loadIncidentsConfig } from '@incident-intel/incidents-api/config'
import { findOrganizationDocuments } from '@incident-intel/incidents-api/sql/incident-documents'
import type { CurrentIncidentDocument } from '@incident-intel/incidents-api/cache/document-codec'
import type { CanonicalUuid } from '@incident-intel/schemas'
import { measureEncodings } from './document-encoding.js'
import { seedOrganization } from './seed-organization.js'
import { log } from '../log.js'
import { runBenchmark } from '../run-benchmark.js'

const FULL = { incidents: 3000, durationSeconds: 10, connections: 10, lateralRuns: 30, lagChanges: 300, encodingIterations: 5000, sequentialRequests: 2000 }
const QUICK = { incidents: 300, durationSeconds: 1, connections: 4, lateralRuns: 3, lagChanges: 20, encodingIterations: 200, sequentialRequests: 100 }

function percentile (sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)]!
}

function summary (samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  return { runs: sorted.length, min_ms: sorted[0]!, p50_ms: percentile(sorted, 50), p99_ms: percentile(sorted, 99), max_ms: sorted.at(-1)! }
}

async function main (quick: boolean, teardowns: Teardowns) {
  const settings = quick ? QUICK : FULL
  const { pool, url } = await createTestDatabase(teardowns, { poolSize: 4 })
  const { prefix } = await createTestRedis(teardowns)
  log(`seeding one organization of ${settings.incidents} current incidents`)
  const seedStarted = performance.now()
  const { organizationId, incidentIds } = await seedOrganization(pool, settings.incidents)
  const seedMs = performance.now() - seedStarted

  const config = loadIncidentsConfig({ DATABASE_URL: url, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'silent', REDIS_URL: process.env.TEST_REDIS_URL })
  const app = await buildApp({ config, logger: false })
  teardowns.teardown(() => app.close())
  const origin = await app.listen({ host: '127.0.0.1', port: 0 })
  const client = createIncidentsClient({ baseUrl: origin })

  log('rebuilding the cache')
  const rebuildStarted = performance.now()
  const rebuilt = await client.POST('/incidents/current/rebuild', { body: { organization_id: organizationId } })
  const rebuildMs = performance.now() - rebuildStarted
  if (rebuilt.data === undefined) throw new Error(`rebuild: HTTP ${rebuilt.response.status} ${JSON.stringify(rebuilt.error)}`)

  let next = 0
  const nextId = () => incidentIds[next++ % incidentIds.length]!
  const readCached = (incidentId: string) => client.GET('/incidents/current/{incident_id}', { params: { path: { incident_id: incidentId } } })
  const readWalked = (incidentId: string) => client.GET('/incidents/{incident_id}', {
    params: {
      path: { incident_id: incidentId },
      query: { get_recursive_dependencies: true, recursive_dependency_type: 'dependents', recursive_record_types: ['intel_requests'] }
    }
  })

  log('checking that the cached route hits and both routes answer 200')
  for (const id of incidentIds.slice(0, 20)) {
    const hit = await readCached(id)
    const walk = await readWalked(id)
    if (hit.response.status !== 200 || hit.response.headers.get('x-cache') !== 'hit' || walk.response.status !== 200) {
      throw new Error(`unexpected answers: ${hit.response.status} x-cache ${hit.response.headers.get('x-cache')}, ${walk.response.status}`)
    }
  }

  // Every answer's status is checked: the first one not 2xx (or a failed call) fails the benchmark.
  const load = async (name: string, call: TimedCall) => {
    const run = await runConcurrentCalls({ workers: settings.connections, durationSeconds: settings.durationSeconds, call })
    if (run.failure !== undefined) throw new Error(`${name} under load: ${run.failure}`)
    return run.summary
  }
  const alone = async (name: string, call: TimedCall) => {
    const run = await timeSequentialCalls({ requests: settings.sequentialRequests, call })
    if (run.failure !== undefined) throw new Error(`${name} one at a time: ${run.failure}`)
    return run.summary
  }
  const cachedCall = () => readCached(nextId())
  const walkCall = () => readWalked(nextId())
  // One request at a time shows a request's own latency; several concurrent ones, the service under load.
  log(`GET /incidents/current/:id: ${settings.sequentialRequests} requests one at a time, then ${settings.connections} at a time for ${settings.durationSeconds} s`)
  const cachedAlone = await alone('GET /incidents/current/:id', cachedCall)
  const cached = await load('GET /incidents/current/:id', cachedCall)
  log('GET /incidents/:id with the recursive walk: the same')
  const walkedAlone = await alone('GET /incidents/:id (recursive)', walkCall)
  const walked = await load('GET /incidents/:id (recursive)', walkCall)

  log(`the organization-wide LATERAL query, ${settings.lateralRuns} runs`)
  const lateral: number[] = []
  let rows = 0
  for (let run = 0; run < settings.lateralRuns; run++) {
    const queryStarted = performance.now()
    rows = (await findOrganizationDocuments(pool, organizationId)).length
    lateral.push(performance.now() - queryStarted)
  }

  log('encoding the cached documents each way')
  const list = await client.GET('/incidents/current', { params: { query: { organization_id: organizationId } } })
  if (list.data === undefined) throw new Error(`GET /incidents/current: HTTP ${list.response.status} ${JSON.stringify(list.error)}`)
  // The SDK types ids as plain strings; these are the cache's own documents.
  const encodings = await measureEncodings(list.data.incidents as CurrentIncidentDocument[], settings.encodingIterations)

  log(`commit-to-cache lag over ${settings.lagChanges} changes written in SQL by another client`)
  const lag = await measureLag(pool, config.REDIS_URL, prefix, organizationId, incidentIds, settings.lagChanges)

  return {
    mode: quick ? 'quick' : 'full',
    incidents: settings.incidents,
    seed_ms: Math.round(seedMs),
    rebuild: { documents: rebuilt.data.documents, ms: Math.round(rebuildMs) },
    connections: settings.connections,
    http: { cached_alone: cachedAlone, walked_alone: walkedAlone, cached, walked, ratio_rps: cached.requests_per_second / walked.requests_per_second, ratio_p50: walked.p50_ms / cached.p50_ms },
    lateral_query: { rows, ...summary(lateral) },
    commit_to_cache_lag: summary(lag),
    encodings
  }
}

/** For each change: commit an edit, then poll Redis (1 ms) until the incident's version moves. */
async function measureLag (pool: import('pg').Pool, redisUrl: string, prefix: string, organizationId: CanonicalUuid, incidentIds: CanonicalUuid[], changes: number): Promise<number[]> {
  const redis = new Redis(redisUrl, { keyPrefix: prefix })
  const lags: number[] = []
  try {
    for (let i = 0; i < changes; i++) {
      const incidentId = incidentIds[(i * 7919) % incidentIds.length]!
      const before = Number(await redis.hget(versionsKey(organizationId), incidentId))
      await pool.query('update incidents.incidents set title = $2 where incident_id = $1', [incidentId, `Edited ${i}`])
      const committed = performance.now()
      while (Number(await redis.hget(versionsKey(organizationId), incidentId)) <= before) {
        if (performance.now() - committed > 10000) throw new Error(`change ${i} did not reach the cache within 10 s`)
        await new Promise(resolve => setTimeout(resolve, 1))
      }
      lags.push(performance.now() - committed)
      await new Promise(resolve => setTimeout(resolve, 5))
    }
  } finally {
    redis.disconnect()
  }
  return lags
}

function format (report: Awaited<ReturnType<typeof main>>): string {
  const ms = (value: number) => value.toFixed(2)
  const http = (name: string, connections: number, r: ConcurrentCallsSummary) =>
    `| ${name} | ${connections} | ${ms(r.p50_ms)} | ${ms(r.p99_ms)} | ${Math.round(r.requests_per_second)} | ${r.requests} | ${r.errors + r.non_2xx} |`
  const sequential = (name: string, r: CallsSummary) =>
    `| ${name} | 1, one at a time | ${ms(r.p50_ms)} | ${ms(r.p99_ms)} | | ${r.requests} | ${r.errors + r.non_2xx} |`
  return [
    `incidents-api benchmark (${report.mode}): one organization of ${report.incidents} current incidents`,
    `seed ${report.seed_ms} ms; rebuild of ${report.rebuild.documents} documents ${report.rebuild.ms} ms`,
    '',
    '| route | connections | p50 ms | p99 ms | req/s | requests | errors |',
    '|---|---|---|---|---|---|---|',
    sequential('GET /incidents/current/:id (cache hit)', report.http.cached_alone),
    sequential('GET /incidents/:id + recursive dependents (intel_requests)', report.http.walked_alone),
    http('GET /incidents/current/:id (cache hit)', report.connections, report.http.cached),
    http('GET /incidents/:id + recursive dependents (intel_requests)', report.connections, report.http.walked),
    '',
    `cached/walk: one at a time ${(report.http.walked_alone.p50_ms / report.http.cached_alone.p50_ms).toFixed(1)}x lower p50; at ${report.connections} connections ${report.http.ratio_rps.toFixed(1)}x the requests per second`,
    `organization-wide LATERAL query (${report.lateral_query.rows} rows): p50 ${ms(report.lateral_query.p50_ms)} ms, p99 ${ms(report.lateral_query.p99_ms)} ms, min ${ms(report.lateral_query.min_ms)} ms over ${report.lateral_query.runs} runs`,
    `commit-to-cache lag (${report.commit_to_cache_lag.runs} changes in SQL): p50 ${ms(report.commit_to_cache_lag.p50_ms)} ms, p99 ${ms(report.commit_to_cache_lag.p99_ms)} ms, max ${ms(report.commit_to_cache_lag.max_ms)} ms`,
    '',
    '| document encoding | any reader | bytes | encode µs (p50) | decode µs (p50) |',
    '|---|---|---|---|---|',
    ...report.encodings.map(e => `| ${e.encoding} | ${e.portable ? 'yes' : 'msgpackr only'} | ${e.bytes_per_document} | ${e.encode_us.toFixed(1)} | ${e.decode_us.toFixed(1)} |`)
  ].join('\n')
}

await runBenchmark(main, format)
