/*
 * Serving the cache at the machine's floor: incidents-api's cached reads against floor-server.ts,
 * each a process of its own with default settings (LOG_LEVEL info, to a file), loaded by wrk.
 * Prints p50/p99 at 1 and 32 connections, req/s and the ratios to the floor; fails only on an
 * answer that is not 2xx or 304.
 *   pnpm --filter @incident-intel/bench bench:serving [--quick] [--json]
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { createIncidentsClient } from '@incident-intel/sdk'
import { UNREACHED_RATE_LIMITS, testRedisUrl, type Teardowns } from '@incident-intel/test-support'
import { documentsKey } from '@incident-intel/incidents-api/cache/cache-keys'
import { runWrk, type LoadRequest, type LoadResult } from './wrk-runner.js'
import { log } from '../log.js'
import { count, ms, table } from '../report/format.js'
import { seedOneOrganization } from '../seed.js'
import { runBenchmark } from '../run-benchmark.js'
import { rebuildCaches } from '../services.js'
import { startProcess } from '../start-process.js'

const FULL = { incidents: 3000, durationSeconds: 8, bulkBodies: 300 }
const QUICK = { incidents: 300, durationSeconds: 1, bulkBodies: 30 }
const CONNECTIONS = [1, 32]
// 32 lists of 12 MB at once only measure the machine's memory bandwidth (and time out).
const LIST_CONNECTIONS = 4
const SETTLE_MS = 1000

/** `many`: the many-connections run's count when not 32 (the whole list is megabytes per answer). */
interface Scenario { name: string, origin: 'service' | 'floor', requests: LoadRequest[], many?: number }

/** How each encoding and level does on the organization list's bytes: the level in the route comes from this. */
function measureCompression (body: Buffer) {
  const candidates = [
    ...[1, 3, 6].map(level => ({ encoding: `gzip ${level}`, compress: () => gzipSync(body, { level }) })),
    ...[1, 4].map(quality => ({ encoding: `br ${quality}`, compress: () => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: quality } }) }))
  ]
  return candidates.map(({ encoding, compress }) => {
    // The best of three: the first pays for warming up.
    const runs = [1, 2, 3].map(() => {
      const start = performance.now()
      return { bytes: compress().length, ms: performance.now() - start }
    })
    const bytes = runs[0]!.bytes
    return { encoding, ms: Math.min(...runs.map(run => run.ms)), bytes, ratio: body.length / bytes }
  })
}

async function main (quick: boolean, teardowns: Teardowns) {
  const settings = quick ? QUICK : FULL
  const directory = await mkdtemp(join(tmpdir(), 'serving-bench-'))
  teardowns.teardown(() => rm(directory, { recursive: true, force: true }))
  const { url, prefix, organizationId, incidentIds } = await seedOneOrganization(teardowns, settings.incidents)

  log('starting incidents-api and the floor server, each a process of its own')
  const service = await startProcess(teardowns, 'incidents-api', [fileURLToPath(new URL('../../../services/incidents-api/dist/server.js', import.meta.url))],
    // Default settings but the rate limits' budgets: wrk is one caller at tens of thousands of calls a
    // minute. The limiter still counts every call, as it would for real callers.
    { DATABASE_URL: url, REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix, ...UNREACHED_RATE_LIMITS }, directory)
  const floor = await startProcess(teardowns, 'floor-server', ['--import', 'tsx', fileURLToPath(new URL('floor-server.ts', import.meta.url))],
    { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix, DOCUMENTS_KEY: documentsKey(organizationId) }, directory)

  await rebuildCaches(createIncidentsClient({ baseUrl: service }), [organizationId])

  log('reading every document once: the ETags for the 304 runs')
  const etags: string[] = []
  for (const incidentId of incidentIds) {
    const response = await fetch(`${service}/incidents/current/${incidentId}`)
    await response.arrayBuffer()
    if (response.status !== 200 || response.headers.get('x-cache') !== 'hit') throw new Error(`${incidentId}: HTTP ${response.status} x-cache ${response.headers.get('x-cache')}`)
    etags.push(response.headers.get('etag')!)
  }
  const listPath = `/incidents/current?organization_id=${organizationId}`
  const listed = await fetch(`${service}${listPath}`)
  const listBody = Buffer.from(await listed.arrayBuffer())
  const listTag = listed.headers.get('etag')!
  if (listed.status !== 200 || listTag === null) throw new Error(`list: HTTP ${listed.status}, etag ${listTag}`)
  const compression = measureCompression(listBody)

  // A fixed pseudo-random pick (a linear congruential step), the same on every run.
  let seed = 1
  const pick = () => incidentIds[(seed = (seed * 48271) % 2147483647) % incidentIds.length]!
  const bulk = (size: number): LoadRequest[] => Array.from({ length: settings.bulkBodies }, () => ({
    method: 'POST',
    path: '/incidents/current/bulk',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ incident_ids: Array.from({ length: size }, pick) })
  }))
  const scenarios: Scenario[] = [
    { name: 'floor: HGET, stored bytes sent', origin: 'floor', requests: incidentIds.map(id => ({ method: 'GET', path: `/floor/${id}` })) },
    { name: 'GET /incidents/current/:id (hit)', origin: 'service', requests: incidentIds.map(id => ({ method: 'GET', path: `/incidents/current/${id}` })) },
    {
      name: 'GET /incidents/current/:id (304)',
      origin: 'service',
      requests: incidentIds.map((id, i) => ({ method: 'GET', path: `/incidents/current/${id}`, headers: { 'if-none-match': etags[i]! } }))
    },
    ...[1, 10, 100].map(size => ({ name: `POST /incidents/current/bulk (${size})`, origin: 'service' as const, requests: bulk(size) })),
    { name: 'GET /incidents/current (304)', origin: 'service', requests: [{ method: 'GET', path: listPath, headers: { 'if-none-match': listTag } }] },
    { name: `GET /incidents/current (${incidentIds.length} documents)`, origin: 'service', requests: [{ method: 'GET', path: listPath }], many: LIST_CONNECTIONS },
    { name: 'GET /incidents/current (gzip)', origin: 'service', requests: [{ method: 'GET', path: listPath, headers: { 'accept-encoding': 'gzip' } }], many: LIST_CONNECTIONS },
    { name: 'GET /incidents/current (br)', origin: 'service', requests: [{ method: 'GET', path: listPath, headers: { 'accept-encoding': 'br' } }], many: LIST_CONNECTIONS }
  ]

  const results: Array<{ name: string, runs: LoadResult[] }> = []
  for (const scenario of scenarios) {
    const runs: LoadResult[] = []
    for (const connections of [1, scenario.many ?? 32]) {
      log(`${scenario.name}, ${connections} connection(s), ${settings.durationSeconds} s`)
      const result = await runWrk(directory, scenario.origin === 'floor' ? floor : service, scenario.requests, connections, settings.durationSeconds)
      if (result.errors > 0) throw new Error(`${scenario.name} at ${connections}: ${result.errors} answers not 2xx/304 or socket errors`)
      runs.push(result)
      // What the last run left in flight (a list of megabytes per connection) is not the next one's.
      await new Promise(resolve => setTimeout(resolve, SETTLE_MS))
    }
    results.push({ name: scenario.name, runs })
  }
  return {
    settings: { ...settings, connections: CONNECTIONS, list_connections: LIST_CONNECTIONS },
    list_bytes: listBody.length,
    compression,
    results
  }
}

type Report = Awaited<ReturnType<typeof main>>

function format (report: Report): string {
  const floor = report.results[0]!.runs.find(run => run.connections === 32)!
  return [
    table(['server, route', '1 connection p50', 'p99', '32 connections req/s', 'p50', 'p99', 'req/s ÷ floor\'s'], report.results.map(({ name, runs: [one, many] }) => [
      name, ms(one!.p50_ms), ms(one!.p99_ms), `${count(many!.requests_per_second)}${many!.connections === 32 ? '' : ` (at ${many!.connections})`}`,
      ms(many!.p50_ms), ms(many!.p99_ms), (many!.requests_per_second / floor.requests_per_second).toFixed(2)])),
    '', `The organization list: ${(report.list_bytes / 1e6).toFixed(1)} MB of JSON; each encoding once over it, in this process:`, '',
    table(['encoding', 'ms', 'bytes', 'ratio'], report.compression.map(c => [c.encoding, c.ms.toFixed(1), count(c.bytes), c.ratio.toFixed(1)]))
  ].join('\n')
}

await runBenchmark(main, format)
